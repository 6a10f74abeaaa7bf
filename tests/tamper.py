"""Editing the log file behind Desk's back, as someone with the file could, for tamper tests."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from desk.core.requests.chain import GENESIS, event_hash
from desk.core.requests.sqlite.schema import GUARD_TRIGGERS


@contextmanager
def attacker(folder: Path) -> Iterator[sqlite3.Connection]:
    """Open the file directly, drop the guard, tamper, then put the guard back."""
    with closing(sqlite3.connect(folder / "desk-log.sqlite3", isolation_level=None)) as conn:
        for name in GUARD_TRIGGERS:
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute("BEGIN")
        yield conn
        conn.execute("COMMIT")
        for sql in GUARD_TRIGGERS.values():
            conn.execute(sql)


def rehash_from(conn: sqlite3.Connection, start: int = 1) -> None:
    """Recompute every link and hash from `start` on, as a careful forger covering an edit would."""
    prev = (
        GENESIS
        if start == 1
        else conn.execute("SELECT hash FROM events WHERE seq = ?", (start - 1,)).fetchone()[0]
    )
    rows = conn.execute(
        "SELECT seq, request_id, at, staff_id, workstation, type, payload FROM events "
        "WHERE seq >= ? ORDER BY seq",
        (start,),
    ).fetchall()
    for seq, request_id, at, staff_id, workstation, type_, payload in rows:
        digest = event_hash(
            seq=seq,
            request_id=request_id,
            at=at,
            staff_id=staff_id,
            workstation=workstation,
            type=type_,
            payload_json=payload,
            prev_hash=prev,
        )
        conn.execute("UPDATE events SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, digest, seq))
        prev = digest


def append_forged(
    conn: sqlite3.Connection,
    *,
    type: str,
    request_id: str | None,
    staff_id: str,
    payload: dict[str, object],
    at: str,
    workstation: str = "desk-1",
) -> int:
    """INSERT one event with a correctly computed hash, as a careful forger would; its seq."""
    from desk.core.requests.chain import canonical_json

    seq, prev = conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
    seq += 1
    payload_json = canonical_json(payload)
    digest = event_hash(
        seq=seq,
        request_id=request_id,
        at=at,
        staff_id=staff_id,
        workstation=workstation,
        type=type,
        payload_json=payload_json,
        prev_hash=prev,
    )
    conn.execute(
        "INSERT INTO events(seq, request_id, at, staff_id, workstation, type, payload, "
        "prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?)",
        (seq, request_id, at, staff_id, workstation, type, payload_json, prev, digest),
    )
    return int(seq)
