"""The practice's last good policy: a private copy of a folder, kept each time it loads cleanly.

When the practice's folder is later broken (a typo, a half-saved file, a share that is offline),
Desk answers from this copy rather than from the bundled policy, whose scripts would read
another practice's phone number and website to callers. One copy is kept per folder path, in
an owner-only folder (`policy-last-good/` in the data folder), with a stamp saying when it last
passed the check. Only `practice.yaml` and `topics/*.yaml` are copied: that is all the loader
reads.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

STORE_NAME = "policy-last-good"
_STAMP = "kept.json"
_PRACTICE = "practice.yaml"
_TOPICS = "topics"


@dataclass(frozen=True, kw_only=True)
class GoodCopy:
    """A kept copy of a policy folder.

    Attributes:
        folder: the copy itself, loadable like any policy folder.
        source: the practice's folder it was copied from.
        checked_at: when that folder last passed the policy check with this content.
    """

    folder: Path
    source: Path
    checked_at: datetime


def _key(source: Path) -> str:
    return hashlib.sha256(str(source.resolve()).encode("utf-8")).hexdigest()[:16]


def _files(source: Path) -> list[tuple[str, Path]]:
    """The files the loader reads, as (relative name, path); regular files only."""
    found: list[tuple[str, Path]] = []
    practice = source / _PRACTICE
    if practice.is_file() and not practice.is_symlink():
        found.append((_PRACTICE, practice))
    topics = source / _TOPICS
    if topics.is_dir():
        for path in sorted(topics.iterdir()):
            if path.suffix == ".yaml" and path.is_file() and not path.is_symlink():
                found.append((f"{_TOPICS}/{path.name}", path))
    return found


def _digest(files: list[tuple[str, bytes]]) -> str:
    h = hashlib.sha256()
    for name, data in files:
        h.update(name.encode("utf-8") + b"\0" + len(data).to_bytes(8, "big") + data)
    return h.hexdigest()


def _private_dir(path: Path) -> None:
    """Create `path` (and a missing parent data folder) owner-only."""
    if not path.parent.exists():
        path.parent.parent.mkdir(parents=True, exist_ok=True)
        path.parent.mkdir(mode=0o700, exist_ok=True)
    path.mkdir(mode=0o700, exist_ok=True)


def keep(source: Path, *, store: Path, now: datetime) -> GoodCopy | None:
    """Keep a copy of `source`, which has just passed the policy check.

    Unchanged content only gets a fresh date. Returns None (and keeps the previous copy) if
    the copy cannot be written: a full disk must not stop Desk from answering.
    """
    source = Path(source)
    try:
        contents = [(name, path.read_bytes()) for name, path in _files(source)]
        digest = _digest(contents)
        _private_dir(store)
        target = store / _key(source)
        stamp = {"source": str(source.resolve()), "digest": digest, "checked_at": now.isoformat()}
        if _read_stamp(target).get("digest") != digest:
            fresh = store / f".{target.name}.{os.getpid()}.partial"
            shutil.rmtree(fresh, ignore_errors=True)
            fresh.mkdir(mode=0o700)
            (fresh / _TOPICS).mkdir(mode=0o700)
            for name, data in contents:
                _write_private(fresh / name, data)
            _write_private(fresh / _STAMP, json.dumps(stamp).encode("utf-8"))
            old = store / f".{target.name}.{os.getpid()}.old"
            if target.exists():
                target.rename(old)
            fresh.rename(target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            _write_private(target / _STAMP, json.dumps(stamp).encode("utf-8"))
    except OSError:
        return None
    return GoodCopy(folder=target, source=source, checked_at=now)


def find(source: Path, *, store: Path) -> GoodCopy | None:
    """The copy kept of `source`, or None if there never was one (or it is unreadable)."""
    target = Path(store) / _key(Path(source))
    stamp = _read_stamp(target)
    try:
        checked_at = datetime.fromisoformat(str(stamp["checked_at"]))
    except (KeyError, ValueError):
        return None
    return GoodCopy(folder=target, source=Path(source), checked_at=checked_at)


def _read_stamp(target: Path) -> dict[str, object]:
    try:
        value = json.loads((target / _STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _write_private(path: Path, data: bytes) -> None:
    partial = path.with_name(f".{path.name}.partial")
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()  # a leftover (or a planted link) is never written through
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(partial, flags, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    partial.replace(path)
