"""The anchor: the newest event's (seq, hash) kept in a small file outside the database.

Deleting the newest events leaves a chain that is still internally consistent; the anchor is
what notices. It is written after each commit, so after a crash it can be one write behind the
database ("lagging") but never ahead: an anchor ahead of the log means events were removed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desk.core.requests.files import atomic_write
from desk.core.requests.models import Head

_HASH = re.compile(r"[0-9a-f]{64}")


class AnchorUnreadable(Exception):
    """The anchor file exists but does not hold a head."""


def read_anchor(path: Path) -> Head | None:
    """The head recorded in the anchor, or None if there is no anchor file."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        data = json.loads(raw)
        seq, digest = data["seq"], data["hash"]
    except (ValueError, KeyError, TypeError) as err:
        raise AnchorUnreadable(str(err)) from None
    if not isinstance(seq, int) or seq < 1 or not isinstance(digest, str):
        raise AnchorUnreadable("wrong field types")
    if not _HASH.fullmatch(digest):
        raise AnchorUnreadable("hash is not 64 hex digits")
    return Head(seq=seq, hash=digest)


def write_anchor(path: Path, head: Head) -> None:
    atomic_write(path, json.dumps({"seq": head.seq, "hash": head.hash}).encode() + b"\n")


@dataclass(frozen=True)
class AnchorCheck:
    problem: str | None = None
    lagging: bool = False  # consistent, but behind the log: safe to bring up to date


def read_anchor_safely(path: Path) -> tuple[Head | None, str | None]:
    """(recorded head, problem reading it); read before the database snapshot is taken."""
    try:
        return read_anchor(path), None
    except AnchorUnreadable as err:
        return None, f"the anchor file {path} is unreadable ({err})"
    except OSError as err:
        return None, f"the anchor file {path} cannot be read ({err.strerror})"


def check_anchor(
    *,
    path: Path,
    recorded: Head | None,
    unreadable: str | None,
    last: Head | None,
    hash_at: Callable[[int], str | None],
) -> AnchorCheck:
    """Compare the recorded anchor with the log's newest event.

    Args:
        path: the anchor file, for messages.
        recorded: what the anchor file holds (None: no file).
        unreadable: why the anchor file could not be read, if it could not.
        last: the log's newest event, None for an empty log.
        hash_at: the hash of the event with a given seq, None if there is none.
    """
    if unreadable:
        return AnchorCheck(unreadable)
    anchor = recorded
    if anchor is None:
        if last is None:
            return AnchorCheck()
        if last.seq == 1:
            return AnchorCheck(lagging=True)
        return AnchorCheck(
            f"the anchor file {path} is missing, so removal of the newest events cannot be "
            f"ruled out (the log ends at event {last.seq})"
        )
    if last is None or anchor.seq > last.seq:
        ends = "the log is empty" if last is None else f"the log ends at event {last.seq}"
        return AnchorCheck(
            f"the anchor records event {anchor.seq} but {ends}: the newest events were deleted"
        )
    if hash_at(anchor.seq) != anchor.hash:
        return AnchorCheck(
            f"event {anchor.seq}: hash does not match the anchor (the event was replaced)"
        )
    return AnchorCheck(lagging=anchor.seq < last.seq)
