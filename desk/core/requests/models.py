"""Frozen shapes of the request log. Shared by the store, the workflow, the CLI and the window."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

Clock = Callable[[], datetime]
"""Returns the current time as an aware UTC datetime. Injected everywhere; tests fake it."""

Status = Literal["pending", "approved", "declined", "withdrawn", "released"]
STATUSES: tuple[Status, ...] = ("pending", "approved", "declined", "withdrawn", "released")

EventType = Literal[
    "request_created",
    "approved",
    "declined",
    "released",
    "withdrawn",
    "note_added",
    "exported",
    "counselor_added",
    "counselor_updated",
    "staff_added",
    "staff_updated",
]

Via = Literal["phone", "in-person", "voicemail", "mail", "other"]
VIAS: tuple[Via, ...] = ("phone", "in-person", "voicemail", "mail", "other")

How = Literal["in-person", "phone", "email", "written"]
HOWS: tuple[How, ...] = ("in-person", "phone", "email", "written")
SIGNED = "signed"
"""How a counselor signed in to the shared log as themselves approves: no one relays it."""
APPROVAL_HOWS: tuple[str, ...] = (*HOWS, SIGNED)

ReleaseMethod = Literal["phone", "in-person", "printed", "email"]
RELEASE_METHODS: tuple[ReleaseMethod, ...] = ("phone", "in-person", "printed", "email")


@dataclass(frozen=True, kw_only=True)
class Counselor:
    id: str
    name: str
    email: str
    credentials: str = ""
    active: bool = True

    @property
    def display_name(self) -> str:
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


@dataclass(frozen=True, kw_only=True)
class Staff:
    id: str
    name: str
    active: bool = True


@dataclass(frozen=True, kw_only=True)
class Request:
    """Current state of one request, derived from its events."""

    id: str
    client: str
    counselor_id: str
    status: Status
    requested_at: datetime
    updated_at: datetime
    via: Via
    requested_by: str  # staff id
    decided_by: str | None = None  # counselor id
    decided_how: How | None = None
    released_at: datetime | None = None
    release_method: ReleaseMethod | None = None


@dataclass(frozen=True, kw_only=True)
class Event:
    """One append-only entry of the chained log."""

    seq: int
    request_id: str | None
    at: datetime
    staff_id: str
    workstation: str
    type: EventType
    payload: Mapping[str, Any]
    prev_hash: str
    hash: str


@dataclass(frozen=True, kw_only=True)
class RequestFilter:
    """What the requests table shows. Empty fields mean no restriction.

    `client` matches client names case-insensitively by prefix of any word.
    `since`/`until` are inclusive local dates on `requested_at`.
    """

    status: Status | None = None
    counselor_id: str | None = None
    since: date | None = None
    until: date | None = None
    client: str = ""


@dataclass(frozen=True, kw_only=True)
class Head:
    """The newest event's position, as written to the anchor file."""

    seq: int
    hash: str


@dataclass(frozen=True, kw_only=True)
class VerifyReport:
    ok: bool
    events_checked: int
    head: Head | None
    problem: str | None = None  # names the first bad event by sequence number
