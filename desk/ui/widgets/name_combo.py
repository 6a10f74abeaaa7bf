"""A drop-down of people where typing any part of a name picks it ("oka" finds Daniel Okafor).

Qt's own combo box only matches the start of the text, so typing a counselor's surname, the
part a caller usually says, picked nobody.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QWidget

RESET_MS = 1000  # a pause this long starts a new search, as in Qt's own lists


def find_name(names: list[str], typed: str) -> int:
    """Index of the first name with a word starting with `typed`, else one containing it; -1."""
    typed = typed.casefold().strip()
    if not typed:
        return -1
    folded = [name.casefold() for name in names]
    for i, name in enumerate(folded):
        if name.startswith(typed) or any(w.startswith(typed) for w in name.split()):
            return i
    return next((i for i, name in enumerate(folded) if typed in name), -1)


class NameCombo(QComboBox):
    """A non-editable combo box whose type-to-select matches any word of an item."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._typed = ""
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(RESET_MS)
        self.search_timer.timeout.connect(self.reset_search)

    def reset_search(self) -> None:
        self._typed = ""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        plain = not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        )
        if plain and text and text.isprintable() and (text != " " or self._typed):
            self._typed += text
            self.search_timer.start()
            names = [self.itemText(i) for i in range(self.count())]
            found = find_name(names, self._typed)
            if found >= 0:
                self.setCurrentIndex(found)
            event.accept()
            return
        super().keyPressEvent(event)
