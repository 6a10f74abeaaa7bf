"""Time to first painted window: Desk against a bare PySide6 window with one label.

Each run is a fresh process, timed from just before it is spawned to the moment its window has
finished its first paint (the child prints a monotonic timestamp from a zero timer queued by
the first paint event, then quits). Desk and the baseline alternate so both see the same disk
cache and machine load; the figure is the ratio of the medians. Goal: <= 1.3x.

Desk is timed as staff start it every day, with its validated-policy cache in place, and also
with no cache (its first start, or the first after the policy files change), which parses and
checks every YAML file. The cache lives in a fresh temporary folder, never the user's.

    python -m bench startup [-- --runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL = 1.3

# Shared by both children, so whatever it costs is paid equally.
_PROBE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer

class _FirstPaint(QObject):
    def __init__(self, app):
        super().__init__()
        self.app = app
        self.seen = False

    def eventFilter(self, obj, event):
        if not self.seen and event.type() == QEvent.Type.Paint:
            self.seen = True
            QTimer.singleShot(0, self.report)
        return False

    def report(self):
        print(repr(time.monotonic()), flush=True)
        self.app.quit()

def watch(app, window):
    probe = _FirstPaint(app)
    window.installEventFilter(probe)
    window._first_paint_probe = probe
"""

_BASELINE = """
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
window = QLabel("Desk")
watch(app, window)
window.show()
app.exec()
"""

_DESK = """
from pathlib import Path
from desk.app import build
tmp = Path(sys.argv[1])
app, window = build(data_dir=tmp / "data", settings_path=tmp / "desk.ini")
watch(app, window)
window.show()
app.exec()
"""


def _once(code: str, tmp: Path, env: dict[str, str]) -> float:
    start = time.monotonic()
    out = subprocess.run(
        [sys.executable, "-c", _PROBE + code, str(tmp)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    ).stdout
    return float(out.strip().splitlines()[-1]) - start


def measure(runs: int) -> tuple[list[float], list[float], list[float]]:
    """Alternate Desk, baseline and cache-less Desk runs; returns their seconds in that order."""
    desk: list[float] = []
    bare: list[float] = []
    cold: list[float] = []
    with tempfile.TemporaryDirectory(prefix="desk-bench-") as name:
        tmp = Path(name)
        env = dict(os.environ)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        env.pop("DESK_POLICY_DIR", None)
        # An installed Desk runs from cached bytecode; without this every run recompiles.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["DESK_DATA_DIR"] = str(tmp / "data")
        env["DESK_CONFIG_DIR"] = str(tmp / "config")
        env["DESK_CACHE_DIR"] = str(tmp / "cache")
        # One unmeasured run of each warms the disk cache and .pyc files (and writes Desk's
        # policy cache, as its first start does).
        _once(_DESK, tmp, env)
        _once(_BASELINE, tmp, env)
        for _ in range(runs):
            desk.append(_once(_DESK, tmp, env))
            bare.append(_once(_BASELINE, tmp, env))
            shutil.rmtree(tmp / "cache", ignore_errors=True)
            cold.append(_once(_DESK, tmp, env))
    return desk, bare, cold


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench startup", description=__doc__)
    parser.add_argument("--runs", type=int, default=9, help="measured runs of each (default 9)")
    args, _ = parser.parse_known_args(argv)
    desk, bare, cold = measure(max(1, args.runs))
    d, b, c = statistics.median(desk), statistics.median(bare), statistics.median(cold)
    ratio = d / b
    print(f"startup: first painted window, median of {len(desk)} runs each")
    print(f"  desk            {d * 1000:8.1f} ms   (min {min(desk) * 1000:.1f})")
    print(f"  desk, no cache  {c * 1000:8.1f} ms   (min {min(cold) * 1000:.1f}; first start)")
    print(f"  bare QLabel     {b * 1000:8.1f} ms   (min {min(bare) * 1000:.1f})")
    verdict = "ok" if ratio <= GOAL else "OVER GOAL"
    print(f"  ratio           {ratio:8.2f}x   (goal <= {GOAL}x: {verdict})")
    print(f"  ratio, no cache {c / b:8.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
