"""Whether request numbers run in time order, which lets date filters become number ranges.

Requests are numbered as they are recorded, and their time is read from the clock inside the same
write, so number order is time order unless the clock was set back. Each request recorded with an
earlier time than the one before it is kept in `request_time_breaks`. While that table is empty,
"requested between two dates" is exactly a range of request numbers, and "newest first" is
"highest number first": the client search index can then answer every filter on its own.
"""

from __future__ import annotations

import sqlite3

TABLE = "request_time_breaks"

_BREAKS_SQL = (
    "SELECT num FROM (SELECT num, requested_at < lag(requested_at) OVER (ORDER BY num) AS back "
    "FROM requests) WHERE back ORDER BY num"
)


def create(conn: sqlite3.Connection) -> None:
    """Create the table (inside a migration) and record the breaks already in the log."""
    conn.execute(f"CREATE TABLE {TABLE} (num INTEGER PRIMARY KEY)")
    conn.execute(f"INSERT INTO {TABLE}(num) {_BREAKS_SQL}")


def note_new_request(conn: sqlite3.Connection, *, num: int, requested_at: str) -> None:
    """Record `num` if it was requested earlier than the request before it."""
    row = conn.execute(
        "SELECT requested_at FROM requests WHERE num < ? ORDER BY num DESC LIMIT 1", (num,)
    ).fetchone()
    if row is not None and requested_at < row[0]:
        conn.execute(f"INSERT OR IGNORE INTO {TABLE}(num) VALUES (?)", (num,))


def in_order(conn: sqlite3.Connection) -> bool:
    """True if every request was recorded no earlier than the one before it."""
    return conn.execute(f"SELECT 1 FROM {TABLE} LIMIT 1").fetchone() is None


def number_range(
    conn: sqlite3.Connection, *, start: str | None, end: str | None
) -> tuple[int, int] | None:
    """The request numbers requested in [start, end) (UTC texts), valid only `in_order`.

    Returns:
        (first, last) inclusive, with 1 and the highest number for an open side; None if no
        request falls in the range.
    """
    first, last = 1, None
    if start is not None:
        row = conn.execute(
            "SELECT num FROM requests WHERE requested_at >= ? ORDER BY requested_at, num LIMIT 1",
            (start,),
        ).fetchone()
        if row is None:
            return None
        first = int(row[0])
    if end is not None:
        row = conn.execute(
            "SELECT num FROM requests WHERE requested_at < ? "
            "ORDER BY requested_at DESC, num DESC LIMIT 1",
            (end,),
        ).fetchone()
        if row is None:
            return None
        last = int(row[0])
    else:
        row = conn.execute("SELECT max(num) FROM requests").fetchone()
        if row[0] is None:
            return None
        last = int(row[0])
    return (first, last) if first <= last else None


def time_order_problem(conn: sqlite3.Connection) -> str | None:
    """Whether the stored breaks are exactly the requests out of time order (for `verify`)."""
    expected = [r[0] for r in conn.execute(_BREAKS_SQL)]
    stored = [r[0] for r in conn.execute(f"SELECT num FROM {TABLE} ORDER BY num")]
    if expected == stored:
        return None
    return "the record of requests out of time order does not match the requests"
