"""The request log in one SQLite file on the workstation's own disk.

WAL with synchronous=FULL so an acknowledged event survives power loss; BEGIN IMMEDIATE so two
writers queue instead of failing half-way; one lock per store object because the window reads
from a worker thread while the GUI thread writes.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from desk.core.errors import InvalidInput, StoreError
from desk.core.requests import files
from desk.core.requests.anchor import (
    AnchorCheck,
    check_anchor,
    read_anchor_safely,
    write_anchor,
)
from desk.core.requests.files import (
    MountinfoReader,
    private_dir,
    private_file,
    refuse_network_filesystem,
)
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
from desk.core.requests.sqlite import queries as q
from desk.core.requests.sqlite.backups import KEEP, backup_once_a_day
from desk.core.requests.sqlite.chain import write_problem
from desk.core.requests.sqlite.client_index import ClientIndex
from desk.core.requests.sqlite.opening import (
    check_integrity,
    check_log_file,
    check_version_read_only,
    connect,
    set_up_for_writing,
)
from desk.core.requests.sqlite.state import apply_event, insert_event
from desk.core.requests.sqlite.verify import verify_database
from desk.core.requests.store import Draft, StoreView

DB_NAME = "desk-log.sqlite3"
ANCHOR_NAME = "desk-log.anchor"
BACKUPS_DIR = "backups"
BUSY_TIMEOUT_MS = 10_000

log = logging.getLogger(__name__)
T = TypeVar("T")


class SqliteStore:
    """`Store` on SQLite. Build with `SqliteStore.open`."""

    def __init__(self, *, conn: sqlite3.Connection, data_dir: Path, clock: Clock) -> None:
        self._conn = conn
        self._lock = threading.RLock()
        # Reads from other threads (the window's worker) use their own connection, so a long
        # count never holds up a write; WAL lets them read while a write is in progress.
        self._read_conn: sqlite3.Connection | None = None
        self._read_lock = threading.Lock()
        self._writer: int | None = None
        self._in_batch = False
        self._index: ClientIndex | None = None
        self._clock = clock
        self.read_only = False
        self.data_dir = data_dir
        self.db_path = data_dir / DB_NAME
        self.anchor_path = data_dir / ANCHOR_NAME
        self.backups_dir = data_dir / BACKUPS_DIR
        self.keep_backups = KEEP

    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        clock: Clock,
        mountinfo: MountinfoReader | None = None,
        keep_backups: int = KEEP,
        backup: bool = True,
        create: bool = True,
        read_only: bool | None = False,
    ) -> SqliteStore:
        """Open the log in `data_dir`, creating a first one there only if asked and safe.

        Args:
            create: start a new log if the folder has none and no trace of an earlier one.
            read_only: open without writing anything (no anchor catch-up, no backup); None
                decides by whether the folder and the log can be written.

        Raises:
            StoreError: no log (or one missing where it was kept), a folder other users can
                change, network filesystem, a file that is not a sound request log, or a
                database from a newer Desk.
        """
        data_dir = Path(data_dir)
        db_path = data_dir / DB_NAME
        refuse_network_filesystem(data_dir, mountinfo=mountinfo)
        check_log_file(
            data_dir=data_dir,
            db_path=db_path,
            anchor_path=data_dir / ANCHOR_NAME,
            backups_dir=data_dir / BACKUPS_DIR,
            create=create,
        )
        if read_only is None:
            read_only = not (files.can_write(data_dir) and files.can_write(db_path))
        try:
            if read_only:
                files.check_private_dir(data_dir)
            else:
                private_dir(data_dir)
                private_file(db_path)
            conn = connect(db_path, read_only=read_only, timeout=BUSY_TIMEOUT_MS / 1000)
        except OSError as err:
            if read_only:
                raise StoreError(
                    f"cannot read the data folder {data_dir}: {err.strerror}"
                ) from None
            raise StoreError(
                f"cannot write to the data folder {data_dir}: {err.strerror} (reading still "
                "works: `desk requests verify`, `list` and `history`)"
            ) from None
        except sqlite3.Error as err:
            raise StoreError(f"cannot open {db_path} for reading: {err}") from None
        try:
            store = cls(conn=conn, data_dir=data_dir, clock=clock)
            store.read_only = read_only
            store.keep_backups = keep_backups
            store._prepare()
            if backup:
                store.backup_if_due()
        except BaseException:
            conn.close()
            raise
        return store

    def _prepare(self) -> None:
        with self._translated():
            conn = self._conn
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            check_integrity(conn, db_path=self.db_path, backups_dir=self.backups_dir)
            # Sorts and temporary indexes would otherwise go to temp files holding client names.
            conn.execute("PRAGMA temp_store = MEMORY")
            if self.read_only:
                check_version_read_only(conn, db_path=self.db_path)
            else:
                set_up_for_writing(conn, db_path=self.db_path)
            self._index = ClientIndex(conn)
            if not self.read_only and self._anchor_check().lagging:
                self._sync_anchor()
            reader = connect(self.db_path, read_only=self.read_only, timeout=BUSY_TIMEOUT_MS / 1000)
            reader.execute("PRAGMA query_only = ON")
            reader.execute("PRAGMA temp_store = MEMORY")
            self._read_conn = reader

    def _refuse_if_read_only(self) -> None:
        if self.read_only:
            raise StoreError(
                f"the request log in {self.data_dir} is open read-only (Desk cannot write to "
                "that folder), so nothing can be recorded"
            )

    @contextlib.contextmanager
    def _translated(self) -> Iterator[None]:
        """SQLite failures become StoreError naming the file (never a row's contents)."""
        try:
            yield
        except sqlite3.OperationalError as err:
            if "locked" in str(err) or "busy" in str(err):
                raise StoreError(
                    f"{self.db_path} is busy: another Desk has held it for over "
                    f"{BUSY_TIMEOUT_MS // 1000} s; try again"
                ) from None
            raise StoreError(f"{self.db_path}: {err}") from None
        except sqlite3.DatabaseError as err:
            raise StoreError(
                f"{self.db_path} cannot be read as a request log ({err}); restore the newest "
                f"backup from {self.backups_dir} (see the README)"
            ) from None

    def _read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        try:
            if self._writer == threading.get_ident() or self._read_conn is None:
                # Inside a write (or while opening): read what this transaction sees.
                with self._lock, self._translated():
                    return fn(self._conn)
            with self._read_lock, self._translated():
                return fn(self._read_conn)
        except UnicodeEncodeError:  # a value given that is not text (bytes that are not UTF-8)
            raise InvalidInput(
                "a value given holds bytes that are not valid text; type it again"
            ) from None
        except ValueError:  # a stored time or payload that no longer parses
            raise StoreError(
                f"{self.db_path} holds a row Desk cannot read; run `desk requests verify`"
            ) from None

    @property
    def index(self) -> ClientIndex:
        assert self._index is not None, "store used before it was opened"
        return self._index

    # -- reads --------------------------------------------------------------------------

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
        return self._read(lambda c: q.count(c, self.index, flt))

    def page(self, flt: RequestFilter, *, offset: int, limit: int) -> list[Request]:
        return self._read(lambda c: q.page(c, self.index, flt, offset=offset, limit=limit))

    def pending_count(self) -> int:
        return self.count(RequestFilter(status="pending"))

    def history(self, request_id: str) -> list[Event]:
        return self._read(lambda c: q.history(c, request_id))

    def people_events(self) -> list[Event]:
        return self._read(q.people_events)

    def head(self) -> Head | None:
        return self._read(q.head)

    # -- writes -------------------------------------------------------------------------

    def append(self, build: Callable[[StoreView], Draft]) -> Event:
        self._refuse_if_read_only()
        if self._in_batch and self._writer == threading.get_ident():
            with self._translated():
                event = insert_event(self._conn, build(self))
                apply_event(self._conn, event, index=self.index)
                return event
        with self._lock, self._translated():
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE")
            self._writer = threading.get_ident()
            try:
                self._refuse_if_anchor_disagrees()
                self._refuse_if_chain_broken()
                draft = build(self)
                event = insert_event(conn, draft)
                apply_event(conn, event, index=self.index)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                raise
            finally:
                self._writer = None
            try:
                self._sync_anchor()
            except (OSError, sqlite3.Error) as err:
                # The event is committed, so the caller must not be told it failed; the anchor
                # lags one write and is brought up to date by the next write or open.
                log.warning("could not update %s: %s", self.anchor_path, err)
            return event

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Make the appends inside one transaction, committed and anchored at the end.

        For building large logs (imports, benchmark data): one disk sync instead of one per
        event. An exception inside rolls the whole batch back, so a refusal there undoes the
        batch's earlier appends too.
        """
        self._refuse_if_read_only()
        with self._lock, self._translated():
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE")
            self._writer = threading.get_ident()
            self._in_batch = True
            try:
                self._refuse_if_anchor_disagrees()
                self._refuse_if_chain_broken()
                yield
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                raise
            finally:
                self._writer = None
                self._in_batch = False
            try:
                self._sync_anchor()
            except (OSError, sqlite3.Error) as err:
                log.warning("could not update %s: %s", self.anchor_path, err)

    def _insert(self, draft: Draft) -> Event:
        """Insert and chain without a transaction of its own (the older bulk-building entry)."""
        return insert_event(self._conn, draft)

    def _apply(self, event: Event) -> None:
        apply_event(self._conn, event, index=self.index)

    def _refuse_if_anchor_disagrees(self) -> None:
        found = self._anchor_check()
        if found.problem:
            raise StoreError(
                f"the request log does not match its anchor: {found.problem}. Writing is "
                "stopped to keep the evidence; run `desk requests verify` and restore the "
                "newest good backup (see the README)"
            )

    def _refuse_if_chain_broken(self) -> None:
        """The cheap check before each write (see `chain.write_problem`)."""
        problem = write_problem(
            self._conn, anchor_path=self.anchor_path, backups_dir=self.backups_dir
        )
        if problem:
            raise StoreError(
                f"the request log does not hold together ({problem}). Writing is stopped to "
                "keep the evidence; run `desk requests verify`"
            )

    def _anchor_check(self) -> AnchorCheck:
        recorded, problem = read_anchor_safely(self.anchor_path)
        return check_anchor(
            path=self.anchor_path,
            recorded=recorded,
            unreadable=problem,
            last=q.head(self._conn),
            hash_at=lambda seq: q.hash_at(self._conn, seq),
        )

    def _sync_anchor(self) -> None:
        """Write the current head to the anchor while holding the write lock.

        Holding the lock orders anchor writes across processes, so the anchor never moves
        back to an older head written late by a slower process.
        """
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            head = q.head(conn)
            if head is not None:
                write_anchor(self.anchor_path, head)
        finally:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")

    # -- upkeep -------------------------------------------------------------------------

    def verify(self, *, head: str | None = None, deep: bool = False) -> VerifyReport:
        with self._translated():
            return verify_database(
                db_path=self.db_path,
                anchor_path=self.anchor_path,
                head=head,
                deep=deep,
                read_only=self.read_only,
                backups_dir=self.backups_dir,
            )

    def backup_if_due(self) -> Path | None:
        """Take today's backup if due and the log passes its checks; never raises for it."""
        if self.read_only:
            return None
        source = self._read_conn
        assert source is not None, "store used before it was opened"
        return backup_once_a_day(
            self._conn,
            source=source,
            locks=(self._lock, self._read_lock),
            backups_dir=self.backups_dir,
            anchor_path=self.anchor_path,
            day=self._clock().astimezone().date(),
            keep=self.keep_backups,
        )

    @property
    def actor(self) -> str | None:
        """SQLite knows no one: whoever can write the folder can write as anyone."""
        return None

    @property
    def local_folder(self) -> Path:
        return self.data_dir

    def close(self) -> None:
        with self._lock, self._read_lock:
            if self._read_conn is not None:
                self._read_conn.close()
            self._conn.close()
