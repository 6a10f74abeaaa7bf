"""The requests tab on a big log: time to first rows on screen, time to apply a filter, and how
long the GUI thread is ever blocked while the log is read.

On the generated log of N requests (default 1,000,000; built once and cached under bench/out/):

- show: construct the tab, show it, until the first page is painted (goal <= 300 ms), against a
  baseline measured in the same run: an empty QTableView with the same six columns, shown and
  painted.
- filter: from a filter change to its first page painted (goal <= 100 ms each), for status,
  counselor, client-name prefix and a date range; and the time the change itself holds the GUI
  thread (the reads run on a worker).
- the longest gap between 5 ms timer ticks while loading: how long the window would look frozen.

Opening the log (integrity check) happens before timing; the app does it once at start.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop, QObject, QTimer
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView

from bench.datasets import OUT, million_request_dir, open_bench_log
from desk.core.requests.models import RequestFilter, Staff
from desk.core.requests.workflow import RequestLog

from desk.ui.requests.model import COLUMNS, RequestTableModel
from desk.ui.requests.tab import RequestsTab

SHOW_GOAL_MS = 300.0
FILTER_GOAL_MS = 100.0
BENCH_STAFF = Staff(id="s01", name="Bench")


def _dataset(n: int) -> Path:
    """Build the log in a child process the first time; later runs reuse the cache."""
    if not (OUT / f"requests-{n}" / "dataset.json").is_file():
        print(f"building a log of {n:,} requests (cached for later runs) ...", flush=True)
        subprocess.run([sys.executable, "-m", "bench.datasets", str(n)], check=True)
    return million_request_dir(n)


def _pump() -> None:
    for _ in range(3):
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)


def _until(
    done: Callable[[], bool],
    model: RequestTableModel,
    timeout_s: float = 30.0,
    signals: tuple[Any, ...] = (),
) -> None:
    """Run the event loop (idle, as in the app, so the reader thread has the GIL) until done."""
    if done():
        return
    loop = QEventLoop()

    def check(*_args: object) -> None:
        if done():
            loop.quit()

    watched = (
        model.rowsInserted,
        model.modelReset,
        model.total_changed,
        model.reloaded,
        model.loading_changed,
        *signals,
    )
    for signal in watched:
        signal.connect(check)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    for signal in watched:
        signal.disconnect(check)
    if not done():
        raise TimeoutError("the requests table did not fill in time")


class _StallWatch(QObject):
    """Ticks every 5 ms; the longest gap between ticks is how long the GUI thread was busy."""

    def __init__(self) -> None:
        super().__init__()
        self._clock = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)
        self.longest_ms = 0.0
        self._last = 0

    def start(self) -> None:
        self._clock.start()
        self._last = 0
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now = self._clock.elapsed()
        self.longest_ms = max(self.longest_ms, float(now - self._last))
        self._last = now


def _baseline_ms() -> float:
    """An empty six-column QTableView, shown and painted."""
    started = time.perf_counter()
    model = QStandardItemModel(0, len(COLUMNS))
    model.setHorizontalHeaderLabels(list(COLUMNS))
    view = QTableView()
    view.setModel(model)
    view.resize(1200, 700)
    view.show()
    _pump()
    view.repaint()
    elapsed = (time.perf_counter() - started) * 1000
    view.close()
    view.deleteLater()
    _pump()
    return elapsed


def _show_ms(log: RequestLog) -> tuple[float, RequestsTab]:
    """Construct and show the tab until its first page is painted."""
    started = time.perf_counter()
    tab = RequestsTab(log=log, current_staff=lambda: BENCH_STAFF, clock=_now)
    tab.resize(1200, 700)
    tab.show()
    _until(lambda: tab.model.rowCount() > 0, tab.model)
    tab.table.viewport().repaint()
    return (time.perf_counter() - started) * 1000, tab


def _close(tab: RequestsTab) -> None:
    tab.shutdown()
    tab.close()
    tab.deleteLater()
    _pump()


def _filter_ms(tab: RequestsTab, flt: RequestFilter) -> tuple[float, float]:
    """(ms until the first page is painted, ms the GUI thread was held by the change)."""
    tab.model.set_filter(RequestFilter(client="qxqxqx"))  # an empty table to start from
    _until(lambda: tab.model.total == 0 and not tab.model.is_loading(), tab.model)
    _until(lambda: not tab.reads.busy, tab.model, signals=(tab.reads.busy_changed,))
    started = time.perf_counter()
    tab.model.set_filter(flt)
    held = (time.perf_counter() - started) * 1000
    _until(lambda: tab.model.rowCount() > 0 or tab.model.total == 0, tab.model)
    tab.table.viewport().repaint()
    return (time.perf_counter() - started) * 1000, held


def _now() -> datetime:
    return datetime.now(UTC)


def _verdict(value: float, goal: float) -> str:
    return "ok" if value <= goal else "OVER GOAL"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench requests_ui", description=__doc__)
    parser.add_argument("--requests", type=int, default=1_000_000, help="size of generated log")
    parser.add_argument("--runs", type=int, default=5, help="measured runs of each (default 5)")
    args, _ = parser.parse_known_args(argv)
    runs = max(1, args.runs)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)

    folder = _dataset(args.requests)
    started = time.perf_counter()
    log = open_bench_log(folder)
    opened_ms = (time.perf_counter() - started) * 1000
    try:
        newest = log.page(RequestFilter(), offset=0, limit=1)[0].requested_at.date()
        counselor = log.list_counselors()[2].id
        filters = {
            "status pending": RequestFilter(status="pending"),
            f"counselor {counselor}": RequestFilter(counselor_id=counselor),
            "client starts 'ma'": RequestFilter(client="ma"),
            "last 30 days": RequestFilter(since=newest - timedelta(days=30), until=newest),
            "declined, one counselor": RequestFilter(status="declined", counselor_id=counselor),
        }

        _baseline_ms()  # warm Qt's own first-use costs for both sides alike
        baseline = [_baseline_ms() for _ in range(runs)]
        shows: list[float] = []
        for _ in range(runs):
            ms, tab = _show_ms(log)
            shows.append(ms)
            _close(tab)

        ms, tab = _show_ms(log)
        watch = _StallWatch()
        results: dict[str, tuple[list[float], list[float]]] = {}
        watch.start()
        for name, flt in filters.items():
            painted, held = [], []
            for _ in range(runs):
                p, h = _filter_ms(tab, flt)
                painted.append(p)
                held.append(h)
            results[name] = (painted, held)
        watch.stop()
        tab.model.wait_loaded()
        total = tab.model.total or 0
        _close(tab)
    finally:
        log.close()

    b, s = statistics.median(baseline), statistics.median(shows)
    print(f"requests tab on a log of {args.requests:,} requests (median of {runs} runs)")
    print(f"  opening the log (once, at start)   {opened_ms:8.1f} ms   (not part of the goals)")
    print(f"  baseline: empty QTableView shown   {b:8.1f} ms")
    print(
        f"  show tab until first page painted  {s:8.1f} ms   ({s / b:.1f}x baseline; "
        f"goal <= {SHOW_GOAL_MS:.0f} ms: {_verdict(s, SHOW_GOAL_MS)})"
    )
    print(f"  apply a filter until first page painted (goal <= {FILTER_GOAL_MS:.0f} ms):")
    for name, (painted, held) in results.items():
        p, h = statistics.median(painted), statistics.median(held)
        print(
            f"    {name:<26} {p:8.1f} ms   (GUI thread held {h:.2f} ms; "
            f"{p / b:.1f}x baseline; {_verdict(p, FILTER_GOAL_MS)})"
        )
    print(f"  longest GUI stall while filtering  {watch.longest_ms:8.1f} ms   (5 ms ticks)")
    print(f"  last filter matched {total:,} requests")
    return 0


if __name__ == "__main__":
    sys.exit(main())
