"""A careful insider with the data folder and the sqlite3 shell: each attack, and what stops it."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from tamper import append_forged, attacker, rehash_from

from desk.core.errors import DeskError, InvalidInput, Refused, StoreError
from desk.core.requests import open_log
from desk.core.requests.anchor import write_anchor
from desk.core.requests.chain import format_time
from desk.core.requests.models import Head
from desk.core.requests.sqlite.schema import GUARD_TRIGGERS
from desk.core.requests.workflow import RequestLog

CLIENT = "Zelda Quarrington"
NOTE = "prefers mornings"


@pytest.fixture
def folder(tmp_path: Path, clock: Any) -> Path:
    """A log with one staff member, one counselor and one approved request (R-000001)."""
    data = tmp_path / "data"
    with open_log(data, clock=clock) as log:
        log.add_staff(staff_id="amy", name="Amy Front")
        log.add_counselor(counselor_id="cara", name="Cara Lee", email="cara@practice.org")
        clock.advance(minutes=1)
        log.add_request(client=CLIENT, counselor_id="cara", staff_id="amy", note=NOTE)
        clock.advance(minutes=1)
        log.approve("R-000001", by="cara", staff_id="amy", how="phone")
        clock.advance(minutes=1)
    return data


def _log(folder: Path, clock: Any) -> RequestLog:
    return open_log(folder, clock=clock)


def _head(folder: Path) -> Head:
    with closing(sqlite3.connect(folder / "desk-log.sqlite3")) as conn:
        seq, digest = conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC").fetchone()
    return Head(seq=seq, hash=digest)


def _release(log: RequestLog, request_id: str = "R-000001") -> str:
    return log.release(request_id, staff_id="amy", method="phone", identity_verified=True)


def _sql(folder: Path, *statements: str) -> None:
    """Edit derived rows (no trigger guards them) as the sqlite3 shell would."""
    with closing(sqlite3.connect(folder / "desk-log.sqlite3", isolation_level=None)) as conn:
        for sql in statements:
            conn.execute(sql)


# 1. Wrong address released ------------------------------------------------------------------


def test_swapped_address_in_the_row_is_refused(folder: Path, clock: Any) -> None:
    """Changing counselors.email behind Desk's back refuses the release and writes nothing."""
    _sql(folder, "UPDATE counselors SET email = 'evil@elsewhere.org' WHERE id = 'cara'")
    before = _head(folder)
    with _log(folder, clock) as log, pytest.raises(Refused, match=r"counselor cara: .*verify"):
        _release(log)
    assert _head(folder) == before
    _sql(folder, "UPDATE counselors SET email = 'cara@practice.org' WHERE id = 'cara'")
    with _log(folder, clock) as log:
        assert _release(log) == "cara@practice.org"
        assert log.verify(deep=True).ok


def test_release_gives_the_approved_address_only(folder: Path, clock: Any) -> None:
    """A changed address (by the events) refuses the release until the counselor approves again."""
    with _log(folder, clock) as log:
        log.update_counselor("cara", staff_id="amy", email="cara.lee@practice.org")
        with pytest.raises(Refused, match="approve again"):
            _release(log)
        log.approve("R-000001", by="cara", staff_id="amy", how="phone")
        assert _release(log) == "cara.lee@practice.org"
        assert log.verify(deep=True).ok


def test_approving_twice_without_a_new_address_is_refused(folder: Path, clock: Any) -> None:
    """A second approval is only for an address that changed after the first."""
    with _log(folder, clock) as log, pytest.raises(Refused, match="only a pending request"):
        log.approve("R-000001", by="cara", staff_id="amy", how="phone")


def test_forged_release_of_another_address_is_named(folder: Path, clock: Any) -> None:
    """A release event carrying another address, hashed correctly, is named by verify --deep."""
    with closing(sqlite3.connect(folder / "desk-log.sqlite3", isolation_level=None)) as conn:
        seq = append_forged(
            conn,
            type="released",
            request_id="R-000001",
            staff_id="amy",
            payload={"method": "phone", "identity_verified": True, "email": "evil@x.org"},
            at=format_time(clock.now),
        )
    with _log(folder, clock) as log:
        assert log.verify().ok  # the chain alone cannot tell
        report = log.verify(deep=True)
    assert report.problem == (
        f"event {seq}: release of request R-000001 gives an address other than the one approved"
    )


