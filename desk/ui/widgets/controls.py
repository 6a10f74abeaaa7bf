"""Small controls every screen shares: action buttons, headings, hints, the padlock."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from desk.ui.widgets.theme import muted_text


class ActionButton(QPushButton):
    """A push button that mirrors a `QAction`: text, shortcut beside it, enabled and checked.

    The action holds the shortcut (set by the composition root or the tab), so the button never
    advertises a key that does nothing. `text` replaces the action's text on the button only.
    """

    def __init__(
        self,
        action: QAction,
        *,
        text: str | None = None,
        show_key: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._action = action
        self._text = text
        self._show_key = show_key
        self.setCheckable(action.isCheckable())
        self.clicked.connect(self._clicked)
        action.changed.connect(self._sync)
        action.toggled.connect(self._sync)
        self._sync()

    def _clicked(self) -> None:
        self._action.trigger()
        self._sync()

    def _sync(self, *_args: object) -> None:
        action = self._action
        key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        text = self._text if self._text is not None else action.text()
        self.setText(f"{text}   {key}" if key and self._show_key else text)
        self.setEnabled(action.isEnabled())
        if action.isCheckable():
            self.setChecked(action.isChecked())
        plain = text.replace("&", "")
        tip = plain if self._text is not None else action.toolTip() or plain
        self.setToolTip(f"{tip} ({key})" if key else tip)
        self.setAccessibleName(plain)


class HoldButton(QPushButton):
    """Shows something only while held down (mouse or Space), for names on a public screen.

    Signals:
        held(bool): True when pressed, False when let go.
    """

    held = Signal(bool)

    def __init__(self, text: str, *, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setAutoRepeat(False)
        self.pressed.connect(lambda: self.held.emit(True))
        self.released.connect(lambda: self.held.emit(False))
        self.setToolTip("Hold to show the client's name; it hides again when you let go")


def heading(text: str, *, parent: QWidget | None = None, scale: float = 1.25) -> QLabel:
    """A bold label a little larger than body text."""
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setBold(True)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def hint(text: str, *, parent: QWidget | None = None) -> QLabel:
    """Muted explanatory text that wraps."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    palette = label.palette()
    palette.setColor(label.foregroundRole(), muted_text(palette, on_window=True))
    label.setPalette(palette)
    return label


# Text, fill and border per status, for light and dark schemes. Withdrawn stays neutral.
def padlock(size: int, colour: QColor) -> QPixmap:
    """A drawn padlock (fonts on a bare system may have no lock glyph)."""
    ratio = 2.0
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(colour, size * 0.09)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    shackle = QRectF(size * 0.28, size * 0.08, size * 0.44, size * 0.5)
    painter.drawArc(shackle, 0, 180 * 16)
    painter.drawLine(QPointF(shackle.left(), size * 0.33), QPointF(shackle.left(), size * 0.46))
    painter.drawLine(QPointF(shackle.right(), size * 0.33), QPointF(shackle.right(), size * 0.46))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawRoundedRect(QRectF(size * 0.18, size * 0.44, size * 0.64, size * 0.48), 4, 4)
    painter.setBrush(
        QColor(colour).lighter(250) if colour.lightness() < 128 else colour.darker(250)
    )
    painter.drawEllipse(QPointF(size * 0.5, size * 0.64), size * 0.06, size * 0.06)
    painter.drawRect(QRectF(size * 0.48, size * 0.66, size * 0.04, size * 0.12))
    painter.end()
    return pixmap
