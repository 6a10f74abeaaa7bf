"""Tampering with the shared log by someone who can bypass the roles (a superuser, a restore).

The chain shows edits and removals in the middle; each desk's witness head shows a rewrite or
a rollback of the newest events, and stops that desk's writes.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desk.core.errors import StoreError
from desk.core.requests import open_log
from desk.core.requests.chain import GENESIS, record_bytes
from desk.core.requests.models import RequestFilter
from desk.core.requests.postgres.store import PostgresStore
from desk.core.requests.workflow import RequestLog


@pytest.fixture
def filled(shared_db: Any, tmp_path: Path) -> Any:
    """A shared log with people and three requests, seen by the owner's desk."""
    with open_log(tmp_path / "office", database=shared_db.url()) as log:
        log.add_staff(staff_id="ann", name="Ann Front")
        log.add_counselor(counselor_id="jdoe", name="Jane Doe", email="jane@example.org")
    with open_log(tmp_path / "front", database=shared_db.url("ann")) as log:
        for client in ("Mary Smith", "Li Wei", "Ola N"):
            log.add_request(client=client, counselor_id="jdoe", staff_id="ann")
    return shared_db


@pytest.fixture
def desk(filled: Any, tmp_path: Path) -> Iterator[RequestLog]:
    """Ann's desk, which has seen the whole log."""
    with open_log(tmp_path / "front", database=filled.url("ann")) as log:
        assert log.verify().ok
        yield log


def _as_superuser(db: Any, *sql: str) -> None:
    with db.superuser() as su, su.transaction():
        su.execute("ALTER TABLE desk.events DISABLE TRIGGER USER")
        for statement in sql:
            su.execute(statement)
        su.execute("ALTER TABLE desk.events ENABLE TRIGGER USER")


def _rehash_all(db: Any) -> None:
    """Recompute every hash so the chain is sound again, as a careful forger would."""
    with db.superuser() as su, su.transaction():
        su.execute("ALTER TABLE desk.events DISABLE TRIGGER USER")
        rows = su.execute(
            "SELECT seq, request_id, at, staff_id, workstation, type, payload "
            "FROM desk.events ORDER BY seq"
        ).fetchall()
        prev = GENESIS
        for seq, rid, at, staff, ws, type_, payload in rows:
            data = record_bytes(
                seq=seq, request_id=rid, at=at, staff_id=staff, workstation=ws, type=type_,
                payload_json=payload, prev_hash=prev,
            )  # fmt: skip
            digest = hashlib.sha256(data).hexdigest()
            su.execute(
                "UPDATE desk.events SET prev_hash = %s, hash = %s WHERE seq = %s",
                (prev, digest, seq),
            )
            prev = digest
        su.execute("ALTER TABLE desk.events ENABLE TRIGGER USER")


def test_clean_log_verifies_deep(desk: RequestLog) -> None:
    """An untouched shared log passes the full check, replay included."""
    report = desk.verify(deep=True)
    assert report.ok, report.problem
    assert report.events_checked == 5


def test_edited_event_is_named(filled: Any, desk: RequestLog) -> None:
    """Changing an event's payload on the server breaks its hash."""
    _as_superuser(
        filled, "UPDATE desk.events SET payload = replace(payload, 'Li Wei', 'X') WHERE seq = 4"
    )
    report = desk.verify()
    assert not report.ok
    assert report.problem is not None and "event 4" in report.problem


def test_rewritten_chain_is_caught_by_the_witness(
    filled: Any, desk: RequestLog, tmp_path: Path
) -> None:
    """A chain re-hashed after an edit is sound, but not the one this desk saw: writes stop."""
    desk.close()
    _as_superuser(filled, "UPDATE desk.events SET staff_id = 'jdoe' WHERE seq = 3")
    _rehash_all(filled)
    with open_log(tmp_path / "fresh", database=filled.url("ann")) as stranger:
        assert stranger.verify().ok  # a desk that never saw the old chain cannot tell
    with open_log(tmp_path / "front", database=filled.url("ann")) as log:
        report = log.verify()
        assert not report.ok
        assert report.problem is not None and "rewritten" in report.problem
        with pytest.raises(StoreError, match="Writing is stopped"):
            log.add_request(client="New One", counselor_id="jdoe", staff_id="ann")


def test_removed_newest_events_are_caught(filled: Any, desk: RequestLog, tmp_path: Path) -> None:
    """Deleting the newest events (or restoring an older dump) fails this desk's verify."""
    desk.close()
    _as_superuser(filled, "DELETE FROM desk.events WHERE seq >= 4")
    with open_log(tmp_path / "front", database=filled.url("ann")) as log:
        report = log.verify()
        assert not report.ok
        assert report.problem is not None and "ends at event 3" in report.problem


def test_disabled_guard_fails_verify(filled: Any, desk: RequestLog) -> None:
    """Verify checks the append-only guard is in place."""
    with filled.superuser() as su:
        su.execute("ALTER TABLE desk.events DISABLE TRIGGER events_no_change")
    report = desk.verify()
    assert not report.ok
    assert report.problem is not None and "guard" in report.problem