# 2. Forged approval appended -------------------------------------------------------------------


def _pending(folder: Path, clock: Any) -> None:
    with _log(folder, clock) as log:
        log.add_request(client="Another Client", counselor_id="cara", staff_id="amy")


def test_forged_approval_by_unknown_staff_is_refused_and_named(folder: Path, clock: Any) -> None:
    """An INSERTed approval by a staff id never added, dated before the request, stops both."""
    _pending(folder, clock)
    week_ago = format_time(clock.now - timedelta(days=7))
    with attacker(folder) as conn:
        seq = append_forged(
            conn,
            type="approved",
            request_id="R-000002",
            staff_id="ghost",
            payload={"by": "cara", "how": "phone", "note": ""},
            at=week_ago,
        )
        conn.execute(
            "UPDATE requests SET status = 'approved', decided_by = 'cara', decided_how = 'phone', "
            f"updated_at = '{week_ago}' WHERE id = 'R-000002'"
        )
    before = _head(folder)
    with _log(folder, clock) as log:
        with pytest.raises(Refused, match=f"event {seq} of request R-000002 breaks the log's"):
            _release(log, "R-000002")
        assert _head(folder) == before
        report = log.verify(deep=True)
    assert report.problem == f"event {seq}: staff ghost was never added"


def test_forged_approval_dated_before_the_request_is_named(folder: Path, clock: Any) -> None:
    """An approval dated a week before its request existed is named, even by a real actor."""
    _pending(folder, clock)
    with closing(sqlite3.connect(folder / "desk-log.sqlite3", isolation_level=None)) as conn:
        seq = append_forged(
            conn,
            type="approved",
            request_id="R-000002",
            staff_id="amy",
            payload={"by": "cara", "how": "phone", "note": "", "email": "cara@practice.org"},
            at=format_time(clock.now - timedelta(days=7)),
        )
    with _log(folder, clock) as log:
        report = log.verify(deep=True)
    assert report.problem == (
        f"event {seq}: approved is dated more than a day before request R-000002 was created"
    )


def test_staff_row_inserted_by_hand_cannot_act(folder: Path, clock: Any) -> None:
    """A staff row with no staff_added event behind it is refused at once, so nothing is done."""
    _pending(folder, clock)
    _sql(folder, "INSERT INTO staff(id, name, active) VALUES ('ghost', 'Ghost', 1)")
    before = _head(folder)
    with _log(folder, clock) as log:
        with pytest.raises(Refused, match="staff ghost: the stored record does not match"):
            log.approve("R-000002", by="cara", staff_id="ghost", how="phone")
        assert _head(folder) == before
        report = log.verify(deep=True)
    assert report.problem == "staff ghost: stored details do not match the events"


# 3. --head takes the whole hash ----------------------------------------------------------------


def test_short_head_is_refused_and_rewritten_chain_fails(folder: Path, clock: Any) -> None:
    """A head prefix could be matched by a forger; the whole hash of a rewritten chain is not."""
    printed = _head(folder)
    with _log(folder, clock) as log:
        for short in (printed.hash[:8], printed.hash[:32]):
            with pytest.raises(InvalidInput, match="not a whole head hash"):
                log.verify(head=short)
        assert log.verify(head=printed.hash).ok
        assert log.verify(head=f"{printed.seq}:{printed.hash}").ok
        wrong_seq = log.verify(head=f"{printed.seq - 1}:{printed.hash}")
        assert wrong_seq.problem == (
            f"event {printed.seq - 1}: its hash is not the head given for it (the event was "
            "replaced or the log renumbered)"
        )
    with attacker(folder) as conn:
        conn.execute("UPDATE events SET workstation = 'other' WHERE seq = 2")
        rehash_from(conn, 2)
    (folder / "desk-log.anchor").unlink()
    with _log(folder, clock) as log:
        report = log.verify(head=printed.hash)
    assert not report.ok


# 4. Derived rows trusted at write time ---------------------------------------------------------


