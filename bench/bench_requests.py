"""Request log at scale: append latency, table queries, verify speed, size and memory.

Every figure that has a goal is a ratio against a baseline timed in the same run, or a time on
the generated log of N requests (default 1,000,000, built once and cached under bench/out/):

- append p50/p99 through `RequestLog.add_request` vs a bare SQLite insert+commit with the same
  settings (WAL, synchronous=FULL, BEGIN IMMEDIATE) on the same disk; goal <= 2x.
- count + first page of the requests table, no filter (goal <= 300 ms) and filtered by status,
  counselor, client-name prefix (goal <= 100 ms each).
- verify throughput vs hashlib.sha256 alone over the same canonical event bytes; goal <= 3x.
- bytes per event on disk, and the process's peak resident memory.
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.datasets import OUT, dataset_info, million_request_dir, open_bench_log, scratch_copy
from desk.core.requests.chain import record_bytes
from desk.core.requests.models import RequestFilter
from desk.core.requests.sqlite.store import DB_NAME
from desk.core.requests.workflow import RequestLog

PAGE = 100
QUERY_RUNS = 7
HASH_CHUNK = 20_000


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _dataset(n: int) -> Path:
    """Build the log in a child process so this process's peak memory is the benchmark's own."""
    folder = OUT / f"requests-{n}"
    if not (folder / "dataset.json").is_file():
        print(f"building a log of {n:,} requests (cached for later runs) ...", flush=True)
        subprocess.run([sys.executable, "-m", "bench.datasets", str(n)], check=True)
    return million_request_dir(n)


def _raw_baseline(folder: Path) -> Callable[[int], None]:
    """A bare events table with the store's settings: one insert and commit per call."""
    path = folder / "raw-append.sqlite3"
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA busy_timeout = 10000")
    conn.execute(
        "CREATE TABLE events (seq INTEGER PRIMARY KEY, request_id TEXT, at TEXT, staff_id TEXT, "
        "workstation TEXT, type TEXT, payload TEXT, prev_hash TEXT, hash TEXT)"
    )
    payload = '{"client":"Anna Example","counselor_id":"c01","note":"","via":"phone"}'

    def append(i: int) -> None:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?)",
            (i, f"R-{i:06d}", "2026-11-02T15:30:00.000000+00:00", "s01", "front-1",
             "request_created", payload, "0" * 64, "f" * 64),
        )  # fmt: skip
        conn.execute("COMMIT")

    return append


def bench_append(folder: Path, samples: int) -> dict[str, float]:
    """Interleave log appends and raw appends so both see the same disk and load."""
    work = scratch_copy(folder, "append-scratch")
    log = open_bench_log(work)
    raw = _raw_baseline(work)
    ours: list[float] = []
    bare: list[float] = []
    for i in range(samples):
        t0 = time.perf_counter()
        log.add_request(client="Anna Example", counselor_id="c01", staff_id="s01")
        t1 = time.perf_counter()
        raw(i + 1)
        t2 = time.perf_counter()
        ours.append(t1 - t0)
        bare.append(t2 - t1)
    log.close()
    return {
        "log_p50": statistics.median(ours),
        "log_p99": _percentile(ours, 0.99),
        "raw_p50": statistics.median(bare),
        "raw_p99": _percentile(bare, 0.99),
    }


def bench_queries(log: RequestLog) -> list[tuple[str, float, float, float]]:
    """(filter, first run, median, goal) for count + first page of the requests table."""
    filters = [
        ("no filter", RequestFilter(), 0.300),
        ("status=pending", RequestFilter(status="pending"), 0.100),
        ("status=approved", RequestFilter(status="approved"), 0.100),
        ("counselor=c07", RequestFilter(counselor_id="c07"), 0.100),
        ("client prefix 'ma'", RequestFilter(client="ma"), 0.100),
        ("client prefix 'marita'", RequestFilter(client="marita"), 0.100),
        ("status+counselor", RequestFilter(status="released", counselor_id="c03"), 0.100),
    ]
    rows = []
    for label, flt, goal in filters:
        times = []
        for _ in range(QUERY_RUNS):
            t0 = time.perf_counter()
            log.count(flt)
            log.page(flt, offset=0, limit=PAGE)
            times.append(time.perf_counter() - t0)
        rows.append((label, times[0], statistics.median(times), goal))
    return rows


