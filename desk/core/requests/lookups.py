"""Checks that need stored state: does this staff member, counselor or request exist."""

from __future__ import annotations

from desk.core.errors import InvalidInput, Refused
from desk.core.requests import validation as v
from desk.core.requests.models import Counselor, Request
from desk.core.requests.store import StoreView

ADMIN_ID = "admin"
"""Who manages people and exports from the command line when no staff id is given."""


def require_staff(view: StoreView, staff_id: str, *, admin_ok: bool = False) -> None:
    """The staff member exists and is active (or is `admin`, where that is allowed)."""
    v.check_id(staff_id, field="staff id")
    staff = view.get_staff(staff_id)
    if staff is None:
        if admin_ok and staff_id == ADMIN_ID:
            return
        raise InvalidInput(
            f"unknown staff id {staff_id!r}: add them first (desk staff add --id ID --name NAME)"
        )
    if not staff.active:
        raise Refused(f"staff {staff_id} is no longer active")


def require_request(view: StoreView, request_id: str) -> Request:
    req = view.get_request(request_id) if isinstance(request_id, str) else None
    if req is None:
        raise InvalidInput(f"no request with id {str(request_id)[:40]!r}")
    return req


def require_counselor(
    view: StoreView, counselor_id: str, *, field: str = "counselor id"
) -> Counselor:
    v.check_id(counselor_id, field=field)
    counselor = view.get_counselor(counselor_id)
    if counselor is None:
        raise InvalidInput(f"unknown {field} {counselor_id!r}")
    return counselor
