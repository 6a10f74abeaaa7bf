"""Tamper evidence: edits made straight to the SQLite file, as an attacker would, are detected."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from tamper import attacker, rehash_from

from desk.core.errors import InvalidInput, StoreError
from desk.core.requests import open_log
from desk.core.requests.anchor import write_anchor
from desk.core.requests.chain import canonical_json, event_hash, record_bytes
from desk.core.requests.models import Head
from desk.core.requests.sqlite import chain as sqlite_chain
from desk.core.requests.workflow import RequestLog

CLIENT = "Mary Quinnell"


@pytest.fixture(autouse=True, params=[sqlite_chain.BATCH, 5, 2], ids=lambda n: f"batch{n}")
def batch(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """Each check runs with the bulk walk reading many events at once, and a few at a time."""
    monkeypatch.setattr(sqlite_chain, "BATCH", request.param)
    return int(request.param)


@pytest.fixture
def data_dir(tmp_path: Path, clock: Any) -> Path:
    """A closed log of 12 events: people, three requests in different states, two exports."""
    folder = tmp_path / "data"
    with open_log(folder, clock=clock, workstation="front-1") as log:
        log.add_staff(staff_id="ann", name="Ann Front")
        log.add_counselor(counselor_id="jdoe", name="Jane Doe", email="jane@example.org")
        first = log.add_request(client=CLIENT, counselor_id="jdoe", staff_id="ann").id
        log.approve(first, by="jdoe", staff_id="ann", how="phone")
        log.release(first, staff_id="ann", method="phone", identity_verified=True)
        second = log.add_request(client="Olu Ade", counselor_id="jdoe", staff_id="ann").id
        log.decline(second, by="jdoe", staff_id="ann")
        third = log.add_request(client="Pat Lee", counselor_id="jdoe", staff_id="ann").id
        log.add_note(third, staff_id="ann", text="call back")
        log.withdraw(third, staff_id="ann")
        log.record_export(staff_id="admin", fmt="csv", description="all", rows=3)
        log.record_export(staff_id="admin", fmt="pdf", description="all", rows=3)
        assert log.head() == Head(seq=12, hash=log.head().hash)  # type: ignore[union-attr]
    return folder


def _verify(folder: Path, clock: Any, head: str | None = None, *, deep: bool = False) -> Any:
    with open_log(folder, clock=clock) as log:
        return log.verify(head=head, deep=deep)


def test_untouched_log_verifies(data_dir: Path, clock: Any) -> None:
    """A log written only through the API verifies, every event checked."""
    report = _verify(data_dir, clock)
    assert report.ok, report.problem
    assert report.events_checked == 12
    assert report.head is not None and report.head.seq == 12


def test_events_cannot_be_updated_or_deleted(data_dir: Path) -> None:
    """The triggers stop UPDATE and DELETE on events even from outside Desk."""
    with closing(sqlite3.connect(data_dir / "desk-log.sqlite3")) as conn:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("UPDATE events SET staff_id = 'x' WHERE seq = 3")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("DELETE FROM events WHERE seq = 12")


def test_edited_payload_is_named(data_dir: Path, clock: Any) -> None:
    """Changing how an approval was given breaks that event's hash."""
    with attacker(data_dir) as conn:
        conn.execute(
            "UPDATE events SET payload = replace(payload, 'phone', 'written') WHERE seq = 4"
        )
    report = _verify(data_dir, clock)
    assert not report.ok
    assert report.problem == "event 4: hash does not match its contents"
    assert report.events_checked == 3


def test_respaced_payload_is_detected(data_dir: Path, clock: Any) -> None:
    """Even a change that keeps the JSON's meaning (whitespace) is detected."""
    with attacker(data_dir) as conn:
        conn.execute("UPDATE events SET payload = replace(payload, ':', ': ') WHERE seq = 2")
    assert _verify(data_dir, clock).problem == "event 2: hash does not match its contents"


def test_deleted_middle_event_is_named(data_dir: Path, clock: Any) -> None:
    """Removing an event from the middle leaves a named gap."""
    with attacker(data_dir) as conn:
        conn.execute("DELETE FROM events WHERE seq = 7")
    report = _verify(data_dir, clock)
    assert not report.ok
    assert report.problem is not None and report.problem.startswith("event 7 is missing")


