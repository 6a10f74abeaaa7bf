"""The rules every event obeyed when it was appended, judged from the events alone.

Who may act (staff added and still active), whether the counselor could answer (added and still
active), whether the request could move that way, which address a release may give, and whether
the time fits what the event depends on. The workflow checks each draft against these rules
before appending it, and `verify --deep` checks every stored event against them, so a forged
event that hashes correctly still shows up as a named bad event. Derived rows play no part:
they are what an editor of the file can change without touching the chain.

Messages name ids, event numbers and fields, never a client's name or a note.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, Generic, TypeVar

from desk.core.requests.models import SIGNED, Counselor, Event, Request, Staff
from desk.core.requests.replay import (
    REQUEST_EVENTS,
    ReplayError,
    apply_counselor,
    apply_request,
    apply_staff,
    shown_id,
)

ADMIN_ID = "admin"
"""Who manages people and exports from the command line when no staff id is given."""

STAFF_EVENTS = frozenset({"staff_added", "staff_updated"})
COUNSELOR_EVENTS = frozenset({"counselor_added", "counselor_updated"})
_ADMIN_EVENTS = STAFF_EVENTS | COUNSELOR_EVENTS | {"exported"}
"""Events the `admin` pseudo-actor may record (people and exports, never a request step)."""

CLOCK_GRACE = timedelta(days=1)
"""How far a request's later event may be dated before its creation.

A desk whose clock is corrected backwards (a wrong time zone set right) must not stop working;
an approval dated days before the request existed cannot come from such a correction.
"""

P = TypeVar("P", Staff, Counselor)


class RuleError(Exception):
    """An event the rules did not allow when it was appended."""


@dataclass
class _Versions(Generic[P]):
    """One person's records, oldest first: the seq of each event and the person after it."""

    seqs: list[int] = field(default_factory=list)
    states: list[P] = field(default_factory=list)

    def before(self, seq: int | None) -> P | None:
        """The person as recorded before event `seq` (None: as of now)."""
        n = len(self.seqs) if seq is None else bisect.bisect_left(self.seqs, seq)
        return self.states[n - 1] if n else None

    def add(self, seq: int, state: P) -> None:
        self.seqs.append(seq)
        self.states.append(state)


class People:
    """Staff and counselors as their events tell them, at any point in the log."""

    def __init__(self) -> None:
        self._staff: dict[str, _Versions[Staff]] = {}
        self._counselors: dict[str, _Versions[Counselor]] = {}

    def apply(self, event: Event) -> None:
        """Record one staff or counselor event (appended in order of seq).

        Raises:
            ReplayError: an event that cannot follow the person's record before it.
        """
        key = event.payload.get("id")
        if not isinstance(key, str):
            raise ReplayError("payload field 'id' is missing or not text")
        if event.type in STAFF_EVENTS:
            staff = self._staff.setdefault(key, _Versions())
            staff.add(
                event.seq, apply_staff(staff.before(None), type=event.type, payload=event.payload)
            )
        elif event.type in COUNSELOR_EVENTS:
            found = self._counselors.setdefault(key, _Versions())
            found.add(
                event.seq,
                apply_counselor(found.before(None), type=event.type, payload=event.payload),
            )
        else:
            raise ReplayError(f"{event.type} is not a staff or counselor event")

    def staff(self, staff_id: str, *, before: int | None = None) -> Staff | None:
        found = self._staff.get(staff_id)
        return found.before(before) if found else None

    def counselor(self, counselor_id: str, *, before: int | None = None) -> Counselor | None:
        found = self._counselors.get(counselor_id)
        return found.before(before) if found else None

    def all_staff(self) -> dict[str, Staff]:
        return {k: v.states[-1] for k, v in self._staff.items() if v.states}

    def all_counselors(self) -> dict[str, Counselor]:
        return {k: v.states[-1] for k, v in self._counselors.items() if v.states}


def people_from(events: Iterable[Event]) -> People:
    """Fold staff and counselor events, oldest first."""
    people = People()
    for event in events:
        people.apply(event)
    return people


@dataclass(frozen=True)
class Facts:
    """A request as its events tell it, with what a release depends on."""

    request: Request
    approved_email: str | None = None
    approved_seq: int | None = None


