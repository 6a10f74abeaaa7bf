"""The rules of the request log: who may do what to a request, and when.

Every write is one event. Checks that depend on stored state run inside the store's write
transaction (the `build` functions below), so the rule holds even with two workstations writing.
A refusal raises before anything is appended: nothing is written.
"""

from __future__ import annotations

import socket
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desk.core.errors import InvalidInput, Refused
from desk.core.requests import validation as v
from desk.core.requests.lookups import (
    ADMIN_ID,
    require_active_counselor,
    require_counselor,
    require_recorded_request,
    require_request,
    require_staff,
)
from desk.core.requests.models import (
    APPROVAL_HOWS,
    RELEASE_METHODS,
    SIGNED,
    VIAS,
    Clock,
    Counselor,
    Event,
    EventType,
    Head,
    Request,
    RequestFilter,
    Staff,
    VerifyReport,
)
from desk.core.requests.store import Draft, Store, StoreView

__all__ = ["ADMIN_ID", "RequestLog", "default_workstation", "utc_now"]


def utc_now() -> datetime:
    return datetime.now(UTC)


def default_workstation() -> str:
    name = socket.gethostname().strip()
    return name[: v.NAME_MAX] if name else "unknown"


class RequestLog:
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

    # -- people -------------------------------------------------------------------------

    def add_staff(self, *, staff_id: str, name: str) -> Staff:
        v.check_id(staff_id, field="staff id")
        clean = v.check_name(name, field="staff name")

        def build(view: StoreView) -> Draft:
            if view.get_staff(staff_id) is not None:
                raise InvalidInput(f"staff id {staff_id!r} already exists")
            return self._draft(
                "staff_added", staff_id=staff_id, payload={"id": staff_id, "name": clean}
            )

        self._store.append(build)
        return self.get_staff(staff_id)

    def list_staff(self) -> list[Staff]:
        return self._store.list_staff()

    def get_staff(self, staff_id: str) -> Staff:
        staff = self._store.get_staff(staff_id)
        if staff is None:
            raise InvalidInput(f"unknown staff id {str(staff_id)[:40]!r}")
        return staff

    def add_counselor(
        self,
        *,
        counselor_id: str,
        name: str,
        email: str,
        credentials: str = "",
        staff_id: str = ADMIN_ID,
    ) -> Counselor:
        v.check_id(counselor_id, field="counselor id")
        payload = {
            "id": counselor_id,
            "name": v.check_name(name, field="counselor name"),
            "email": v.check_email(email),
            "credentials": v.check_credentials(credentials),
            "active": True,
        }

        def build(view: StoreView) -> Draft:
            require_staff(view, staff_id, admin_ok=True)
            if view.get_counselor(counselor_id) is not None:
                raise InvalidInput(f"counselor id {counselor_id!r} already exists")
            return self._draft("counselor_added", staff_id=staff_id, payload=payload)

        self._store.append(build)
        return self.get_counselor(counselor_id)

    def update_counselor(
        self,
        counselor_id: str,
        *,
        staff_id: str,
        name: str | None = None,
        email: str | None = None,
        credentials: str | None = None,
        active: bool | None = None,
    ) -> Counselor:
        changes: dict[str, Any] = {}
        if name is not None:
            changes["name"] = v.check_name(name, field="counselor name")
        if email is not None:
            changes["email"] = v.check_email(email)
        if credentials is not None:
            changes["credentials"] = v.check_credentials(credentials)
        if active is not None:
            changes["active"] = bool(active)
        if not changes:
            raise InvalidInput(f"nothing to change for counselor {counselor_id!r}")

        def build(view: StoreView) -> Draft:
            require_staff(view, staff_id, admin_ok=True)
            require_counselor(view, counselor_id)
            return self._draft(
                "counselor_updated", staff_id=staff_id, payload={"id": counselor_id, **changes}
            )

        self._store.append(build)
        return self.get_counselor(counselor_id)

    def list_counselors(self, *, include_inactive: bool = True) -> list[Counselor]:
        return self._store.list_counselors(include_inactive=include_inactive)

    def get_counselor(self, counselor_id: str) -> Counselor:
        counselor = self._store.get_counselor(counselor_id)
        if counselor is None:
            raise InvalidInput(f"unknown counselor id {str(counselor_id)[:40]!r}")
        return counselor

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

        def build(view: StoreView) -> Draft:
            nonlocal new_id
            require_staff(view, staff_id)
            counselor = require_counselor(view, counselor_id)
            if not counselor.active:
                raise Refused(
                    f"counselor {counselor_id} is not active and cannot receive new requests"
                )
            new_id = view.next_request_id()
            return self._draft(
                "request_created", staff_id=staff_id, payload=payload, request_id=new_id
            )

        self._store.append(build)
        return self.get(new_id)

    def _decide(
        self, request_id: str, *, verb: str, by: str, staff_id: str, payload: dict[str, Any]
    ) -> Request:
        def build(view: StoreView) -> Draft:
            req = require_recorded_request(view, request_id)
            if not self._signed_in_as(by, staff_id):
                require_staff(view, staff_id)
            require_counselor(view, by, field="counselor id (--by)")
            if by != req.counselor_id:
                raise Refused(
                    f"request {req.id} is for counselor {req.counselor_id}: only "
                    f"{req.counselor_id} can {verb} it, not {by}"
                )
            if req.status != "pending":
                raise Refused(
                    f"request {req.id} is {req.status}; only a pending request can be "
                    f"{'approved' if verb == 'approve' else 'declined'}"
                )
            require_active_counselor(view, by, request_id=req.id)
            event: EventType = "approved" if verb == "approve" else "declined"
            return self._draft(
                event, staff_id=staff_id, request_id=req.id, payload={"by": by, **payload}
            )

        self._store.append(build)
        return self.get(request_id)

    def approve(
        self, request_id: str, *, by: str, staff_id: str, how: str, note: str = ""
    ) -> Request:
        """Record the named counselor's permission, and how they gave it."""
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

        def build(view: StoreView) -> Draft:
            req = require_recorded_request(view, request_id)
            require_staff(view, staff_id)
            if req.status not in ("pending", "approved"):
                raise Refused(
                    f"request {req.id} is {req.status}; only a pending or approved request can "
                    "be withdrawn"
                )
            return self._draft("withdrawn", staff_id=staff_id, request_id=req.id, payload=payload)

        self._store.append(build)
        return self.get(request_id)

    def release(
        self, request_id: str, *, staff_id: str, method: str, identity_verified: bool
    ) -> str:
        """Record that the address was given to the caller, and return it.

        Returns:
            The counselor's email address.
        """
        v.check_choice(method, field="method", choices=RELEASE_METHODS)
        email = ""

        def build(view: StoreView) -> Draft:
            nonlocal email
            req = require_recorded_request(view, request_id)
            require_staff(view, staff_id)
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
            email = require_active_counselor(view, req.counselor_id, request_id=req.id).email
            return self._draft(
                "released",
                staff_id=staff_id,
                request_id=req.id,
                payload={"method": method, "identity_verified": True, "email": email},
            )

        self._store.append(build)
        return email

    def add_note(self, request_id: str, *, staff_id: str, text: str) -> None:
        payload = {"text": v.check_text(text, field="note", required=True)}

        def build(view: StoreView) -> Draft:
            req = require_request(view, request_id)
            require_staff(view, staff_id)
            return self._draft("note_added", staff_id=staff_id, request_id=req.id, payload=payload)

        self._store.append(build)

    def record_export(self, *, staff_id: str, fmt: str, description: str, rows: int) -> None:
        """An export is itself an event, so the log shows what left the desk and when."""
        if not isinstance(rows, int) or rows < 0:
            raise InvalidInput(f"export row count {rows!r} is not a whole number of rows")
        payload = {
            "format": v.check_id(fmt, field="export format"),
            "description": v.check_text(description, field="export description", limit=500),
            "rows": rows,
        }

        def build(view: StoreView) -> Draft:
            require_staff(view, staff_id, admin_ok=True)
            return self._draft("exported", staff_id=staff_id, payload=payload)

        self._store.append(build)

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
