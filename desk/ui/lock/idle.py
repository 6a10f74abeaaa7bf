"""Locks the screen after a spell without keyboard or mouse input.

Input is seen through an application-wide event filter; time comes from the injected clock. A
coarse timer asks `check()` now and then; tests move the clock and call `check()` (or fire
`timer.timeout`) instead of waiting.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QTimer, Signal

if TYPE_CHECKING:  # the request log loads with its tab, after the first paint
    from desk.core.requests.models import Clock


DEFAULT_IDLE = timedelta(minutes=5)
SETTINGS_KEY = "privacy/idle_lock_minutes"
MIN_MINUTES, MAX_MINUTES = 1, 240

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


def idle_timeout(settings: QSettings) -> timedelta:
    """The idle time from settings (`privacy/idle_lock_minutes`), default 5 minutes.

    A value that is not a whole number falls back to the default; others are kept within
    1 to 240 minutes so the lock can be neither turned off nor made instant by a typo.
    """
    raw = settings.value(SETTINGS_KEY, None)
    try:
        minutes = int(str(raw)) if raw is not None else None
    except ValueError:
        minutes = None
    if minutes is None:
        return DEFAULT_IDLE
    return timedelta(minutes=min(max(minutes, MIN_MINUTES), MAX_MINUTES))


class IdleLock(QObject):
    """Emits `locked()` once input has been idle for `timeout`.

    Signals:
        locked(): the idle time passed (or `lock()` was called).
        unlocked(): someone picked themselves again.
    """

    locked = Signal()
    unlocked = Signal()

    def __init__(
        self,
        *,
        clock: Clock,
        timeout: timedelta = DEFAULT_IDLE,
        app: QCoreApplication | None = None,
        check_every_ms: int = 5_000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._timeout = timeout
        self._last_input: datetime = clock()
        self._locked = False
        self._app = app or QCoreApplication.instance()
        if self._app is not None:
            self._app.installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.setInterval(check_every_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    @property
    def is_locked(self) -> bool:
        return self._locked

    @property
    def timeout(self) -> timedelta:
        return self._timeout

    def set_timeout(self, timeout: timedelta) -> None:
        self._timeout = timeout

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self._last_input = self._clock()
        return False

    def check(self) -> None:
        """Lock if input has been idle long enough."""
        if not self._locked and self._clock() - self._last_input >= self._timeout:
            self.lock()

    def lock(self) -> None:
        """Lock now (also from the Lock button)."""
        if not self._locked:
            self._locked = True
            self.locked.emit()

    def unlock(self) -> None:
        """Unlock and start counting idle time afresh."""
        self._last_input = self._clock()
        if self._locked:
            self._locked = False
            self.unlocked.emit()

    def stop(self) -> None:
        """Stop watching input (before the application goes away)."""
        self.timer.stop()
        if self._app is not None:
            self._app.removeEventFilter(self)
            self._app = None
