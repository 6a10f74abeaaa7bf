"""Generated request logs for benchmarks, built once and cached under bench/out/.

`million_request_dir(n)` returns a data folder holding a log of `n` requests made through the
real workflow (`RequestLog`) and the SQLite store's own insert-and-apply path; only the
transaction boundaries differ from live use (many events per commit, no fsync while building),
so a million requests take minutes, not hours. Treat the folder as read-only: copy it first if
a benchmark writes (`scratch_copy`). Open it with `open_bench_log`, which skips the daily backup
so benchmarks do not fill bench/out/ with copies.

Run `python -m bench.datasets [N]` to build (or find) one and print its folder.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from desk.core.requests.sqlite.store import ANCHOR_NAME, DB_NAME, SqliteStore
from desk.core.requests.store import Draft, StoreView
from desk.core.requests.workflow import RequestLog

OUT = Path(__file__).resolve().parent / "out"
START = datetime(2023, 1, 2, 14, 0, tzinfo=UTC)
BATCH = 20_000  # workflow calls per transaction
DECISION_LAG = 25  # a request is decided this many requests after it came in
COUNSELORS = 12
STAFF = 6
_MARKER = "dataset.json"

_SYLLABLES = ("ma", "ri", "so", "ta", "ne", "li", "ko", "da", "ve", "ju", "an", "el", "or", "be")


def _name(rng: random.Random) -> str:
    """A made-up 'First Last' name; the bench never holds anyone's real name."""
    first = "".join(rng.choices(_SYLLABLES, k=rng.choice((2, 3))))
    last = "".join(rng.choices(_SYLLABLES, k=3))
    return f"{first.capitalize()} {last.capitalize()}"


class _Clock:
    """Generation time: moves forward a random gap per request, seeded for repeatable data."""

    def __init__(self, rng: random.Random) -> None:
        self.now = START
        self._rng = rng

    def __call__(self) -> datetime:
        return self.now

    def step(self, mean_seconds: float) -> None:
        self.now += timedelta(seconds=self._rng.expovariate(1 / mean_seconds))


class _BulkStore:
    """The SQLite store's own insert-and-apply path, with the caller owning the transaction."""

    def __init__(self, store: SqliteStore) -> None:
        self._store = store

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def append(self, build: Callable[[StoreView], Draft]) -> Any:
        draft = build(self._store)
        event = self._store._insert(draft)
        self._store._apply(event)
        return event


def open_bench_log(data_dir: Path, *, workstation: str = "bench") -> RequestLog:
    """The log in `data_dir`, opened like the app does but without the daily backup."""
    store = SqliteStore.open(data_dir, clock=lambda: datetime.now(UTC), backup=False)
    return RequestLog(store, workstation=workstation)


def scratch_copy(data_dir: Path, name: str) -> Path:
    """A private copy of a cached log that a benchmark may write to."""
    target = OUT / name
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(mode=0o700, parents=True)
    for file in (DB_NAME, ANCHOR_NAME):
        shutil.copy2(data_dir / file, target / file)
    return target


def million_request_dir(n: int = 1_000_000) -> Path:
    """A cached data folder with a log of `n` requests (built on first use).

    Safe to call from several benchmarks at once: one builds while the others wait for it.
    """
    final = OUT / f"requests-{n}"
    if (final / _MARKER).is_file():
        return final
    OUT.mkdir(parents=True, exist_ok=True)
    with _exclusive(OUT / f"requests-{n}.lock"):
        if (final / _MARKER).is_file():
            return final
        for stale in OUT.glob(f"requests-{n}.building-*"):
            shutil.rmtree(stale, ignore_errors=True)
        building = OUT / f"requests-{n}.building-{os.getpid()}"
        building.mkdir(mode=0o700)
        started = time.perf_counter()
        events = _generate(building, n)
        seconds = time.perf_counter() - started
        info = {"requests": n, "events": events, "generation_seconds": round(seconds, 1)}
        (building / _MARKER).write_text(json.dumps(info) + "\n", encoding="utf-8")
        shutil.rmtree(final, ignore_errors=True)
        building.rename(final)
    return final


@contextlib.contextmanager
def _exclusive(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `lock_path` (POSIX); elsewhere, no lock."""
    with open(lock_path, "a+b") as handle:
        try:
            import fcntl
        except ImportError:
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def dataset_info(data_dir: Path) -> dict[str, Any]:
    """What `million_request_dir` recorded about the folder (requests, events, build time)."""
    result: dict[str, Any] = json.loads((data_dir / _MARKER).read_text(encoding="utf-8"))
    return result


def _generate(data_dir: Path, n: int) -> int:
    rng = random.Random(20261102)
    clock = _Clock(rng)
    store = SqliteStore.open(data_dir, clock=clock, backup=False)
    conn = store._conn
    conn.execute("PRAGMA synchronous = OFF")  # building a fixture, not keeping a record
    store._writer = threading.get_ident()  # reads inside the batch see its own writes
    log = RequestLog(_BulkStore(store), clock=clock, workstation="front-1")  # type: ignore[arg-type]
    counselors = [f"c{i:02d}" for i in range(1, COUNSELORS + 1)]
    staff = [f"s{i:02d}" for i in range(1, STAFF + 1)]
    conn.execute("BEGIN IMMEDIATE")
    for sid in staff:
        log.add_staff(staff_id=sid, name=_name(rng))
    for cid in counselors:
        name = _name(rng)
        log.add_counselor(counselor_id=cid, name=name, email=f"{cid}@practice.example.org",
                          credentials=rng.choice(("LPC", "LCSW", "LMFT", "PhD")))  # fmt: skip
    waiting: deque[tuple[str, str]] = deque()
    calls, report_at = 0, 100_000
    for i in range(n):
        clock.step(90)
        cid = rng.choice(counselors)
        client = _name(rng)
        request = log.add_request(
            client=client, counselor_id=cid, staff_id=rng.choice(staff),
            via=rng.choice(("phone", "phone", "phone", "in-person", "voicemail")),
        )  # fmt: skip
        waiting.append((request.id, cid))
        calls += 1
        if len(waiting) > DECISION_LAG:
            calls += _decide(log, rng, staff, *waiting.popleft())
        if calls >= BATCH:
            conn.execute("COMMIT")
            conn.execute("BEGIN IMMEDIATE")
            calls = 0
        if i + 1 == report_at:
            print(f"  generated {i + 1:,} of {n:,} requests", file=sys.stderr, flush=True)
            report_at += 100_000
    conn.execute("COMMIT")
    store._writer = None
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store._sync_anchor()
    head = store.head()
    store.close()
    return head.seq if head else 0


def _decide(log: RequestLog, rng: random.Random, staff: list[str], rid: str, cid: str) -> int:
    """Carry one request to a typical outcome; returns the number of events written."""
    sid = rng.choice(staff)
    roll = rng.random()
    if roll < 0.02:
        return 0  # still waiting for the counselor
    if roll < 0.17:
        log.decline(rid, by=cid, staff_id=sid)
        return 1
    if roll < 0.23:
        log.withdraw(rid, staff_id=sid, reason="client asked by phone instead")
        return 1
    log.approve(rid, by=cid, staff_id=sid, how=rng.choice(("in-person", "phone", "email")))
    roll = rng.random()
    if roll < 0.88:
        log.release(
            rid, staff_id=sid, method=rng.choice(("phone", "printed")), identity_verified=True
        )
        return 2
    if roll < 0.93:
        log.withdraw(rid, staff_id=sid)
        return 2
    return 1


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    folder = million_request_dir(count)
    print(folder)
    print(json.dumps(dataset_info(folder)))