def test_deleted_and_renumbered_event_breaks_the_link(data_dir: Path, clock: Any) -> None:
    """Closing the gap by renumbering breaks the hashes at the first renumbered event."""
    with attacker(data_dir) as conn:
        conn.execute("DELETE FROM events WHERE seq = 11")
        conn.execute("UPDATE events SET seq = 11 WHERE seq = 12")
    assert (
        _verify(data_dir, clock).problem == "event 11: its link to event 10 is broken "
        "(prev_hash differs)"
    )


def test_deleted_newest_events_caught_by_anchor(data_dir: Path, clock: Any) -> None:
    """Deleting the newest events leaves a consistent chain, but the anchor remembers."""
    with attacker(data_dir) as conn:
        conn.execute("DELETE FROM events WHERE seq > 10")
    report = _verify(data_dir, clock)
    assert not report.ok
    assert report.problem is not None
    assert "anchor records event 12" in report.problem
    assert "ends at event 10" in report.problem
    assert report.events_checked == 10


def test_no_writes_after_newest_events_deleted(data_dir: Path, clock: Any) -> None:
    """After a deletion the log refuses writes, so the anchor keeps the evidence."""
    with attacker(data_dir) as conn:
        conn.execute("DELETE FROM events WHERE seq > 10")
    with open_log(data_dir, clock=clock) as log, pytest.raises(StoreError, match="anchor"):
        log.add_staff(staff_id="eve", name="Eve")
    anchor = json.loads((data_dir / "desk-log.anchor").read_text())
    assert anchor["seq"] == 12


def test_reordered_events_are_detected(data_dir: Path, clock: Any) -> None:
    """Swapping two events' places breaks the hash of the first one moved."""
    with attacker(data_dir) as conn:
        conn.execute("UPDATE events SET seq = 100 WHERE seq = 5")
        conn.execute("UPDATE events SET seq = 5 WHERE seq = 6")
        conn.execute("UPDATE events SET seq = 6 WHERE seq = 100")
    assert (
        _verify(data_dir, clock).problem == "event 5: its link to event 4 is broken "
        "(prev_hash differs)"
    )


def test_rehashed_forgery_caught_by_anchor_and_head(data_dir: Path, clock: Any) -> None:
    """A forger who recomputes every later hash is caught by the anchor and by an old head."""
    good = _verify(data_dir, clock).head
    with attacker(data_dir) as conn:
        conn.execute(
            "UPDATE events SET payload = replace(payload, 'phone', 'written') WHERE seq = 4"
        )
        rehash_from(conn, 4)
    report = _verify(data_dir, clock)
    assert report.problem == "event 12: hash does not match the anchor (the event was replaced)"
    write_anchor(data_dir / "desk-log.anchor", _verify_head_only(data_dir))
    report = _verify(data_dir, clock, head=good.hash)
    assert not report.ok
    assert report.problem is not None and f"head {good.hash} is not in the log" in report.problem


def _verify_head_only(folder: Path) -> Head:
    with closing(sqlite3.connect(folder / "desk-log.sqlite3")) as conn:
        seq, digest = conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC").fetchone()
    return Head(seq=seq, hash=digest)


def test_earlier_head_is_found(data_dir: Path, clock: Any) -> None:
    """A head printed on an earlier export is still in an untouched chain (whole hash only)."""
    with closing(sqlite3.connect(data_dir / "desk-log.sqlite3")) as conn:
        old = conn.execute("SELECT hash FROM events WHERE seq = 6").fetchone()[0]
    assert _verify(data_dir, clock, head=old).ok
    assert _verify(data_dir, clock, head=f" {old.upper()} ").ok
    for short in ("nonsense", old[:8], old[:12], old[:63]):
        with pytest.raises(InvalidInput, match="not a whole head hash"):
            _verify(data_dir, clock, head=short)


