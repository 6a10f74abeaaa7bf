"""The SQLite schema, as step migrations recorded in `PRAGMA user_version`.

Each migration takes the database from version N to N+1 inside one transaction, together with
the version bump, so an interrupted upgrade leaves the old version intact. Append new steps at
the end; never edit a released one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from desk.core.errors import StoreError
from desk.core.requests.sqlite import client_index, time_order

Migration = Callable[[sqlite3.Connection], None]

GUARD_TRIGGERS = {
    "events_no_update": """CREATE TRIGGER events_no_update BEFORE UPDATE ON events
           BEGIN SELECT RAISE(ABORT, 'events are append-only'); END""",
    "events_no_delete": """CREATE TRIGGER events_no_delete BEFORE DELETE ON events
           BEGIN SELECT RAISE(ABORT, 'events are append-only'); END""",
}
"""The append-only guard; `verify` checks the stored definitions are exactly these."""


def _v1_events_and_state(conn: sqlite3.Connection) -> None:
    """The chained event log, its append-only guard, and the state derived from it."""
    for sql in (
        """CREATE TABLE events (
            seq INTEGER PRIMARY KEY,
            request_id TEXT,
            at TEXT NOT NULL,
            staff_id TEXT NOT NULL,
            workstation TEXT NOT NULL,
            type TEXT NOT NULL,
            payload TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        )""",
        *GUARD_TRIGGERS.values(),
        """CREATE INDEX events_by_request ON events(request_id, seq)
           WHERE request_id IS NOT NULL""",
        """CREATE TABLE requests (
            num INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            client TEXT NOT NULL,
            counselor_id TEXT NOT NULL,
            status TEXT NOT NULL,
            requested_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            via TEXT NOT NULL,
            requested_by TEXT NOT NULL,
            decided_by TEXT,
            decided_how TEXT,
            released_at TEXT,
            release_method TEXT
        )""",
        """CREATE TABLE counselors (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            email TEXT NOT NULL,
            credentials TEXT NOT NULL,
            active INTEGER NOT NULL
        ) WITHOUT ROWID""",
        """CREATE TABLE staff (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            active INTEGER NOT NULL
        ) WITHOUT ROWID""",
    ):
        conn.execute(sql)


def _v2_window_indexes_and_search(conn: sqlite3.Connection) -> None:
    """Indexes for the requests table's sort and filters, and word-prefix client search."""
    for sql in (
        "CREATE INDEX requests_by_time ON requests(requested_at DESC, num DESC)",
        "CREATE INDEX requests_by_status ON requests(status, requested_at, num)",
        "CREATE INDEX requests_by_counselor ON requests(counselor_id, requested_at, num)",
    ):
        conn.execute(sql)
    client_index.create_v2(conn)


def _v3_filters_in_the_search_index(conn: sqlite3.Connection) -> None:
    """Status and counselor in the search index, and the record of requests out of time order.

    Together they let every filter of the requests table be answered inside FTS5 alone.
    """
    client_index.upgrade_v3(conn)
    time_order.create(conn)


def _v4_events_without_a_request(conn: sqlite3.Connection) -> None:
    """An index of the events that belong to no request (people, exports).

    Every write decides who may act from the staff and counselor events; this keeps reading
    them quick however many request events the log holds.
    """
    conn.execute(
        "CREATE INDEX IF NOT EXISTS events_without_request ON events(type, seq) "
        "WHERE request_id IS NULL"
    )


MIGRATIONS: list[Migration] = [
    _v1_events_and_state,
    _v2_window_indexes_and_search,
    _v3_filters_in_the_search_index,
    _v4_events_without_a_request,
]
SCHEMA_VERSION = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, *, path: Path, steps: list[Migration] | None = None) -> int:
    """Bring the database up to the newest version, one committed step at a time.

    Args:
        conn: an autocommit connection (isolation_level=None).
        path: the database file, for messages.
        steps: the migrations to apply; all of them by default.

    Returns:
        The version the database is at afterwards.
    """
    steps = MIGRATIONS if steps is None else steps
    version = user_version(conn)
    if version > len(MIGRATIONS):
        raise StoreError(
            f"{path} was written by a newer version of Desk (schema {version}, this version "
            f"knows up to {len(MIGRATIONS)}); update Desk to open it"
        )
    for number in range(version, len(steps)):
        conn.execute("BEGIN IMMEDIATE")
        try:
            steps[number](conn)
            conn.execute(f"PRAGMA user_version = {number + 1}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return user_version(conn)
