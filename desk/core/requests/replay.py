"""How events turn into current state. The same functions run live and when verifying.

The store applies each new event to the current row inside the append transaction; `verify`
folds the events again and compares. A transition the workflow would never allow (a release that
was not approved, an approval by another counselor) raises `ReplayError`, so a forged event
shows up as a named bad event rather than as quietly wrong state.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from desk.core.requests.models import (
    APPROVAL_HOWS,
    RELEASE_METHODS,
    VIAS,
    Counselor,
    Event,
    Request,
    Staff,
    Status,
)

REQUEST_EVENTS = frozenset(
    {"request_created", "approved", "declined", "released", "withdrawn", "note_added"}
)
PEOPLE_EVENTS = frozenset({"counselor_added", "counselor_updated", "staff_added", "staff_updated"})
OTHER_EVENTS = frozenset({"exported"})
EVENT_TYPES = REQUEST_EVENTS | PEOPLE_EVENTS | OTHER_EVENTS
COUNSELOR_FIELDS = ("name", "email", "credentials", "active")
STAFF_FIELDS = ("name", "active")

_WORD = re.compile(r"\w+")


class ReplayError(Exception):
    """An event that cannot follow the state before it (the message never quotes a payload)."""


_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,31}|R-[0-9]{6,9}")


def shown_id(value: object) -> str:
    """An id fit to print: a stored value that is not a valid id may hold anything."""
    return value if isinstance(value, str) and _ID.fullmatch(value) else "(not a valid id)"


def search_words(text: str) -> list[str]:
    """Words for client search: accents dropped, case folded, in order of appearance."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _WORD.findall(plain.casefold())


def _str(payload: Mapping[str, Any], key: str) -> str:
    value = payload.get(key)
    if not isinstance(value, str):
        raise ReplayError(f"payload field {key!r} is missing or not text")
    return value


def apply_request(
    state: Request | None,
    *,
    request_id: str,
    type: str,
    at: datetime,
    staff_id: str,
    payload: Mapping[str, Any],
) -> Request:
    """The request after one of its events."""
    if type == "request_created":
        if state is not None:
            raise ReplayError(f"request {shown_id(request_id)} is created a second time")
        via = _str(payload, "via")
        if via not in VIAS:
            raise ReplayError("payload field 'via' is not a known way in")
        return Request(
            id=request_id,
            client=_str(payload, "client"),
            counselor_id=_str(payload, "counselor_id"),
            status="pending",
            requested_at=at,
            updated_at=at,
            via=via,
            requested_by=staff_id,
        )
    if state is None:
        raise ReplayError(f"{type} for request {shown_id(request_id)}, which was never created")
    if type in ("approved", "declined"):
        # An approved request is approved again only when its counselor's address changed
        # (the approval records the address it covers; `rules` checks the change).
        again = type == "approved" and state.status == "approved" and "email" in payload
        if state.status != "pending" and not again:
            raise ReplayError(f"{type} while request {shown_id(request_id)} is {state.status}")
        by = _str(payload, "by")
        if by != state.counselor_id:
            raise ReplayError(
                f"{type} by {shown_id(by)}, but request {shown_id(request_id)} is for "
                f"{shown_id(state.counselor_id)}"
            )
        how: Any = None
        if type == "approved":
            how = _str(payload, "how")
            if how not in APPROVAL_HOWS:
                raise ReplayError("payload field 'how' is not a known approval method")
        status: Status = "approved" if type == "approved" else "declined"
        return replace(state, status=status, decided_by=by, decided_how=how, updated_at=at)
    if type == "withdrawn":
        if state.status not in ("pending", "approved"):
            raise ReplayError(f"withdrawn while request {shown_id(request_id)} is {state.status}")
        return replace(state, status="withdrawn", updated_at=at)
    if type == "released":
        if state.status != "approved":
            raise ReplayError(f"released while request {shown_id(request_id)} is {state.status}")
        if payload.get("identity_verified") is not True:
            raise ReplayError("released without a confirmed identity")
        method = _str(payload, "method")
        if method not in RELEASE_METHODS:
            raise ReplayError("payload field 'method' is not a known release method")
        return replace(
            state,
            status="released",
            released_at=at,
            release_method=method,
            updated_at=at,
        )
    if type == "note_added":
        return replace(state, updated_at=at)
    raise ReplayError(f"{type} is not a request event")


def replay_request(request_id: str, events: Iterable[Event]) -> Request:
    """One request rebuilt from its own events, oldest first.

    Raises:
        ReplayError: no events, or one that cannot follow the state before it.
    """
    state: Request | None = None
    for event in events:
        state = apply_request(
            state,
            request_id=request_id,
            type=event.type,
            at=event.at,
            staff_id=event.staff_id,
            payload=event.payload,
        )
    if state is None:
        raise ReplayError(f"request {shown_id(request_id)} has no events")
    return state


def apply_counselor(state: Counselor | None, *, type: str, payload: Mapping[str, Any]) -> Counselor:
    """The counselor after a counselor_added or counselor_updated event."""
    counselor_id = _str(payload, "id")
    if type == "counselor_added":
        if state is not None:
            raise ReplayError(f"counselor {shown_id(counselor_id)} is added a second time")
        return Counselor(
            id=counselor_id,
            name=_str(payload, "name"),
            email=_str(payload, "email"),
            credentials=_str(payload, "credentials"),
            active=bool(payload.get("active", True)),
        )
    if type == "counselor_updated":
        if state is None:
            raise ReplayError(f"update of counselor {shown_id(counselor_id)}, who was never added")
        changes = {k: payload[k] for k in COUNSELOR_FIELDS if k in payload}
        return replace(state, **changes)
    raise ReplayError(f"{type} is not a counselor event")


def apply_staff(state: Staff | None, *, type: str, payload: Mapping[str, Any]) -> Staff:
    """The staff member after a staff_added or staff_updated (renamed, (de)activated) event."""
    staff_id = _str(payload, "id")
    if type == "staff_added":
        if state is not None:
            raise ReplayError(f"staff {shown_id(staff_id)} is added a second time")
        return Staff(
            id=staff_id, name=_str(payload, "name"), active=bool(payload.get("active", True))
        )
    if type == "staff_updated":
        if state is None:
            raise ReplayError(f"update of staff {shown_id(staff_id)}, who was never added")
        changes = {k: payload[k] for k in STAFF_FIELDS if k in payload}
        if not isinstance(changes.get("name", ""), str) or not isinstance(
            changes.get("active", True), bool
        ):
            raise ReplayError("payload field 'name' or 'active' has the wrong type")
        return replace(state, **changes)
    raise ReplayError(f"{type} is not a staff event")