def bench_verify(log: RequestLog, db: Path) -> dict[str, float]:
    """`RequestLog.verify` vs hashing the same canonical bytes with nothing else."""
    t0 = time.perf_counter()
    report = log.verify()
    verify_s = time.perf_counter() - t0
    if not report.ok:
        raise SystemExit(f"bench: the generated log does not verify: {report.problem}")
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = conn.execute(
        "SELECT seq, request_id, at, staff_id, workstation, type, payload, prev_hash "
        "FROM events ORDER BY seq"
    )
    hash_s, total_bytes, events = 0.0, 0, 0
    sha256 = hashlib.sha256
    while chunk := rows.fetchmany(HASH_CHUNK):
        blobs = [
            record_bytes(seq=r[0], request_id=r[1], at=r[2], staff_id=r[3], workstation=r[4],
                         type=r[5], payload_json=r[6], prev_hash=r[7])
            for r in chunk
        ]  # fmt: skip
        t0 = time.perf_counter()
        for blob in blobs:
            sha256(blob).hexdigest()
        hash_s += time.perf_counter() - t0
        total_bytes += sum(map(len, blobs))
        events += len(blobs)
    conn.close()
    return {
        "events": events,
        "bytes": total_bytes,
        "verify_s": verify_s,
        "hash_s": hash_s,
        "checked": report.events_checked,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench requests", description=__doc__)
    parser.add_argument("--requests", type=int, default=1_000_000, help="size of generated log")
    parser.add_argument("--appends", type=int, default=300, help="timed appends of each kind")
    args, _ = parser.parse_known_args(argv)
    n = args.requests

    t0 = time.perf_counter()
    folder = _dataset(n)
    info = dataset_info(folder)
    print(f"log: {n:,} requests, {info['events']:,} events in {folder}")
    print(
        f"  generation took {info['generation_seconds']} s when built "
        f"(this run: {time.perf_counter() - t0:.1f} s to find or build it)"
    )

    a = bench_append(folder, args.appends)
    print(f"append latency over {args.appends} appends (log vs raw sqlite insert+commit):")
    for q in ("p50", "p99"):
        ratio = a[f"log_{q}"] / a[f"raw_{q}"]
        verdict = "ok" if ratio <= 2 else "over goal"
        print(
            f"  {q}: log {_ms(a[f'log_{q}'])}  raw {_ms(a[f'raw_{q}'])}  "
            f"ratio {ratio:.2f}x (goal <= 2x: {verdict})"
        )

    log = open_bench_log(folder)
    print(f"requests table: count + first page of {PAGE} (first run / median of {QUERY_RUNS}):")
    for label, first, median, goal in bench_queries(log):
        verdict = "ok" if median <= goal else "over goal"
        print(
            f"  {label:<24} {_ms(first):>11} / {_ms(median):>11}  "
            f"(goal <= {goal * 1000:.0f} ms: {verdict})"
        )

    db = folder / DB_NAME
    v = bench_verify(log, db)
    log.close()
    mb = v["bytes"] / 1e6
    ratio = v["verify_s"] / v["hash_s"]
    rate = v["checked"] / v["verify_s"]
    print(
        f"verify: {v['checked']:,} events in {v['verify_s']:.2f} s "
        f"({rate:,.0f} events/s, {mb / v['verify_s']:.1f} MB/s)"
    )
    print(f"  sha256 alone over the same {mb:.1f} MB: {v['hash_s']:.3f} s")
    print(f"  ratio {ratio:.1f}x (goal <= 3x: {'ok' if ratio <= 3 else 'over goal'})")

    size = sum(p.stat().st_size for p in folder.glob(DB_NAME + "*"))
    print(f"size: {size / 1e6:.1f} MB on disk, {size / v['events']:.0f} bytes per event")
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    scale = 1 if sys.platform != "darwin" else 1 / 1024  # macOS reports bytes
    print(f"peak memory of this process: {peak_kb * scale / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
