"""Plain words for the request log on screen: statuses with marks, times, masked names, history.

Kept apart from the widgets so the table, the detail pane and the dialogs say things the same way.
Every status carries a mark and a word, so it never relies on colour alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from desk.core.requests.models import Event, Request, Status

STATUS_WORDS: dict[str, str] = {
    "pending": "Pending",
    "approved": "Approved",
    "declined": "Declined",
    "withdrawn": "Withdrawn",
    "released": "Released",
}
STATUS_MARKS: dict[str, str] = {
    "pending": "\u25cb",  # white circle: still open
    "approved": "\u2713",  # check mark
    "declined": "\u2717",  # ballot x
    "withdrawn": "\u2298",  # circled slash
    "released": "\u2709",  # envelope: the address went out
}
VIA_WORDS: dict[str, str] = {
    "phone": "by phone",
    "in-person": "in person",
    "voicemail": "by voicemail",
    "mail": "by mail",
    "other": "another way",
}
HOW_WORDS: dict[str, str] = {
    "in-person": "in person",
    "phone": "by phone",
    "email": "by email",
    "written": "in writing",
}
METHOD_WORDS: dict[str, str] = {
    "phone": "read out by phone",
    "in-person": "given in person",
    "printed": "printed",
    "email": "sent by email",
}
MASK = "\u2022\u2022\u2022"


def status_text(status: Status | str) -> str:
    """Mark and word, e.g. "✓ Approved"."""
    return f"{STATUS_MARKS.get(status, '?')} {STATUS_WORDS.get(status, status)}"


def mask_name(name: str, request_id: str = "") -> str:
    """Initials, each followed by the same number of dots so length is not given away, then
    the request's number: "J••• S••• #12". Two clients with the same initials never share a
    mask, and the mask reveals nothing the request list does not already show."""
    words = name.split()
    initials = " ".join(f"{word[0].upper()}{MASK}" for word in words[:3]) or "Client hidden"
    return f"{initials} #{request_number(request_id)}" if request_id else initials


def request_number(request_id: str) -> str:
    """The short form of a request id: "R-000012" -> "12" (other ids unchanged)."""
    prefix, _, digits = request_id.partition("-")
    return digits.lstrip("0") or "0" if prefix == "R" and digits.isdigit() else request_id


def local(moment: datetime) -> datetime:
    """The moment in this computer's time zone (stored times are UTC)."""
    return moment.astimezone()


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_when(moment: datetime, *, now: datetime) -> str:
    """Short local time that reads naturally at a desk: "Today 15:30", "Mon 2 Nov 09:12".

    Built by hand rather than with strftime: the table formats a page of these per read.
    """
    here = local(moment)
    today = local(now).date()
    day = here.date()
    clock_part = f"{here.hour:02d}:{here.minute:02d}"
    if day == today:
        return f"Today {clock_part}"
    if day == today - timedelta(days=1):
        return f"Yesterday {clock_part}"
    if here.year == today.year:
        return f"{_DAYS[here.weekday()]} {here.day} {_MONTHS[here.month - 1]} {clock_part}"
    return f"{here.day} {_MONTHS[here.month - 1]} {here.year} {clock_part}"


def format_full(moment: datetime) -> str:
    """Unambiguous local time for the history: "Mon 2 Nov 2026, 15:30"."""
    here = local(moment)
    return (
        f"{_DAYS[here.weekday()]} {here.day} {_MONTHS[here.month - 1]} {here.year}, "
        f"{here.hour:02d}:{here.minute:02d}"
    )


@dataclass(frozen=True, kw_only=True)
class HistoryLine:
    """One event of a request, said in plain words."""

    when: str
    what: str
    where: str


def describe_event(
    event: Event,
    *,
    staff_name: Callable[[str], str],
    counselor_name: Callable[[str], str],
    client: str,
    show_notes: bool = True,
) -> HistoryLine:
    """Who did what, when and how, for the detail pane.

    Args:
        event: one event of the request.
        staff_name: staff id to name.
        counselor_name: counselor id to display name.
        client: the client's name as it may be shown now (masked in privacy mode).
        show_notes: False in privacy mode: free text may name people, so it is held back.
    """
    p = event.payload
    who = staff_name(event.staff_id)
    note = str(p.get("note") or p.get("reason") or "").strip()
    if event.type == "request_created":
        via = VIA_WORDS.get(str(p.get("via", "")), "")
        counselor = counselor_name(str(p.get("counselor_id", "")))
        what = f"{who} took the request {via} from {client} for the email address of {counselor}."
    elif event.type == "approved":
        how = HOW_WORDS.get(str(p.get("how", "")), "")
        what = f"{counselor_name(str(p.get('by', '')))} approved it ({how}); recorded by {who}."
    elif event.type == "declined":
        what = f"{counselor_name(str(p.get('by', '')))} declined it; recorded by {who}."
    elif event.type == "withdrawn":
        what = f"{who} withdrew the request."
    elif event.type == "released":
        method = METHOD_WORDS.get(str(p.get("method", "")), str(p.get("method", "")))
        checked = "after confirming the caller's identity" if p.get("identity_verified") else ""
        what = f"{who} released the address ({method}) {checked}.".replace(" .", ".")
    elif event.type == "note_added":
        note = str(p.get("text", "")).strip()
        what = f"{who} added a note."
    else:
        what = f"{who}: {event.type.replace('_', ' ')}."
    if note and show_notes:
        what = f"{what} \u201c{note}\u201d"
    elif note:
        what = f"{what} (Text hidden while names are masked.)"
    return HistoryLine(
        when=format_full(event.at),
        what=what,
        where=f"at {event.workstation}" if event.workstation else "",
    )


def request_summary(request: Request, *, counselor: str, client: str) -> str:
    """One line naming the request, for dialog headings."""
    return f"{request.id} \u00b7 {client} \u2192 {counselor}"


@dataclass(frozen=True, kw_only=True)
class NameBook:
    """Staff and counselor names by id, read once per refresh rather than per row."""

    staff: dict[str, str]
    counselors: dict[str, str]

    def staff_name(self, staff_id: str) -> str:
        return self.staff.get(staff_id, staff_id)

    def counselor_name(self, counselor_id: str) -> str:
        return self.counselors.get(counselor_id, counselor_id)