def test_reactivated_counselor_row_is_refused(folder: Path, clock: Any) -> None:
    """Flipping a deactivated counselor's row back to active does not let anyone act for them."""
    _pending(folder, clock)
    with _log(folder, clock) as log:
        log.update_counselor("cara", staff_id="amy", active=False)
    _sql(folder, "UPDATE counselors SET active = 1 WHERE id = 'cara'")
    before = _head(folder)
    with _log(folder, clock) as log:
        with pytest.raises(Refused, match="counselor cara: the stored record"):
            log.approve("R-000002", by="cara", staff_id="amy", how="phone")
        with pytest.raises(Refused, match="counselor cara: the stored record"):
            _release(log)
    assert _head(folder) == before
    _sql(folder, "UPDATE counselors SET active = 0 WHERE id = 'cara'")
    with _log(folder, clock) as log:
        assert log.verify(deep=True).ok  # nothing was written, so nothing to find


def test_forged_approval_for_an_inactive_counselor_is_named(folder: Path, clock: Any) -> None:
    """An approval appended by hand after the counselor left is named by verify --deep."""
    _pending(folder, clock)
    with _log(folder, clock) as log:
        log.update_counselor("cara", staff_id="amy", active=False)
    with closing(sqlite3.connect(folder / "desk-log.sqlite3", isolation_level=None)) as conn:
        seq = append_forged(
            conn,
            type="approved",
            request_id="R-000002",
            staff_id="amy",
            payload={"by": "cara", "how": "phone", "note": "", "email": "cara@practice.org"},
            at=format_time(clock.now),
        )
    with _log(folder, clock) as log:
        assert log.verify(deep=True).problem == f"event {seq}: counselor cara was not active"


# 5. Rollback while the backups know better -----------------------------------------------------


def test_rollback_is_caught_by_the_backups(folder: Path, clock: Any, tmp_path: Path) -> None:
    """Database and anchor rolled back to an older copy: a newer backup makes verify fail."""
    old = tmp_path / "old"
    old.mkdir()
    for name in ("desk-log.sqlite3", "desk-log.anchor"):
        shutil.copy2(folder / name, old / name)
    clock.advance(days=1)
    with _log(folder, clock) as log:  # opening on a new day takes that day's backup
        _release(log)
        clock.advance(days=1)
    with _log(folder, clock) as log:
        assert log.verify().ok
    for name in ("desk-log.sqlite3-wal", "desk-log.sqlite3-shm"):
        (folder / name).unlink(missing_ok=True)
    for name in ("desk-log.sqlite3", "desk-log.anchor"):
        shutil.copy2(old / name, folder / name)
    with _log(folder, clock) as log:
        report = log.verify()
    assert report.problem is not None
    assert "holds events up to event 5 that the log no longer has" in report.problem


def test_replaced_event_differs_from_the_backup(folder: Path, clock: Any) -> None:
    """A log rewritten from an event a backup holds shows a different hash at that seq."""
    clock.advance(days=1)
    with _log(folder, clock):
        pass  # the day's backup, holding events 1 to 4
    with attacker(folder) as conn:
        conn.execute("UPDATE events SET workstation = 'other' WHERE seq = 4")
        rehash_from(conn, 4)
    write_anchor(folder / "desk-log.anchor", _head(folder))
    with _log(folder, clock) as log:
        report = log.verify()
    assert report.problem is not None
    assert report.problem.startswith("event 4: hash differs from the backup")


# 6. No write on a chain that doesn't hold ------------------------------------------------------


def test_edited_newest_event_stops_every_write(folder: Path, clock: Any) -> None:
    """An edit at the tail (guard dropped and restored) stops writing before anything is added."""
    with attacker(folder) as conn:
        conn.execute("UPDATE events SET workstation = 'other' WHERE seq = 4")
    before = _head(folder)
    with (
        _log(folder, clock) as log,
        pytest.raises(StoreError, match=r"event 4: hash does not match.*verify"),
    ):
        log.add_staff(staff_id="bo", name="Bo Desk")
    assert _head(folder) == before


def test_edited_event_since_the_last_backup_stops_every_write(folder: Path, clock: Any) -> None:
    """An event edited in the middle of the day's events stops writing, whatever the step."""
    with attacker(folder) as conn:
        conn.execute("UPDATE events SET workstation = 'other' WHERE seq = 2")
    before = _head(folder)
    with (
        _log(folder, clock) as log,
        pytest.raises(StoreError, match=r"event 2: hash does not match.*verify"),
    ):
        log.add_staff(staff_id="bo", name="Bo Desk")
    assert _head(folder) == before


