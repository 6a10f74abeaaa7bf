"""A request's status on screen: its colours in light and dark, and the status pill."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from desk.ui.requests.words import STATUS_WORDS, status_text
from desk.ui.widgets.theme import muted_text

_STATUS_LIGHT = {
    "pending": ("#7a4d00", "#fff0c7", "#e8c45f"),
    "approved": ("#116329", "#dcf5e3", "#8fd3a3"),
    "declined": ("#a4161a", "#fde4e3", "#f1a19c"),
    "released": ("#1f4f8f", "#e3eefc", "#9bbbe6"),
}
_STATUS_DARK = {
    "pending": ("#f7d36b", "#3f3210", "#7a6120"),
    "approved": ("#8ee6a8", "#163a22", "#2f6b41"),
    "declined": ("#ffaaa3", "#4a1c1a", "#84322d"),
    "released": ("#a9c8f5", "#1b2d47", "#3a5a88"),
}


def _status_colours(status: str, palette: QPalette) -> tuple[QColor, QColor, QColor] | None:
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    found = (_STATUS_DARK if dark else _STATUS_LIGHT).get(status)
    return (QColor(found[0]), QColor(found[1]), QColor(found[2])) if found else None


def status_colour(status: str, palette: QPalette) -> QColor:
    """Text colour for a status; the mark and word carry the meaning, colour only helps."""
    colours = _status_colours(status, palette)
    return colours[0] if colours else muted_text(palette, on_window=True)


class StatusPill(QLabel):
    """A request's status as a rounded badge: mark, word and colour."""

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusPill")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._status: str | None = None

    def set_status(self, status: str | None) -> None:
        self._status = status
        self.setVisible(status is not None)
        if status is None:
            return
        self.setText(status_text(status))
        self.setAccessibleName(f"Status: {STATUS_WORDS.get(status, status)}")
        palette = self.palette()
        colours = _status_colours(status, palette)
        if colours:
            fg, bg, border = (c.name() for c in colours)
        else:
            fg = muted_text(palette, on_window=True).name()
            bg = palette.color(QPalette.ColorRole.Window).name()
            border = palette.color(QPalette.ColorRole.Mid).name()
        self.setStyleSheet(
            f"QLabel#statusPill {{ color: {fg}; background: {bg}; border: 1px solid {border};"
            " border-radius: 0.6em; padding: 0.15em 0.7em; font-weight: 600; }"
        )
