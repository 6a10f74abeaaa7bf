"""The pending count on the requests tab's title, counted off the GUI thread.

Counting pending requests in a big log can hold the store for a moment; the tab title shows the
last count until the new one arrives.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from desk.core.errors import DeskError

from desk.ui.requests.background import BackgroundReads

TITLE = "E&mail requests"


def tab_title(pending: int | None) -> str:
    """ "E&mail requests (3 pending)", or without the count when nothing is pending."""
    return f"{TITLE} ({pending} pending)" if pending else TITLE


def enclosing_tabs(widget: QWidget) -> QTabWidget | None:
    """The QTabWidget showing `widget`, if any (page -> QStackedWidget -> QTabWidget)."""
    stack = widget.parentWidget()
    tabs = stack.parentWidget() if stack is not None else None
    return tabs if isinstance(tabs, QTabWidget) and tabs.indexOf(widget) >= 0 else None


class PendingBadge(QObject):
    """Keeps the number of requests waiting for a counselor's answer.

    Signals:
        changed(int): the count changed.
    """

    changed = Signal(int)

    def __init__(
        self,
        *,
        count: Callable[[], int],
        reads: BackgroundReads,
        failed: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._count = count
        self._reads = reads
        self._failed = failed
        self.pending: int | None = None

    def refresh(self) -> None:
        """Count again on the worker; `changed` follows if the number moved."""
        self._reads.submit(self._count, self._counted)

    def _counted(self, value: object) -> None:
        if isinstance(value, DeskError):
            self._failed(str(value))
            return
        assert isinstance(value, int)
        if value != self.pending:
            self.pending = value
            self.changed.emit(value)
