"""Opening the log: never a silent new log, never a loosened folder, read-only where need be."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import stat
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from desk.cli import main
from desk.core.errors import StoreError
from desk.core.requests import files, open_log
from desk.core.requests.anchor import read_anchor, write_anchor
from desk.core.requests.models import Head, RequestFilter
from desk.core.requests.sqlite.store import SqliteStore

POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
READS = [
    ["requests", "verify"],
    ["requests", "list"],
    ["requests", "list", "--json"],
    ["requests", "history", "R-000001"],
    ["requests", "export"],
]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _filled(folder: Path, clock: Any) -> Path:
    """A log with one request, its anchor, and yesterday's and today's backups."""
    with open_log(folder, clock=clock, workstation="front-1") as log:
        log.add_staff(staff_id="ann", name="Ann Front")
        log.add_counselor(counselor_id="jdoe", name="Jane Doe", email="jane@example.org")
        log.add_request(client="Pat Client", counselor_id="jdoe", staff_id="ann")
        clock.advance(days=1)
        assert log.backup_if_due() is not None
    return folder


@pytest.mark.parametrize("argv", READS, ids=" ".join)
def test_reading_commands_never_create_a_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    """verify, list, history and export on a folder with no log exit 1 and create nothing."""
    for folder in (tmp_path / "typo", tmp_path / "empty"):
        if folder.name == "empty":
            folder.mkdir()
        code, out, err = _run(capsys, "--data-dir", str(folder), *argv)
        assert (code, out) == (1, "")
        assert err.startswith(f"desk: error: no request log in {folder} (")
        assert err.count("\n") == 1
        assert not (folder / "desk-log.sqlite3").exists()
    assert not (tmp_path / "typo").exists()


def test_open_without_create_refuses_a_missing_log(tmp_path: Path, clock: Any) -> None:
    """The core says the same to any caller that asks not to create."""
    with pytest.raises(StoreError, match="no request log in"):
        open_log(tmp_path / "nowhere", clock=clock, create=False)
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize("left", ["anchor only", "backups only", "both"])
def test_deleted_log_is_not_replaced_by_a_new_one(
    tmp_path: Path, clock: Any, capsys: pytest.CaptureFixture[str], left: str
) -> None:
    """Where an anchor or backups show a log was kept, a write never starts an empty one."""
    folder = _filled(tmp_path / "data", clock)
    for suffix in ("", "-wal", "-shm"):
        (folder / f"desk-log.sqlite3{suffix}").unlink(missing_ok=True)
    if left == "anchor only":
        shutil.rmtree(folder / "backups")
    elif left == "backups only":
        (folder / "desk-log.anchor").unlink()
    code, out, err = _run(
        capsys, "--data-dir", str(folder), "staff", "add", "--id", "eve", "--name", "Eve"
    )
    assert (code, out) == (1, "")
    assert err.count("\n") == 1
    assert "restore" in err and "README" in err
    assert not (folder / "desk-log.sqlite3").exists()
    code, _, err = _run(capsys, "--data-dir", str(folder), "requests", "verify")
    assert code == 1 and "no request log" in err and "restore" in err
    with pytest.raises(StoreError, match="restore"):
        open_log(folder, clock=clock)


def test_a_first_log_is_still_created(tmp_path: Path, clock: Any) -> None:
    """A folder with no trace of a log gets a new one, private, on the first write."""
    folder = tmp_path / "new" / "data"
    with open_log(folder, clock=clock) as log:
        log.add_staff(staff_id="ann", name="Ann Front")
    if os.name == "posix":
        assert _mode(folder) == 0o700


def test_log_file_that_is_a_folder_is_named(tmp_path: Path, clock: Any) -> None:
    """desk-log.sqlite3 as a folder is said to be a folder, for reading and writing alike."""
    folder = tmp_path / "data"
    (folder / "desk-log.sqlite3").mkdir(parents=True)
    for create in (True, False):
        with pytest.raises(StoreError) as caught:
            open_log(folder, clock=clock, create=create)
        message = str(caught.value)
        assert f"{folder / 'desk-log.sqlite3'} is a folder" in message
        assert "cannot create" not in message


@POSIX
@pytest.mark.parametrize("mode", [0o1777, 0o777, 0o770, 0o730], ids=oct)
def test_folder_others_can_change_is_refused_and_left_alone(
    tmp_path: Path, clock: Any, mode: int
) -> None:
    """A shared folder (like /tmp) is refused with a message; its mode and sticky bit stay."""
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(mode)
    with pytest.raises(StoreError) as caught:
        open_log(folder, clock=clock)
    assert _mode(folder) == mode
    assert f"{mode:04o}" in str(caught.value)
    assert "chmod 700" in str(caught.value)
    assert list(folder.iterdir()) == []


@POSIX
def test_folder_others_can_read_is_warned_about_not_changed(
    tmp_path: Path, clock: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """A folder others can list keeps its mode; Desk warns and its own files stay 0600."""
    folder = tmp_path / "mine"
    folder.mkdir()
    folder.chmod(0o755)
    with caplog.at_level(logging.WARNING), open_log(folder, clock=clock) as log:
        log.add_staff(staff_id="ann", name="Ann Front")
    assert _mode(folder) == 0o755
    assert _mode(folder / "desk-log.sqlite3") == 0o600
    assert any("chmod 700" in r.getMessage() for r in caplog.records)


def _bytes_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_read_only_open_writes_nothing(tmp_path: Path, clock: Any) -> None:
    """Read-only: lists, history and verify work; no anchor catch-up, no backup, no writes."""
    folder = _filled(tmp_path / "data", clock)
    with closing(sqlite3.connect(folder / "desk-log.sqlite3")) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        seq, digest = conn.execute("SELECT seq, hash FROM events WHERE seq = 2").fetchone()
    write_anchor(folder / "desk-log.anchor", Head(seq=seq, hash=digest))  # one write behind
    clock.advance(days=3)
    before = _bytes_of(folder)
    with open_log(folder, clock=clock, create=False, read_only=True) as log:
        assert log.count(RequestFilter()) == 1
        assert [e.type for e in log.history("R-000001")] == ["request_created"]
        assert log.verify().ok
        assert log.backup_if_due() is None
        with pytest.raises(StoreError, match="read-only"):
            log.add_staff(staff_id="bo", name="Bo")
    after = _bytes_of(folder)
    assert {k: v for k, v in after.items() if not k.endswith(("-wal", "-shm"))} == {
        k: v for k, v in before.items() if not k.endswith(("-wal", "-shm"))
    }
    assert read_anchor(folder / "desk-log.anchor") == Head(seq=seq, hash=digest)


@pytest.mark.parametrize("argv", READS[:4], ids=" ".join)
def test_reading_commands_work_on_a_folder_desk_cannot_write(
    tmp_path: Path,
    clock: Any,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
) -> None:
    """When the data folder cannot be written, verify, list and history still answer."""
    folder = _filled(tmp_path / "data", clock)
    monkeypatch.setattr(files, "can_write", lambda path: False)
    code, out, err = _run(capsys, "--data-dir", str(folder), *argv)
    assert (code, err) == (0, "")
    assert out


@POSIX
@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores modes")
def test_really_read_only_folder(tmp_path: Path, clock: Any) -> None:
    """With the folder made read-only for real, a clean log still opens for reading."""
    folder = _filled(tmp_path / "data", clock)
    folder.chmod(0o500)
    try:
        with open_log(folder, clock=clock, create=False, read_only=None) as log:
            assert log.count(RequestFilter()) == 1
            assert log.verify().ok
    finally:
        folder.chmod(0o700)


def test_store_opened_read_only_says_so(tmp_path: Path, clock: Any) -> None:
    """The store tells callers it is read-only, so they can say why nothing can be changed."""
    folder = _filled(tmp_path / "data", clock)
    store = SqliteStore.open(folder, clock=clock, create=False, read_only=True)
    try:
        assert store.read_only
    finally:
        store.close()
