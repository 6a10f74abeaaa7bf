"""Copies a released address and takes it off the clipboard again a minute later."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QClipboard

from desk.core.requests.models import Clock

CLEAR_AFTER = timedelta(seconds=60)


class ClipboardGuard(QObject):
    """Puts text on the clipboard and clears it after `hold`, unless the user copied something else.

    The deadline is read from the injected clock; the timer only says when to look. Tests move
    the clock and fire `timer.timeout` instead of waiting.

    Signals:
        cleared(): the guarded text was taken off the clipboard.
    """

    cleared = Signal()

    def __init__(
        self,
        *,
        clipboard: QClipboard,
        clock: Clock,
        hold: timedelta = CLEAR_AFTER,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clipboard = clipboard
        self._clock = clock
        self._hold = hold
        self._text: str | None = None
        self._deadline: datetime | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.expire)

    @property
    def holding(self) -> bool:
        """True while guarded text may still be on the clipboard."""
        return self._text is not None

    def copy(self, text: str) -> None:
        """Copy `text` and arm the clear."""
        self._clipboard.setText(text)
        self._text = text
        self._deadline = self._clock() + self._hold
        self.timer.start(int(self._hold.total_seconds() * 1000))

    def expire(self) -> None:
        """Clear the clipboard if the deadline has passed; otherwise look again later."""
        if self._text is None or self._deadline is None:
            return
        left = self._deadline - self._clock()
        if left > timedelta(0):
            self.timer.start(max(1, int(left.total_seconds() * 1000)))
            return
        self.clear_now()

    def clear_now(self) -> None:
        """Take the guarded text off the clipboard now (on lock), if it is still there."""
        text, self._text, self._deadline = self._text, None, None
        self.timer.stop()
        if text is not None and self._clipboard.text() == text:
            self._clipboard.clear()
            self.cleared.emit()
