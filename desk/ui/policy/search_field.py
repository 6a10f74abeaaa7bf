"""The search field: where every call starts.

Arrow and page keys move through the results without leaving the field, so staff can type,
glance, press Down, and keep typing. Escape clears the question.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget

_NAV_KEYS = {
    Qt.Key.Key_Up: -1,
    Qt.Key.Key_Down: 1,
    Qt.Key.Key_PageUp: -5,
    Qt.Key.Key_PageDown: 5,
}


class SearchField(QLineEdit):
    """A line edit that passes result navigation keys on.

    Signals:
        navigate(int): move the result selection by this many rows.
    """

    navigate = Signal(int)

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reserved: list[QKeySequence] = []
        self.setClearButtonEnabled(True)
        self.setAccessibleName("Search the policy")
        self.setAccessibleDescription(
            "Type the caller's question. Up and Down choose a result; Escape clears."
        )

    def set_reserved_keys(self, keys: list[QKeySequence]) -> None:
        """Window shortcuts that must win over the line edit's own bindings."""
        self._reserved = [k for k in keys if not k.isEmpty()]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = _NAV_KEYS.get(Qt.Key(event.key()))
        if step is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.navigate.emit(step)
            return
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)

    def event(self, ev: QEvent) -> bool:
        # QLineEdit claims some window shortcuts for editing on X11 (Ctrl+K deletes to the end
        # of the line, Ctrl+E moves to it). Here those keys belong to the window's actions.
        if ev.type() == QEvent.Type.ShortcutOverride and isinstance(ev, QKeyEvent):
            pressed = QKeySequence(ev.keyCombination())
            if any(
                k.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch for k in self._reserved
            ):
                ev.ignore()
                return True
        return super().event(ev)
