"""Walking the hash chain in bulk: the tamper-evidence half of `verify`.

Hashing every event is the work that cannot be avoided; the rest is kept to loops that run in C.
SQLite hands over a batch of events as a few newline-joined columns (one `group_concat` each),
Python splits them, splices each canonical record with one `%`, hashes it, and compares the
stored hashes and links as whole strings. The next batch is read on a helper thread meanwhile:
SQLite releases the GIL while it works, so with a second core free, reading overlaps hashing.

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
from pathlib import Path
from typing import Any

from desk.core.requests.anchor import read_anchor_safely
from desk.core.requests.chain import GENESIS, record_bytes
from desk.core.requests.replay import EVENT_TYPES, REQUEST_EVENTS

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


# One joined column per field: group_concat keeps every byte of a value, where printf()'s %s
# would stop at a NUL character and hide what follows it. A NULL request id becomes '' (told
# apart from a stored '' by counting the ids that are not NULL); `seq` comes from the range.
_COLUMNS = (
    "hash",
    "prev_hash",
    "at",
    "payload",
    "ifnull(request_id, '')",
    "staff_id",
    "type",
    "workstation",
)
_BATCH_SQL = (
    "SELECT count(*), max(seq), count(request_id), "
    + ", ".join(f"CAST(group_concat({c}, char(10)) AS BLOB)" for c in _COLUMNS)
    + " FROM events WHERE seq BETWEEN ? AND ?"
)
# Fields are spliced in without JSON escaping, so `_confirm` first makes sure none needs any.
_RECORD = (
    b'{"at":"%s","payload":%s,"prev_hash":"%s","request_id":%s,"seq":%d,"staff_id":"%s",'
    b'"type":"%s","workstation":"%s"}'
)
_NEEDS_ESCAPE = bytes(c for c in range(32) if c != 10) + b'"\\'  # newline joins the values
_TYPES = {t.encode(): t in REQUEST_EVENTS for t in EVENT_TYPES}
"""Each event type, and whether it belongs to a request."""


def walk_chain(conn: sqlite3.Connection, state: ChainState, wanted: str | None) -> None:
    """Confirm sequence, links, hashes and known types of every event, oldest first.

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
    count, top, named, hashes, links, *fields = row
    if count != last - first + 1 or top != last:
        return False  # a gap, or a seq stored as something other than an integer
    ats, payloads, ids, staff, types, workstations = fields
    for joined in (ats, ids, staff, types, workstations):
        if len(joined.translate(None, _NEEDS_ESCAPE)) != len(joined):
            return False
    columns = [joined.split(b"\n") for joined in (ats, payloads, links, ids, staff, types)]
    columns.append(workstations.split(b"\n"))
    if any(len(column) != count for column in columns):
        return False  # a newline inside a value, or a NULL where text belongs
    at_list, payload_list, link_list, id_list, staff_list, type_list, ws_list = columns
    if id_list.count(b"") != count - named or not _TYPES.keys() >= set(type_list):
        return False
    if list(map(bool, id_list)) != list(map(_TYPES.__getitem__, type_list)):
        return False
    previous = state.last_hash.encode()
    if links != (previous + b"\n" + hashes[:-65] if count > 1 else previous):
        return False
    quoted = [b'"' + i + b'"' if i else b"null" for i in id_list]
    seqs = range(first, last + 1)
    parts = (at_list, payload_list, link_list, quoted, seqs, staff_list, type_list, ws_list)
    sha256 = hashlib.sha256
    records = map(_RECORD.__mod__, zip(*parts, strict=True))
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
        if type_ not in EVENT_TYPES:
            raise Problem(f"event {seq}: column type holds an unknown event type")
        if (request_id is not None) != (type_ in REQUEST_EVENTS):
            raise Problem(f"event {seq}: request id does not fit a {type_} event")
        if wanted is not None and digest.startswith(wanted):
            state.head_found = True
        prev_seq, prev_hash = seq, digest
        state.checked, state.last_hash = prev_seq, prev_hash


