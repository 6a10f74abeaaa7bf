"""Open the request log on a worker thread.

Opening runs SQLite's integrity check, which reads the whole file: seconds for a large log on a
cold disk. The window stays usable meanwhile; the result comes back on the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from desk.core.requests.workflow import RequestLog


class LogOpener(QObject):
    """Runs `open_log` once off the GUI thread and reports back.

    Signals:
        finished(object): the opened `RequestLog`, or the exception that opening raised.
    """

    finished = Signal(object)

    def __init__(self, *, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None

    def start(self, open_log: Callable[[], RequestLog]) -> None:
        self._thread = threading.Thread(
            target=self._run, args=(open_log,), name="desk-open-log", daemon=True
        )
        self._thread.start()

    def wait(self, timeout: float | None = None) -> None:
        """Block until the worker is done (for shutdown and tests)."""
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self, open_log: Callable[[], RequestLog]) -> None:
        result: object
        try:
            result = open_log()
        except Exception as exc:  # handed to the GUI thread, which decides what to show
            result = exc
        self.finished.emit(result)
