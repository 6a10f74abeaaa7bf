"""The email-request log: approval before release, hash-chained. Imports: core, its stores."""

from __future__ import annotations

from pathlib import Path

from desk.core.requests.models import Clock
from desk.core.requests.workflow import RequestLog

__all__ = ["RequestLog", "open_log"]


def open_log(
    data_dir: Path,
    *,
    clock: Clock | None = None,
    workstation: str | None = None,
    create: bool = True,
    read_only: bool | None = False,
) -> RequestLog:
    """Open the log kept in `data_dir`.

    Checks the file's integrity and takes the day's backup (if the log passes its checks)
    before returning.

    Args:
        create: start a first log (owner-only) if the folder has none. Never done where an
            anchor or backups show a log was kept; commands that only read pass False.
        read_only: open without writing anything: no anchor catch-up, no backup, every write
            refused. None decides by whether Desk can write to the folder and the log.

    Raises:
        StoreError: no log to open, a folder other users can change, a network filesystem,
            or a file that is damaged or from a newer Desk.
    """
    from desk.core.requests.sqlite.store import SqliteStore
    from desk.core.requests.workflow import utc_now

    now = clock or utc_now
    store = SqliteStore.open(Path(data_dir), clock=now, create=create, read_only=read_only)
    try:
        return RequestLog(store, clock=now, workstation=workstation)
    except BaseException:
        store.close()
        raise
