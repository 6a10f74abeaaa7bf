"""The request log on a shared PostgreSQL server, for a practice with several desks.

The server is the authority: this store reads state for the workflow's checks (so a desk gets
the same messages as on SQLite), then hands the event to `desk.append_event`, which checks it
again as the owner role, stamps the connected role as its actor, chains it under an advisory
lock and updates the derived tables. A desk's own role can do nothing else to the tables.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from desk.core.errors import Refused, StoreError
from desk.core.requests.lookups import ADMIN_ID
from desk.core.requests.models import (
    Clock,
    Counselor,
    Event,
    Head,
    Request,
    RequestFilter,
    Staff,
    VerifyReport,
)
from desk.core.requests.postgres import queries as q
from desk.core.requests.postgres.connection import check_url, connect, describe, translated
from desk.core.requests.postgres.setup import SCHEMA_VERSION, schema_version
from desk.core.requests.postgres.sql_append import CHAIN_LOCK
from desk.core.requests.postgres.verify import verify_shared, walk_hash_at
from desk.core.requests.postgres.witness import Witness, witness_problem
from desk.core.requests.store import Draft, StoreView

if TYPE_CHECKING:
    import psycopg

    Conn = psycopg.Connection[tuple[Any, ...]]

log = logging.getLogger(__name__)
T = TypeVar("T")
NOTIFY_CHANNEL = "desk_events"
WITNESS_EVERY_S = 1.0


class PostgresStore:
    """`Store` on a shared PostgreSQL database. Build with `PostgresStore.open`."""

    read_only = False
    PING_AFTER_S = 10.0
    """A write after this long without one checks the connection first (server restarts)."""

    def __init__(self, *, url: str, conn: Conn, reader: Conn, witness: Witness | None) -> None:
        self.url = url
        self.where = describe(url)
        self._conn = conn
        self._reader = reader
        self._lock = threading.RLock()
        self._read_lock = threading.Lock()
        self._writer: int | None = None
        self._witness = witness
        self._stopped: str | None = None
        self._unwritten: Head | None = None
        self._written_at = 0.0
        self._last_write = time.monotonic()
        row = conn.execute("SELECT session_user").fetchone()
        self._actor = str(row[0]) if row else ""

    @classmethod
    def open(cls, url: str, *, data_dir: Path | None, clock: Clock | None = None) -> PostgresStore:
        """Connect, check the schema, and check the server's chain holds what this desk saw.

        A chain that does not hold this desk's witness head opens for reading (so `verify`
        can say what is wrong) but refuses every write.

        Raises:
            StoreError: unreachable server (one line naming it), no schema yet, or a schema
                newer than this Desk.
        """
        del clock  # the server's rules do not depend on this desk's clock
        url = check_url(url)
        where = describe(url)
        conn = connect(url)
        try:
            reader = connect(url)
        except BaseException:
            conn.close()
            raise
        witness = Witness.for_server(data_dir, where=where) if data_dir is not None else None
        try:
            store = cls(url=url, conn=conn, reader=reader, witness=witness)
            store._prepare()
        except BaseException:
            conn.close()
            reader.close()
            raise
        return store

    def _prepare(self) -> None:
        with translated(self.where):
            version = schema_version(self._conn)
        if version == 0:
            raise StoreError(
                f"the shared log at {self.where} is not set up yet: its owner runs "
                "`desk --database URL db setup`"
            )
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"the shared log at {self.where} was set up by a newer Desk (schema {version}, "
                f"this Desk knows up to {SCHEMA_VERSION}); update Desk on this workstation"
            )
        self._stopped = self._witness_check()
        if self._stopped is None and self._witness is not None:
            self._see(self.head())

    # -- the witness ---------------------------------------------------------------------

    def _witness_check(self) -> str | None:
        if self._witness is None:
            return None
        seen, problem = self._witness.read()
        if problem is not None:
            return problem
        with translated(self.where):
            last = q.head(self._conn)
            at_seen = walk_hash_at(self._conn, seen.seq) if seen else None
        return witness_problem(seen, hash_at_seen=at_seen, last=last)

    def _see(self, head: Head | None, *, now: bool = True) -> None:
        """Remember the newest head seen; after an append, at most once a second.

        A desk that stops before writing it has only seen less: the witness is weaker for a
        second, never wrong, and a disk sync per append would double its time.
        """
        if self._witness is None or head is None:
            return
        if self._unwritten is None or head.seq > self._unwritten.seq:
            self._unwritten = head
        if not now and time.monotonic() - self._written_at < WITNESS_EVERY_S:
            return
        try:
            self._witness.saw(self._unwritten)
        except OSError as err:
            log.warning("could not update %s: %s", self._witness.path, err.strerror)
        self._unwritten, self._written_at = None, time.monotonic()

    # -- reads ---------------------------------------------------------------------------

    def _read(self, fn: Callable[[Conn], T]) -> T:
        if self._writer == threading.get_ident():
            with translated(self.where):
                return fn(self._conn)
        with self._read_lock:
            self._reader = self._alive(self._reader)
            try:
                with translated(self.where):
                    return fn(self._reader)
            except StoreError:
                if not self._reader.broken:
                    raise
            # The server restarted or the network blinked: a read is safe to ask again, once.
            self._reader = self._alive(self._reader)
            with translated(self.where):
                return fn(self._reader)

    def _pinged(self, conn: Conn) -> Conn:
        """After a quiet spell, ask the server first: a write is never retried blindly."""
        now = time.monotonic()
        if now - self._last_write >= self.PING_AFTER_S:
            with contextlib.suppress(Exception):
                conn.execute("SELECT 1")
        self._last_write = now
        return conn

    def _alive(self, conn: Conn) -> Conn:
        """`conn`, or a new connection in its place if it was lost (StoreError if no server)."""
        if not (conn.closed or conn.broken):
            return conn
        with contextlib.suppress(Exception):
            conn.close()
        return connect(self.url)

    @property
    def actor(self) -> str | None:
        """The database role this desk is signed in as; the server stamps it on every event."""
        return self._actor

    @property
    def local_folder(self) -> Path | None:
        """This desk's data folder: it holds the witness, which an export must not replace."""
        return self._witness.path.parent if self._witness is not None else None

    def get_request(self, request_id: str) -> Request | None:
        return self._read(lambda c: q.request(c, request_id))

    def get_counselor(self, counselor_id: str) -> Counselor | None:
        return self._read(lambda c: q.counselor(c, counselor_id))

    def get_staff(self, staff_id: str) -> Staff | None:
        return self._read(lambda c: q.staff(c, staff_id))

    def next_request_id(self) -> str:
        return self._read(q.next_request_id)

    def list_staff(self) -> list[Staff]:
        return self._read(q.all_staff)

    def list_counselors(self, *, include_inactive: bool) -> list[Counselor]:
        return self._read(lambda c: q.counselors(c, include_inactive=include_inactive))

    def count(self, flt: RequestFilter) -> int:
        return self._read(lambda c: q.count(c, flt))

    def page(self, flt: RequestFilter, *, offset: int, limit: int) -> list[Request]:
        return self._read(lambda c: q.page(c, flt, offset=offset, limit=limit))

    def pending_count(self) -> int:
        return self.count(RequestFilter(status="pending"))

    def history(self, request_id: str) -> list[Event]:
        return self._read(lambda c: q.history(c, request_id))

    def people_events(self) -> list[Event]:
        return self._read(q.people_events)

    def head(self) -> Head | None:
        return self._read(q.head)

    # -- writes --------------------------------------------------------------------------

    def _act_as(self, conn: Conn, draft: Draft) -> None:
        """Refuse a draft recorded in someone else's name: the server stamps who is signed in."""
        del conn
        # A staff_added event names the new person; the server checks the owner adds them.
        if draft.type != "staff_added" and draft.staff_id not in (self._actor, ADMIN_ID):
            raise Refused(
                f"you are signed in to the shared log as {self._actor}, so this is recorded as "
                f"{self._actor}, not {draft.staff_id} (leave --staff out)"
            )

    def append(self, build: Callable[[StoreView], Draft]) -> Event:
        if self._stopped is not None:
            raise StoreError(
                f"{self._stopped}. Writing is stopped to keep the evidence; run "
                "`desk requests verify` and tell the practice's IT"
            )
        with self._lock:
            self._conn = self._alive(self._pinged(self._conn))
        with self._lock, translated(self.where):
            conn = self._conn
            with conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (CHAIN_LOCK,))
                self._writer = threading.get_ident()
                try:
                    draft = build(self)
                finally:
                    self._writer = None
                self._act_as(conn, draft)
                row = conn.execute(
                    "SELECT seq, at, staff_id, payload, prev_hash, hash "
                    "FROM desk.append_event(%s, %s, %s, %s, %s::jsonb)",
                    (
                        draft.type,
                        draft.request_id,
                        _aware(draft.at),
                        draft.workstation,
                        _json(draft.payload),
                    ),
                ).fetchone()
            assert row is not None, "append_event returns one row"
        event = q.event_from_row(
            (row[0], draft.request_id, row[1], row[2], draft.workstation, draft.type, *row[3:])
        )
        self._see(Head(seq=event.seq, hash=event.hash), now=False)
        return event

    # -- upkeep --------------------------------------------------------------------------

    def verify(self, *, head: str | None = None, deep: bool = False) -> VerifyReport:
        seen, problem = self._witness.read() if self._witness else (None, None)
        with self._read_lock:
            self._reader = self._alive(self._reader)
        with self._read_lock, translated(self.where):
            report = verify_shared(
                self._reader, head=head, deep=deep, seen=seen, seen_problem=problem
            )
        if report.ok:
            self._see(report.head)
        return report

    def backup_if_due(self) -> Path | None:
        """Nothing to do here: the server's own backups (pg_dump) keep the shared log."""
        return None

    def listen_connection(self) -> Conn:
        """A new autocommit connection listening on the log's channel, for live updates."""
        conn = connect(self.url)
        with translated(self.where):
            conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
        return conn

    def close(self) -> None:
        if self._unwritten is not None:
            self._see(self._unwritten)
        with self._lock, self._read_lock:
            for conn in (self._reader, self._conn):
                with contextlib.suppress(Exception):
                    conn.close()


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("clock returned a naive datetime; it must be timezone-aware")
    return moment


def _json(payload: Any) -> str:
    from desk.core.requests.chain import canonical_json

    return canonical_json(dict(payload))
