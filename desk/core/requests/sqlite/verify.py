"""`verify`: the chain and anchor by default; with `deep`, the derived state replayed as well.

The default check is the tamper evidence the log promises: every event's hash, each link to the
event before, sequence numbers without gaps, the anchor, an earlier head if one is given, and the
append-only guard. It reads only the events table, in bulk (see `sqlite_chain`). The deep check
adds what a careful audit wants: event types and fields, the people and requests tables rebuilt
from the events and compared, the record of time order, and the client search index.

A separate connection reads one snapshot (WAL lets writers carry on meanwhile) without holding
the store's lock. The anchor file is read before the snapshot starts, so a write that lands
during the check can only make the anchor look behind the log, never ahead of it.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desk.core.errors import InvalidInput
from desk.core.requests.anchor import check_anchor, read_anchor_safely
from desk.core.requests.chain import parse_time
from desk.core.requests.models import Counselor, Head, Request, Staff, VerifyReport
from desk.core.requests.replay import (
    EVENT_TYPES,
    PEOPLE_EVENTS,
    REQUEST_EVENTS,
    ReplayError,
    apply_counselor,
    apply_request,
    apply_staff,
)
from desk.core.requests.sqlite.chain import ChainState, Problem, walk_chain
from desk.core.requests.sqlite.client_index import ClientIndex
from desk.core.requests.sqlite.opening import connect
from desk.core.requests.sqlite.rows import REQUEST_COLUMNS, request_from_row
from desk.core.requests.sqlite.schema import GUARD_TRIGGERS
from desk.core.requests.sqlite.time_order import time_order_problem

_HEX = re.compile(r"[0-9a-f]{8,64}")


@dataclass
class _People:
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


def verify_database(
    *,
    db_path: Path,
    anchor_path: Path,
    head: str | None,
    deep: bool = False,
    read_only: bool = False,
) -> VerifyReport:
    """Check the chain and anchor, and with `deep` the derived state; see `RequestLog.verify`.

    Args:
        read_only: the folder cannot be written; the search index check, which needs the
            write lock, is left out.
    """
    wanted = _check_head_arg(head)
    recorded, unreadable = read_anchor_safely(anchor_path)
    conn = connect(db_path, read_only=read_only, timeout=10)
    chain = ChainState()

    def report(problem: str | None = None) -> VerifyReport:
        last = chain.checked
        found = Head(seq=last, hash=chain.last_hash) if last else None
        return VerifyReport(ok=problem is None, events_checked=last, head=found, problem=problem)

    try:
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("BEGIN")
        try:
            walk_chain(conn, chain, wanted)
            last = Head(seq=chain.checked, hash=chain.last_hash) if chain.checked else None
            found = check_anchor(
                path=anchor_path,
                recorded=recorded,
                unreadable=unreadable,
                last=last,
                hash_at=lambda seq: _hash_at(conn, seq),
            )
            if found.problem:
                raise Problem(found.problem)
            if wanted is not None and not chain.head_found:
                raise Problem(
                    f"head {wanted} is not in the log: events recorded before it was taken "
                    "have been changed or removed"
                )
            _check_guard(conn)
            if deep:
                _check_events(conn)
                _check_people(conn, _fold_people(conn))
                _check_requests(conn)
                problem = time_order_problem(conn)
                if problem:
                    raise Problem(problem)
        except Problem as bad:
            return report(str(bad))
        finally:
            conn.execute("ROLLBACK")
        if deep and not read_only:
            # FTS5 spells its check as an INSERT, which needs the write lock: a separate,
            # short transaction that writes nothing.
            conn.execute("BEGIN IMMEDIATE")
            try:
                index_problem = ClientIndex(conn).problem(conn)
            finally:
                conn.execute("ROLLBACK")
            if index_problem:
                return report(index_problem)
    finally:
        conn.close()
    return report()


def _check_guard(conn: sqlite3.Connection) -> None:
    stored = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
    for name, sql in GUARD_TRIGGERS.items():
        if stored.get(name) != sql:
            raise Problem(
                f"the append-only guard on events was removed or changed (trigger {name})"
            )


def _hash_at(conn: sqlite3.Connection, seq: int) -> str | None:
    row = conn.execute("SELECT hash FROM events WHERE seq = ?", (seq,)).fetchone()
    return str(row[0]) if row else None


def _quoted(names: frozenset[str]) -> str:
    return ", ".join(f"'{n}'" for n in sorted(names))


_TEXT_COLUMNS = ("at", "staff_id", "workstation", "type", "payload", "prev_hash", "hash")
_ODD_EVENT = (
    "SELECT seq, type, "
    + " AND ".join(f"typeof({c}) = 'text'" for c in _TEXT_COLUMNS)
    + " AND typeof(request_id) IN ('text', 'null') FROM events WHERE "
    + " OR ".join(f"typeof({c}) != 'text'" for c in _TEXT_COLUMNS)
    + " OR typeof(request_id) NOT IN ('text', 'null')"
    + f" OR type NOT IN ({_quoted(EVENT_TYPES)})"
    + f" OR (request_id IS NOT NULL) != (type IN ({_quoted(REQUEST_EVENTS)}))"
    + " ORDER BY seq LIMIT 1"
)


def _check_events(conn: sqlite3.Connection) -> None:
    """Every event is text, of a known type, with a request id exactly when its type needs one."""
    row = conn.execute(_ODD_EVENT).fetchone()
    if row is None:
        return
    seq, type_, text = row
    if not text:
        raise Problem(f"event {seq}: fields are not text")
    if type_ not in EVENT_TYPES:
        raise Problem(f"event {seq}: unknown event type {str(type_)[:40]!r}")
    raise Problem(f"event {seq}: request id does not fit a {type_} event")


def _fold_people(conn: sqlite3.Connection) -> _People:
    people = _People()
    rows = conn.execute(
        f"SELECT seq, type, payload FROM events WHERE type IN ({_quoted(PEOPLE_EVENTS)}) "
        "ORDER BY seq"
    )
    for seq, type_, payload in rows:
        _fold_person(people, seq, type_, payload)
    return people


def _fold_person(people: _People, seq: int, type_: str, payload_json: str) -> None:
    try:
        payload = json.loads(payload_json)
        key = str(payload.get("id"))
        if type_ == "staff_added":
            people.staff[key] = apply_staff(people.staff.get(key), type=type_, payload=payload)
        else:
            people.counselors[key] = apply_counselor(
                people.counselors.get(key), type=type_, payload=payload
            )
    except (ReplayError, ValueError, AttributeError, TypeError) as err:
        raise Problem(f"event {seq}: {err}") from None


def _check_people(conn: sqlite3.Connection, people: _People) -> None:
    counselors = {
        r[0]: Counselor(id=r[0], name=r[1], email=r[2], credentials=r[3], active=bool(r[4]))
        for r in conn.execute("SELECT id, name, email, credentials, active FROM counselors")
    }
    if counselors != people.counselors:
        bad = min(
            k
            for k in counselors.keys() | people.counselors.keys()
            if counselors.get(k) != people.counselors.get(k)
        )
        raise Problem(f"counselor {bad}: stored details do not match the events")
    staff = {
        r[0]: Staff(id=r[0], name=r[1], active=bool(r[2]))
        for r in conn.execute("SELECT id, name, active FROM staff")
    }
    if staff != people.staff:
        bad = min(
            k for k in staff.keys() | people.staff.keys() if staff.get(k) != people.staff.get(k)
        )
        raise Problem(f"staff {bad}: stored details do not match the events")


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
            raise Problem(f"event {seq}: {err}") from None
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
            raise Problem(f"request {str(row[0])[:20]}: stored row is unreadable") from None
        expected_pair = next(replay, None)
        if expected_pair is None or expected_pair[0] > actual.id:
            raise Problem(f"request {actual.id}: stored but no event created it")
        expected_id, expected = expected_pair
        if expected_id < actual.id:
            raise Problem(
                f"request {expected_id}: its events exist but its stored state is missing"
            )
        if actual != expected:
            fields = [
                f
                for f in Request.__dataclass_fields__
                if getattr(actual, f) != getattr(expected, f)
            ]
            raise Problem(
                f"request {actual.id}: stored {', '.join(fields)} does not match its events"
            )
        if actual.id != f"R-{num:06d}":
            raise Problem(f"request {actual.id}: stored number does not match its id")
    leftover = next(replay, None)
    if leftover is not None:
        raise Problem(f"request {leftover[0]}: its events exist but its stored state is missing")
