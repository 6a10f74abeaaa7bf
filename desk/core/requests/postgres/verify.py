"""`verify` on the shared log: the chain walked here, on this desk, not taken on the server's word.

Every event is read in one REPEATABLE READ snapshot and re-hashed locally; links and sequence
numbers must run without a gap, the append-only guard must be in place, an earlier head (from
a printout) must be in the chain, and this desk's witness head must be there at its seq. With
`deep`, every payload must be canonical and the people and requests tables must equal a replay
of the events.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from desk.core.errors import InvalidInput
from desk.core.requests.chain import GENESIS, canonical_json, parse_time, record_bytes
from desk.core.requests.models import Counselor, Head, Request, Staff, VerifyReport
from desk.core.requests.postgres.queries import REQUEST_COLUMNS, request_from_row
from desk.core.requests.postgres.witness import witness_problem
from desk.core.requests.replay import (
    EVENT_TYPES,
    PEOPLE_EVENTS,
    REQUEST_EVENTS,
    ReplayError,
    apply_counselor,
    apply_request,
    apply_staff,
)

if TYPE_CHECKING:
    import psycopg

_HEX = re.compile(r"[0-9a-f]{8,64}")
_BATCH = 5000
GUARD = {"events_no_change", "events_no_truncate"}


class Problem(Exception):
    """The first thing found wrong; names the event or record."""


def check_head_arg(head: str | None) -> str | None:
    if head is None:
        return None
    wanted = head.strip().lower()
    if not _HEX.fullmatch(wanted):
        raise InvalidInput(
            f"head {head[:70]!r} is not a hash: give the 64 hex digits printed on an export "
            "(or at least the first 8)"
        )
    return wanted


class _Walk:
    def __init__(self) -> None:
        self.checked = 0
        self.last_hash = GENESIS
        self.head_found = False
        self.counselors: dict[str, Counselor] = {}
        self.staff: dict[str, Staff] = {}
        self.requests: dict[str, Request] = {}

    @property
    def head(self) -> Head | None:
        return Head(seq=self.checked, hash=self.last_hash) if self.checked else None


def verify_shared(
    conn: psycopg.Connection[tuple[Any, ...]],
    *,
    head: str | None,
    deep: bool,
    seen: Head | None,
    seen_problem: str | None,
) -> VerifyReport:
    """Check the shared log through `conn` (autocommit); see `RequestLog.verify`."""
    wanted = check_head_arg(head)
    walk = _Walk()

    def report(problem: str | None = None) -> VerifyReport:
        return VerifyReport(
            ok=problem is None, events_checked=walk.checked, head=walk.head, problem=problem
        )

    try:
        with conn.transaction():
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            _walk(conn, walk, wanted, deep=deep)
            if seen_problem:
                raise Problem(seen_problem)
            at_seen = walk_hash_at(conn, seen.seq) if seen else None
            problem = witness_problem(seen, hash_at_seen=at_seen, last=walk.head)
            if problem:
                raise Problem(problem)
            if wanted is not None and not walk.head_found:
                raise Problem(
                    f"head {wanted} is not in the log: events recorded before it was taken "
                    "have been changed or removed"
                )
            _check_guard(conn)
            if deep:
                _check_state(conn, walk)
    except Problem as bad:
        return report(str(bad))
    return report()


def walk_hash_at(conn: psycopg.Connection[tuple[Any, ...]], seq: int) -> str | None:
    row = conn.execute("SELECT hash FROM desk.events WHERE seq = %s", (seq,)).fetchone()
    return str(row[0]) if row else None


def _walk(
    conn: psycopg.Connection[tuple[Any, ...]], walk: _Walk, wanted: str | None, *, deep: bool
) -> None:
    sql = (
        "SELECT seq, request_id, at, staff_id, workstation, type, payload, prev_hash, hash "
        "FROM desk.events WHERE seq > %s ORDER BY seq LIMIT %s"
    )
    sha256 = hashlib.sha256
    while True:
        rows = conn.execute(sql, (walk.checked, _BATCH)).fetchall()
        for seq, request_id, at, staff_id, workstation, type_, payload, prev, digest in rows:
            if seq != walk.checked + 1:
                raise Problem(f"event {walk.checked + 1} is missing (the next is {seq})")
            if prev != walk.last_hash:
                raise Problem(f"event {seq}: does not link to the event before it")
            data = record_bytes(
                seq=seq,
                request_id=request_id,
                at=at,
                staff_id=staff_id,
                workstation=workstation,
                type=type_,
                payload_json=payload,
                prev_hash=prev,
            )
            if sha256(data).hexdigest() != digest:
                raise Problem(f"event {seq}: hash does not match its contents (it was changed)")
            if wanted is not None and digest.startswith(wanted):
                walk.head_found = True
            if deep:
                _replay(walk, seq, request_id, at, staff_id, type_, payload)
            walk.checked, walk.last_hash = seq, digest
        if len(rows) < _BATCH:
            return


def _replay(
    walk: _Walk, seq: int, request_id: str | None, at: str, staff_id: str, type_: str, text: str
) -> None:
    try:
        payload = json.loads(text)
        if canonical_json(payload) != text:
            raise ReplayError("payload is not in canonical form")
        if type_ not in EVENT_TYPES:
            raise ReplayError(f"unknown event type {type_!r}")
        if type_ in REQUEST_EVENTS:
            if request_id is None:
                raise ReplayError(f"{type_} names no request")
            walk.requests[request_id] = apply_request(
                walk.requests.get(request_id),
                request_id=request_id,
                type=type_,
                at=parse_time(at),
                staff_id=staff_id,
                payload=payload,
            )
        elif type_ in PEOPLE_EVENTS:
            key = str(payload.get("id"))
            if type_ in ("staff_added", "staff_updated"):
                walk.staff[key] = apply_staff(walk.staff.get(key), type=type_, payload=payload)
            else:
                walk.counselors[key] = apply_counselor(
                    walk.counselors.get(key), type=type_, payload=payload
                )
    except (ReplayError, ValueError, AttributeError, TypeError) as err:
        raise Problem(f"event {seq}: {err}") from None


def _check_guard(conn: psycopg.Connection[tuple[Any, ...]]) -> None:
    rows = conn.execute(
        "SELECT tgname FROM pg_trigger WHERE tgrelid = 'desk.events'::regclass "
        "AND tgenabled <> 'D' AND NOT tgisinternal"
    ).fetchall()
    missing = GUARD - {r[0] for r in rows}
    if missing:
        raise Problem(
            f"the append-only guard on events is missing or disabled ({', '.join(sorted(missing))})"
        )


def _first_difference(stored: dict[str, Any], replayed: dict[str, Any]) -> str | None:
    wrong = [k for k in stored.keys() | replayed.keys() if stored.get(k) != replayed.get(k)]
    return min(wrong) if wrong else None


def _check_state(conn: psycopg.Connection[tuple[Any, ...]], walk: _Walk) -> None:
    counselors = {
        r[0]: Counselor(id=r[0], name=r[1], email=r[2], credentials=r[3], active=r[4])
        for r in conn.execute("SELECT id, name, email, credentials, active FROM desk.counselors")
    }
    bad = _first_difference(counselors, walk.counselors)
    if bad:
        raise Problem(f"counselor {bad}: stored details do not match the events")
    staff = {
        r[0]: Staff(id=r[0], name=r[1], active=r[2])
        for r in conn.execute("SELECT id, name, active FROM desk.staff")
    }
    bad = _first_difference(staff, walk.staff)
    if bad:
        raise Problem(f"staff {bad}: stored details do not match the events")
    stored: dict[str, Request] = {}
    for num, *columns in conn.execute(f"SELECT num, {REQUEST_COLUMNS} FROM desk.requests"):
        req = request_from_row(tuple(columns))
        if req.id != f"R-{num:06d}":
            raise Problem(f"request {req.id}: stored number does not match its id")
        stored[req.id] = req
    bad = _first_difference(stored, walk.requests)
    if bad:
        if bad not in stored:
            raise Problem(f"request {bad}: its events exist but its stored state is missing")
        if bad not in walk.requests:
            raise Problem(f"request {bad}: stored but no event created it")
        names = [
            f.name
            for f in fields(Request)
            if getattr(stored[bad], f.name) != getattr(walk.requests[bad], f.name)
        ]
        raise Problem(f"request {bad}: stored {', '.join(names)} does not match its events")
