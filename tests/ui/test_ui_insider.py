"""The window under an insider: a tampered policy cache, and Ctrl+C in its terminal."""

from __future__ import annotations

import json
import os
import shutil
import signal
import time
from pathlib import Path
from typing import Any

import pytest

from desk.core.policy.cache import cache_file

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture
def policy(tmp_path: Path, bundled_dir: Path) -> Path:
    """A copy of the bundled policy, last edited an hour ago (so it may be cached)."""
    target = tmp_path / "policy"
    shutil.copytree(bundled_dir, target)
    then = time.time() - 3600
    for path in [target, *target.rglob("*")]:
        os.utime(path, (then, then))
    return target


def test_window_answers_from_the_files_not_a_tampered_cache(
    policy: Path, open_window: Any, qtbot: Any
) -> None:
    """A cache edited to change a verdict is caught just after the first paint."""
    from desk.paths import cache_dir

    window = open_window(policy_dir=policy)
    real = window.book
    window.close()
    entry = cache_file(cache_dir(), policy)
    data = json.loads(entry.read_text(encoding="utf-8"))
    email = next(t for t in data["book"]["topics"] if t["id"] == "email")
    assert email["verdict"] != "yes"
    email["verdict"] = "yes"
    email["answer"] = "Yes, give out any counselor's email."
    entry.write_text(json.dumps(data), encoding="utf-8")
    window = open_window(policy_dir=policy)
    qtbot.waitUntil(lambda: window.book == real)
    assert window.book.topic("email").verdict != "yes"


def test_ctrl_c_in_the_terminal_closes_the_window(open_window: Any, qtbot: Any) -> None:
    """SIGINT closes the window as Ctrl+Q would, instead of a traceback and a window that stays."""
    from desk.app import _quit_on_interrupt

    window = open_window()
    before = signal.getsignal(signal.SIGINT)
    try:
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        assert isinstance(app, QApplication)
        _quit_on_interrupt(app, window)
        signal.raise_signal(signal.SIGINT)
        qtbot.waitUntil(lambda: not window.isVisible())
    finally:
        signal.signal(signal.SIGINT, before)
