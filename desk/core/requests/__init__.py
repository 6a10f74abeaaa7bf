"""The email-address request log: counselor approval before release, on a hash-chained record."""

from __future__ import annotations

from pathlib import Path

from desk.core.requests.models import Clock
from desk.core.requests.workflow import RequestLog

__all__ = ["RequestLog", "open_log"]


def open_log(
    data_dir: Path, *, clock: Clock | None = None, workstation: str | None = None
) -> RequestLog:
    """Open the log kept in `data_dir` (created owner-only if missing).

    Checks the file's integrity and takes the day's backup before returning.

    Raises:
        StoreError: the folder is on a network filesystem, or the file is damaged or newer.
    """
    from desk.core.requests.sqlite_store import SqliteStore
    from desk.core.requests.workflow import utc_now

    now = clock or utc_now
    store = SqliteStore.open(Path(data_dir), clock=now)
    try:
        return RequestLog(store, clock=now, workstation=workstation)
    except BaseException:
        store.close()
        raise
