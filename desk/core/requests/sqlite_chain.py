"""Walking the hash chain in bulk: the tamper-evidence half of `verify`.

Hashing every event is the work that cannot be avoided; the rest is kept to loops that run in C.
SQLite hands over a batch of events as a few newline-joined columns (one `group_concat` each),
Python splits them, splices each canonical record with one `%`, hashes it, and compares the
stored hashes and links as whole strings. The next batch is read on a helper thread meanwhile:
SQLite releases the GIL while it works, so on a second core reading costs no time.

The bulk path only ever confirms. A batch it cannot confirm exactly (a gap, a broken link, a field
that would need JSON escaping, a hash that differs) is walked again event by event with
`chain.record_bytes`, the authority on the canonical form, which names the first bad event; if
that walk finds nothing wrong (say, a workstation name holding a quote), the bulk walk resumes.
"""

from __future__ import annotations

import hashlib
import sqlite3
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from desk.core.requests.chain import GENESIS, record_bytes

BATCH = 20_000
"""Events per bulk read: large enough to amortise each query, small enough to keep memory low."""


class Problem(Exception):
    """The first problem found; its message is the verify report's `problem`."""


@dataclass
class ChainState:
    """How far the chain is confirmed: every event up to `checked` is sound."""

    checked: int = 0
    last_hash: str = GENESIS
    head_found: bool = False


# Everything after the payload, built by SQLite in one call per event. Fields are inserted
# without JSON escaping; `_confirm` proves by counting quotes that none needed any.
_TAIL = '%s,"seq":%d,"staff_id":"%s","type":"%s","workstation":"%s"}'
_TAIL_SQL = (
    f"printf('{_TAIL}', ifnull('\"' || request_id || '\"', 'null'), "
    "seq, staff_id, type, workstation)"
)
_TAIL_QUOTES = _TAIL.count('"')
_HEAD = b'{"at":"%s","payload":%s,"prev_hash":"%s","request_id":%s'
_COLUMNS = ("hash", "prev_hash", "at", "payload", _TAIL_SQL)
_BATCH_SQL = (
    "SELECT count(*), max(seq), count(request_id), "
    + ", ".join(f"CAST(group_concat({c}, char(10)) AS BLOB)" for c in _COLUMNS)
    + " FROM events WHERE seq BETWEEN ? AND ?"
)
_CONTROL = bytes(c for c in range(32) if c != 10)  # newline separates the joined values
_NEEDS_ESCAPE = _CONTROL + b'"\\'
_AS_QUOTE = bytes(34 if c in _CONTROL or c == 92 else c for c in range(256))


def walk_chain(conn: sqlite3.Connection, state: ChainState, wanted: str | None) -> None:
    """Confirm sequence, links and hashes of every event, oldest first.

    Args:
        conn: a connection inside the read transaction of the check.
        state: advanced as events are confirmed.
        wanted: a head hash prefix to look for, if one was given.

    Raises:
        Problem: naming the first bad event.
    """
    low, high = conn.execute("SELECT min(seq), max(seq) FROM events").fetchone()
    if high is None:
        return
    if low < 1:
        _walk_exactly(conn, state, wanted, stop=high)
        return
    start = 1
    while start <= high:
        unconfirmed = _walk_in_bulk(conn, state, wanted, start=start, stop=high)
        if unconfirmed is None:
            return
        stop = min(unconfirmed + BATCH - 1, high)
        _walk_exactly(conn, state, wanted, stop=stop)
        start = stop + 1


def _walk_in_bulk(
    conn: sqlite3.Connection, state: ChainState, wanted: str | None, *, start: int, stop: int
) -> int | None:
    """Confirm batches from `start`; returns the start of the first unconfirmed batch, if any."""
    starts = range(start, stop + 1, BATCH)

    def read(first: int) -> Any:
        return conn.execute(_BATCH_SQL, (first, first + BATCH - 1)).fetchall()[0]

    # The helper thread is the only user of `conn` until the pool has shut down.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="desk-verify") as pool:
        ahead: Future[Any] = pool.submit(read, starts[0])
        for i, first in enumerate(starts):
            row = ahead.result()
            if i + 1 < len(starts):
                ahead = pool.submit(read, starts[i + 1])
            if first != state.checked + 1:
                return first
            if not _confirm(row, state, wanted, first=first, last=min(first + BATCH - 1, stop)):
                return first
    return None


