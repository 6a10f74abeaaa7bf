"""Who works the desk and whose addresses the log guards: adding, renaming, (de)activating.

Part of `RequestLog` (a base class, so the workflow module keeps to the requests). Every change
is an event; who may make it, and whether the person exists, is decided from the events
(`lookups.Recorded`), never from the staff and counselor rows alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from desk.core.errors import InvalidInput, Refused
from desk.core.requests import validation as v
from desk.core.requests.lookups import ADMIN_ID, Recorded
from desk.core.requests.models import Counselor, EventType, Staff
from desk.core.requests.store import Draft, Store


class PeopleMixin:
    """Staff and counselors, for `RequestLog`."""

    _store: Store

    def _draft(
        self,
        type: EventType,
        *,
        staff_id: str,
        payload: Mapping[str, Any],
        request_id: str | None = None,
    ) -> Draft:
        raise NotImplementedError

    def _record(self, decide: Callable[[Recorded], Draft]) -> None:
        raise NotImplementedError

    # -- staff ----------------------------------------------------------------------------

    def add_staff(self, *, staff_id: str, name: str) -> Staff:
        v.check_id(staff_id, field="staff id")
        clean = v.check_name(name, field="staff name")

        def decide(rec: Recorded) -> Draft:
            if rec.staff_record(staff_id) is not None:
                raise InvalidInput(f"staff id {staff_id!r} already exists")
            return self._draft(
                "staff_added", staff_id=staff_id, payload={"id": staff_id, "name": clean}
            )

        self._record(decide)
        return self.get_staff(staff_id)

    def update_staff(
        self,
        staff_id: str,
        *,
        by: str = ADMIN_ID,
        name: str | None = None,
        active: bool | None = None,
    ) -> Staff:
        """Rename a staff member or (de)activate them; a deactivated one can no longer act.

        Args:
            by: who records the change (`admin`, or an active staff member).
        """
        changes: dict[str, Any] = {}
        if name is not None:
            changes["name"] = v.check_name(name, field="staff name")
        if active is not None:
            changes["active"] = bool(active)
        if not changes:
            raise InvalidInput(f"nothing to change for staff {staff_id!r}")

        def decide(rec: Recorded) -> Draft:
            rec.staff(by, admin_ok=True)
            current = rec.known_staff(staff_id)
            if all(getattr(current, k) == value for k, value in changes.items()):
                raise InvalidInput(f"staff {staff_id} already has that name and status")
            if changes.get("active") is False and by == staff_id:
                raise Refused(f"staff {staff_id} cannot deactivate themselves; ask another")
            return self._draft("staff_updated", staff_id=by, payload={"id": staff_id, **changes})

        self._record(decide)
        return self.get_staff(staff_id)

    def list_staff(self) -> list[Staff]:
        return self._store.list_staff()

    def get_staff(self, staff_id: str) -> Staff:
        staff = self._store.get_staff(staff_id)
        if staff is None:
            raise InvalidInput(f"unknown staff id {str(staff_id)[:40]!a}")
        return staff

    # -- counselors -----------------------------------------------------------------------

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

        def decide(rec: Recorded) -> Draft:
            rec.staff(staff_id, admin_ok=True)
            if rec.counselor_record(counselor_id) is not None:
                raise InvalidInput(f"counselor id {counselor_id!r} already exists")
            return self._draft("counselor_added", staff_id=staff_id, payload=payload)

        self._record(decide)
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

        def decide(rec: Recorded) -> Draft:
            rec.staff(staff_id, admin_ok=True)
            rec.counselor(counselor_id)
            return self._draft(
                "counselor_updated", staff_id=staff_id, payload={"id": counselor_id, **changes}
            )

        self._record(decide)
        return self.get_counselor(counselor_id)

    def list_counselors(self, *, include_inactive: bool = True) -> list[Counselor]:
        return self._store.list_counselors(include_inactive=include_inactive)

    def get_counselor(self, counselor_id: str) -> Counselor:
        counselor = self._store.get_counselor(counselor_id)
        if counselor is None:
            raise InvalidInput(f"unknown counselor id {str(counselor_id)[:40]!a}")
        return counselor
