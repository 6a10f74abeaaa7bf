"""Daily backups keep good copies: never of a log that fails its checks, never a failed open."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from tamper import attacker, rehash_from

from desk.core.requests import open_log
from desk.core.requests.anchor import read_anchor, write_anchor
from desk.core.requests.models import Head, RequestFilter
from desk.core.requests.sqlite import store as sqlite_store
from desk.core.requests.sqlite.store import SqliteStore

CLIENT = "Pat Quinnell"


def _backups(folder: Path) -> list[str]:
    return sorted(p.name for p in (folder / "backups").glob("*.sqlite3"))


def _head_of(db: Path) -> Head | None:
    with closing(sqlite3.connect(db)) as conn:
        row = conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
    return Head(seq=row[0], hash=row[1]) if row else None


@pytest.fixture
def folder(tmp_path: Path, clock: Any) -> Path:
    """A log with a released request, closed, whose newest backup (day 1) holds all of it."""
    data = tmp_path / "data"
    with open_log(data, clock=clock, workstation="front-1") as log:
        log.add_staff(staff_id="ann", name="Ann Front")
        log.add_counselor(counselor_id="jdoe", name="Jane Doe", email="jane@example.org")
        rid = log.add_request(client=CLIENT, counselor_id="jdoe", staff_id="ann").id
        log.approve(rid, by="jdoe", staff_id="ann", how="phone")
        log.release(rid, staff_id="ann", method="phone", identity_verified=True)
        log.add_request(client="Olu Ade", counselor_id="jdoe", staff_id="ann")
        clock.advance(days=1)
        assert log.backup_if_due() is not None
    return data


def _open_each_day(folder: Path, clock: Any, days: int) -> None:
    for _ in range(days):
        clock.advance(days=1)
        open_log(folder, clock=clock).close()


def _restore(backup: Path, into: Path) -> Path:
    into.mkdir()
    shutil.copy(backup, into / "desk-log.sqlite3")
    shutil.copy(backup.with_suffix(".anchor"), into / "desk-log.anchor")
    return into


def test_tampered_log_is_not_backed_up_and_good_backups_stay(
    folder: Path, clock: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Newest events deleted: 15 days of opening write no backup and rotate none away."""
    good = _backups(folder)
    with attacker(folder) as conn:
        conn.execute("DELETE FROM events WHERE seq = (SELECT max(seq) FROM events)")
        conn.execute("DELETE FROM requests WHERE id = 'R-000002'")
    with caplog.at_level(logging.WARNING):
        _open_each_day(folder, clock, 15)
    assert _backups(folder) == good
    skipped = [r.getMessage() for r in caplog.records if "backup" in r.getMessage()]
    assert len(skipped) == 15
    assert all("anchor" in m and CLIENT not in m for m in skipped)
    restored = _restore(folder / "backups" / good[-1], tmp_path / "restored")
    with open_log(restored, clock=clock) as log:
        assert log.verify().ok
        assert log.get("R-000001").status == "released"
        assert log.count(RequestFilter()) == 2