def _confirm(
    row: tuple[Any, ...], state: ChainState, wanted: str | None, *, first: int, last: int
) -> bool:
    """Check one batch exactly as `_walk_exactly` would, or return False to have it do so."""
    count, top, named, hashes, links, ats, payloads, tails = row
    if count != last - first + 1 or top != last:
        return False  # a gap, or a seq stored as something other than an integer
    if len(ats.translate(None, _NEEDS_ESCAPE)) != len(ats):
        return False
    # Each tail holds the template's quotes, two around each request id, and nothing else:
    # no field there has a quote, backslash or control character needing an escape.
    if tails.translate(_AS_QUOTE).count(b'"') != count * _TAIL_QUOTES + 2 * named:
        return False
    at_list, payload_list = ats.split(b"\n"), payloads.split(b"\n")
    link_list, tail_list = links.split(b"\n"), tails.split(b"\n")
    if not len(at_list) == len(payload_list) == len(link_list) == len(tail_list) == count:
        return False  # a newline inside a value
    previous = state.last_hash.encode()
    if links != (previous + b"\n" + hashes[:-65] if count > 1 else previous):
        return False
    sha256 = hashlib.sha256
    records = map(_HEAD.__mod__, zip(at_list, payload_list, link_list, tail_list, strict=True))
    if "\n".join([sha256(r).hexdigest() for r in records]).encode() != hashes:
        return False
    if wanted is not None and not state.head_found:
        state.head_found = _holds_head(hashes, wanted.encode())
    state.checked, state.last_hash = last, hashes[-64:].decode()
    return True


def _holds_head(hashes: bytes, wanted: bytes) -> bool:
    """Whether some hash in a newline-joined list of 64-digit hashes starts with `wanted`."""
    at = hashes.find(wanted)
    while at >= 0 and at % 65:
        at = hashes.find(wanted, at + 1)
    return at >= 0


def _walk_exactly(
    conn: sqlite3.Connection, state: ChainState, wanted: str | None, *, stop: int
) -> None:
    """Event by event from the last confirmed one up to `stop`, naming the first bad event."""
    prev_seq, prev_hash = state.checked, state.last_hash
    where = "seq > ? AND seq <= ?" if prev_seq else "seq <= ?"
    params = (prev_seq, stop) if prev_seq else (stop,)
    rows = conn.execute(
        "SELECT seq, request_id, at, staff_id, workstation, type, payload, prev_hash, hash "
        f"FROM events WHERE {where} ORDER BY seq",
        params,
    )
    for seq, request_id, at, staff_id, workstation, type_, payload, link, digest in rows:
        if seq != prev_seq + 1:
            if prev_seq == 0:
                raise Problem(
                    f"event {seq}: the log starts here; events 1 to {seq - 1} are missing"
                )
            raise Problem(
                f"event {prev_seq + 1} is missing: the log goes from event {prev_seq} to {seq}"
            )
        if link != prev_hash:
            raise Problem(
                f"event {seq}: its link to event {prev_seq} is broken (prev_hash differs)"
            )
        try:
            data = record_bytes(
                seq=seq,
                request_id=request_id,
                at=at,
                staff_id=staff_id,
                workstation=workstation,
                type=type_,
                payload_json=payload,
                prev_hash=link,
            )
        except (TypeError, UnicodeError):
            raise Problem(f"event {seq}: fields are not text") from None
        if hashlib.sha256(data).hexdigest() != digest:
            raise Problem(f"event {seq}: hash does not match its contents")
        if wanted is not None and digest.startswith(wanted):
            state.head_found = True
        prev_seq, prev_hash = seq, digest
        state.checked, state.last_hash = prev_seq, prev_hash