def fold_request(facts: Facts | None, event: Event, people: People) -> Facts:
    """The request after one of its events (the transition rules of `replay.apply_request`)."""
    state = apply_request(
        facts.request if facts else None,
        request_id=str(event.request_id),
        type=event.type,
        at=event.at,
        staff_id=event.staff_id,
        payload=event.payload,
    )
    if facts is None:
        return Facts(state)
    if event.type == "approved":
        return Facts(state, approved_email(event, people), event.seq)
    return replace(facts, request=state)


def approved_email(event: Event, people: People) -> str | None:
    """The address an approval covers: recorded on it, or (older logs) the counselor's then."""
    email = event.payload.get("email")
    if isinstance(email, str):
        return email
    counselor = people.counselor(str(event.payload.get("by")), before=event.seq)
    return counselor.email if counselor else None


def check_event(
    *,
    seq: int | None,
    type: str,
    at: datetime,
    staff_id: str,
    payload: Mapping[str, Any],
    people: People,
    facts: Facts | None,
    signed_in: bool = False,
) -> None:
    """Was this event allowed, given the people and the request before it?

    Args:
        seq: the event's number, or None for a draft about to be appended (judged as of now).
        facts: the request before this event, for request events.
        signed_in: the store knows who is signed in (the shared log), so a counselor may
            decide their own request as themselves; a single desk's log has no such events.

    Raises:
        RuleError: what was not allowed; the caller adds the event number.
    """
    own_decision = (
        signed_in
        and type in ("approved", "declined")
        and payload.get("by") == staff_id
        and (type == "declined" or payload.get("how") == SIGNED)
    )
    if not own_decision:
        _check_actor(seq=seq, type=type, at=at, staff_id=staff_id, payload=payload, people=people)
    if type not in REQUEST_EVENTS:
        return
    if type == "request_created":
        counselor_id = str(payload.get("counselor_id"))
        _check_counselor(counselor_id, seq=seq, at=at, people=people)
        return
    if facts is None:
        raise RuleError(f"{type} for a request that was never created")
    req = facts.request
    if at < req.requested_at - CLOCK_GRACE:
        raise RuleError(
            f"{type} is dated more than a day before request {shown_id(req.id)} was created"
        )
    if type in ("approved", "declined", "released"):
        counselor = _check_counselor(req.counselor_id, seq=seq, at=at, people=people)
        if type == "approved":
            email = payload.get("email")
            if req.status == "approved" and facts.approved_email == counselor.email:
                raise RuleError(
                    f"request {shown_id(req.id)} approved again though the address it covers "
                    "has not changed"
                )
            if email is not None and email != counselor.email:
                raise RuleError(
                    f"approval of request {shown_id(req.id)} names an address other than counselor "
                    f"{shown_id(counselor.id)}'s"
                )
        if type == "released":
            if facts.approved_email is None:
                raise RuleError(f"release of request {shown_id(req.id)}, which has no approval")
            if payload.get("email") != facts.approved_email:
                raise RuleError(
                    f"release of request {shown_id(req.id)} gives an address other than the one "
                    "approved"
                )
            if counselor.email != facts.approved_email:
                raise RuleError(
                    f"release of request {shown_id(req.id)} after counselor "
                    f"{shown_id(counselor.id)}'s address changed since the approval"
                )


def _check_actor(
    *,
    seq: int | None,
    type: str,
    at: datetime,
    staff_id: str,
    payload: Mapping[str, Any],
    people: People,
) -> None:
    if type == "staff_added" and staff_id == payload.get("id"):
        return  # a new staff member adding themselves at the desk
    staff = people.staff(staff_id, before=seq)
    if staff is None:
        if staff_id == ADMIN_ID and type in _ADMIN_EVENTS:
            return
        raise RuleError(f"staff {shown_id(staff_id)} was never added")
    if not staff.active:
        raise RuleError(f"staff {shown_id(staff_id)} was not active")


def _check_counselor(
    counselor_id: str, *, seq: int | None, at: datetime, people: People
) -> Counselor:
    counselor = people.counselor(counselor_id, before=seq)
    if counselor is None:
        raise RuleError(f"counselor {shown_id(counselor_id)} was never added")
    if not counselor.active:
        raise RuleError(f"counselor {shown_id(counselor_id)} was not active")
    return counselor
