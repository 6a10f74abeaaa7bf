"""Daily copies of the log through SQLite's backup API, rotated.

A backup is a consistent snapshot even while other processes write, and carries a copy of the
live anchor, taken with the snapshot, so a restored copy can be verified on its own. A backup is
only worth keeping if the log it copies is sound: one that fails the anchor check or the quick
chain check is not copied (and older backups are not rotated away for it), since a copy made
after tampering, with an anchor that agrees with it, would pass for a good one.

Restoring: close Desk, copy `backups/desk-log-DATE.sqlite3` over `desk-log.sqlite3` and
`desk-log-DATE.anchor` over `desk-log.anchor`, delete `desk-log.sqlite3-wal` and `-shm`, then run
`desk requests verify`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import secrets
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from desk.core.errors import StoreError
from desk.core.requests.anchor import (
    AnchorUnreadable,
    check_anchor,
    read_anchor,
    read_anchor_safely,
    write_anchor,
)
from desk.core.requests.chain import GENESIS, event_hash
from desk.core.requests.files import FILE_MODE, atomic_write, private_dir, tighten
from desk.core.requests.models import Head
from desk.core.requests.sqlite import queries as q

KEEP = 14
TAIL_LIMIT = 5000
"""The quick chain check covers events since the newest backup, at most this many."""

_NAME = re.compile(r"desk-log-(\d{4}-\d{2}-\d{2})\.sqlite3")

_log = logging.getLogger("desk.core.requests.sqlite.store")


def backup_path(backups_dir: Path, day: date) -> Path:
    return backups_dir / f"desk-log-{day.isoformat()}.sqlite3"


def list_backups(backups_dir: Path) -> list[Path]:
    """Backups oldest first."""
    if not backups_dir.is_dir():
        return []
    return sorted(p for p in backups_dir.iterdir() if _NAME.fullmatch(p.name))


def newest_backup_head(backups_dir: Path) -> tuple[Path, Head] | None:
    """The newest backup that has a readable anchor, and the head that anchor records."""
    for backup in reversed(list_backups(backups_dir)):
        try:
            head = read_anchor(backup.with_suffix(".anchor"))
        except (AnchorUnreadable, OSError):
            continue
        if head is not None:
            return backup, head
    return None


def tail_problem(
    conn: sqlite3.Connection, *, backups_dir: Path, limit: int = TAIL_LIMIT
) -> str | None:
    """The quick chain check: the newest backup's head is still in the log, and what follows.

    Each event after that head (at most the newest `limit`) must hash to its stored hash and link
    to the one before: a day's events, so cheap enough for every backup.

    Returns:
        What is wrong, naming the event, or None.
    """
    last = q.head(conn)
    if last is None:
        return None
    start, link = 1, GENESIS
    found = newest_backup_head(backups_dir)
    if found is not None:
        backup, since = found
        if since.seq > last.seq:
            return (
                f"{backup.name} holds events up to {since.seq}, but the log ends at event "
                f"{last.seq}: events were removed"
            )
        if q.hash_at(conn, since.seq) != since.hash:
            return f"event {since.seq} no longer matches {backup.name} (it was changed)"
        start, link = since.seq + 1, since.hash
    if last.seq - start + 1 > limit:
        start = last.seq - limit + 1
        link = q.hash_at(conn, start - 1) or ""
    rows = conn.execute(
        "SELECT seq, request_id, at, staff_id, workstation, type, payload, prev_hash, hash "
        "FROM events WHERE seq >= ? ORDER BY seq",
        (start,),
    )
    expected = start
    for seq, request_id, at, staff_id, workstation, type_, payload, prev_hash, digest in rows:
        if seq != expected:
            return f"event {expected} is missing"
        if prev_hash != link:
            return f"event {seq}: its link to event {seq - 1} is broken"
        try:
            actual = event_hash(
                seq=seq,
                request_id=request_id,
                at=at,
                staff_id=staff_id,
                workstation=workstation,
                type=type_,
                payload_json=payload,
                prev_hash=prev_hash,
            )
        except (TypeError, UnicodeError):
            actual = ""
        if actual != digest:
            return f"event {seq}: hash does not match its contents"
        expected, link = seq + 1, digest
    return None


def _backup_head(backup: Path) -> Head | None:
    """The newest event a backup holds: from the copy itself, else from its anchor."""
    try:
        conn = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            return q.head(conn)
        finally:
            conn.close()
    except (sqlite3.Error, OSError, ValueError):
        pass
    try:
        return read_anchor(backup.with_suffix(".anchor"))
    except (AnchorUnreadable, OSError):
        return None


def backups_problem(backups_dir: Path, *, log_hash_at: Callable[[int], str | None]) -> str | None:
    """The backups as witnesses: each one's newest event must still be in the log, unchanged.

    A log rolled back to an older copy (database and anchor together) passes its own checks;
    the backups taken since still hold the events it lost.

    Args:
        log_hash_at: the log's hash at a seq, None where the log has no such event.
    """
    for backup in reversed(list_backups(backups_dir)):
        head = _backup_head(backup)
        if head is None:
            continue
        found = log_hash_at(head.seq)
        if found is None:
            return (
                f"the backup {backup.name} holds events up to event {head.seq} that the log no "
                "longer has: events were removed or the log was rolled back (see 'Backups and "
                "restoring one' in the README)"
            )
        if found != head.hash:
            return (
                f"event {head.seq}: hash differs from the backup {backup.name} (the log was "
                "changed or replaced since that backup)"
            )
    return None


class BackupSkipped(Exception):
    """The log failed a check, so a copy of it would pass a bad log off as a good backup."""


def take_checked_backup(
    conn: sqlite3.Connection,
    *,
    source: sqlite3.Connection,
    backups_dir: Path,
    anchor_path: Path,
    day: date,
    keep: int = KEEP,
) -> Path | None:
    """Check the anchor and the chain since the newest backup, then take the day's backup.

    Runs inside the write transaction `conn` holds (see `take_backup`); the copy is read through
    `source`, another connection, since SQLite cannot copy through a connection that is inside
    a write transaction. A lagging anchor (a crash between a commit and its anchor write) is
    brought up to date first, so the copy and its anchor agree.

    Raises:
        BackupSkipped: the anchor check or the quick chain check failed; nothing was written.
    """
    recorded, unreadable = read_anchor_safely(anchor_path)
    last = q.head(conn)
    found = check_anchor(
        path=anchor_path,
        recorded=recorded,
        unreadable=unreadable,
        last=last,
        hash_at=lambda seq: q.hash_at(conn, seq),
    )
    problem = found.problem or tail_problem(conn, backups_dir=backups_dir)
    if problem:
        raise BackupSkipped(problem)
    if found.lagging and last is not None:
        write_anchor(anchor_path, last)
    return take_backup(source, backups_dir=backups_dir, day=day, anchor_path=anchor_path, keep=keep)


def _partials(backups_dir: Path) -> list[Path]:
    return [
        p for p in backups_dir.iterdir() if p.name.startswith(".desk-log-") and ".partial" in p.name
    ]


def take_backup(
    source: sqlite3.Connection,
    *,
    backups_dir: Path,
    day: date,
    anchor_path: Path,
    keep: int = KEEP,
) -> Path | None:
    """Write the backup for `day` unless it exists, then keep only the newest `keep`.

    The caller holds the log's write lock (an open `BEGIN IMMEDIATE` on another connection), so
    no event lands during the copy, no other Desk is taking a backup, and any half-written backup
    found here was left by one that crashed.

    Args:
        anchor_path: the live anchor, already checked against the log and brought up to date;
            copied beside the backup as it stands.

    Returns:
        The new backup's path, or None if `day` already had one.
    """
    target = backup_path(backups_dir, day)
    if target.exists():
        return None
    private_dir(backups_dir)
    for stale in _partials(backups_dir):
        stale.unlink(missing_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.partial")
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    try:
        dest = sqlite3.connect(partial, isolation_level=None)
        try:
            source.backup(dest)
            # A backup is one self-contained file: no -wal beside it when it is later opened.
            dest.execute("PRAGMA journal_mode=DELETE")
            copied = q.head(dest)
        finally:
            dest.close()
        tighten(partial)
        if copied is not None:
            anchor = anchor_path.read_bytes()
            try:
                recorded = read_anchor(anchor_path)
            except AnchorUnreadable:
                recorded = None
            if recorded != copied:
                raise StoreError(
                    f"{anchor_path.name} does not record the log's newest event (event "
                    f"{copied.seq})"
                )
            atomic_write(target.with_suffix(".anchor"), anchor)
        os.replace(partial, target)
    except BaseException:
        for leftover in (partial, partial.with_name(partial.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise
    rotate(backups_dir, keep=keep)
    return target


def rotate(backups_dir: Path, *, keep: int = KEEP) -> None:
    for old in list_backups(backups_dir)[:-keep] if keep > 0 else []:
        old.unlink(missing_ok=True)
        old.with_suffix(".anchor").unlink(missing_ok=True)


def backup_once_a_day(
    conn: sqlite3.Connection,
    *,
    source: sqlite3.Connection,
    locks: tuple[contextlib.AbstractContextManager[Any], contextlib.AbstractContextManager[Any]],
    backups_dir: Path,
    anchor_path: Path,
    day: date,
    keep: int,
) -> Path | None:
    """Take `day`'s backup if it is not there yet and the log passes its checks; never raises.

    A log failing the anchor check or the quick chain check is not copied, and no older
    backup is rotated away for it. Any failure is a warning: the event log matters more
    than today's copy of it, which the next open (or the window's timer) tries again.
    The check and the copy run under the write lock (`conn` in BEGIN IMMEDIATE), so the
    copy and its anchor agree; `locks` are the store's write and read locks.
    """
    if backup_path(backups_dir, day).exists():
        return None
    write_lock, read_lock = locks
    with write_lock:
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                with read_lock:
                    made = take_checked_backup(
                        conn,
                        source=source,
                        backups_dir=backups_dir,
                        anchor_path=anchor_path,
                        day=day,
                        keep=keep,
                    )
            finally:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
        except BackupSkipped as skipped:
            _log.warning(
                "today's backup was skipped, keeping the earlier backups as they are: %s. "
                "Run `desk requests verify`",
                skipped,
            )
            return None
        except (StoreError, OSError, sqlite3.Error) as err:
            reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
            if isinstance(err, sqlite3.OperationalError) and "locked" in reason:
                reason = "another Desk is writing to the log"
            _log.warning("today's backup was not written to %s: %s", backups_dir, reason)
            return None
    if made is not None:
        _log.info("backup written to %s", made)
    return made