def test_edit_after_the_last_backup_blocks_the_next_one(
    folder: Path, clock: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """An event edited in place (anchor untouched) fails the quick chain check: no backup."""
    with open_log(folder, clock=clock) as log:
        log.add_request(client="Lee Ade", counselor_id="jdoe", staff_id="ann")
        log.add_request(client="Kim Ade", counselor_id="jdoe", staff_id="ann")
    good = _backups(folder)
    with attacker(folder) as conn:
        seq = conn.execute("SELECT max(seq) - 1 FROM events").fetchone()[0]
        conn.execute(
            "UPDATE events SET payload = replace(payload, 'Lee', 'Lea') WHERE seq = ?", (seq,)
        )
    with caplog.at_level(logging.WARNING):
        _open_each_day(folder, clock, 2)
    assert _backups(folder) == good
    assert any(f"event {seq}" in r.getMessage() for r in caplog.records)


def test_rewritten_history_before_the_last_backup_blocks_the_next_one(
    folder: Path, clock: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """A forger who rehashes everything and rewrites the anchor no longer matches the backup."""
    good = _backups(folder)
    backup_head = read_anchor((folder / "backups" / good[-1]).with_suffix(".anchor"))
    assert backup_head is not None
    with attacker(folder) as conn:
        conn.execute(
            "UPDATE events SET payload = replace(payload, 'phone', 'written') WHERE seq = 4"
        )
        rehash_from(conn)
    head = _head_of(folder / "desk-log.sqlite3")
    assert head is not None
    write_anchor(folder / "desk-log.anchor", head)
    with caplog.at_level(logging.WARNING):
        _open_each_day(folder, clock, 1)
    assert _backups(folder) == good
    assert any(f"event {backup_head.seq}" in r.getMessage() for r in caplog.records)


def test_backup_anchor_is_the_live_anchor(folder: Path, clock: Any) -> None:
    """A backup's anchor is the live anchor as it stood, and matches the backup's newest event."""
    with closing(sqlite3.connect(folder / "desk-log.sqlite3")) as conn:
        seq, digest = conn.execute("SELECT seq, hash FROM events WHERE seq = 5").fetchone()
    write_anchor(folder / "desk-log.anchor", Head(seq=seq, hash=digest))  # one write behind
    _open_each_day(folder, clock, 1)
    newest = folder / "backups" / _backups(folder)[-1]
    live = (folder / "desk-log.anchor").read_bytes()
    assert newest.with_suffix(".anchor").read_bytes() == live
    assert read_anchor(newest.with_suffix(".anchor")) == _head_of(newest)


def test_failed_backup_is_a_warning_not_a_failed_open(
    folder: Path, clock: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """If today's backup cannot be written, the log still opens and the request is recorded."""
    shutil.rmtree(folder / "backups")
    (folder / "backups").write_text("not a folder")
    clock.advance(days=1)
    with caplog.at_level(logging.WARNING), open_log(folder, clock=clock) as log:
        log.add_request(client="Lee Ade", counselor_id="jdoe", staff_id="ann")
        assert log.count(RequestFilter()) == 3
    messages = [r.getMessage() for r in caplog.records]
    assert any("backup" in m for m in messages)
    assert not any("Lee Ade" in m or CLIENT in m for m in messages)


def test_stale_partial_backups_are_cleaned(folder: Path, clock: Any) -> None:
    """Half-written backups left by a crash are removed when the next backup is taken."""
    backups = folder / "backups"
    leftovers = [
        backups / ".desk-log-2026-11-04.sqlite3.partial",
        backups / ".desk-log-2026-11-04.sqlite3.partial-journal",
        backups / ".desk-log-2026-11-03.sqlite3.99999.1a2b3c4d.partial",
    ]
    for path in leftovers:
        path.write_bytes(b"half")
    before = _backups(folder)
    _open_each_day(folder, clock, 1)
    assert [p.name for p in backups.iterdir() if "partial" in p.name] == []
    assert len(_backups(folder)) == len(before) + 1


def test_busy_log_skips_the_backup_without_failing_open(
    folder: Path, clock: Any, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another Desk holding the write lock (perhaps backing up): open succeeds, backup skipped."""
    monkeypatch.setattr(sqlite_store, "BUSY_TIMEOUT_MS", 50)
    good = _backups(folder)
    clock.advance(days=1)
    with closing(sqlite3.connect(folder / "desk-log.sqlite3", isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        with caplog.at_level(logging.WARNING):
            store = SqliteStore.open(folder, clock=clock)
        store.close()
        other.execute("ROLLBACK")
    assert _backups(folder) == good
    assert any("backup" in r.getMessage() for r in caplog.records)
    assert [p.name for p in (folder / "backups").iterdir() if "partial" in p.name] == []


OPENER = """
import sys
from datetime import datetime, UTC
from desk.core.requests import open_log

moment = datetime.fromisoformat(sys.argv[2])
log = open_log(sys.argv[1], clock=lambda: moment, workstation=sys.argv[3])
log.add_request(client="Race Client", counselor_id="jdoe", staff_id="ann")
log.close()
"""


@pytest.mark.slow
def test_processes_opening_on_a_new_day_all_succeed(folder: Path, clock: Any) -> None:
    """Several Desks starting at once on a new day: every request recorded, one backup."""
    day = (clock() + timedelta(days=1)).astimezone(UTC)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", OPENER, str(folder), day.isoformat(), f"ws-{n}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for n in range(6)
    ]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * 6, results
    assert all("Traceback" not in err for _, err in results), results
    local_day = datetime.fromisoformat(day.isoformat()).astimezone().date()
    assert f"desk-log-{local_day.isoformat()}.sqlite3" in _backups(folder)
    assert [p.name for p in (folder / "backups").iterdir() if "partial" in p.name] == []
    with open_log(folder, clock=clock) as log:
        assert log.count(RequestFilter(client="race")) == 6
        assert log.verify().ok
