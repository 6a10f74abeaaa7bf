"""What a decision rests on: people and requests as the events record them, checked.

Run inside the store's write transaction, so what they find is what the write builds on. The
derived rows (staff, counselors, requests) are what an editor of the file can change without
touching the chain, so every decision is taken from the events; a row that disagrees with them
refuses the write and points to `verify`. The events used are hash-checked first, so an edited
event is not believed either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from desk.core.errors import InvalidInput, Refused
from desk.core.requests import validation as v
from desk.core.requests.chain import event_is_sound
from desk.core.requests.models import Counselor, Event, Request, Staff
from desk.core.requests.replay import ReplayError
from desk.core.requests.rules import (
    ADMIN_ID,
    Facts,
    People,
    RuleError,
    check_event,
    fold_request,
    people_from,
)
from desk.core.requests.store import StoreView

__all__ = ["ADMIN_ID", "Recorded", "require_request"]

_VERIFY = "run `desk requests verify`"


def _sound(events: Iterable[Event]) -> list[Event]:
    checked = list(events)
    for event in checked:
        if not event_is_sound(event):
            raise Refused(
                f"event {event.seq} does not match its hash, so nothing is recorded; {_VERIFY}"
            )
    return checked


class Recorded:
    """People and requests as their events tell them, inside one write.

    Args:
        view: the store's state inside the write transaction.
    """

    def __init__(self, view: StoreView, *, signed_in: bool = False) -> None:
        self._view = view
        self._signed_in = signed_in
        self.facts: dict[str, Facts] = {}
        """The requests looked up so far, for judging the draft (`rules.check_event`)."""
        try:
            self.people: People = people_from(_sound(view.people_events()))
        except ReplayError:
            raise Refused(
                f"the recorded staff and counselor events do not add up; {_VERIFY}"
            ) from None

    def staff_record(self, staff_id: str) -> Staff | None:
        """The staff member by the events (None: never added); refused if the row disagrees."""
        v.check_id(staff_id, field="staff id")
        staff = self.people.staff(staff_id)
        if self._view.get_staff(staff_id) != staff:
            raise Refused(
                f"staff {staff_id}: the stored record does not match the events; {_VERIFY}"
            )
        return staff

    def counselor_record(
        self, counselor_id: str, *, field: str = "counselor id"
    ) -> Counselor | None:
        """The counselor by the events (None: never added); refused if the row disagrees."""
        v.check_id(counselor_id, field=field)
        counselor = self.people.counselor(counselor_id)
        if self._view.get_counselor(counselor_id) != counselor:
            raise Refused(
                f"counselor {counselor_id}: the stored record does not match the events; {_VERIFY}"
            )
        return counselor

    def staff(self, staff_id: str, *, admin_ok: bool = False) -> Staff | None:
        """The staff member, added and active by the events (None: `admin`, where allowed).

        Raises:
            InvalidInput: never added.
            Refused: deactivated, or the stored row disagrees with the events.
        """
        staff = self.staff_record(staff_id)
        if staff is None:
            if admin_ok and staff_id == ADMIN_ID:
                return None
            raise InvalidInput(
                f"unknown staff id {staff_id!r}: add them first "
                "(desk staff add --id ID --name NAME)"
            )
        if not staff.active:
            raise Refused(
                f"staff {staff_id} is deactivated and can no longer act (desk staff activate "
                f"{staff_id} if they are back)"
            )
        return staff

    def known_staff(self, staff_id: str) -> Staff:
        """A staff member the events know, active or not (for renaming and (de)activating)."""
        staff = self.staff_record(staff_id)
        if staff is None:
            raise InvalidInput(f"unknown staff id {staff_id!r}")
        return staff

    def counselor(self, counselor_id: str, *, field: str = "counselor id") -> Counselor:
        """The counselor by the events, active or not.

        Raises:
            InvalidInput: never added.
            Refused: the stored row disagrees with the events.
        """
        counselor = self.counselor_record(counselor_id, field=field)
        if counselor is None:
            raise InvalidInput(f"unknown {field} {counselor_id!r}")
        return counselor

    def active_counselor(self, counselor_id: str, *, request_id: str) -> Counselor:
        """The request's counselor, still at the practice: nobody answers or releases for them."""
        counselor = self.counselor(counselor_id)
        if not counselor.active:
            raise Refused(
                f"counselor {counselor_id} is no longer active, so nothing more can be done for "
                f"them on request {request_id}; withdraw it, or reactivate the counselor first if "
                "they are still at the practice"
            )
        return counselor

    def request(self, request_id: str) -> Facts:
        """The request as its own events tell it; refused if the stored row says otherwise.

        Each of its events is judged by the rules as of its place in the log, as `verify
        --deep` does: a handful of events, so cheap enough for every write.
        """
        stored = require_request(self._view, request_id)
        facts: Facts | None = None
        for event in _sound(self._view.history(stored.id)):
            try:
                after = fold_request(facts, event, self.people)
                check_event(
                    seq=event.seq,
                    type=event.type,
                    at=event.at,
                    staff_id=event.staff_id,
                    payload=event.payload,
                    people=self.people,
                    facts=facts,
                    signed_in=self._signed_in,
                )
            except (ReplayError, RuleError):
                # An event appended behind Desk's back (a forged approval, say) is not built on.
                raise Refused(
                    f"event {event.seq} of request {stored.id} breaks the log's rules, so nothing "
                    f"is recorded; {_VERIFY}"
                ) from None
            facts = after
        if facts is None or facts.request != stored:
            raise Refused(f"request {stored.id} does not match its recorded history; {_VERIFY}")
        self.facts[stored.id] = facts
        return facts


_REQUEST_ID = re.compile(r"R-[0-9]{6,9}")


def require_request(view: StoreView, request_id: str) -> Request:
    """The stored request; an id that could not be one is refused without asking the store."""
    ok = isinstance(request_id, str) and _REQUEST_ID.fullmatch(request_id)
    req = view.get_request(request_id) if ok else None
    if req is None:
        raise InvalidInput(f"no request with id {str(request_id)[:40]!a}")
    return req
