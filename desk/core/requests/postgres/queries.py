"""Read queries of the PostgreSQL store, as functions of a connection.

Times are kept as the same fixed-width UTC text the chain hashes, so text order is time order
and a row converts to the same shapes as SQLite's.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from desk.core.requests.chain import format_time, parse_time
from desk.core.requests.models import (
    STATUSES,
    Counselor,
    Event,
    Head,
    Request,
    RequestFilter,
    Staff,
)
from desk.core.requests.replay import PEOPLE_EVENTS, search_words

if TYPE_CHECKING:
    import psycopg

    Conn = psycopg.Connection[tuple[Any, ...]]

REQUEST_COLUMNS = (
    "id, client, counselor_id, status, requested_at, updated_at, via, requested_by, "
    "decided_by, decided_how, released_at, release_method"
)
EVENT_COLUMNS = "seq, request_id, at, staff_id, workstation, type, payload, prev_hash, hash"
_COUNSELOR_COLUMNS = "id, name, email, credentials, active"


def request_from_row(row: tuple[Any, ...]) -> Request:
    return Request(
        id=row[0],
        client=row[1],
        counselor_id=row[2],
        status=row[3],
        requested_at=parse_time(row[4]),
        updated_at=parse_time(row[5]),
        via=row[6],
        requested_by=row[7],
        decided_by=row[8],
        decided_how=row[9],
        released_at=parse_time(row[10]) if row[10] else None,
        release_method=row[11],
    )


def event_from_row(row: tuple[Any, ...]) -> Event:
    return Event(
        seq=int(row[0]),
        request_id=row[1],
        at=parse_time(row[2]),
        staff_id=row[3],
        workstation=row[4],
        type=row[5],
        payload=json.loads(row[6]),
        prev_hash=row[7],
        hash=row[8],
    )


def _counselor(row: tuple[Any, ...]) -> Counselor:
    return Counselor(id=row[0], name=row[1], email=row[2], credentials=row[3], active=row[4])


def local_day_start(day: date) -> str:
    """UTC text of local midnight starting `day`, for comparing with stored times."""
    return format_time(datetime.combine(day, time.min).astimezone())


def _where(flt: RequestFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if flt.status is not None:
        clauses.append("status = %s")
        params.append(flt.status)
    if flt.counselor_id is not None:
        clauses.append("counselor_id = %s")
        params.append(flt.counselor_id)
    if flt.since is not None:
        clauses.append("requested_at >= %s")
        params.append(local_day_start(flt.since))
    if flt.until is not None:
        clauses.append("requested_at < %s")
        params.append(local_day_start(flt.until + timedelta(days=1)))
    for word in dict.fromkeys(search_words(flt.client)):
        # Every word typed starts some word of the name, in any order.
        clauses.append("EXISTS (SELECT 1 FROM unnest(desk.name_words(client)) w WHERE w LIKE %s)")
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params.append(escaped + "%")
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def request(conn: Conn, request_id: str) -> Request | None:
    sql = f"SELECT {REQUEST_COLUMNS} FROM desk.requests WHERE id = %s"
    row = conn.execute(sql, (request_id,)).fetchone()
    return request_from_row(row) if row else None


def counselor(conn: Conn, counselor_id: str) -> Counselor | None:
    sql = f"SELECT {_COUNSELOR_COLUMNS} FROM desk.counselors WHERE id = %s"
    row = conn.execute(sql, (counselor_id,)).fetchone()
    return _counselor(row) if row else None


def staff(conn: Conn, staff_id: str) -> Staff | None:
    row = conn.execute(
        "SELECT id, name, active FROM desk.staff WHERE id = %s", (staff_id,)
    ).fetchone()
    return Staff(id=row[0], name=row[1], active=row[2]) if row else None


def next_request_id(conn: Conn) -> str:
    row = conn.execute("SELECT max(num) FROM desk.requests").fetchone()
    last = row[0] if row else None
    return f"R-{(last or 0) + 1:06d}"


def all_staff(conn: Conn) -> list[Staff]:
    rows = conn.execute("SELECT id, name, active FROM desk.staff ORDER BY name, id")
    return [Staff(id=r[0], name=r[1], active=r[2]) for r in rows]


def counselors(conn: Conn, *, include_inactive: bool) -> list[Counselor]:
    where = "" if include_inactive else " WHERE active"
    sql = f"SELECT {_COUNSELOR_COLUMNS} FROM desk.counselors{where} ORDER BY name, id"
    return [_counselor(r) for r in conn.execute(sql)]


def count(conn: Conn, flt: RequestFilter) -> int:
    if flt.status is not None and flt.status not in STATUSES:
        return 0
    where, params = _where(flt)
    row = conn.execute(f"SELECT count(*) FROM desk.requests{where}", params).fetchone()
    return int(row[0]) if row else 0


def page(conn: Conn, flt: RequestFilter, *, offset: int, limit: int) -> list[Request]:
    """Newest `requested_at` first, ties by request number."""
    if flt.status is not None and flt.status not in STATUSES:
        return []
    where, params = _where(flt)
    sql = (
        f"SELECT {REQUEST_COLUMNS} FROM desk.requests{where} "
        "ORDER BY requested_at DESC, num DESC LIMIT %s OFFSET %s"
    )
    return [request_from_row(r) for r in conn.execute(sql, [*params, limit, offset])]


def history(conn: Conn, request_id: str) -> list[Event]:
    sql = f"SELECT {EVENT_COLUMNS} FROM desk.events WHERE request_id = %s ORDER BY seq"
    return [event_from_row(r) for r in conn.execute(sql, (request_id,))]


def people_events(conn: Conn) -> list[Event]:
    """Staff and counselor events, oldest first."""
    types = sorted(PEOPLE_EVENTS)
    sql = (
        f"SELECT {EVENT_COLUMNS} FROM desk.events WHERE request_id IS NULL "
        "AND type = ANY(%s) ORDER BY seq"
    )
    return [event_from_row(r) for r in conn.execute(sql, (types,))]


def head(conn: Conn) -> Head | None:
    row = conn.execute("SELECT seq, hash FROM desk.events ORDER BY seq DESC LIMIT 1").fetchone()
    return Head(seq=int(row[0]), hash=str(row[1])) if row else None


def hash_at(conn: Conn, seq: int) -> str | None:
    row = conn.execute("SELECT hash FROM desk.events WHERE seq = %s", (seq,)).fetchone()
    return str(row[0]) if row else None
