"""The hash chain: one canonical byte form per event, so any later edit shows.

An event's hash is SHA-256 over the canonical JSON (sorted keys, no whitespace, UTF-8) of all its
fields except the hash itself, including the previous event's hash. The payload is stored as its
own canonical JSON text and spliced in verbatim, so verifying never re-encodes a payload: the bytes
hashed are exactly `canonical_json(whole_record)` as long as the stored payload is canonical, and a
stored payload that was re-spaced or re-ordered no longer matches its hash.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desk.core.requests.models import Event

GENESIS = "0" * 64
"""`prev_hash` of the first event."""


def canonical_json(value: Any) -> str:
    """JSON with sorted keys, no whitespace and characters left unescaped (hashed as UTF-8)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def format_time(moment: datetime) -> str:
    """Fixed-width UTC ISO text, so text order is time order in SQL.

    Raises:
        ValueError: for a naive datetime; clocks must return aware UTC times.
    """
    if moment.tzinfo is None:
        raise ValueError("clock returned a naive datetime; it must be timezone-aware")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text)


def record_bytes(
    *,
    seq: int,
    request_id: str | None,
    at: str,
    staff_id: str,
    workstation: str,
    type: str,
    payload_json: str,
    prev_hash: str,
) -> bytes:
    """The canonical serialization of one event, keys in sorted order."""
    text = (
        '{"at":'
        + encode_basestring(at)
        + ',"payload":'
        + payload_json
        + ',"prev_hash":'
        + encode_basestring(prev_hash)
        + ',"request_id":'
        + ("null" if request_id is None else encode_basestring(request_id))
        + ',"seq":'
        + str(seq)
        + ',"staff_id":'
        + encode_basestring(staff_id)
        + ',"type":'
        + encode_basestring(type)
        + ',"workstation":'
        + encode_basestring(workstation)
        + "}"
    )
    return text.encode("utf-8")


def event_hash(
    *,
    seq: int,
    request_id: str | None,
    at: str,
    staff_id: str,
    workstation: str,
    type: str,
    payload_json: str,
    prev_hash: str,
) -> str:
    """Hex SHA-256 of `record_bytes`."""
    return hashlib.sha256(
        record_bytes(
            seq=seq,
            request_id=request_id,
            at=at,
            staff_id=staff_id,
            workstation=workstation,
            type=type,
            payload_json=payload_json,
            prev_hash=prev_hash,
        )
    ).hexdigest()


def event_is_sound(event: Event) -> bool:
    """Whether an event read back still hashes to its stored hash.

    For the few events a decision rests on; `verify` checks the stored bytes of every event.
    A stored time or payload not in canonical form counts as unsound here.
    """
    try:
        digest = event_hash(
            seq=event.seq,
            request_id=event.request_id,
            at=format_time(event.at),
            staff_id=event.staff_id,
            workstation=event.workstation,
            type=event.type,
            payload_json=canonical_json(dict(event.payload)),
            prev_hash=event.prev_hash,
        )
    except (TypeError, ValueError):
        return False
    return digest == event.hash
