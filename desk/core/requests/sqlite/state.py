"""Appending one event and updating the state derived from it, in the caller's transaction."""

from __future__ import annotations

import sqlite3

from desk.core.requests.chain import GENESIS, canonical_json, event_hash, format_time
from desk.core.requests.models import Event, Request
from desk.core.requests.replay import REQUEST_EVENTS, apply_counselor, apply_request, apply_staff
from desk.core.requests.sqlite import queries as q
from desk.core.requests.sqlite import time_order
from desk.core.requests.sqlite.client_index import ClientIndex
from desk.core.requests.sqlite.rows import EVENT_COLUMNS, REQUEST_COLUMNS, event_from_row
from desk.core.requests.store import Draft


def request_number(request_id: str) -> int:
    """`R-000123` -> 123."""
    return int(request_id.removeprefix("R-"))


def insert_event(conn: sqlite3.Connection, draft: Draft) -> Event:
    """Number, chain and insert one event."""
    last = q.head(conn)
    seq = 1 if last is None else last.seq + 1
    prev_hash = GENESIS if last is None else last.hash
    at = format_time(draft.at)
    payload_json = canonical_json(dict(draft.payload))
    digest = event_hash(
        seq=seq,
        request_id=draft.request_id,
        at=at,
        staff_id=draft.staff_id,
        workstation=draft.workstation,
        type=draft.type,
        payload_json=payload_json,
        prev_hash=prev_hash,
    )
    row = (
        seq,
        draft.request_id,
        at,
        draft.staff_id,
        draft.workstation,
        draft.type,
        payload_json,
        prev_hash,
        digest,
    )
    conn.execute(f"INSERT INTO events({EVENT_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?)", row)
    return event_from_row(row)


def apply_event(conn: sqlite3.Connection, event: Event, *, index: ClientIndex) -> None:
    """Update the derived tables from one event, by the same rules `verify` replays."""
    if event.type in REQUEST_EVENTS:
        assert event.request_id is not None
        before = q.request(conn, event.request_id)
        after = apply_request(
            before,
            request_id=event.request_id,
            type=event.type,
            at=event.at,
            staff_id=event.staff_id,
            payload=event.payload,
        )
        _write_request(conn, after, before=before, index=index)
    elif event.type in ("counselor_added", "counselor_updated"):
        c = apply_counselor(
            q.counselor(conn, str(event.payload.get("id"))), type=event.type, payload=event.payload
        )
        conn.execute(
            "INSERT OR REPLACE INTO counselors(id, name, email, credentials, active) "
            "VALUES (?,?,?,?,?)",
            (c.id, c.name, c.email, c.credentials, int(c.active)),
        )
    elif event.type in ("staff_added", "staff_updated"):
        s = apply_staff(
            q.staff(conn, str(event.payload.get("id"))), type=event.type, payload=event.payload
        )
        conn.execute(
            "INSERT OR REPLACE INTO staff(id, name, active) VALUES (?,?,?)",
            (s.id, s.name, int(s.active)),
        )


def _write_request(
    conn: sqlite3.Connection, req: Request, *, before: Request | None, index: ClientIndex
) -> None:
    released = format_time(req.released_at) if req.released_at else None
    requested_at = format_time(req.requested_at)
    values = (
        req.client,
        req.counselor_id,
        req.status,
        requested_at,
        format_time(req.updated_at),
        req.via,
        req.requested_by,
        req.decided_by,
        req.decided_how,
        released,
        req.release_method,
    )
    num = request_number(req.id)
    if before is None:
        time_order.note_new_request(conn, num=num, requested_at=requested_at)
        conn.execute(
            f"INSERT INTO requests(num, {REQUEST_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (num, req.id, *values),
        )
        index.add(
            conn, num=num, client=req.client, status=req.status, counselor_id=req.counselor_id
        )
        return
    conn.execute(
        "UPDATE requests SET client=?, counselor_id=?, status=?, requested_at=?, updated_at=?, "
        "via=?, requested_by=?, decided_by=?, decided_how=?, released_at=?, release_method=? "
        "WHERE id=?",
        (*values, req.id),
    )
    index.change(
        conn,
        num=num,
        before=(before.client, before.status, before.counselor_id),
        after=(req.client, req.status, req.counselor_id),
    )
