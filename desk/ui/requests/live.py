"""Live updates from a shared log: another desk's change shows here within a second.

A worker thread holds its own connection listening on the log's channel (the server notifies
on every append, in the appending transaction, so a notice arrives only once the event is
committed). Notices arriving together are folded into one refresh on the GUI thread. A dropped
connection is opened again after a pause; the window keeps working meanwhile.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)

RETRY_S = 5.0
"""Pause before listening again after the connection to the server dropped."""


class LiveUpdates(QObject):
    """Listens for appends by any desk and says so on the GUI thread.

    Signals:
        changed(): the log has new events; folded so a burst gives one signal.
    """

    changed = Signal()
    _noticed = Signal()

    def __init__(
        self, *, listen: Callable[[], Any], fold_ms: int = 50, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._listen = listen
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._fold = QTimer(self)
        self._fold.setSingleShot(True)
        self._fold.setInterval(fold_ms)
        self._fold.timeout.connect(self.changed)
        self._noticed.connect(self._fold.start)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="desk-live", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop listening and wait for the worker (it wakes at least twice a second)."""
        self._stop.set()
        self._fold.stop()
        if self._thread is not None:
            self._thread.join(5)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn = self._listen()
            except Exception as err:  # the requests tab shows failures of its own reads
                log.info("live updates paused: %s", err)
                self._stop.wait(RETRY_S)
                continue
            try:
                while not self._stop.is_set():
                    for _notice in conn.notifies(timeout=0.5, stop_after=1):
                        self._noticed.emit()
            except Exception as err:
                log.info("live updates paused: %s", err)
                self._stop.wait(RETRY_S)
            finally:
                try:
                    conn.close()
                except Exception as err:  # closing a dropped connection can fail too
                    log.debug("closing the listening connection: %s", err)
