"""Row <-> shape conversions shared by the SQLite store and its verifier."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from desk.core.requests.chain import parse_time
from desk.core.requests.models import Counselor, Event, Request, Staff

REQUEST_COLUMNS = (
    "id, client, counselor_id, status, requested_at, updated_at, via, requested_by, "
    "decided_by, decided_how, released_at, release_method"
)
EVENT_COLUMNS = "seq, request_id, at, staff_id, workstation, type, payload, prev_hash, hash"


class BadRow(ValueError):
    """A stored row whose values are not of the types Desk writes (never quotes them)."""


def text(value: Any) -> str:
    """A stored text value; anything else (a number, a blob, NULL) is a row Desk cannot read."""
    if type(value) is not str:
        raise BadRow("a stored value is not text")
    return value


def optional_text(value: Any) -> str | None:
    return None if value is None else text(value)


def flag(value: Any) -> bool:
    if type(value) is not int:
        raise BadRow("a stored flag is not a number")
    return bool(value)


def request_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Request:
    released = optional_text(row[10])
    return Request(
        id=text(row[0]),
        client=text(row[1]),
        counselor_id=text(row[2]),
        status=text(row[3]),  # type: ignore[arg-type]
        requested_at=parse_time(text(row[4])),
        updated_at=parse_time(text(row[5])),
        via=text(row[6]),  # type: ignore[arg-type]
        requested_by=text(row[7]),
        decided_by=optional_text(row[8]),
        decided_how=optional_text(row[9]),  # type: ignore[arg-type]
        released_at=parse_time(released) if released else None,
        release_method=optional_text(row[11]),  # type: ignore[arg-type]
    )


def staff_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Staff:
    return Staff(id=text(row[0]), name=text(row[1]), active=flag(row[2]))


def counselor_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Counselor:
    return Counselor(
        id=text(row[0]),
        name=text(row[1]),
        email=text(row[2]),
        credentials=text(row[3]),
        active=flag(row[4]),
    )


def event_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Event:
    payload = json.loads(text(row[6]))
    if type(payload) is not dict or type(row[0]) is not int:
        raise BadRow("a stored event is not in the form Desk writes")
    return Event(
        seq=row[0],
        request_id=optional_text(row[1]),
        at=parse_time(text(row[2])),
        staff_id=text(row[3]),
        workstation=text(row[4]),
        type=text(row[5]),  # type: ignore[arg-type]
        payload=payload,
        prev_hash=text(row[7]),
        hash=text(row[8]),
    )
