"""Row <-> shape conversions shared by the SQLite store and its verifier."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from desk.core.requests.chain import parse_time
from desk.core.requests.models import Event, Request

REQUEST_COLUMNS = (
    "id, client, counselor_id, status, requested_at, updated_at, via, requested_by, "
    "decided_by, decided_how, released_at, release_method"
)
EVENT_COLUMNS = "seq, request_id, at, staff_id, workstation, type, payload, prev_hash, hash"


def request_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Request:
    return Request(
        id=row[0],
        client=row[1],
        counselor_id=row[2],
        status=row[3],
        requested_at=parse_time(row[4]),
        updated_at=parse_time(row[5]),
        via=row[6],
        requested_by=row[7],
        decided_by=row[8],
        decided_how=row[9],
        released_at=parse_time(row[10]) if row[10] else None,
        release_method=row[11],
    )


def event_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Event:
    return Event(
        seq=row[0],
        request_id=row[1],
        at=parse_time(row[2]),
        staff_id=row[3],
        workstation=row[4],
        type=row[5],
        payload=json.loads(row[6]),
        prev_hash=row[7],
        hash=row[8],
    )
