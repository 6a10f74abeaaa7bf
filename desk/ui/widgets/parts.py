"""Small widgets the policy pages are built from.

Each shows one thing clearly and stays reachable by keyboard: buttons mirror the shortcut of
the action they stand for, tick rows wrap long text yet toggle from the keyboard, and labels
escape policy text so a stray `<` in a YAML file never becomes markup.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QFont,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from desk.ui.widgets.theme import GUIDANCE_TEXT, muted_text, swatch

# What `html.escape` replaces, without importing `html` (and its entity tables) at start-up.
_MARKUP = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def escape_markup(text: str) -> str:
    """Policy text made safe to place inside rich-text markup."""
    return text.translate(_MARKUP)


def key_text(action: QAction) -> str:
    """The action's first shortcut as the platform writes it ("Ctrl+1"), or ""."""
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


class SectionHeading(QLabel):
    """A small bold heading above a block of the topic page."""

    def __init__(self, text: str, *, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 0.92)
        font.setCapitalization(QFont.Capitalization.AllUppercase)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
        self.setFont(font)
        self.setObjectName("sectionHeading")
        self.setContentsMargins(0, 10, 0, 2)
        palette = self.palette()
        palette.setColor(self.foregroundRole(), muted_text(palette))
        self.setPalette(palette)


class Pill(QLabel):
    """A rounded tag painted in a theme swatch (`yes`, `no`, `conditional`, `guidance`...).

    Painted rather than styled: style sheets cost a parse and a re-polish per widget, and
    painting reads the current palette, so the tag follows a light/dark switch by itself.
    """

    def __init__(self, text: str, *, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.kind = kind
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(text)

    def _pad(self) -> tuple[int, int]:
        fm = self.fontMetrics()
        return fm.height() // 2, max(2, fm.height() // 6)

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        px, py = self._pad()
        return QSize(fm.horizontalAdvance(self.text()) + 2 * px + 2, fm.height() + 2 * py + 2)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, _event: QPaintEvent) -> None:
        s = swatch(self.kind, self.palette())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        radius = min(rect.height() / 2, self.fontMetrics().height() * 0.6)
        painter.setPen(QPen(s.border, 1))
        painter.setBrush(s.bg)
        painter.drawRoundedRect(rect, radius, radius)
        painter.setPen(s.fg)
        painter.setFont(self.font())
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.text())


class GuidanceTag(Pill):
    """The marker on anything the written policy does not state."""

    def __init__(self, *, short: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(
            f"\u2139 {'Practice guidance' if short else GUIDANCE_TEXT}",
            kind="guidance",
            parent=parent,
        )
        self.setObjectName("guidanceTag")
        self.setToolTip(
            "Not stated in the written policy. Confirm with the office before relying on it."
        )
        self.setAccessibleName(GUIDANCE_TEXT)


class _ClickLabel(QLabel):
    clicked = Signal()

    def mouseReleaseEvent(self, ev: QMouseEvent) -> None:
        if ev.button() == Qt.MouseButton.LeftButton and not self.hasSelectedText():
            self.clicked.emit()
        super().mouseReleaseEvent(ev)


class CheckRow(QWidget):
    """A tick box with wrapping text; clicking the text toggles the box.

    Signals:
        toggled(bool): the box was ticked or unticked.
    """

    toggled = Signal(bool)

    def __init__(self, text: str, *, guidance: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.box = QCheckBox()
        self.box.setAccessibleName(text + (" (practice guidance)" if guidance else ""))
        self.box.toggled.connect(self.toggled)
        body = escape_markup(text)
        if guidance:
            s = swatch("guidance", self.palette())
            body += (
                f' <span style="color:{s.fg.name()}; font-size: small;">'
                "\u2139&nbsp;Practice&nbsp;guidance</span>"
            )
        self.label = _ClickLabel(body)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.clicked.connect(self.box.toggle)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 3, 0, 3)
        row.setSpacing(8)
        row.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)

    @property
    def checked(self) -> bool:
        return self.box.isChecked()


class Card(QFrame):
    """A rounded block: on the palette's base colour, or in a theme swatch when `kind` is set.

    Painted, not styled, so it costs nothing to create and follows the palette by itself.
    """

    def __init__(self, *, kind: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind

    def paintEvent(self, _event: QPaintEvent) -> None:
        palette = self.palette()
        if self.kind is None:
            bg = palette.color(QPalette.ColorRole.Base)
            border = palette.color(QPalette.ColorRole.Mid)
        else:
            s = swatch(self.kind, palette)
            bg, border = s.bg, s.border
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # An alert is drawn with a heavier edge: its colour is never the only change.
        width = 3 if self.kind == "crisis-alert" else 1
        painter.setPen(QPen(border, width))
        painter.setBrush(bg)
        inset = width / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset), 6, 6)


def text_button(text: str, *, parent: QWidget | None = None) -> QPushButton:
    """A push button showing `text`.

    The text is set after construction: `QPushButton(text)` makes PySide weigh the
    (icon, text) overload, which builds every QIcon enum, and nothing on the first screen
    needs them.
    """
    button = QPushButton(parent)
    button.setText(text)
    return button


def wrapped(text: str, *, selectable: bool = False, scale: float = 1.0) -> QLabel:
    """A plain-text label that wraps; policy text is never interpreted as markup."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if scale != 1.0:
        font = QFont(label.font())
        font.setPointSizeF(font.pointSizeF() * scale)
        label.setFont(font)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
