"""The SQLite store: private files, migrations, integrity check, network filesystems, backups."""

from __future__ import annotations

import shutil
import sqlite3
import stat
import threading
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from desk.core.errors import StoreError
from desk.core.requests import open_log
from desk.core.requests.files import filesystem_type, parse_mountinfo
from desk.core.requests.models import RequestFilter
from desk.core.requests.sqlite import client_index
from desk.core.requests.sqlite import store as sqlite_store
from desk.core.requests.sqlite.schema import MIGRATIONS, SCHEMA_VERSION, migrate
from desk.core.requests.sqlite.store import SqliteStore
from desk.core.requests.workflow import RequestLog

MOUNTINFO = """\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
40 22 0:35 / /srv/office\\040share rw,relatime shared:20 - {fstype} //nas/share rw
41 22 0:36 / /home rw,relatime shared:21 - xfs /dev/sda2 rw
"""


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _populate(log: RequestLog, requests: int = 2) -> None:
    log.add_staff(staff_id="ann", name="Ann Front")
    log.add_counselor(counselor_id="jdoe", name="Jane Doe", email="jane@example.org")
    for n in range(requests):
        log.add_request(client=f"Client Number{n}", counselor_id="jdoe", staff_id="ann")


def test_files_are_owner_only(tmp_path: Path, clock: Any) -> None:
    """Folder, database, WAL, shared memory, anchor and backups are readable by the owner only."""
    folder = tmp_path / "data"
    with open_log(folder, clock=clock) as log:
        _populate(log)
        clock.advance(days=1)
        assert log.backup_if_due() is not None
        assert _mode(folder) == 0o700
        assert _mode(folder / "backups") == 0o700
        for name in (
            "desk-log.sqlite3",
            "desk-log.sqlite3-wal",
            "desk-log.sqlite3-shm",
            "desk-log.anchor",
        ):
            assert _mode(folder / name) == 0o600, name
        backups = list((folder / "backups").iterdir())
        assert backups
        for path in backups:
            assert _mode(path) == 0o600, path.name


def test_fresh_file_migrates_from_version_zero(tmp_path: Path, clock: Any) -> None:
    """An empty file at user_version 0 is brought to the newest schema."""
    folder = tmp_path / "data"
    folder.mkdir()
    sqlite3.connect(folder / "desk-log.sqlite3").close()
    with open_log(folder, clock=clock) as log:
        _populate(log)
        assert log.count(RequestFilter()) == 2
    with closing(sqlite3.connect(folder / "desk-log.sqlite3")) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


@pytest.fixture(params=["fts5", "word table"])
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Client search with SQLite's FTS5, and the fallback for Pythons built without it."""
    if request.param == "word table":
        monkeypatch.setattr(client_index, "fts5_available", lambda conn: False)
    return str(request.param)


def _drop_schema_three(conn: sqlite3.Connection, backend: str) -> None:
    """Undo schema 3 on an open connection, leaving the log as schema 2 left it."""
    if backend == "fts5":
        conn.execute("DROP TABLE request_search")
        conn.execute("DROP VIEW request_search_rows")
        client_index.create_v2(conn)
    conn.execute("DROP TABLE request_time_breaks")
    conn.execute("PRAGMA user_version = 2")


def test_step_migration_backfills_search(tmp_path: Path, clock: Any, backend: str) -> None:
    """A version-1 log gains the search index for the requests it already holds."""
    folder = tmp_path / "data"
    with open_log(folder, clock=clock) as log:
        _populate(log, requests=3)
    db = folder / "desk-log.sqlite3"
    table = "client_fts" if backend == "fts5" else "client_words"
    with closing(sqlite3.connect(db, isolation_level=None)) as conn:
        _drop_schema_three(conn, backend)
        for sql in (
            "DROP INDEX requests_by_time",
            "DROP INDEX requests_by_status",
            "DROP INDEX requests_by_counselor",
            f"DROP TABLE {table}",
            "PRAGMA user_version = 1",
        ):
            conn.execute(sql)
    with open_log(folder, clock=clock) as log:
        assert log.count(RequestFilter(client="numb")) == 3
        assert log.count(RequestFilter(client="number1")) == 1
        assert log.verify(deep=True).ok


