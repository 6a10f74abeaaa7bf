"""Where an export goes: its name fit for any terminal, and what a killed export left behind."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def shown_path(path: Path) -> str:
    """A path fit for any terminal: bytes that are not UTF-8 shown as escapes."""
    return str(path).encode("utf-8", "backslashreplace").decode("utf-8")


def remove_stale_parts(path: Path) -> None:
    """Delete half-written exports of `path` left by a Desk that was killed while writing.

    They hold client names. One whose process is still running (another export to the same
    file right now) is left alone.
    """
    prefix, suffix = f".{path.name}.", ".part"
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        pid_text = name[len(prefix) : -len(suffix)]
        if not (name.startswith(prefix) and name.endswith(suffix) and pid_text.isdigit()):
            continue
        if int(pid_text) != os.getpid() and _running(int(pid_text)):
            continue
        with contextlib.suppress(OSError):
            (path.parent / name).unlink()


def _running(pid: int) -> bool:
    if os.name != "posix":
        return True  # no cheap check: leave it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True
