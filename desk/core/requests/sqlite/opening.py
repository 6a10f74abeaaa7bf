"""Finding the log file before SQLite opens it, and opening it read-only.

SQLite creates a missing database without a word, so a deleted log or a mistyped folder would
quietly become a new, empty log that verifies. The checks here run first: reading never creates
a log, and writing never starts a new one where an anchor or backups show one was kept.
"""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

from desk.core.errors import StoreError
from desk.core.requests.files import tighten
from desk.core.requests.sqlite import schema


def _missing_because(data_dir: Path, db_path: Path) -> str | None:
    """Why there is no log to open (None: there is one)."""
    try:
        folder = data_dir.stat()
    except FileNotFoundError:
        return "the folder does not exist"
    except OSError as err:
        return f"the folder cannot be read: {err.strerror}"
    if not stat.S_ISDIR(folder.st_mode):
        return "it is not a folder"
    try:
        found = db_path.stat()
    except FileNotFoundError:
        return f"there is no {db_path.name} in it"
    except OSError as err:
        return f"{db_path.name} cannot be read: {err.strerror}"
    if stat.S_ISDIR(found.st_mode):
        raise StoreError(
            f"{db_path} is a folder, not the request log file; move it out of the way or "
            "choose another data folder with --data-dir"
        )
    if not stat.S_ISREG(found.st_mode):
        raise StoreError(
            f"{db_path} is not a regular file, so it cannot be the request log; move it out of "
            "the way or choose another data folder with --data-dir"
        )
    if found.st_size == 0:
        return f"{db_path.name} is empty"
    return None


def _traces(db_path: Path, anchor_path: Path, backups_dir: Path) -> list[str]:
    """What shows a log was kept here before."""
    found: list[str] = []
    if anchor_path.exists():
        found.append(f"its anchor file {anchor_path.name}")
    if db_path.with_name(db_path.name + "-wal").exists():
        found.append(f"its write-ahead file {db_path.name}-wal")
    try:
        backups = [p for p in backups_dir.iterdir() if p.name.startswith("desk-log-")]
    except OSError:
        backups = []
    if backups:
        files = "file" if len(backups) == 1 else "files"
        found.append(f"{len(backups)} backup {files} in {backups_dir.name}/")
    return found


def check_log_file(
    *, data_dir: Path, db_path: Path, anchor_path: Path, backups_dir: Path, create: bool
) -> None:
    """Refuse to open a log that is not there, unless creating a first one is safe.

    Args:
        create: a write may start a new log in a folder with no trace of an earlier one.

    Raises:
        StoreError: no log and `create` is false, no log where traces of one remain, or the log's
            name taken by a folder or another kind of file.
    """
    why = _missing_because(data_dir, db_path)
    if why is None:
        return
    traces = _traces(db_path, anchor_path, backups_dir)
    if traces:
        raise StoreError(
            f"no request log in {data_dir} ({why}), yet one was kept here ({' and '.join(traces)} "
            "remain). Desk will not start a new, empty log in its place: restore the newest "
            "backup (see 'Backups and restoring one' in the README), or give the folder that holds "
            "the log with --data-dir or DESK_DATA_DIR"
        )
    if not create:
        raise StoreError(f"no request log in {data_dir} ({why}); check --data-dir or DESK_DATA_DIR")


def connect_read_only(db_path: Path, *, timeout: float) -> sqlite3.Connection:
    """A connection that cannot write, for a folder Desk may not write to.

    A log in write-ahead mode needs its shared-memory file to be read normally. In a read-only
    folder that file cannot be created; if there is also no write-ahead file, no writer can be at
    work (a writer needs one), so the database file alone is the whole log and is opened as
    immutable.
    """
    uri = db_path.resolve().as_uri()
    conn = sqlite3.connect(
        f"{uri}?mode=ro", uri=True, isolation_level=None, check_same_thread=False, timeout=timeout
    )
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
        wal = db_path.with_name(db_path.name + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise
    return sqlite3.connect(
        f"{uri}?immutable=1",
        uri=True,
        isolation_level=None,
        check_same_thread=False,
        timeout=timeout,
    )


class UndecodableText(ValueError):
    """A stored text value that is not UTF-8 (the message never quotes it)."""


def strict_text(raw: bytes) -> str:
    """SQLite's own decode error quotes the whole value, which may be a client's name."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UndecodableText("a stored text value is not UTF-8") from None


def connect(db_path: Path, *, read_only: bool, timeout: float) -> sqlite3.Connection:
    """An autocommit connection usable from the window's worker thread too."""
    if read_only:
        conn = connect_read_only(db_path, timeout=timeout)
    else:
        conn = sqlite3.connect(
            db_path, isolation_level=None, check_same_thread=False, timeout=timeout
        )
    conn.text_factory = strict_text
    return conn


def check_integrity(conn: sqlite3.Connection, *, db_path: Path, backups_dir: Path) -> None:
    """`PRAGMA quick_check`, its first complaint named in the refusal."""
    result = conn.execute("PRAGMA quick_check").fetchall()
    if [tuple(r) for r in result] == [("ok",)]:
        return
    lines = [
        line
        for row in result
        for line in str(row[0]).splitlines()
        if line and not line.startswith("***")
    ]
    first = lines[0] if lines else "no answer"
    raise StoreError(
        f"{db_path} failed its integrity check ({first}); restore the newest backup from "
        f"{backups_dir} (see the README)"
    )


def set_up_for_writing(conn: sqlite3.Connection, *, db_path: Path) -> None:
    """Write-ahead logging synced in full, the newest schema, and private companion files."""
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise StoreError(f"{db_path}: cannot switch to write-ahead logging ({mode})")
    conn.execute("PRAGMA synchronous = FULL")
    schema.migrate(conn, path=db_path)
    for suffix in ("-wal", "-shm"):
        tighten(db_path.with_name(db_path.name + suffix))


def check_version_read_only(conn: sqlite3.Connection, *, db_path: Path) -> None:
    """Without writing there is no upgrade: only a log at this Desk's schema can be read."""
    version = schema.user_version(conn)
    if version > schema.SCHEMA_VERSION:
        schema.migrate(conn, path=db_path)  # refuses, naming both versions
    if version < schema.SCHEMA_VERSION:
        raise StoreError(
            f"{db_path} was written by an earlier version of Desk and needs a one-time upgrade, "
            "which needs a folder Desk can write to; open it once from such a folder"
        )