def test_schema_two_log_gains_filters_in_search(tmp_path: Path, clock: Any, backend: str) -> None:
    """A version-2 log is upgraded in place: search by status and counselor, time order kept."""
    folder = tmp_path / "data"
    with open_log(folder, clock=clock) as log:
        _populate(log, requests=3)
        log.add_counselor(counselor_id="rroe", name="Rae Roe", email="rae@example.org")
        clock.advance(hours=-2)  # the clock was set back before the last request
        log.add_request(client="Client Late", counselor_id="rroe", staff_id="ann")
        log.approve("R-000002", by="jdoe", staff_id="ann", how="phone")
    with closing(sqlite3.connect(folder / "desk-log.sqlite3", isolation_level=None)) as conn:
        _drop_schema_three(conn, backend)
    with open_log(folder, clock=clock) as log:
        assert log.count(RequestFilter(client="client", status="approved")) == 1
        assert log.count(RequestFilter(client="client", counselor_id="rroe")) == 1
        assert log.count(RequestFilter(status="pending", counselor_id="jdoe")) == 2
        assert log.verify(deep=True).ok
    with closing(sqlite3.connect(folder / "desk-log.sqlite3")) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("SELECT num FROM request_time_breaks").fetchall() == [(4,)]


def test_migrations_run_one_step_at_a_time(tmp_path: Path) -> None:
    """Each step records its version, so a later step can start from any earlier one."""
    with closing(sqlite3.connect(tmp_path / "x.sqlite3", isolation_level=None)) as conn:
        assert migrate(conn, path=tmp_path, steps=MIGRATIONS[:1]) == 1
        assert migrate(conn, path=tmp_path) == len(MIGRATIONS)


def test_newer_schema_is_refused(tmp_path: Path, clock: Any) -> None:
    """A log written by a newer Desk is not opened (and not changed)."""
    folder = tmp_path / "data"
    folder.mkdir()
    with closing(sqlite3.connect(folder / "desk-log.sqlite3")) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    with pytest.raises(StoreError, match="newer version of Desk"):
        open_log(folder, clock=clock)


def _filled(tmp_path: Path, clock: Any) -> Path:
    folder = tmp_path / "data"
    with open_log(folder, clock=clock) as log:
        _populate(log, requests=200)
    db = folder / "desk-log.sqlite3"
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


def test_damage_fails_quick_check(tmp_path: Path, clock: Any) -> None:
    """Damage the integrity check finds is reported at open, naming the file and the backups."""
    db = _filled(tmp_path, clock)
    with open(db, "r+b") as f:
        f.seek(36)  # the header's count of free pages
        f.write((7).to_bytes(4, "big"))
    with pytest.raises(StoreError) as caught:
        open_log(db.parent, clock=clock)
    message = str(caught.value)
    assert message.startswith(f"{db} failed its integrity check (")
    assert "freelist" in message
    assert "\n" not in message
    assert str(db.parent / "backups") in message


def test_overwritten_page_is_refused(tmp_path: Path, clock: Any) -> None:
    """A page overwritten with junk stops the open with a message naming the file."""
    db = _filled(tmp_path, clock)
    with closing(sqlite3.connect(db)) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    assert pages > 8
    with open(db, "r+b") as f:
        f.seek(page_size * (pages - 3))
        f.write(b"\xff" * page_size)
    with pytest.raises(StoreError) as caught:
        open_log(db.parent, clock=clock)
    message = str(caught.value)
    assert str(db) in message
    assert "backup" in message
    assert "Number" not in message


