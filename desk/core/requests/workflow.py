"""The rules of the request log: who may do what to a request, and when.

Every write is one event. Checks that depend on stored state run inside the store's write
transaction (the `decide` functions below, through `_record`), so the rule holds even with two
workstations writing. They decide from the events (`lookups.Recorded`), and the drafted event is
judged by `rules.check_event` as verify will judge it. A refusal raises before anything is
appended: nothing is written.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desk.core.errors import InvalidInput, Refused
from desk.core.requests import validation as v
from desk.core.requests.lookups import ADMIN_ID, Recorded, require_request
from desk.core.requests.models import (
    APPROVAL_HOWS,
    RELEASE_METHODS,
    SIGNED,
    VIAS,
    Clock,
    Event,
    EventType,
    Head,
    Request,
    RequestFilter,
    VerifyReport,
)
from desk.core.requests.people import PeopleMixin
from desk.core.requests.rules import RuleError, check_event
from desk.core.requests.store import Draft, Store, StoreView

__all__ = ["ADMIN_ID", "RequestLog", "default_workstation", "utc_now"]


def utc_now() -> datetime:
    return datetime.now(UTC)


def default_workstation() -> str:
    name = socket.gethostname().strip()
    return name[: v.NAME_MAX] if name else "unknown"


class RequestLog(PeopleMixin):
    """Records email-address requests and their outcome, enforcing the approval rule.

    Args:
        store: where events are kept.
        clock: current UTC time.
        workstation: this computer's name, recorded on every event.
    """

    def __init__(
        self, store: Store, *, clock: Clock | None = None, workstation: str | None = None
    ) -> None:
        self._store = store
        self._clock = clock or utc_now
        self.workstation = v.check_name(
            workstation if workstation is not None else default_workstation(),
            field="workstation name",
        )

    @property
    def store(self) -> Store:
        return self._store

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> RequestLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- helpers ------------------------------------------------------------------------

    def _draft(
        self,
        type: EventType,
        *,
        staff_id: str,
        payload: Mapping[str, Any],
        request_id: str | None = None,
    ) -> Draft:
        return Draft(
            type=type,
            request_id=request_id,
            at=self._clock(),
            staff_id=staff_id,
            workstation=self.workstation,
            payload=payload,
        )

    def _record(self, decide: Callable[[Recorded], Draft]) -> None:
        """Append what `decide` drafts from the recorded events, judged by the rules first.

        `decide` gives the friendly refusals; `rules.check_event` then judges the draft
        exactly as `verify --deep` will judge the stored event, so nothing is appended that
        verify would call a bad event.
        """

        def build(view: StoreView) -> Draft:
            rec = Recorded(view, signed_in=self._store.actor is not None)
            draft = decide(rec)
            try:
                check_event(
                    seq=None,
                    type=draft.type,
                    at=draft.at,
                    staff_id=draft.staff_id,
                    payload=draft.payload,
                    people=rec.people,
                    facts=rec.facts.get(draft.request_id or ""),
                    signed_in=self._store.actor is not None,
                )
            except RuleError as err:
                raise Refused(
                    f"{err}: nothing was recorded (if this computer's clock is wrong, set it; "
                    "otherwise run `desk requests verify`)"
                ) from None
            return draft

        self._store.append(build)

    # -- the workflow -------------------------------------------------------------------

    def add_request(
        self, *, client: str, counselor_id: str, staff_id: str, via: str = "phone", note: str = ""
    ) -> Request:
        payload = {
            "client": v.check_client(client),
            "counselor_id": v.check_id(counselor_id, field="counselor id"),
            "via": v.check_choice(via, field="via", choices=VIAS),
            "note": v.check_text(note, field="note"),
        }
        new_id = ""

        def decide(rec: Recorded) -> Draft:
            nonlocal new_id
            rec.staff(staff_id)
            counselor = rec.counselor(counselor_id)
            if not counselor.active:
                raise Refused(
                    f"counselor {counselor_id} is not active and cannot receive new requests"
                )
            new_id = self._store.next_request_id()
            return self._draft(
                "request_created", staff_id=staff_id, payload=payload, request_id=new_id
            )

        self._record(decide)
        return self.get(new_id)

    def _decide(
        self, request_id: str, *, verb: str, by: str, staff_id: str, payload: dict[str, Any]
    ) -> Request:
        def decide(rec: Recorded) -> Draft:
            facts = rec.request(request_id)
            req = facts.request
            if not self._signed_in_as(by, staff_id):
                rec.staff(staff_id)
            counselor = rec.counselor(by, field="counselor id (--by)")
            if by != req.counselor_id:
                raise Refused(
                    f"request {req.id} is for counselor {req.counselor_id}: only "
                    f"{req.counselor_id} can {verb} it, not {by}"
                )
            again = (
                verb == "approve"
                and req.status == "approved"
                and facts.approved_email != counselor.email
            )
            if req.status != "pending" and not again:
                raise Refused(
                    f"request {req.id} is {req.status}; only a pending request can be "
                    f"{'approved' if verb == 'approve' else 'declined'}"
                )
            rec.active_counselor(by, request_id=req.id)
            event: EventType = "approved" if verb == "approve" else "declined"
            extra = {"email": counselor.email} if verb == "approve" else {}
            return self._draft(
                event,
                staff_id=staff_id,
                request_id=req.id,
                payload={"by": by, **payload, **extra},
            )

        self._record(decide)
        return self.get(request_id)

    def approve(
        self, request_id: str, *, by: str, staff_id: str, how: str, note: str = ""
    ) -> Request:
        """Record the named counselor's permission, how they gave it, and the address it covers.

        An approved request can be approved again only after the counselor's address changed
        (a release is refused until then).
        """
        payload = {
            "how": v.check_choice(how, field="how", choices=APPROVAL_HOWS),
            "note": v.check_text(note, field="note"),
        }
        if how == SIGNED and not self._signed_in_as(by, staff_id):
            actor = self._store.actor
            if actor is None:
                raise Refused(
                    f"a signed approval needs the shared log, where {by} signs in as themselves; "
                    "record how they answered instead (--how phone|in-person|email|written)"
                )
            raise Refused(
                f"only {by}, signed in as themselves, can record a signed approval, not {actor}"
            )
        return self._decide(request_id, verb="approve", by=by, staff_id=staff_id, payload=payload)

    def _signed_in_as(self, person: str, staff_id: str) -> bool:
        """The server knows `person` is the one signed in, and the step is in their name."""
        actor = self._store.actor
        return actor is not None and actor == person == staff_id

    def decline(self, request_id: str, *, by: str, staff_id: str, reason: str = "") -> Request:
        payload = {"reason": v.check_text(reason, field="reason")}
        return self._decide(request_id, verb="decline", by=by, staff_id=staff_id, payload=payload)

    def withdraw(self, request_id: str, *, staff_id: str, reason: str = "") -> Request:
        payload = {"reason": v.check_text(reason, field="reason")}

        def decide(rec: Recorded) -> Draft:
            req = rec.request(request_id).request
            rec.staff(staff_id)
            if req.status not in ("pending", "approved"):
                raise Refused(
                    f"request {req.id} is {req.status}; only a pending or approved request can "
                    "be withdrawn"
                )
            return self._draft("withdrawn", staff_id=staff_id, request_id=req.id, payload=payload)

        self._record(decide)
        return self.get(request_id)

    def release(
        self, request_id: str, *, staff_id: str, method: str, identity_verified: bool
    ) -> str:
        """Record that the address was given to the caller, and return it.

        Returns:
            The address the counselor approved giving out (recorded on the approval), which
            must still be their address by the events.
        """
        v.check_choice(method, field="method", choices=RELEASE_METHODS)
        email = ""

        def decide(rec: Recorded) -> Draft:
            nonlocal email
            facts = rec.request(request_id)
            req = facts.request
            rec.staff(staff_id)
            if req.status != "approved":
                raise Refused(
                    f"request {req.id} is {req.status}; only a request its counselor approved "
                    "can be released"
                )
            if identity_verified is not True:
                raise Refused(
                    f"confirm the caller's identity before releasing request {req.id} "
                    "(--identity-verified)"
                )
            counselor = rec.active_counselor(req.counselor_id, request_id=req.id)
            if facts.approved_email is None or counselor.email != facts.approved_email:
                raise Refused(
                    f"counselor {counselor.id}'s address changed after they approved request "
                    f"{req.id}, so the address they approved is not the one on record: ask "
                    f"them to approve again (desk requests approve {req.id} --by {counselor.id})"
                )
            email = facts.approved_email
            return self._draft(
                "released",
                staff_id=staff_id,
                request_id=req.id,
                payload={"method": method, "identity_verified": True, "email": email},
            )

        self._record(decide)
        return email

    def add_note(self, request_id: str, *, staff_id: str, text: str) -> None:
        payload = {"text": v.check_text(text, field="note", required=True)}

        def decide(rec: Recorded) -> Draft:
            req = rec.request(request_id).request
            rec.staff(staff_id)
            return self._draft("note_added", staff_id=staff_id, request_id=req.id, payload=payload)

        self._record(decide)

    def record_export(self, *, staff_id: str, fmt: str, description: str, rows: int) -> None:
        """An export is itself an event, so the log shows what left the desk and when."""
        if not isinstance(rows, int) or rows < 0:
            raise InvalidInput(f"export row count {rows!r} is not a whole number of rows")
        payload = {
            "format": v.check_id(fmt, field="export format"),
            "description": v.check_text(description, field="export description", limit=500),
            "rows": rows,
        }

        def decide(rec: Recorded) -> Draft:
            rec.staff(staff_id, admin_ok=True)
            return self._draft("exported", staff_id=staff_id, payload=payload)

        self._record(decide)

    # -- reading ------------------------------------------------------------------------

    def get(self, request_id: str) -> Request:
        return require_request(self._store, request_id)

    def history(self, request_id: str) -> list[Event]:
        """Events of one request, oldest first."""
        req = self.get(request_id)
        return self._store.history(req.id)

    def count(self, flt: RequestFilter) -> int:
        return self._store.count(flt)

    def page(self, flt: RequestFilter, *, offset: int, limit: int) -> list[Request]:
        """Requests matching `flt`, newest `requested_at` first."""
        if offset < 0 or limit < 0:
            raise InvalidInput(f"page offset and limit must not be negative ({offset}, {limit})")
        return self._store.page(flt, offset=offset, limit=limit)

    def pending_count(self) -> int:
        """Requests waiting for an answer; for a counselor signed in to the shared log, theirs."""
        actor = self._store.actor
        if actor is not None and self._store.get_counselor(actor) is not None:
            return self._store.count(RequestFilter(status="pending", counselor_id=actor))
        return self._store.pending_count()

    def verify(self, *, head: str | None = None, deep: bool = False) -> VerifyReport:
        """Check the log is the one that was written: the tamper evidence, and more if `deep`.

        The default walks the whole chain (every hash, every link, no gaps in the sequence),
        compares its newest event with the anchor file and checks the append-only guard is in
        place. It reads only the events, in bulk, so it stays quick on millions of events.

        Args:
            head: a head hash recorded earlier (e.g. on an export); checks it is still in the
                chain.
            deep: also rebuild people and requests from the events and compare them with the
                stored state, check every event's type and fields, and check the search index
                and the record of time order. Much slower; for audits and tests.
        """
        return self._store.verify(head=head, deep=deep)

    def head(self) -> Head | None:
        return self._store.head()

    def backup_if_due(self) -> Path | None:
        """Take today's backup if there is none yet (the window calls this on a timer)."""
        return self._store.backup_if_due()

    def decline_script(self, request_id: str) -> str:
        """What staff tell the caller after a decline: the address stays private, other ways in."""
        req = self.get(request_id)
        if req.status != "declined":
            raise Refused(f"request {req.id} is {req.status}, not declined")
        counselor = self._store.get_counselor(req.counselor_id)
        who = counselor.name if counselor else "your counselor"
        return (
            f"I'm sorry, {who} isn't able to share their email address. You're welcome to leave a "
            "message for them here at the office, and they'll return your call as soon as they "
            "can, or you can bring it up at your next session. Please remember this office line "
            "is not a crisis line: if you're in danger or thinking about harming yourself, call "
            "or text 988, or call 911."
        )