def guard_problem(conn: sqlite3.Connection) -> str | None:
    """What is wrong with the append-only guard (a trigger missing or changed), if anything."""
    from desk.core.requests.sqlite.schema import GUARD_TRIGGERS

    stored = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
    for name, sql in GUARD_TRIGGERS.items():
        if stored.get(name) != sql:
            return f"the append-only guard on events was removed or changed (trigger {name})"
    return None


TAIL_CHECK_LIMIT = 300
"""Events the check before a write hashes at most: more than most desks record in a day."""


def tail_problem(conn: sqlite3.Connection, *, start: int) -> str | None:
    """Each event from `start` on hashes to its stored hash and links to the one before.

    The quick check before a write: from the anchored event (normally the newest) to the end,
    but never more than `TAIL_CHECK_LIMIT` events.
    """
    last = conn.execute("SELECT max(seq) FROM events").fetchone()[0]
    if last is None:
        return None
    start = max(1, start, int(last) - TAIL_CHECK_LIMIT + 1)
    row = conn.execute("SELECT hash FROM events WHERE seq = ?", (start - 1,)).fetchone()
    link = GENESIS if start == 1 else (str(row[0]) if row else None)
    state = ChainState(checked=start - 1, last_hash=link or "")
    try:
        if link is None:
            raise Problem(f"event {start - 1} is missing")
        row = conn.execute(_BATCH_SQL, (start, int(last))).fetchone()
        if _confirm(row, state, None, first=start, last=int(last)):
            return None  # the bulk path confirmed every event at once
        _walk_exactly(conn, state, None, stop=int(last))
    except Problem as bad:
        return str(bad)
    except ValueError:
        return f"an event after event {state.checked} is not valid text"
    return None


_TEXT_COLUMNS = ("request_id", "at", "staff_id", "workstation", "type", "payload", "prev_hash")


def first_undecodable(conn: sqlite3.Connection) -> str:
    """Name the first event with a text column that is not UTF-8 (by seq and column only)."""
    columns = ", ".join(f"CAST({c} AS BLOB)" for c in (*_TEXT_COLUMNS, "hash"))
    for seq, *values in conn.execute(f"SELECT seq, {columns} FROM events ORDER BY seq"):
        for name, raw in zip((*_TEXT_COLUMNS, "hash"), values, strict=True):
            if isinstance(raw, bytes):
                try:
                    raw.decode("utf-8")
                except UnicodeDecodeError:
                    return f"event {seq}: column {name} is not valid UTF-8 text"
    return "a stored value outside the events is not valid UTF-8 text"


def write_problem(conn: sqlite3.Connection, *, anchor_path: Path, backups_dir: Path) -> str | None:
    """The cheap check before each write: the guard is in place and the recent chain holds.

    The anchor check has matched the anchored event's hash; this recomputes the hashes and
    links from the newest backup's last event (a day's events; at most `TAIL_CHECK_LIMIT`)
    or the anchored event, whichever is older, to the end. So an event edited or appended by
    hand since the last backup stops writing; older edits are for `verify`, and a decision
    also hash-checks the events it rests on (see `lookups`).
    """
    from desk.core.requests.sqlite.backups import newest_backup_head

    problem = guard_problem(conn)
    if problem:
        return problem
    recorded, _problem = read_anchor_safely(anchor_path)
    start = recorded.seq if recorded is not None else 1
    found = newest_backup_head(backups_dir)
    if found is not None:
        backup, head = found
        row = conn.execute("SELECT hash FROM events WHERE seq = ?", (head.seq,)).fetchone()
        if row is None:
            return f"{backup.name} holds events up to {head.seq}, which the log no longer has"
        if row[0] != head.hash:
            return f"event {head.seq} no longer matches {backup.name} (it was changed)"
        start = min(start, head.seq)
    else:
        start = 1  # no backup yet: the newest events, up to the limit
    return tail_problem(conn, start=start)