def test_not_a_database_is_refused(tmp_path: Path, clock: Any) -> None:
    """A file that is not SQLite at all gives a clear StoreError naming it."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "desk-log.sqlite3").write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match=r"desk-log\.sqlite3"):
        open_log(folder, clock=clock)


@pytest.mark.parametrize("fstype", ["nfs4", "cifs", "smb3", "fuse.sshfs", "9p", "davfs"])
def test_network_filesystem_is_refused(tmp_path: Path, clock: Any, fstype: str) -> None:
    """A data folder on a network share is refused with the reason and the way forward."""
    folder = Path("/srv/office share/desk")
    with pytest.raises(StoreError) as caught:
        SqliteStore.open(folder, clock=clock, mountinfo=lambda: MOUNTINFO.format(fstype=fstype))
    message = str(caught.value)
    assert fstype in message
    assert "locking" in message
    assert "server database" in message
    assert not folder.exists()


def test_local_filesystem_is_accepted(tmp_path: Path, clock: Any) -> None:
    """A folder on a local filesystem opens even when a network share is mounted elsewhere."""
    mountinfo = MOUNTINFO.format(fstype="nfs4").replace("/home", str(tmp_path))
    store = SqliteStore.open(tmp_path / "data", clock=clock, mountinfo=lambda: mountinfo)
    store.close()


def test_mountinfo_longest_match() -> None:
    """The innermost mount decides, and escaped spaces in mount points are understood."""
    mounts = parse_mountinfo(MOUNTINFO.format(fstype="cifs"))
    assert filesystem_type(Path("/srv/office share/x"), mounts) == "cifs"
    assert filesystem_type(Path("/srv/office"), mounts) == "ext4"
    assert filesystem_type(Path("/home/ann"), mounts) == "xfs"


def test_backup_once_a_day_and_rotated(tmp_path: Path, clock: Any) -> None:
    """One backup per day at most, the newest few kept, each a verifiable log."""
    folder = tmp_path / "data"
    store = SqliteStore.open(folder, clock=clock, keep_backups=3)
    log = RequestLog(store, clock=clock, workstation="front-1")
    _populate(log)
    backups = folder / "backups"
    assert len(list(backups.glob("*.sqlite3"))) == 1
    assert log.backup_if_due() is None
    for _ in range(4):
        clock.advance(days=1)
        assert log.backup_if_due() is not None
        assert log.backup_if_due() is None
    log.close()
    names = sorted(p.name for p in backups.glob("*.sqlite3"))
    assert names == [
        "desk-log-2026-11-04.sqlite3",
        "desk-log-2026-11-05.sqlite3",
        "desk-log-2026-11-06.sqlite3",
    ]
    assert sorted(p.name for p in backups.glob("*.anchor")) == [
        n.replace(".sqlite3", ".anchor") for n in names
    ]
    restored = tmp_path / "restored"
    restored.mkdir()
    shutil.copy(backups / names[-1], restored / "desk-log.sqlite3")
    shutil.copy(backups / names[-1].replace(".sqlite3", ".anchor"), restored / "desk-log.anchor")
    with open_log(restored, clock=clock) as copy:
        assert copy.verify().ok
        assert copy.count(RequestFilter()) == 2


def test_open_takes_the_days_backup(tmp_path: Path, clock: Any) -> None:
    """Opening the log on a new day writes that day's backup; reopening the same day does not."""
    folder = tmp_path / "data"
    open_log(folder, clock=clock).close()
    open_log(folder, clock=clock).close()
    assert len(list((folder / "backups").glob("*.sqlite3"))) == 1
    clock.advance(days=1)
    open_log(folder, clock=clock).close()
    assert len(list((folder / "backups").glob("*.sqlite3"))) == 2


