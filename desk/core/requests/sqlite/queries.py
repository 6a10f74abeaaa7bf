"""Read queries of the SQLite store, as functions of a connection.

The store runs them on its reader connection, or on the writer connection inside a write so a
`build` function sees the transaction's own state.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time, timedelta
from typing import Any

from desk.core.requests.chain import format_time
from desk.core.requests.models import (
    STATUSES,
    Counselor,
    Event,
    Head,
    Request,
    RequestFilter,
    Staff,
)
from desk.core.requests.replay import PEOPLE_EVENTS
from desk.core.requests.sqlite import time_order
from desk.core.requests.sqlite.client_index import SEARCH_TABLE, ClientIndex
from desk.core.requests.sqlite.rows import (
    EVENT_COLUMNS,
    REQUEST_COLUMNS,
    counselor_from_row,
    event_from_row,
    request_from_row,
    staff_from_row,
)

_COUNSELOR_COLUMNS = "id, name, email, credentials, active"


def _counselor(row: tuple[Any, ...]) -> Counselor:
    return counselor_from_row(row)


def local_day_start(day: date) -> str:
    """UTC text of local midnight starting `day`, for comparing with stored times."""
    return format_time(datetime.combine(day, time.min).astimezone())


def _day_start_or_none(day: date, *, days: int = 0) -> str | None:
    try:
        return local_day_start(day + timedelta(days=days))
    except (OverflowError, ValueError):
        return None


def filter_conditions(flt: RequestFilter, *, indexed: bool = True) -> tuple[list[str], list[Any]]:
    """SQL conditions and parameters for everything in a filter except the client.

    Args:
        indexed: False writes each column as `+column`, which keeps SQLite from driving the
            query by that column's index (used when a handful of client matches should drive).
    """
    mark = "" if indexed else "+"
    clauses: list[str] = []
    params: list[Any] = []
    if flt.status is not None:
        clauses.append(f"{mark}status = ?")
        params.append(flt.status)
    if flt.counselor_id is not None:
        clauses.append(f"{mark}counselor_id = ?")
        params.append(flt.counselor_id)
    # A day at the very edge of the calendar has no local midnight to compare with: it leaves
    # the range open on that side (every stored time lies within it).
    if flt.since is not None and (start := _day_start_or_none(flt.since)) is not None:
        clauses.append(f"{mark}requested_at >= ?")
        params.append(start)
    if flt.until is not None and (end := _day_start_or_none(flt.until, days=1)) is not None:
        clauses.append(f"{mark}requested_at < ?")
        params.append(end)
    return clauses, params


def _at_most(conn: sqlite3.Connection, column: str, value: str, cap: int) -> int:
    sql = f"SELECT count(*) FROM (SELECT 1 FROM requests WHERE {column} = ? LIMIT {cap})"
    return int(conn.execute(sql, (value,)).fetchone()[0])


def order_index(conn: sqlite3.Connection, flt: RequestFilter) -> str:
    """The index that yields this filter's rows in page order, the smaller side if two do."""
    if flt.status is not None and flt.counselor_id is not None:
        cap = 50_000
        by_status = _at_most(conn, "status", flt.status, cap)
        by_counselor = _at_most(conn, "counselor_id", flt.counselor_id, cap)
        return "requests_by_status" if by_status <= by_counselor else "requests_by_counselor"
    if flt.status is not None:
        return "requests_by_status"
    if flt.counselor_id is not None:
        return "requests_by_counselor"
    return "requests_by_time"


def request(conn: sqlite3.Connection, request_id: str) -> Request | None:
    sql = f"SELECT {REQUEST_COLUMNS} FROM requests WHERE id = ?"
    row = conn.execute(sql, (request_id,)).fetchone()
    return request_from_row(row) if row else None


def counselor(conn: sqlite3.Connection, counselor_id: str) -> Counselor | None:
    sql = f"SELECT {_COUNSELOR_COLUMNS} FROM counselors WHERE id = ?"
    row = conn.execute(sql, (counselor_id,)).fetchone()
    return _counselor(row) if row else None


def staff(conn: sqlite3.Connection, staff_id: str) -> Staff | None:
    row = conn.execute("SELECT id, name, active FROM staff WHERE id = ?", (staff_id,)).fetchone()
    return staff_from_row(row) if row else None


def next_request_id(conn: sqlite3.Connection) -> str:
    last = conn.execute("SELECT max(num) FROM requests").fetchone()[0]
    return f"R-{(last or 0) + 1:06d}"


def all_staff(conn: sqlite3.Connection) -> list[Staff]:
    rows = conn.execute("SELECT id, name, active FROM staff ORDER BY name, id")
    return [staff_from_row(r) for r in rows]


def counselors(conn: sqlite3.Connection, *, include_inactive: bool) -> list[Counselor]:
    where = "" if include_inactive else " WHERE active"
    rows = conn.execute(f"SELECT {_COUNSELOR_COLUMNS} FROM counselors{where} ORDER BY name, id")
    return [_counselor(r) for r in rows]


