"""Reads from the request log on a worker thread, answered back on the GUI thread.

One worker thread, so answers arrive in the order they were asked for. A `DeskError` raised by a
read is handed to the callback as the answer; anything else is a bug and is re-raised on the GUI
thread where it is reported like any other.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from desk.core.errors import DeskError

if TYPE_CHECKING:
    from desk.core.requests.models import Event, Request
    from desk.core.requests.workflow import RequestLog


class _Relay(QObject):
    answered = Signal(int, object)


class _Failure:
    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


class _Job(QRunnable):
    def __init__(self, token: int, read: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(False)  # kept until answered, so a queued job can be taken back
        self._token = token
        self._read = read
        self._relay = relay

    def run(self) -> None:
        value: Any
        try:
            value = self._read()
        except DeskError as exc:
            value = exc
        except BaseException as exc:  # a bug: surface it on the GUI thread
            value = _Failure(exc)
        self._relay.answered.emit(self._token, value)


class BackgroundReads(QObject):
    """Runs read functions off the GUI thread.

    Signals:
        busy_changed(bool): reads are queued or running (True), or all answered (False).
    """

    busy_changed = Signal(bool)

    def __init__(self, *, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.answered.connect(self._deliver)
        self._jobs: dict[int, tuple[_Job, Callable[[Any], None]]] = {}
        self._tokens = itertools.count(1)

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def submit(self, read: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """Run `read()` on the worker; call `done(result_or_DeskError)` on the GUI thread."""
        token = next(self._tokens)
        was_busy = self.busy
        job = _Job(token, read, self._relay)
        self._jobs[token] = (job, done)
        self._pool.start(job)
        if not was_busy:
            self.busy_changed.emit(True)

    def drop_queued(self) -> None:
        """Take back reads not yet started; their callbacks are never called."""
        was_busy = self.busy
        for token, (job, _done) in list(self._jobs.items()):
            if self._pool.tryTake(job):
                del self._jobs[token]
        if was_busy and not self._jobs:
            self.busy_changed.emit(False)

    def wait_idle(self, msecs: int = -1) -> bool:
        """Block until the worker is idle (answers still arrive through the event loop)."""
        return bool(self._pool.waitForDone(msecs))

    def shutdown(self) -> None:
        """Drop queued reads, wait for the running one, and ignore its answer.

        Safe to call after Qt has already deleted the object (the pool's destructor waited).
        """
        if not shiboken6.isValid(self._pool):
            self._jobs.clear()
            return
        self._pool.clear()
        self._pool.waitForDone()
        if self._jobs:
            self._jobs.clear()
            self.busy_changed.emit(False)

    @Slot(int, object)
    def _deliver(self, token: int, value: Any) -> None:
        entry = self._jobs.pop(token, None)
        if entry is None:
            return  # dropped by shutdown()
        if not self._jobs:
            self.busy_changed.emit(False)
        done = entry[1]
        if isinstance(value, _Failure):
            raise value.exc
        done(value)


class HistoryReader:
    """Reads one request and its history off the GUI thread; only the newest read is answered.

    A count over a big log can hold the store for a while; the GUI never waits for it, and a
    slow answer for a request no longer in hand is dropped.
    """

    def __init__(self, *, log: RequestLog, reads: BackgroundReads) -> None:
        self._log = log
        self._reads = reads
        self._token = 0

    def read(self, request_id: str | None, done: Callable[[object], None]) -> None:
        """Read `request_id` (None: forget any read under way) and pass (request, events) or
        the `DeskError` to `done` on the GUI thread."""
        self._token += 1
        if request_id is None:
            return
        token, log = self._token, self._log

        def read() -> tuple[Request, list[Event]]:
            return log.get(request_id), log.history(request_id)

        def answer(value: object) -> None:
            if token == self._token:
                done(value)

        self._reads.submit(read, answer)