def test_busy_database_is_a_clear_error(
    tmp_path: Path, clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write blocked by another program's lock fails with a message, writing nothing."""
    monkeypatch.setattr(sqlite_store, "BUSY_TIMEOUT_MS", 50)
    folder = tmp_path / "data"
    with open_log(folder, clock=clock) as log:
        _populate(log, requests=0)
        before = log.head()
        with closing(sqlite3.connect(folder / "desk-log.sqlite3", isolation_level=None)) as other:
            other.execute("BEGIN IMMEDIATE")
            with pytest.raises(StoreError, match="busy"):
                log.add_staff(staff_id="bo", name="Bo")
            other.execute("ROLLBACK")
        assert log.head() == before
        log.add_staff(staff_id="bo", name="Bo")


def test_reads_from_another_thread(tmp_path: Path, clock: Any) -> None:
    """The window may page from a worker thread while the GUI thread writes."""
    with open_log(tmp_path / "data", clock=clock) as log:
        _populate(log, requests=1)
        errors: list[BaseException] = []

        def reader() -> None:
            try:
                for _ in range(50):
                    log.page(RequestFilter(), offset=0, limit=20)
                    log.count(RequestFilter(client="client"))
            except BaseException as err:  # pragma: no cover - reported below
                errors.append(err)

        worker = threading.Thread(target=reader)
        worker.start()
        for n in range(20):
            log.add_request(client=f"Thread Client{n}", counselor_id="jdoe", staff_id="ann")
        worker.join()
        assert errors == []
        assert log.count(RequestFilter()) == 21
        assert log.verify().ok


SEARCH_CASES = [
    ("sm", {"Mary Smith", "Ann-Marie Smythe"}),
    ("MARIE sm", {"Ann-Marie Smythe"}),
    ("sm marie", {"Ann-Marie Smythe"}),
    ("jose alv", {"José Álvarez"}),
    ("JOSÉ", {"José Álvarez"}),
    ("o'b", {"Seán O'Brien"}),
    ("obrien", set()),
    ("mith", set()),
    ("m", {"Mary Smith", "Ann-Marie Smythe"}),
    ("zz", set()),
]


@pytest.mark.parametrize("dense", [False, True])
def test_client_search(
    tmp_path: Path, clock: Any, backend: str, dense: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every typed word must start some word of the name, ignoring case and accents."""
    if dense:
        monkeypatch.setattr(client_index, "DENSE", 0)
    names = ["Mary Smith", "José Álvarez", "Ann-Marie Smythe", "Seán O'Brien", "Li Wei"]
    with open_log(tmp_path / "data", clock=clock) as log:
        _populate(log, requests=0)
        for name in names:
            log.add_request(client=name, counselor_id="jdoe", staff_id="ann")
            clock.advance(hours=1)
        for text, expected in SEARCH_CASES:
            flt = RequestFilter(client=text)
            found = log.page(flt, offset=0, limit=10)
            assert {r.client for r in found} == expected, text
            assert log.count(flt) == len(expected), text
            assert [r.requested_at for r in found] == sorted(
                (r.requested_at for r in found), reverse=True
            )
        assert log.count(RequestFilter(client="  !! ")) == len(names)
        pending = RequestFilter(client="sm", status="pending", counselor_id="jdoe")
        assert log.count(pending) == 2
        assert len(log.page(pending, offset=1, limit=5)) == 1
        assert log.verify().ok


def test_damaged_search_index_is_reported(tmp_path: Path, clock: Any, backend: str) -> None:
    """If the search index no longer matches the names, the deep verify says so."""
    folder = tmp_path / "data"
    with open_log(folder, clock=clock) as log:
        _populate(log, requests=2)
    with closing(sqlite3.connect(folder / "desk-log.sqlite3", isolation_level=None)) as conn:
        if backend == "fts5":
            conn.execute(
                "INSERT INTO request_search(request_search, rowid, client, status, counselor_key) "
                "VALUES ('delete', 1, 'Client Number0', 'pending', ?)",
                (client_index.counselor_key("jdoe"),),
            )
        else:
            conn.execute("DELETE FROM client_words WHERE num = 1")
    with open_log(folder, clock=clock) as log:
        assert log.verify().ok  # the index is derived state: only the deep check reads it
        report = log.verify(deep=True)
    assert report.problem == "the client search index does not match the requests"


def test_edited_time_order_record_is_reported(tmp_path: Path, clock: Any) -> None:
    """Hiding that a request was recorded out of time order is caught by the deep verify."""
    folder = tmp_path / "data"
    with open_log(folder, clock=clock) as log:
        _populate(log, requests=2)
        clock.advance(minutes=-5)
        log.add_request(client="Client Early", counselor_id="jdoe", staff_id="ann")
        assert log.verify(deep=True).ok
    with closing(sqlite3.connect(folder / "desk-log.sqlite3", isolation_level=None)) as conn:
        conn.execute("DELETE FROM request_time_breaks")
    with open_log(folder, clock=clock) as log:
        report = log.verify(deep=True)
    assert report.problem == "the record of requests out of time order does not match the requests"


def test_batch_commits_once_and_anchors(tmp_path: Path, clock: Any) -> None:
    """A batch of appends lands together, anchored, and verifies like single writes."""
    folder = tmp_path / "data"
    store = SqliteStore.open(folder, clock=clock, backup=False)
    log = RequestLog(store, clock=clock, workstation="front-1")
    _populate(log, requests=0)
    with store.batch():
        for n in range(50):
            log.add_request(client=f"Batch Client{n}", counselor_id="jdoe", staff_id="ann")
    assert log.count(RequestFilter(client="batch")) == 50
    head = log.head()
    assert head is not None
    assert (folder / "desk-log.anchor").read_text().find(head.hash) > 0
    with pytest.raises(RuntimeError), store.batch():
        log.add_request(client="Undone Client", counselor_id="jdoe", staff_id="ann")
        raise RuntimeError("stop")
    assert log.head() == head
    assert log.verify().ok
    log.close()