def test_edited_state_row_fails_deep_verify(filled: Any, desk: RequestLog) -> None:
    """A derived row changed behind the server's back does not match the replay."""
    with filled.superuser() as su:
        su.execute("UPDATE desk.requests SET status = 'approved' WHERE id = 'R-000002'")
    assert desk.verify().ok
    report = desk.verify(deep=True)
    assert not report.ok
    assert report.problem == "request R-000002: stored status does not match its events"


def test_concurrent_desks_never_fork(filled: Any, tmp_path: Path) -> None:
    """Eight desks appending at once leave one contiguous chain that verifies."""
    with open_log(tmp_path / "office", database=filled.url()) as log:
        log.add_staff(staff_id="bo", name="Bo Desk")
    errors: list[BaseException] = []

    def desk_writes(n: int) -> None:
        who = "ann" if n % 2 else "bo"
        try:
            with open_log(tmp_path / f"desk-{n}", database=filled.url(who)) as log:
                for i in range(15):
                    log.add_note("R-000001", staff_id=who, text=f"desk {n} note {i}")
        except BaseException as err:  # reported below, in the test's thread
            errors.append(err)

    threads = [threading.Thread(target=desk_writes, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with filled.connect() as conn:
        seqs = [r[0] for r in conn.execute("SELECT seq FROM desk.events ORDER BY seq")]
    assert seqs == list(range(1, 6 + 1 + 8 * 15))
    with open_log(tmp_path / "audit", database=filled.url()) as log:
        report = log.verify(deep=True)
    assert report.ok, report.problem


_HALF_WRITE = """
import sys, time, psycopg
from datetime import datetime, UTC
from psycopg.types.json import Jsonb
conn = psycopg.connect(sys.argv[1])
conn.execute("SELECT * FROM desk.append_event('note_added', 'R-000001', %s, 'ws-k', %s)",
             (datetime.now(UTC), Jsonb({"text": "never committed"})))
print("holding", flush=True)
time.sleep(120)
"""


def test_killed_writer_leaves_nothing_and_blocks_no_one(
    filled: Any, desk: RequestLog, tmp_path: Path
) -> None:
    """A desk killed in the middle of an append: its event never lands, others carry on."""
    import os
    import signal
    import subprocess
    import sys

    child = subprocess.Popen(
        [sys.executable, "-c", _HALF_WRITE, filled.url("ann")],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "holding"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(30)
        if child.stdout is not None:
            child.stdout.close()
    desk.add_note("R-000001", staff_id="ann", text="after the crash")
    with filled.connect() as conn:
        rows = conn.execute("SELECT seq, payload FROM desk.events ORDER BY seq").fetchall()
    assert [r[0] for r in rows] == list(range(1, 7))
    assert all("never committed" not in r[1] for r in rows)
    assert desk.verify(deep=True).ok


def test_lost_connections_come_back(
    filled: Any, desk: RequestLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the server drops this desk's connections, reads and writes reconnect."""
    with filled.superuser() as su:
        su.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE usename = 'ann' AND pid <> pg_backend_pid()"
        )
    assert desk.count(RequestFilter()) == 3
    monkeypatch.setattr(PostgresStore, "PING_AFTER_S", 0.0)  # as after a quiet spell
    desk.add_note("R-000001", staff_id="ann", text="reconnected")
    assert [e.payload.get("text") for e in desk.history("R-000001")][-1] == "reconnected"
    assert desk.verify().ok


def test_export_never_replaces_the_witness(desk: RequestLog, tmp_path: Path) -> None:
    """An export into the desk's data folder is refused: the witness lives there."""
    from desk.core.errors import DeskError
    from desk.core.requests.export.report import check_target

    folder = desk.store.local_folder
    assert folder == tmp_path / "front"
    assert any(p.name.endswith(".witness") for p in folder.iterdir())
    with pytest.raises(DeskError):
        check_target(folder / "report.csv", data_dir=folder)


def test_damaged_witness_stops_writes(filled: Any, desk: RequestLog, tmp_path: Path) -> None:
    """A witness file that cannot be read is itself a problem: verify fails, writes stop."""
    desk.close()
    (witness,) = (tmp_path / "front").glob("*.witness")
    witness.write_text("not a head")
    with open_log(tmp_path / "front", database=filled.url("ann")) as log:
        report = log.verify()
        assert not report.ok and report.problem is not None and "unreadable" in report.problem
        with pytest.raises(StoreError, match="Writing is stopped"):
            log.add_note("R-000001", staff_id="ann", text="x")


def test_database_without_setup_is_named(pg_server: Any, tmp_path: Path) -> None:
    """A database nobody set up yet says what to run, and names the server."""
    import psycopg

    with psycopg.connect(pg_server.url("desk_test_super"), autocommit=True) as su:
        su.execute("CREATE DATABASE not_set_up OWNER desk_owner")
    try:
        with pytest.raises(StoreError, match=r"is not set up yet.*db setup"):
            open_log(tmp_path / "d", database=pg_server.url("desk_owner", "not_set_up"))
    finally:
        with psycopg.connect(pg_server.url("desk_test_super"), autocommit=True) as su:
            su.execute("DROP DATABASE not_set_up WITH (FORCE)")
