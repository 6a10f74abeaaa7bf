"""The checklist on the left: one row per topic with its verdict mark, title and answer.

Each row carries the verdict as a mark and a word in a coloured pill, so the verdict reads the
same without colour (print, colour-blind staff, a washed-out monitor).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QTextLayout
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desk.core.policy.book import Topic

from desk.ui.policy.topic_model import TopicRole
from desk.ui.widgets.theme import VERDICT_MARK, VERDICT_SHORT, muted_text, swatch

AnyIndex = QModelIndex | QPersistentModelIndex

_ANSWER_LINES = 2


def wrap_lines(text: str, font: QFont, width: int, max_lines: int) -> list[str]:
    """Word-wrap `text` to at most `max_lines` lines of `width`, eliding the last one."""
    fm = QFontMetrics(font)
    layout = QTextLayout(text, font)
    layout.beginLayout()
    lines: list[str] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(width, 1))
        start, length = line.textStart(), line.textLength()
        if len(lines) == max_lines - 1:
            rest = text[start:].replace("\n", " ")
            lines.append(fm.elidedText(rest, Qt.TextElideMode.ElideRight, width))
            break
        lines.append(text[start : start + length].rstrip())
    layout.endLayout()
    return lines


class _Metrics:
    """Fonts and sizes derived from one item font; rebuilt only when that font changes."""

    def __init__(self, font: QFont) -> None:
        self.font = QFont(font)
        self.base = QFont(font)
        self.title = QFont(font)
        self.title.setBold(True)
        self.title.setPointSizeF(font.pointSizeF() * 1.08)
        self.pill = QFont(font)
        self.pill.setBold(True)
        base_fm = QFontMetrics(self.base)
        self.pad = max(6, base_fm.height() // 2)
        self.line_spacing = base_fm.lineSpacing()
        self.title_height = QFontMetrics(self.title).height()
        pill_fm = QFontMetrics(self.pill)
        widest = max(
            pill_fm.horizontalAdvance(f"{VERDICT_MARK[v]} {VERDICT_SHORT[v]}") for v in VERDICT_MARK
        )
        self.pill_width = widest + pill_fm.height()
        self.pill_height = pill_fm.height() + self.pad // 2
        # Wrapped answers by (answer, text width): every re-layout and paint asks again.
        self._lines: dict[tuple[str, int], list[str]] = {}

    def answer_lines(self, answer: str, width: int) -> list[str]:
        key = (answer, width)
        lines = self._lines.get(key)
        if lines is None:
            if len(self._lines) > 4096:
                self._lines.clear()
            lines = self._lines[key] = wrap_lines(answer, self.base, width, _ANSWER_LINES)
        return lines


class TopicRowDelegate(QStyledItemDelegate):
    """Paints a topic as: verdict pill, bold title, and the answer in up to two lines."""

    def __init__(self, *, view: QListView) -> None:
        super().__init__(view)
        self._view = view
        self._cached: _Metrics | None = None

    def _metrics(self, option: QStyleOptionViewItem) -> _Metrics:
        font = option.font
        if self._cached is None or self._cached.font != font:
            self._cached = _Metrics(font)
        return self._cached

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        topic = index.data(TopicRole)
        if not isinstance(topic, Topic):
            return super().sizeHint(option, index)
        m = self._metrics(option)
        # The list lays rows out in `option.rect`, its viewport's width. (Asking the view for
        # its viewport would be the same width, but a first call costs PySide a walk over
        # every widget class to type the returned pointer.)
        width = option.rect.width() - m.pill_width - 3 * m.pad
        lines = len(m.answer_lines(topic.answer, width))
        return QSize(width, m.title_height + m.pad // 3 + lines * m.line_spacing + 2 * m.pad)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        topic = index.data(TopicRole)
        if not isinstance(topic, Topic):
            super().paint(painter, option, index)
            return
        m = self._metrics(option)
        base, title_font, pill_font, pad = m.base, m.title, m.pill, m.pad
        palette: QPalette = option.palette
        rect: QRect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)

        # Let the style draw the selection/hover background so it matches the platform.
        style_option = QStyleOptionViewItem(option)
        self.initStyleOption(style_option, index)
        style_option.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, style_option, painter, widget
            )

        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_color = palette.color(text_role)
        muted = muted_text(palette, selected=selected)

        # Verdict pill.
        sw = swatch(topic.verdict, palette)
        pill_h = m.pill_height
        pill = QRect(rect.left() + pad, rect.top() + pad, m.pill_width, pill_h)
        painter.setPen(sw.border)
        painter.setBrush(sw.bg)
        painter.drawRoundedRect(pill, pill_h / 2, pill_h / 2)
        painter.setPen(sw.fg)
        painter.setFont(pill_font)
        painter.drawText(
            pill,
            Qt.AlignmentFlag.AlignCenter,
            f"{VERDICT_MARK[topic.verdict]} {VERDICT_SHORT[topic.verdict]}",
        )

        # Title and answer.
        left = pill.right() + pad
        width = rect.right() - pad - left
        title_fm = QFontMetrics(title_font)
        painter.setFont(title_font)
        painter.setPen(text_color)
        title_rect = QRect(left, rect.top() + pad, width, title_fm.height())
        painter.drawText(
            title_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            title_fm.elidedText(topic.title, Qt.TextElideMode.ElideRight, width),
        )
        painter.setFont(base)
        painter.setPen(muted)
        fm = QFontMetrics(base)
        y = title_rect.bottom() + 1 + pad // 3
        for line in m.answer_lines(topic.answer, width):
            painter.drawText(QRect(left, y, width, fm.height()), Qt.AlignmentFlag.AlignLeft, line)
            y += fm.lineSpacing()

        # A hairline between rows keeps dense lists scannable.
        if not selected:
            painter.setPen(palette.color(QPalette.ColorRole.Midlight))
            painter.drawLine(rect.left() + pad, rect.bottom(), rect.right() - pad, rect.bottom())
        painter.restore()


class TopicList(QListView):
    """The checklist view. Single selection; rows re-measure when the width changes."""

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(TopicRowDelegate(view=self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(False)
        self.setWordWrap(True)
        self.setMouseTracking(True)
        self.setAccessibleName("Policy checklist")
        self.setMinimumWidth(QFontMetrics(self.font()).averageCharWidth() * 36)
