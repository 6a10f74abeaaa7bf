"""`desk requests migrate --to URL`: move a single desk's log into an empty shared log.

The events are copied as they are (same times, same people, same hashes), so the shared log
ends at exactly the head the desk's log had, and a printout taken before the move still checks
out afterwards. Each event is re-hashed and linked before it is written; state is replayed
with the same functions `verify` uses; people get their database roles. All of it is one
transaction: a failure leaves the shared log empty. Run as the shared log's owner role.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk.core.errors import Refused, StoreError
from desk.core.requests.chain import GENESIS, canonical_json, format_time, record_bytes
from desk.core.requests.models import Counselor, Event, Head, Request, Staff
from desk.core.requests.postgres.sql_append import CHAIN_LOCK
from desk.core.requests.replay import (
    PEOPLE_EVENTS,
    REQUEST_EVENTS,
    ReplayError,
    apply_counselor,
    apply_request,
    apply_staff,
)

if TYPE_CHECKING:
    import psycopg

_EVENT_SQL = (
    "INSERT INTO desk.events (seq, request_id, at, staff_id, workstation, type, payload, "
    "prev_hash, hash) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)"
)


@dataclass
class _State:
    requests: dict[str, Request]
    counselors: dict[str, Counselor]
    staff: dict[str, Staff]


def copy_events(
    conn: psycopg.Connection[tuple[Any, ...]], events: Iterable[Event], *, where: str
) -> Head | None:
    """Copy `events` (oldest first) into the empty shared log behind `conn` (autocommit, owner).

    Raises:
        Refused: the shared log already holds events, or `conn` is not its owner.
        StoreError: an event that does not hash or link as recorded, or one the rules forbid.
    """
    state = _State({}, {}, {})
    last = Head(seq=0, hash=GENESIS)
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (CHAIN_LOCK,))
        _require_empty_and_owner(conn, where=where)
        with conn.cursor() as cur:
            for event in events:
                last = _copy_one(cur, event, last, state)
        _write_state(conn, state)
    return last if last.seq else None


def _require_empty_and_owner(conn: psycopg.Connection[tuple[Any, ...]], *, where: str) -> None:
    row = conn.execute(
        "SELECT pg_has_role(session_user, nspowner, 'MEMBER') FROM pg_namespace "
        "WHERE nspname = 'desk'"
    ).fetchone()
    if row is None:
        raise StoreError(f"the shared log at {where} is not set up yet: run `desk db setup` first")
    if not row[0]:
        raise Refused(f"only the shared log's owner role can move a log into {where}")
    found = conn.execute("SELECT count(*) FROM desk.events").fetchone()
    if found and found[0]:
        raise Refused(
            f"the shared log at {where} already holds {found[0]} events; a log moves only into "
            "an empty one, nothing was copied"
        )


def _copy_one(cur: Any, event: Event, last: Head, state: _State) -> Head:
    payload = canonical_json(dict(event.payload))
    at = format_time(event.at)
    seq = last.seq + 1
    if event.seq != seq or event.prev_hash != last.hash:
        raise StoreError(f"event {event.seq} does not follow event {last.seq}; nothing was copied")
    data = record_bytes(
        seq=seq,
        request_id=event.request_id,
        at=at,
        staff_id=event.staff_id,
        workstation=event.workstation,
        type=event.type,
        payload_json=payload,
        prev_hash=last.hash,
    )
    if hashlib.sha256(data).hexdigest() != event.hash:
        raise StoreError(f"event {seq}: hash does not match its contents; nothing was copied")
    try:
        _apply(state, event)
    except (ReplayError, ValueError, TypeError, AttributeError) as err:
        raise StoreError(f"event {seq}: {err}; nothing was copied") from None
    cur.execute(
        _EVENT_SQL,
        (
            seq,
            event.request_id,
            at,
            event.staff_id,
            event.workstation,
            event.type,
            payload,
            last.hash,
            event.hash,
        ),
    )
    return Head(seq=seq, hash=event.hash)


def _apply(state: _State, event: Event) -> None:
    if event.type in REQUEST_EVENTS:
        rid = str(event.request_id)
        state.requests[rid] = apply_request(
            state.requests.get(rid),
            request_id=rid,
            type=event.type,
            at=event.at,
            staff_id=event.staff_id,
            payload=event.payload,
        )
    elif event.type in PEOPLE_EVENTS:
        key = str(event.payload.get("id"))
        if event.type == "staff_added":
            state.staff[key] = apply_staff(
                state.staff.get(key), type=event.type, payload=event.payload
            )
        else:
            state.counselors[key] = apply_counselor(
                state.counselors.get(key), type=event.type, payload=event.payload
            )


def _write_state(conn: psycopg.Connection[tuple[Any, ...]], state: _State) -> None:
    with conn.cursor() as cur:
        for s in state.staff.values():
            cur.execute("INSERT INTO desk.staff VALUES (%s, %s, %s)", (s.id, s.name, s.active))
            _role(cur, s.id, group="desk_staff", login=s.active)
        for c in state.counselors.values():
            cur.execute(
                "INSERT INTO desk.counselors VALUES (%s, %s, %s, %s, %s)",
                (c.id, c.name, c.email, c.credentials, c.active),
            )
            _role(cur, c.id, group="desk_counselor", login=c.active)
        for r in state.requests.values():
            cur.execute(
                "INSERT INTO desk.requests VALUES "
                "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                (
                    int(r.id.removeprefix("R-")),
                    r.id,
                    r.client,
                    r.counselor_id,
                    r.status,
                    format_time(r.requested_at),
                    format_time(r.updated_at),
                    r.via,
                    r.requested_by,
                    r.decided_by,
                    r.decided_how,
                    format_time(r.released_at) if r.released_at else None,
                    r.release_method,
                ),
            )


def _role(cur: Any, name: str, *, group: str, login: bool) -> None:
    """The person's LOGIN role in their group, created if missing (no password is set)."""
    from psycopg import sql

    exists = cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone()
    if not exists:
        cur.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(name)))
    cur.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(name)))
    if not login:
        cur.execute(sql.SQL("ALTER ROLE {} NOLOGIN").format(sql.Identifier(name)))


def sqlite_events(db_path: Path) -> Iterator[Event]:
    """Every event of a single desk's log, oldest first, read in one snapshot."""
    from desk.core.requests.sqlite.opening import connect
    from desk.core.requests.sqlite.rows import EVENT_COLUMNS, event_from_row

    conn = connect(db_path, read_only=True, timeout=10)
    try:
        conn.execute("BEGIN")
        for row in conn.execute(f"SELECT {EVENT_COLUMNS} FROM events ORDER BY seq"):
            yield event_from_row(row)
        conn.execute("ROLLBACK")
    finally:
        conn.close()
