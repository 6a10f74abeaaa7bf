"""The standalone build (`make dist`) against the venv's `desk` (`make run`): start-up and size.

Two timings, each a fresh process, the two programs alternating so both see the same disk cache
and machine load; the figures are medians and the ratio built/venv:

- `desk ask QUESTION`: spawn to exit.
- the window: spawn until the request log appears in a fresh data folder. Desk opens the log
  just after the window's first paint, so this is the time to a usable window (offscreen unless
  QT_QPA_PLATFORM says otherwise).

Goals: the window within 1.5x of the venv's; `desk ask` within 2x, since the build pays a fixed
~40 ms (its launcher re-executes itself and unpacks bytecode from its archive) that is a large
share of a 55 ms command but not something staff can notice. Needs `make dist` first.

    python -m bench standalone [-- --runs N]
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
from collections.abc import Callable
from pathlib import Path

GOALS = {"desk ask": 2.0, "window, log open": 1.5}
ROOT = Path(__file__).resolve().parent.parent
BUILT = ROOT / "dist" / "desk" / "desk"
VENV = Path(sys.executable).parent / "desk"
QUESTION = "can I text my counselor"


def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DESK_")}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["DESK_DATA_DIR"] = str(tmp / "data")
    env["DESK_CONFIG_DIR"] = str(tmp / "config")
    env["DESK_CACHE_DIR"] = str(tmp / "cache")
    return env


def _ask(program: Path, tmp: Path) -> float:
    start = time.monotonic()
    subprocess.run([str(program), "ask", QUESTION], check=True, capture_output=True, env=_env(tmp))
    return time.monotonic() - start


def _window(program: Path, tmp: Path) -> float:
    shutil.rmtree(tmp / "data", ignore_errors=True)
    log = tmp / "data" / "desk-log.sqlite3"
    start = time.monotonic()
    process = subprocess.Popen(
        [str(program)], env=_env(tmp), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while not log.exists():
            if process.poll() is not None:
                raise SystemExit(f"{program} exited ({process.returncode}) before its window")
            if time.monotonic() - start > 60:
                raise SystemExit(f"{program} opened no window within a minute")
            time.sleep(0.002)
        return time.monotonic() - start
    finally:
        process.terminate()
        process.wait(timeout=30)


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _pair(measure: Callable[[Path, Path], float], runs: int, tmp: Path) -> tuple[float, float]:
    built: list[float] = []
    venv: list[float] = []
    measure(BUILT, tmp)  # warm the disk cache and Desk's policy cache
    measure(VENV, tmp)
    for _ in range(runs):
        built.append(measure(BUILT, tmp))
        venv.append(measure(VENV, tmp))
    return statistics.median(built), statistics.median(venv)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench standalone", description=__doc__)
    parser.add_argument("--runs", type=int, default=9, help="measured runs of each (default 9)")
    args, _ = parser.parse_known_args(argv)
    if not BUILT.is_file() or not VENV.is_file():
        print(f"bench standalone: needs {BUILT} (make dist) and {VENV}")
        return 2
    runs = max(1, args.runs)
    with tempfile.TemporaryDirectory(prefix="desk-bench-") as name:
        tmp = Path(name)
        ask = _pair(_ask, runs, tmp)
        window = _pair(_window, runs, tmp)
    print(f"standalone: dist/desk/ against the venv's desk, median of {runs} runs each")
    print(f"  size of dist/desk/     {_size(BUILT.parent) / 2**20:8.1f} MiB")
    for label, (b, v) in (("desk ask", ask), ("window, log open", window)):
        goal = GOALS[label]
        verdict = "ok" if b / v <= goal else "OVER GOAL"
        print(
            f"  {label:18} built {b * 1000:7.1f} ms  venv {v * 1000:7.1f} ms"
            f"  ratio {b / v:5.2f}x (goal <= {goal}x: {verdict})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
