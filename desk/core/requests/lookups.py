"""Checks that need stored state: does this staff member, counselor or request exist.

Run inside the store's write transaction, so what they find is what the write builds on.
"""

from __future__ import annotations

from desk.core.errors import InvalidInput, Refused
from desk.core.requests import validation as v
from desk.core.requests.models import Counselor, Request
from desk.core.requests.replay import ReplayError, replay_request
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


def require_recorded_request(view: StoreView, request_id: str) -> Request:
    """The request as its own events tell it; refused if the stored row says otherwise.

    The row is derived state an editor of the file can change without touching the chain; a
    decision (approve, decline, withdraw, release) rests on the events, which are a handful of
    rows per request.
    """
    stored = require_request(view, request_id)
    try:
        recorded = replay_request(stored.id, view.history(stored.id))
    except ReplayError:
        recorded = None
    if recorded != stored:
        raise Refused(
            f"request {stored.id} does not match its recorded history; run `desk requests verify`"
        )
    return stored


def require_counselor(
    view: StoreView, counselor_id: str, *, field: str = "counselor id"
) -> Counselor:
    v.check_id(counselor_id, field=field)
    counselor = view.get_counselor(counselor_id)
    if counselor is None:
        raise InvalidInput(f"unknown {field} {counselor_id!r}")
    return counselor


def require_active_counselor(view: StoreView, counselor_id: str, *, request_id: str) -> Counselor:
    """The request's counselor, still at the practice: nobody answers or releases for them."""
    counselor = require_counselor(view, counselor_id)
    if not counselor.active:
        raise Refused(
            f"counselor {counselor_id} is no longer active, so nothing more can be done for them "
            f"on request {request_id}; withdraw it, or reactivate the counselor first if they "
            "are still at the practice"
        )
    return counselor
