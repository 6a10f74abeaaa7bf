"""What the workflow needs from a store, so another database can stand in for SQLite.

The workflow decides; the store keeps. Decisions rest on events the store hands back
(`history`, `people_events`), which the workflow replays and hash-checks itself; the derived
rows (`get_request`, `get_staff`, `get_counselor`) are only compared with that replay, and a row
that disagrees refuses the write. A write is one call to `append` with a `build` function:
the store opens its write transaction, hands `build` a view of the current state inside that
transaction, and appends the one event `build` returns, chaining its hash and updating the
derived state before committing. If `build` raises, nothing is written. Running the checks
inside the write transaction is what keeps two workstations from approving and withdrawing the
same request at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from desk.core.requests.models import (
    Counselor,
    Event,
    EventType,
    Head,
    Request,
    RequestFilter,
    Staff,
    VerifyReport,
)


@dataclass(frozen=True, kw_only=True)
class Draft:
    """An event before the store numbers and chains it."""

    type: EventType
    request_id: str | None
    at: datetime
    staff_id: str
    workstation: str
    payload: Mapping[str, Any]


class StoreView(Protocol):
    """Current state, read inside the write transaction when handed to `build`."""

    def get_request(self, request_id: str) -> Request | None: ...

    def get_counselor(self, counselor_id: str) -> Counselor | None: ...

    def get_staff(self, staff_id: str) -> Staff | None: ...

    def history(self, request_id: str) -> list[Event]:
        """The request's events, oldest first (what a decision is checked against)."""
        ...

    def people_events(self) -> list[Event]:
        """Every staff and counselor event (`replay.PEOPLE_EVENTS`), oldest first.

        Who may act, and which address a counselor approved, is decided from these and from
        `history`, never from the derived staff and counselor rows, which an editor of the
        store could change without touching the chain. A few events per person.
        """
        ...

    def next_request_id(self) -> str:
        """The id the next created request will get (valid inside a write)."""
        ...


class Store(StoreView, Protocol):
    """A durable, append-only, hash-chained event log with derived current state."""

    @property
    def local_folder(self) -> Path | None:
        """The folder holding the store's files on this machine (for a server store, the
        desk's witness of it), or None.

        Exports refuse to write there, where a file could replace the log itself.
        """
        ...

    @property
    def actor(self) -> str | None:
        """Who the server knows is signed in (a shared log's database role); None on SQLite.

        Where it is known, every event is recorded as that person and no other.
        """
        ...

    def append(self, build: Callable[[StoreView], Draft]) -> Event:
        """Append the event `build` returns, atomically with its derived state.

        Before `build` runs, a cheap check that the store still holds together (for SQLite:
        the append-only triggers are in place and the newest events chain up to the anchor);
        if not, StoreError and nothing is written.

        Raises:
            DeskError: whatever `build` raises (nothing is written), or StoreError.
        """
        ...

    def list_staff(self) -> list[Staff]: ...

    def list_counselors(self, *, include_inactive: bool) -> list[Counselor]: ...

    def count(self, flt: RequestFilter) -> int: ...

    def page(self, flt: RequestFilter, *, offset: int, limit: int) -> list[Request]: ...

    def pending_count(self) -> int: ...

    def head(self) -> Head | None: ...

    def verify(self, *, head: str | None = None, deep: bool = False) -> VerifyReport:
        """Check the chain and anchor; with `deep`, the rules and derived state too.

        Args:
            head: a full 64-digit head hash printed earlier; it must be the hash of an event
                of the sound chain (`InvalidInput` for anything shorter).
            deep: also every event against `rules.check_event` as of its place in the log,
                and every derived table (requests, staff, counselors) against the replay.
        """
        ...

    def backup_if_due(self) -> Path | None:
        """Take today's backup unless one exists; returns its path if one was written."""
        ...

    def close(self) -> None: ...