def _search_only(
    conn: sqlite3.Connection, index: ClientIndex, flt: RequestFilter, *, ordered: bool
) -> tuple[str, list[Any]] | None:
    """WHERE over the search index alone that answers `flt`, or None if it cannot.

    It can when it holds the filter's client words, status and counselor, and the date range
    (and, for a page, the order) can be read as request numbers (see `time_order`).
    """
    query = index.match(flt)
    if query is None:
        return None
    dated = flt.since is not None or flt.until is not None
    if (dated or ordered) and not time_order.in_order(conn):
        return None
    where = f"{SEARCH_TABLE} MATCH ?"
    params: list[Any] = [query]
    if dated:
        start = _day_start_or_none(flt.since) if flt.since is not None else None
        end = _day_start_or_none(flt.until, days=1) if flt.until is not None else None
        span = time_order.number_range(conn, start=start, end=end)
        where += " AND rowid >= ? AND rowid <= ?"
        params += list(span or (1, 0))
    return where, params


def _known_status(flt: RequestFilter) -> bool:
    return flt.status is None or flt.status in STATUSES


def _source_and_where(
    conn: sqlite3.Connection, index: ClientIndex, flt: RequestFilter
) -> tuple[str, str, list[Any]]:
    """The table (with the index to walk, for many client matches) and WHERE clause for `flt`."""
    source = "requests"
    client = index.matches(flt)
    if client is None:
        conditions, params = filter_conditions(flt)
    else:
        dense = index.is_dense(conn, flt)
        conditions, params = filter_conditions(flt, indexed=dense)
        conditions.append(f"num IN ({client[0]})")
        params += client[1]
        if dense:
            source = f"requests INDEXED BY {order_index(conn, flt)}"
    where = " WHERE " + " AND ".join(conditions) if conditions else ""
    return source, where, params


def count(conn: sqlite3.Connection, index: ClientIndex, flt: RequestFilter) -> int:
    if not _known_status(flt):
        return 0
    search = _search_only(conn, index, flt, ordered=False)
    if search is not None:
        where, params = search
        sql = f"SELECT count(*) FROM {SEARCH_TABLE} WHERE {where}"
        return int(conn.execute(sql, params).fetchone()[0])
    source, where, params = _source_and_where(conn, index, flt)
    return int(conn.execute(f"SELECT count(*) FROM {source}{where}", params).fetchone()[0])


def page(
    conn: sqlite3.Connection, index: ClientIndex, flt: RequestFilter, *, offset: int, limit: int
) -> list[Request]:
    """Newest `requested_at` first, ties by request number.

    In a log whose numbers run in time order, a search the index answers alone is read from it
    newest number first. Otherwise, with a client search, few matches are fetched by number and
    sorted; many matches are found by walking an index already in page order and stopping
    after one page.
    """
    if not _known_status(flt):
        return []
    search = _search_only(conn, index, flt, ordered=True)
    if search is not None:
        where, params = search
        sql = (
            f"SELECT {REQUEST_COLUMNS} FROM requests WHERE num IN (SELECT rowid FROM "
            f"{SEARCH_TABLE} WHERE {where} ORDER BY rowid DESC LIMIT ? OFFSET ?) "
            "ORDER BY num DESC"
        )
        return [request_from_row(r) for r in conn.execute(sql, [*params, limit, offset])]
    source, where, params = _source_and_where(conn, index, flt)
    sql = (
        f"SELECT {REQUEST_COLUMNS} FROM {source}{where} "
        "ORDER BY requested_at DESC, num DESC LIMIT ? OFFSET ?"
    )
    return [request_from_row(r) for r in conn.execute(sql, [*params, limit, offset])]


def history(conn: sqlite3.Connection, request_id: str) -> list[Event]:
    sql = f"SELECT {EVENT_COLUMNS} FROM events WHERE request_id = ? ORDER BY seq"
    return [event_from_row(r) for r in conn.execute(sql, (request_id,))]


_PEOPLE_TYPES = ", ".join(f"'{t}'" for t in sorted(PEOPLE_EVENTS))


def people_events(conn: sqlite3.Connection) -> list[Event]:
    """Staff and counselor events, oldest first (through the index of events without a request)."""
    sql = (
        f"SELECT {EVENT_COLUMNS} FROM events WHERE request_id IS NULL "
        f"AND type IN ({_PEOPLE_TYPES}) ORDER BY seq"
    )
    return [event_from_row(r) for r in conn.execute(sql)]


def head(conn: sqlite3.Connection) -> Head | None:
    row = conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
    return Head(seq=int(row[0]), hash=str(row[1])) if row else None


def hash_at(conn: sqlite3.Connection, seq: int) -> str | None:
    row = conn.execute("SELECT hash FROM events WHERE seq = ?", (seq,)).fetchone()
    return str(row[0]) if row else None
