"""Each workstation is a witness: it keeps the newest (seq, hash) of the shared log it has seen.

A rewrite on the server (by whoever can bypass the roles: the owner, a superuser, a restored
older dump) leaves a chain that is internally sound. Every desk that saw the old chain still
holds a head the new one does not contain at that seq, so its `verify` fails and it stops
writing. The file sits in the desk's own data folder, one per server and database.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from desk.core.requests.anchor import AnchorUnreadable, read_anchor, write_anchor
from desk.core.requests.files import private_dir
from desk.core.requests.models import Head


@dataclass(frozen=True)
class Witness:
    """The head this desk has seen of one shared log."""

    path: Path

    @classmethod
    def for_server(cls, data_dir: Path, *, where: str) -> Witness:
        digest = hashlib.sha256(where.encode()).hexdigest()[:16]
        return cls(Path(data_dir) / f"shared-log-{digest}.witness")

    def read(self) -> tuple[Head | None, str | None]:
        """(head seen, problem reading it)."""
        try:
            return read_anchor(self.path), None
        except AnchorUnreadable as err:
            return None, f"this desk's record of the shared log, {self.path}, is unreadable ({err})"
        except OSError as err:
            return None, f"this desk's record of the shared log, {self.path}: {err.strerror}"

    def saw(self, head: Head | None) -> None:
        """Remember `head` if it is newer than the one kept (never move back)."""
        if head is None:
            return
        kept, problem = self.read()
        if problem is not None or (kept is not None and kept.seq >= head.seq):
            return
        private_dir(self.path.parent)
        write_anchor(self.path, head)


def witness_problem(
    seen: Head | None, *, hash_at_seen: str | None, last: Head | None
) -> str | None:
    """Why the server's chain cannot be the one this desk saw, or None if it can."""
    if seen is None:
        return None
    if last is None or last.seq < seen.seq:
        ends = "is empty" if last is None else f"ends at event {last.seq}"
        return (
            f"this desk saw the shared log at event {seen.seq}, but the server's log {ends}: "
            "events were removed or an older copy was restored"
        )
    if hash_at_seen != seen.hash:
        return (
            f"event {seen.seq} on the server is not the one this desk saw (hash "
            f"{seen.hash[:16]}...): the shared log was rewritten"
        )
    return None
