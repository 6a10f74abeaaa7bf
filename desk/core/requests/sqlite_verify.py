"""Walk the whole chain and the derived state, streaming, on a connection of its own.

A separate connection reads one snapshot (WAL lets writers carry on meanwhile) without holding
the store's lock. The anchor file is read before the snapshot starts, so a write that lands
during the check can only make the anchor look behind the log, never ahead of it.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desk.core.errors import InvalidInput
from desk.core.requests.anchor import check_anchor, read_anchor_safely
from desk.core.requests.chain import GENESIS, parse_time, record_bytes
from desk.core.requests.client_index import ClientIndex
from desk.core.requests.models import Counselor, Head, Request, Staff, VerifyReport
from desk.core.requests.replay import (
    EVENT_TYPES,
    REQUEST_EVENTS,
    ReplayError,
    apply_counselor,
    apply_request,
    apply_staff,
)
from desk.core.requests.schema import GUARD_TRIGGERS
from desk.core.requests.sqlite_rows import REQUEST_COLUMNS, request_from_row

_HEX = re.compile(r"[0-9a-f]{8,64}")


class _Bad(Exception):
    """The first problem found; its message is the report's `problem`."""


@dataclass
class _Walk:
    checked: int = 0
    last: Head | None = None
    head_found: bool = False
    counselors: dict[str, Counselor] = field(default_factory=dict)
    staff: dict[str, Staff] = field(default_factory=dict)


def _check_head_arg(head: str | None) -> str | None:
    if head is None:
        return None
    wanted = head.strip().lower()
    if not _HEX.fullmatch(wanted):
        raise InvalidInput(
            f"head {head[:70]!r} is not a hash: give the 64 hex digits printed on an export "
            "(or at least the first 8)"
        )
    return wanted


def verify_database(*, db_path: Path, anchor_path: Path, head: str | None) -> VerifyReport:
    """Check chain, derived state and anchor; see `RequestLog.verify`."""
    wanted = _check_head_arg(head)
    recorded, unreadable = read_anchor_safely(anchor_path)
    conn = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False, timeout=10)
    walk = _Walk()
    try:
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("BEGIN")
        try:
            _walk_chain(conn, walk, wanted)
            found = check_anchor(
                path=anchor_path,
                recorded=recorded,
                unreadable=unreadable,
                last=walk.last,
                hash_at=lambda seq: _hash_at(conn, seq),
            )
            if found.problem:
                raise _Bad(found.problem)
            if wanted is not None and not walk.head_found:
                raise _Bad(
                    f"head {wanted} is not in the log: events recorded before it was taken "
                    "have been changed or removed"
                )
            _check_people(conn, walk)
            _check_requests(conn)
            _check_guard(conn)
        except _Bad as bad:
            return VerifyReport(
                ok=False, events_checked=walk.checked, head=walk.last, problem=str(bad)
            )
        finally:
            conn.execute("ROLLBACK")
        # FTS5 spells its check as an INSERT, which needs the write lock: a separate, short
        # transaction that writes nothing.
        conn.execute("BEGIN IMMEDIATE")
        try:
            index_problem = ClientIndex(conn).problem(conn)
        finally:
            conn.execute("ROLLBACK")
        if index_problem:
            return VerifyReport(
                ok=False, events_checked=walk.checked, head=walk.last, problem=index_problem
            )
    finally:
        conn.close()
    return VerifyReport(ok=True, events_checked=walk.checked, head=walk.last)


def _check_guard(conn: sqlite3.Connection) -> None:
    stored = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
    for name, sql in GUARD_TRIGGERS.items():
        if stored.get(name) != sql:
            raise _Bad(f"the append-only guard on events was removed or changed (trigger {name})")


def _hash_at(conn: sqlite3.Connection, seq: int) -> str | None:
    row = conn.execute("SELECT hash FROM events WHERE seq = ?", (seq,)).fetchone()
    return str(row[0]) if row else None


# The canonical record built by SQLite's json_quote, so the walk hashes without a Python call
# per field. Python's `record_bytes` stays the authority: a row whose SQL-built bytes do not
# match is rebuilt in Python before it is called bad.
_SQL_RECORD = (
    "CAST('{\"at\":' || json_quote(at) || ',\"payload\":' || payload"
    " || ',\"prev_hash\":' || json_quote(prev_hash) || ',\"request_id\":' || json_quote(request_id)"
    " || ',\"seq\":' || seq || ',\"staff_id\":' || json_quote(staff_id)"
    " || ',\"type\":' || json_quote(type) || ',\"workstation\":' || json_quote(workstation)"
    " || '}' AS BLOB)"
)
_PEOPLE_PAYLOAD = (
    "CASE WHEN type IN ('staff_added', 'counselor_added', 'counselor_updated') THEN payload END"
)


def _has_json(conn: sqlite3.Connection) -> bool:
    try:
        conn.execute("SELECT json_quote('x')").fetchone()
    except sqlite3.OperationalError:
        return False
    return True


def _python_record(conn: sqlite3.Connection, seq: int, link: str) -> bytes | None:
    row = conn.execute(
        "SELECT request_id, at, staff_id, workstation, type, payload FROM events WHERE seq = ?",
        (seq,),
    ).fetchone()
    try:
        return record_bytes(
            seq=seq,
            request_id=row[0],
            at=row[1],
            staff_id=row[2],
            workstation=row[3],
            type=row[4],
            payload_json=row[5],
            prev_hash=link,
        )
    except (TypeError, UnicodeError):
        return None