def test_edited_current_state_is_named(data_dir: Path, clock: Any) -> None:
    """Turning a declined request into an approved one is named by the deep check only."""
    with attacker(data_dir) as conn:
        conn.execute("UPDATE requests SET status = 'approved' WHERE id = 'R-000002'")
    report = _verify(data_dir, clock, deep=True)
    assert report.problem == "request R-000002: stored status does not match its events"
    assert report.events_checked == 12
    assert _verify(data_dir, clock).ok  # the default reads the events alone


def test_garbled_state_row_is_named(data_dir: Path, clock: Any) -> None:
    """A state row that no longer parses is named by verify and is a clear error when read."""
    with attacker(data_dir) as conn:
        conn.execute("UPDATE requests SET requested_at = 'yesterday' WHERE id = 'R-000003'")
    assert _verify(data_dir, clock, deep=True).problem == (
        "request R-000003: stored row is unreadable"
    )
    with open_log(data_dir, clock=clock) as log, pytest.raises(StoreError, match="verify"):
        log.get("R-000003")


def test_edited_counselor_email_is_detected(data_dir: Path, clock: Any) -> None:
    """Swapping a counselor's address in the people table is detected."""
    with attacker(data_dir) as conn:
        conn.execute("UPDATE counselors SET email = 'evil@example.org'")
    assert _verify(data_dir, clock, deep=True).problem == (
        "counselor jdoe: stored details do not match the events"
    )


def test_forged_release_is_named(data_dir: Path, clock: Any) -> None:
    """A correctly chained release of a declined request is still a bad event."""
    with attacker(data_dir) as conn:
        last_hash = conn.execute("SELECT hash FROM events WHERE seq = 12").fetchone()[0]
        payload = canonical_json({"method": "phone", "identity_verified": True})
        at = "2026-11-02T15:30:00.000000+00:00"
        digest = event_hash(
            seq=13,
            request_id="R-000002",
            at=at,
            staff_id="ann",
            workstation="x",
            type="released",
            payload_json=payload,
            prev_hash=last_hash,
        )
        conn.execute(
            "INSERT INTO events VALUES (13, 'R-000002', ?, 'ann', 'x', 'released', ?, ?, ?)",
            (at, payload, last_hash, digest),
        )
    report = _verify(data_dir, clock, deep=True)
    assert report.problem is not None
    assert report.problem.startswith("event 13: released while request R-000002 is declined")


def test_removed_guard_is_detected(data_dir: Path, clock: Any) -> None:
    """Dropping the append-only triggers is itself reported."""
    with closing(sqlite3.connect(data_dir / "desk-log.sqlite3")) as conn:
        conn.execute("DROP TRIGGER events_no_delete")
    report = _verify(data_dir, clock)
    assert report.problem is not None and "events_no_delete" in report.problem


