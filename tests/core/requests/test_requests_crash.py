"""Writers killed with SIGKILL mid-write, and two writers at once, against one data folder.

Each writer acknowledges an event on stdout only after the log call returned; whatever it
acknowledged must be there after reopening, with the database intact and the chain verifying.
Waits are on the writers' output lines, bounded by a watchdog that kills a stuck writer.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk.core.requests import open_log
from desk.core.requests.models import RequestFilter

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name != "posix", reason="SIGKILL and fork-safe pipes are POSIX"),
]

WATCHDOG_S = 60

WRITER = """
import sys
from pathlib import Path
from desk.core.requests import open_log

data_dir, workstation = Path(sys.argv[1]), sys.argv[2]
count, burst = int(sys.argv[3]), int(sys.argv[4])
log = open_log(data_dir, workstation=workstation)
print("ready", flush=True)
i = 0
while i < count and sys.stdin.readline().strip() == "go":
    for _ in range(min(burst, count - i)):
        request = log.add_request(
            client=f"Client {workstation} {i}", counselor_id="asmith", staff_id="jlee"
        )
        print("created", request.id, flush=True)
        if i % 2 == 0:
            log.approve(request.id, by="asmith", staff_id="jlee", how="phone")
            print("approved", request.id, flush=True)
        i += 1
    print("burst", flush=True)
log.close()
print("done", flush=True)
"""


class Writer:
    """One writer process; `acks` holds every line it printed, in order."""

    def __init__(
        self, data_dir: Path, workstation: str, count: int, *, burst: int | None = None
    ) -> None:
        argv = [str(data_dir), workstation, str(count), str(burst or count)]
        self.proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, *argv],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.acks: list[str] = []
        self._watchdog = threading.Timer(WATCHDOG_S, self.proc.kill)
        self._watchdog.start()

    def go(self) -> None:
        """Let the writer write its next burst (once it has opened the log)."""
        assert self.proc.stdin is not None
        self.read_until(1)
        assert self.acks[0] == "ready", self.acks
        self.proc.stdin.write("go\n")
        self.proc.stdin.flush()

    def wait_burst(self, number: int) -> None:
        """Block until the writer reports its `number`-th finished burst (or has ended)."""
        assert self.proc.stdout is not None
        while self.acks.count("burst") < number:
            line = self.proc.stdout.readline()
            if not line:
                break
            self.acks.append(line.strip())

    def read_until(self, lines: int) -> None:
        """Block until the writer has acknowledged `lines` lines (or has ended)."""
        assert self.proc.stdout is not None
        while len(self.acks) < lines:
            line = self.proc.stdout.readline()
            if not line:
                break
            self.acks.append(line.strip())

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.finish()

    def finish(self) -> int:
        """Wait for exit and collect lines already printed; returns the exit code."""
        assert self.proc.stdin is not None
        with contextlib.suppress(BrokenPipeError):
            self.proc.stdin.close()  # a writer waiting for "go" stops here
        self.read_until(sys.maxsize)
        code = self.proc.wait()
        self._watchdog.cancel()
        assert self.proc.stderr is not None
        self.stderr = self.proc.stderr.read()
        self.proc.stdout.close()  # type: ignore[union-attr]
        self.proc.stderr.close()
        return code

    def acknowledged(self) -> dict[str, str]:
        """Request id -> the newest status the writer was told was recorded."""
        status: dict[str, str] = {}
        for line in self.acks:
            word, _, rid = line.partition(" ")
            if word == "created":
                status[rid] = "pending"
            elif word == "approved":
                status[rid] = "approved"
        return status


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "data"
    log = open_log(folder, workstation="setup")
    log.add_staff(staff_id="jlee", name="Jo Lee")
    log.add_counselor(counselor_id="asmith", name="Ann Smith", email="ann@x.example.org")
    log.close()
    yield folder


def _check_sound(data_dir: Path, expected: dict[str, str]) -> int:
    """Every acknowledged state is present; the file is intact; the chain verifies."""
    conn = sqlite3.connect(data_dir / "desk-log.sqlite3")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        seqs = [r[0] for r in conn.execute("SELECT seq FROM events ORDER BY seq")]
    finally:
        conn.close()
    assert seqs == list(range(1, len(seqs) + 1))
    log = open_log(data_dir, workstation="check")
    try:
        report = log.verify(deep=True)
        assert report.ok, report.problem
        for rid, status in expected.items():
            request = log.get(rid)
            # An approval may have committed after its "created" line, before the kill.
            assert request.status == status or (status, request.status) == ("pending", "approved")
        return log.count(RequestFilter())
    finally:
        log.close()


@pytest.mark.parametrize("after", [0, 1, 2, 3, 6, 11, 25, 60])
def test_sigkill_mid_write_loses_no_acknowledged_event(data_dir: Path, after: int) -> None:
    """A writer killed after `after` acknowledgements leaves every acknowledged event intact."""
    writer = Writer(data_dir, "front-1", count=10_000)
    writer.go()
    writer.read_until(1 + after)
    writer.kill()
    assert writer.proc.returncode == -signal.SIGKILL
    acked = writer.acknowledged()
    assert len(acked) >= (after + 1) // 2
    total = _check_sound(data_dir, acked)
    assert len(acked) <= total <= len(acked) + 1

    # The log keeps working after the crash: a new writer appends on top of the old chain.
    again = Writer(data_dir, "front-1", count=3)
    again.go()
    assert again.finish() == 0, again.stderr
    _check_sound(data_dir, {**acked, **again.acknowledged()})


def test_two_writers_at_once_keep_every_event_in_one_chain(data_dir: Path) -> None:
    """Two processes appending together: all events kept, ids unique, one consistent chain."""
    count, burst = 60, 3
    writers = [Writer(data_dir, n, count=count, burst=burst) for n in ("front-1", "front-2")]
    for writer in writers:
        writer.read_until(1)
    # Both start each burst together, so every burst opens with the two contending for the lock.
    for number in range(1, count // burst + 1):
        for writer in writers:
            writer.go()
        for writer in writers:
            writer.wait_burst(number)
    for writer in writers:
        assert writer.finish() == 0, writer.stderr
    acked = [w.acknowledged() for w in writers]
    assert len(acked[0]) == len(acked[1]) == count
    assert not acked[0].keys() & acked[1].keys()
    assert _check_sound(data_dir, {**acked[0], **acked[1]}) == 2 * count
    conn = sqlite3.connect(data_dir / "desk-log.sqlite3")
    try:
        stations = Counter(r[0] for r in conn.execute("SELECT workstation FROM events"))
    finally:
        conn.close()
    per_writer = count + (count + 1) // 2
    assert stations == {"setup": 2, "front-1": per_writer, "front-2": per_writer}


def test_kill_one_of_two_writers_keeps_the_other_going(data_dir: Path) -> None:
    """Killing one writer mid-write never blocks or corrupts the other one's appends."""
    victim = Writer(data_dir, "front-1", count=10_000)
    survivor = Writer(data_dir, "front-2", count=30)
    victim.go()
    survivor.go()
    victim.read_until(8)
    survivor.read_until(2)
    victim.kill()
    assert survivor.finish() == 0, survivor.stderr
    assert len(survivor.acknowledged()) == 30
    _check_sound(data_dir, {**victim.acknowledged(), **survivor.acknowledged()})