def _walk_chain(conn: sqlite3.Connection, walk: _Walk, wanted: str | None) -> None:
    """Hashes, sequence and links, oldest first; people are folded on the way."""
    prev_seq, prev_hash = 0, GENESIS
    sha256 = hashlib.sha256
    record = _SQL_RECORD if _has_json(conn) else "NULL"
    rows = conn.execute(
        f"SELECT seq, prev_hash, hash, type, request_id, {_PEOPLE_PAYLOAD}, {record} "
        "FROM events ORDER BY seq"
    )
    try:
        for seq, link, digest, type_, request_id, person, data in rows:
            if seq != prev_seq + 1:
                if prev_seq == 0:
                    raise _Bad(
                        f"event {seq}: the log starts here; events 1 to {seq - 1} are missing"
                    )
                raise _Bad(
                    f"event {prev_seq + 1} is missing: the log goes from event {prev_seq} to {seq}"
                )
            if link != prev_hash:
                raise _Bad(
                    f"event {seq}: its link to event {prev_seq} is broken (prev_hash differs)"
                )
            if data is None or sha256(data).hexdigest() != digest:
                data = _python_record(conn, seq, link)
                if data is None:
                    raise _Bad(f"event {seq}: fields are not text")
                if sha256(data).hexdigest() != digest:
                    raise _Bad(f"event {seq}: hash does not match its contents")
            if type_ not in EVENT_TYPES:
                raise _Bad(f"event {seq}: unknown event type {str(type_)[:40]!r}")
            if (request_id is not None) != (type_ in REQUEST_EVENTS):
                raise _Bad(f"event {seq}: request id does not fit a {type_} event")
            if person is not None:
                _fold_person(walk, seq, type_, person)
            if wanted is not None and digest.startswith(wanted):
                walk.head_found = True
            prev_seq, prev_hash = seq, digest
    finally:
        walk.checked = prev_seq
        walk.last = Head(seq=prev_seq, hash=prev_hash) if prev_seq else None


def _fold_person(walk: _Walk, seq: int, type_: str, payload_json: str) -> None:
    try:
        payload = json.loads(payload_json)
        key = str(payload.get("id"))
        if type_ == "staff_added":
            walk.staff[key] = apply_staff(walk.staff.get(key), type=type_, payload=payload)
        else:
            walk.counselors[key] = apply_counselor(
                walk.counselors.get(key), type=type_, payload=payload
            )
    except (ReplayError, ValueError, AttributeError, TypeError) as err:
        raise _Bad(f"event {seq}: {err}") from None


def _check_people(conn: sqlite3.Connection, walk: _Walk) -> None:
    counselors = {
        r[0]: Counselor(id=r[0], name=r[1], email=r[2], credentials=r[3], active=bool(r[4]))
        for r in conn.execute("SELECT id, name, email, credentials, active FROM counselors")
    }
    if counselors != walk.counselors:
        bad = min(
            k
            for k in counselors.keys() | walk.counselors.keys()
            if counselors.get(k) != walk.counselors.get(k)
        )
        raise _Bad(f"counselor {bad}: stored details do not match the events")
    staff = {
        r[0]: Staff(id=r[0], name=r[1], active=bool(r[2]))
        for r in conn.execute("SELECT id, name, active FROM staff")
    }
    if staff != walk.staff:
        bad = min(k for k in staff.keys() | walk.staff.keys() if staff.get(k) != walk.staff.get(k))
        raise _Bad(f"staff {bad}: stored details do not match the events")


def _replayed(conn: sqlite3.Connection) -> Iterator[tuple[str, Request]]:
    """Each request rebuilt from its events, in request-id order."""
    rows = conn.execute(
        "SELECT seq, request_id, at, staff_id, type, payload FROM events "
        "WHERE request_id IS NOT NULL ORDER BY request_id, seq"
    )
    current_id: str | None = None
    state: Request | None = None
    for seq, request_id, at, staff_id, type_, payload in rows:
        if request_id != current_id:
            if current_id is not None and state is not None:
                yield current_id, state
            current_id, state = request_id, None
        try:
            state = apply_request(
                state,
                request_id=request_id,
                type=type_,
                at=parse_time(at),
                staff_id=staff_id,
                payload=json.loads(payload),
            )
        except (ReplayError, ValueError, AttributeError, TypeError) as err:
            raise _Bad(f"event {seq}: {err}") from None
    if current_id is not None and state is not None:
        yield current_id, state


def _check_requests(conn: sqlite3.Connection) -> None:
    """Merge the stored rows with the replay; both come sorted by request id."""
    stored = conn.execute(f"SELECT num, {REQUEST_COLUMNS} FROM requests ORDER BY id")
    replay = _replayed(conn)
    for num, *columns in stored:
        row: Any = columns
        try:
            actual = request_from_row(row)
        except (ValueError, TypeError):
            raise _Bad(f"request {str(row[0])[:20]}: stored row is unreadable") from None
        expected_pair = next(replay, None)
        if expected_pair is None or expected_pair[0] > actual.id:
            raise _Bad(f"request {actual.id}: stored but no event created it")
        expected_id, expected = expected_pair
        if expected_id < actual.id:
            raise _Bad(f"request {expected_id}: its events exist but its stored state is missing")
        if actual != expected:
            fields = [
                f
                for f in Request.__dataclass_fields__
                if getattr(actual, f) != getattr(expected, f)
            ]
            raise _Bad(f"request {actual.id}: stored {', '.join(fields)} does not match its events")
        if actual.id != f"R-{num:06d}":
            raise _Bad(f"request {actual.id}: stored number does not match its id")
    leftover = next(replay, None)
    if leftover is not None:
        raise _Bad(f"request {leftover[0]}: its events exist but its stored state is missing")