def test_edited_older_event_stops_decisions_on_it(folder: Path, clock: Any) -> None:
    """An event edited before the newest backup refuses any step of its request."""
    clock.advance(days=1)
    with _log(folder, clock):
        pass  # the day's backup: the check before a write starts after it
    with attacker(folder) as conn:
        conn.execute("UPDATE events SET workstation = 'other' WHERE seq = 3")
    with _log(folder, clock) as log:
        with pytest.raises(Refused, match="event 3 does not match its hash"):
            _release(log)
        assert log.verify().problem == "event 3: hash does not match its contents"


def test_dropped_guard_stops_every_write(folder: Path, clock: Any) -> None:
    """With a trigger of the append-only guard gone, nothing more is recorded."""
    _sql(folder, f"DROP TRIGGER {next(iter(GUARD_TRIGGERS))}")
    with _log(folder, clock) as log, pytest.raises(StoreError, match="append-only guard"):
        _release(log)


# 7. Privacy in errors --------------------------------------------------------------------------


def test_undecodable_payload_is_named_without_its_contents(folder: Path, clock: Any) -> None:
    """One bad byte in a payload: verify names seq and column, reads never print the payload."""
    with attacker(folder) as conn:
        conn.execute(
            "UPDATE events SET payload = CAST(replace(payload, 'Zelda', x'ff') AS TEXT) "
            "WHERE seq = 3"
        )
    with _log(folder, clock) as log:
        for deep in (False, True):
            report = log.verify(deep=deep)
            assert report.problem == "event 3: column payload is not valid UTF-8 text"
        with pytest.raises(DeskError) as caught:
            log.history("R-000001")
    message = str(caught.value)
    assert "verify" in message
    assert "Quarrington" not in message and NOTE not in message


# 10. The smaller list --------------------------------------------------------------------------


def test_full_disk_leaves_no_empty_anchor_temp_file(
    folder: Path, clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write that fails for a full disk leaves the old anchor and no .tmp file behind."""
    import errno

    from desk.core.requests import files

    anchor = folder / "desk-log.anchor"
    before = anchor.read_bytes()

    def full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "write", full)
    with pytest.raises(OSError):
        write_anchor(anchor, Head(seq=99, hash="0" * 64))
    monkeypatch.undo()
    assert anchor.read_bytes() == before
    assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []


def test_staff_rename_and_deactivation_are_judged_by_verify(folder: Path, clock: Any) -> None:
    """Renames and (de)activations replay into the staff table; acts while inactive are named."""
    with _log(folder, clock) as log:
        log.update_staff("amy", name="Amy Fronteira")
        log.update_staff("amy", active=False)
        with pytest.raises(Refused, match="deactivated"):
            log.withdraw("R-000001", staff_id="amy")
        assert log.verify(deep=True).ok
        assert log.get_staff("amy").name == "Amy Fronteira"
    with closing(sqlite3.connect(folder / "desk-log.sqlite3", isolation_level=None)) as conn:
        seq = append_forged(
            conn,
            type="withdrawn",
            request_id="R-000001",
            staff_id="amy",
            payload={"reason": ""},
            at=format_time(clock.now),
        )
        conn.execute("UPDATE requests SET status = 'withdrawn' WHERE id = 'R-000001'")
    with _log(folder, clock) as log:
        assert log.verify(deep=True).problem == f"event {seq}: staff amy was not active"


def test_approval_from_an_older_desk_covers_the_address_of_its_day(
    folder: Path, clock: Any
) -> None:
    """An approval recorded before approvals carried the address covers the one then on record."""
    from desk.core.requests.sqlite.store import SqliteStore
    from desk.core.requests.store import Draft

    _pending(folder, clock)
    with _log(folder, clock) as log:
        store = log.store
        assert isinstance(store, SqliteStore)
        with store.batch():  # written as an older Desk wrote it: no address on the approval
            event = store._insert(
                Draft(
                    type="approved",
                    request_id="R-000002",
                    at=clock.now,
                    staff_id="amy",
                    workstation="desk-1",
                    payload={"by": "cara", "how": "phone", "note": ""},
                )
            )
            store._apply(event)
        assert log.verify(deep=True).ok
        assert _release(log, "R-000002") == "cara@practice.org"
        assert log.verify(deep=True).ok
