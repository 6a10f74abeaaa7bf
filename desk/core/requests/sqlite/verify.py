"""`verify`: the chain and anchor by default; with `deep`, the derived state replayed as well.

The default check is the tamper evidence the log promises: every event's hash, each link to the
event before, sequence numbers without gaps, the anchor, an earlier head if one is given (the
whole hash), the append-only guard, and the backups as witnesses (a backup holding events the log
no longer has, or another hash at the same seq, fails it). It reads the events table in bulk (see
`chain`). The deep check adds what a careful audit wants (see `audit`): every event judged by the
rules as of its place in the log, the people and requests tables rebuilt from the events and
compared, the record of time order, and the client search index.

A separate connection reads one snapshot (WAL lets writers carry on meanwhile) without holding
the store's lock. The anchor file is read before the snapshot starts, so a write that lands
during the check can only make the anchor look behind the log, never ahead of it.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from desk.core.errors import InvalidInput
from desk.core.requests.anchor import check_anchor, read_anchor_safely
from desk.core.requests.models import Head, VerifyReport
from desk.core.requests.sqlite.audit import deep_problem
from desk.core.requests.sqlite.backups import backups_problem
from desk.core.requests.sqlite.chain import (
    ChainState,
    Problem,
    first_undecodable,
    guard_problem,
    walk_chain,
)
from desk.core.requests.sqlite.client_index import ClientIndex
from desk.core.requests.sqlite.opening import UndecodableText, connect
from desk.core.requests.sqlite.time_order import time_order_problem

_HEAD = re.compile(r"(?:([0-9]{1,18})[:/ ])?([0-9a-f]{64})")


def _check_head_arg(head: str | None) -> tuple[int | None, str] | None:
    """(seq, hash) from `HASH` or `SEQ:HASH`: always the whole hash, since a prefix of a few
    digits can be matched by a forged event."""
    if head is None:
        return None
    found = _HEAD.fullmatch(head.strip().lower())
    if found is None:
        raise InvalidInput(
            f"head {head[:70]!a} is not a whole head hash: give all 64 hex digits printed "
            "on the export or printout (copy it rather than typing it), optionally after its "
            "event number as SEQ:HASH"
        )
    return (int(found[1]) if found[1] else None), found[2]


def verify_database(
    *,
    db_path: Path,
    anchor_path: Path,
    head: str | None,
    deep: bool = False,
    read_only: bool = False,
    backups_dir: Path | None = None,
) -> VerifyReport:
    """Check the chain and anchor, and with `deep` the rules and derived state.

    Args:
        read_only: the folder cannot be written; the search index check, which needs the
            write lock, is left out.
        backups_dir: the backups, each a witness of the events it holds (None: none checked).
    """
    given = _check_head_arg(head)
    at_seq, wanted = given if given is not None else (None, None)
    recorded, unreadable = read_anchor_safely(anchor_path)
    conn = connect(db_path, read_only=read_only, timeout=10)
    chain = ChainState()

    def report(problem: str | None = None) -> VerifyReport:
        last = chain.checked
        found = Head(seq=last, hash=chain.last_hash) if last else None
        return VerifyReport(ok=problem is None, events_checked=last, head=found, problem=problem)

    try:
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("BEGIN")
        try:
            walk_chain(conn, chain, wanted)
            last = Head(seq=chain.checked, hash=chain.last_hash) if chain.checked else None
            found = check_anchor(
                path=anchor_path,
                recorded=recorded,
                unreadable=unreadable,
                last=last,
                hash_at=lambda seq: _hash_at(conn, seq),
            )
            if found.problem:
                raise Problem(found.problem)
            if wanted is not None and not chain.head_found:
                raise Problem(
                    f"head {wanted} is not in the log: events recorded before it was taken "
                    "have been changed or removed"
                )
            if at_seq is not None and _hash_at(conn, at_seq) != wanted:
                raise Problem(
                    f"event {at_seq}: its hash is not the head given for it (the event was "
                    "replaced or the log renumbered)"
                )
            _check_guard(conn)
            if backups_dir is not None:
                witness = backups_problem(backups_dir, log_hash_at=lambda seq: _hash_at(conn, seq))
                if witness:
                    raise Problem(witness)
            if deep:
                deep_problem(conn)
                problem = time_order_problem(conn)
                if problem:
                    raise Problem(problem)
        except Problem as bad:
            return report(str(bad))
        except UndecodableText:
            return report(first_undecodable(conn))
        finally:
            conn.execute("ROLLBACK")
        if deep and not read_only:
            # FTS5 spells its check as an INSERT, which needs the write lock: a separate,
            # short transaction that writes nothing.
            conn.execute("BEGIN IMMEDIATE")
            try:
                index_problem = ClientIndex(conn).problem(conn)
            finally:
                conn.execute("ROLLBACK")
            if index_problem:
                return report(index_problem)
    finally:
        conn.close()
    return report()


def _check_guard(conn: sqlite3.Connection) -> None:
    problem = guard_problem(conn)
    if problem:
        raise Problem(problem)


def _hash_at(conn: sqlite3.Connection, seq: int) -> str | None:
    row = conn.execute("SELECT hash FROM events WHERE seq = ?", (seq,)).fetchone()
    return str(row[0]) if row else None