def test_truncated_file_is_refused_at_open(data_dir: Path, clock: Any) -> None:
    """A truncated database is refused at open with a message naming the file."""
    db = data_dir / "desk-log.sqlite3"
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = db.stat().st_size
    with open(db, "r+b") as f:
        f.truncate(size // 2)
    with pytest.raises(StoreError) as caught:
        open_log(data_dir, clock=clock)
    assert str(db) in str(caught.value)
    assert CLIENT not in str(caught.value)


def test_missing_anchor_is_reported(data_dir: Path, clock: Any) -> None:
    """Without its anchor a log cannot rule out deletions, and says so."""
    (data_dir / "desk-log.anchor").unlink()
    report = _verify(data_dir, clock)
    assert report.problem is not None and "anchor file" in report.problem


def test_lagging_anchor_is_caught_up(data_dir: Path, clock: Any) -> None:
    """A crash between commit and anchor write leaves an older anchor; opening repairs it."""
    with closing(sqlite3.connect(data_dir / "desk-log.sqlite3")) as conn:
        seq, digest = conn.execute("SELECT seq, hash FROM events WHERE seq = 11").fetchone()
    write_anchor(data_dir / "desk-log.anchor", Head(seq=seq, hash=digest))
    assert _verify(data_dir, clock).ok
    assert json.loads((data_dir / "desk-log.anchor").read_text())["seq"] == 12


def test_empty_log_verifies(tmp_path: Path, clock: Any) -> None:
    """A fresh log verifies with no events and no head."""
    report = _verify(tmp_path / "fresh", clock)
    assert report.ok and report.events_checked == 0 and report.head is None


def test_hash_is_sha256_of_canonical_record() -> None:
    """The hashed bytes are the sorted, whitespace-free UTF-8 JSON of every field."""
    fields: dict[str, Any] = {
        "seq": 7,
        "request_id": "R-000001",
        "at": "2026-11-02T15:30:00.000000+00:00",
        "staff_id": "ann",
        "workstation": 'Front Désk "1"',
        "type": "approved",
        "prev_hash": "ab" * 32,
    }
    payload = {"by": "jdoe", "note": "José said ok\n", "how": "phone"}
    spliced = record_bytes(**fields, payload_json=canonical_json(payload))
    whole = json.dumps(
        {**fields, "payload": payload}, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode()
    assert spliced == whole


def test_client_names_stay_in_the_database(data_dir: Path, clock: Any) -> None:
    """No client name reaches the anchor, backups' names or anything else beside the database."""
    for path in data_dir.rglob("*"):
        assert "quinnell" not in path.name.lower()
        if path.is_file() and "sqlite3" not in path.name:
            assert b"Quinnell" not in path.read_bytes()


def test_workflow_refusal_leaves_chain_valid(data_dir: Path, clock: Any) -> None:
    """A refused action after reopening writes nothing and the chain still verifies."""
    log: RequestLog
    with open_log(data_dir, clock=clock) as log:
        before = log.head()
        with pytest.raises(InvalidInput):
            log.approve("R-000003", by="nobody", staff_id="ann", how="phone")
        assert log.head() == before
        assert log.verify().ok


def _append_forged(conn: sqlite3.Connection, **fields: Any) -> None:
    """Chain one more event onto the log exactly as Desk would, whatever its contents."""
    seq, last_hash = conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC").fetchone()
    row = {
        "seq": seq + 1,
        "request_id": None,
        "at": "2026-11-02T15:30:00.000000+00:00",
        "staff_id": "admin",
        "workstation": "x",
        "type": "exported",
        "payload_json": canonical_json({"rows": 1}),
        "prev_hash": last_hash,
        **fields,
    }
    conn.execute(
        "INSERT INTO events(seq, request_id, at, staff_id, workstation, type, payload, "
        "prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?)",
        (*row.values(), event_hash(**row)),
    )


def test_fields_needing_escapes_verify(tmp_path: Path, clock: Any) -> None:
    """Quotes, backslashes, accents and newlines in any field verify; an edit among them shows."""
    folder = tmp_path / "odd"
    with open_log(folder, clock=clock, workstation='Front "Désk" \\1') as log:
        log.add_staff(staff_id="ann", name='Ann "Front"')
        log.add_counselor(counselor_id="jdoe", name="Jane Doe", email="jane@example.org")
        for n in range(4):
            rid = log.add_request(
                client=f'Mary "Q" O\\Brien{n}', counselor_id="jdoe", staff_id="ann",
                note="line one\nline\ttwo",
            ).id  # fmt: skip
            log.approve(rid, by="jdoe", staff_id="ann", how="phone", note='said "yes"')
    assert _verify(folder, clock).ok
    assert _verify(folder, clock, deep=True).ok
    with attacker(folder) as conn:
        conn.execute("UPDATE events SET workstation = 'Front \"Desk\" \\1' WHERE seq = 7")
    report = _verify(folder, clock)
    assert report.problem == "event 7: hash does not match its contents"
    assert report.events_checked == 6


@pytest.mark.parametrize("value", ["tab\there", 'quote"here', "back\\slash", "new\nline"])
def test_hash_over_unescaped_bytes_is_refused(data_dir: Path, clock: Any, value: str) -> None:
    """A hash a forger took over the raw, unescaped field is not the canonical hash."""
    with attacker(data_dir) as conn:
        conn.execute("UPDATE events SET workstation = ? WHERE seq = 12", (value,))
        row = conn.execute(
            "SELECT at, payload, prev_hash, staff_id, type FROM events WHERE seq = 12"
        ).fetchone()
        raw = (
            f'{{"at":"{row[0]}","payload":{row[1]},"prev_hash":"{row[2]}","request_id":null,'
            f'"seq":12,"staff_id":"{row[3]}","type":"{row[4]}","workstation":"{value}"}}'
        )
        digest = hashlib.sha256(raw.encode()).hexdigest()
        conn.execute("UPDATE events SET hash = ? WHERE seq = 12", (digest,))
    write_anchor(data_dir / "desk-log.anchor", Head(seq=12, hash=digest))
    assert _verify(data_dir, clock).problem == "event 12: hash does not match its contents"


def test_rewrite_hashed_canonically_is_consistent(data_dir: Path, clock: Any) -> None:
    """A field holding a tab, rehashed canonically, passes the bulk walk and the exact one alike.

    Only the anchor or an earlier head can catch a forger who rewrites the whole chain.
    """
    good = _verify(data_dir, clock).head
    with attacker(data_dir) as conn:
        conn.execute("UPDATE events SET workstation = 'front\t1' WHERE seq = 5")
        rehash_from(conn, 5)
    write_anchor(data_dir / "desk-log.anchor", _verify_head_only(data_dir))
    assert _verify(data_dir, clock).ok
    report = _verify(data_dir, clock, head=good.hash)
    assert report.problem is not None and "is not in the log" in report.problem


@pytest.mark.parametrize("deep", [False, True])
def test_unknown_event_type_is_named(data_dir: Path, clock: Any, deep: bool) -> None:
    """A well-chained event of a type Desk never writes is named, by either check."""
    with attacker(data_dir) as conn:
        _append_forged(conn, type="deleted_everything")
    report = _verify(data_dir, clock, deep=deep)
    assert report.problem == "event 13: column type holds an unknown event type"


@pytest.mark.parametrize("deep", [False, True])
def test_request_id_on_wrong_event_is_named(data_dir: Path, clock: Any, deep: bool) -> None:
    """An export event that claims to belong to a request is named, by either check."""
    with attacker(data_dir) as conn:
        _append_forged(conn, request_id="R-000001")
    report = _verify(data_dir, clock, deep=deep)
    assert report.problem == "event 13: request id does not fit a exported event"


def test_deep_check_names_field_stored_as_bytes(data_dir: Path, clock: Any) -> None:
    """A field stored as a blob (same bytes, wrong kind) is named by the deep check."""
    with attacker(data_dir) as conn:
        conn.execute("UPDATE events SET staff_id = CAST(staff_id AS BLOB) WHERE seq = 9")
    report = _verify(data_dir, clock, deep=True)
    assert report.problem == "event 9: fields are not text"


def test_event_numbered_before_the_first_is_detected(data_dir: Path, clock: Any) -> None:
    """An event slipped in before event 1 is found even though the bulk walk starts at 1."""
    with attacker(data_dir) as conn:
        conn.execute(
            "INSERT INTO events SELECT 0, request_id, at, staff_id, workstation, type, payload, "
            "prev_hash, hash FROM events WHERE seq = 1"
        )
    report = _verify(data_dir, clock)
    assert not report.ok
    assert report.problem is not None and report.problem.startswith("event 0")


def test_deleted_event_at_batch_edge_is_named(data_dir: Path, clock: Any, batch: int) -> None:
    """A gap right after the end of a batch is named like any other gap."""
    gone = min(batch, 10) + 1
    with attacker(data_dir) as conn:
        conn.execute("DELETE FROM events WHERE seq = ?", (gone,))
    report = _verify(data_dir, clock)
    assert (
        report.problem
        == f"event {gone} is missing: the log goes from event {gone - 1} to {gone + 1}"
    )
    assert report.events_checked == gone - 1


@pytest.mark.parametrize("column", ["staff_id", "workstation", "type", "request_id", "at"])
def test_text_after_a_nul_character_is_detected(data_dir: Path, clock: Any, column: str) -> None:
    """Bytes hidden after a NUL character in a field still change the event's hash."""
    with attacker(data_dir) as conn:
        conn.execute(f"UPDATE events SET {column} = {column} || char(0) || 'x' WHERE seq = 4")
    assert _verify(data_dir, clock).problem == "event 4: hash does not match its contents"
