"""Daily copies of the log through SQLite's backup API, rotated.

A backup is a consistent snapshot even while other processes write, and carries its own anchor
file so a restored copy can be verified on its own. Restoring: close Desk, copy
`backups/desk-log-DATE.sqlite3` over `desk-log.sqlite3` and `desk-log-DATE.anchor` over
`desk-log.anchor`, delete `desk-log.sqlite3-wal` and `-shm`, then run `desk requests verify`.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from datetime import date
from pathlib import Path

from desk.core.requests.anchor import write_anchor
from desk.core.requests.files import private_dir, private_file, tighten
from desk.core.requests.models import Head

KEEP = 14
_NAME = re.compile(r"desk-log-(\d{4}-\d{2}-\d{2})\.sqlite3")


def backup_path(backups_dir: Path, day: date) -> Path:
    return backups_dir / f"desk-log-{day.isoformat()}.sqlite3"


def list_backups(backups_dir: Path) -> list[Path]:
    """Backups oldest first."""
    if not backups_dir.is_dir():
        return []
    return sorted(p for p in backups_dir.iterdir() if _NAME.fullmatch(p.name))


def take_backup(
    source: sqlite3.Connection, *, backups_dir: Path, day: date, keep: int = KEEP
) -> Path | None:
    """Write the backup for `day` unless it exists, then keep only the newest `keep`.

    Returns:
        The new backup's path, or None if `day` already had one.
    """
    target = backup_path(backups_dir, day)
    if target.exists():
        return None
    private_dir(backups_dir)
    partial = target.with_name(f".{target.name}.partial")
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    private_file(partial)
    dest = sqlite3.connect(partial, isolation_level=None)
    try:
        source.backup(dest)
        # A backup is one self-contained file: no -wal beside it when it is later opened.
        dest.execute("PRAGMA journal_mode=DELETE")
        row = dest.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
    finally:
        dest.close()
    tighten(partial)
    if row is not None:
        write_anchor(target.with_suffix(".anchor"), Head(seq=int(row[0]), hash=str(row[1])))
    os.replace(partial, target)
    rotate(backups_dir, keep=keep)
    return target


def rotate(backups_dir: Path, *, keep: int = KEEP) -> None:
    for old in list_backups(backups_dir)[:-keep] if keep > 0 else []:
        old.unlink(missing_ok=True)
        old.with_suffix(".anchor").unlink(missing_ok=True)
