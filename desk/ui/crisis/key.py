"""F2 from anywhere: an application-wide event filter, because a dialog blocks the window's
own shortcuts.

Over the main window the window's crisis action runs (the policy tab shows the crisis topic).
Over any other window (a dialog, the lock's staff picker, a message box) the crisis page opens
on top of it; Esc closes the page and the dialog is as it was, input kept.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from desk.core.policy.book import PolicyBook

from desk.ui.crisis.page import CrisisPage


class CrisisKey(QObject):
    """Watches every key press in the application for the crisis key.

    `book` is asked for on each press, so a policy switched while Desk runs is the one shown.
    """

    def __init__(
        self,
        *,
        window: QWidget,
        action: QAction,
        book: Callable[[], PolicyBook],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._action = action
        self._book = book
        self.page: CrisisPage | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if QKeySequence(event.keyCombination()) not in self._action.shortcuts():
            return False
        if event.isAutoRepeat():
            return True
        self.open_from(watched)
        return True

    def open_from(self, watched: QObject) -> None:
        """Show the crisis script above whatever window the key was pressed in."""
        front = watched.window() if isinstance(watched, QWidget) else None
        if front is None:
            front = QApplication.activeModalWidget() or QApplication.activeWindow()
        if isinstance(front, CrisisPage):
            front.show_top(self._book())
            return
        if front is None or front is self._window:
            self._action.trigger()
            return
        self.open_over(front)

    def open_over(self, front: QWidget) -> CrisisPage:
        """The crisis page over `front`; it is deleted when closed."""
        page = CrisisPage(book=self._book(), parent=front)
        page.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        page.finished.connect(lambda _result: self._closed(page))
        self.page = page
        page.open()
        page.view.scroll_to_top()
        return page

    def _closed(self, page: CrisisPage) -> None:
        if self.page is page:
            self.page = None
