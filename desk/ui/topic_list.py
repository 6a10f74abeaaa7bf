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

from desk.core.policy import Topic

from desk.ui.theme import VERDICT_MARK, VERDICT_SHORT, muted_text, swatch
from desk.ui.topic_model import TopicRole

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


class TopicRowDelegate(QStyledItemDelegate):
    """Paints a topic as: verdict pill, bold title, and the answer in up to two lines."""

    def __init__(self, *, view: QListView) -> None:
        super().__init__(view)
        self._view = view

    def _metrics(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont, int]:
        base = QFont(option.font)
        title = QFont(base)
        title.setBold(True)
        title.setPointSizeF(base.pointSizeF() * 1.08)
        pill = QFont(base)
        pill.setBold(True)
        pad = max(6, QFontMetrics(base).height() // 2)
        return base, title, pill, pad

    def _pill_width(self, pill: QFont) -> int:
        fm = QFontMetrics(pill)
        widest = max(
            fm.horizontalAdvance(f"{VERDICT_MARK[v]} {VERDICT_SHORT[v]}") for v in VERDICT_MARK
        )
        return widest + fm.height()

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        _base, _title, pill, pad = self._metrics(option)
        return self._view.viewport().width() - self._pill_width(pill) - 3 * pad

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        topic = index.data(TopicRole)
        if not isinstance(topic, Topic):
            return super().sizeHint(option, index)
        base, title, _pill, pad = self._metrics(option)
        width = self._text_width(option)
        answer_lines = len(wrap_lines(topic.answer, base, width, _ANSWER_LINES))
        height = (
            QFontMetrics(title).height()
            + pad // 3
            + answer_lines * QFontMetrics(base).lineSpacing()
            + 2 * pad
        )
        return QSize(width, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        topic = index.data(TopicRole)
        if not isinstance(topic, Topic):
            super().paint(painter, option, index)
            return
        base, title_font, pill_font, pad = self._metrics(option)
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
        pill_fm = QFontMetrics(pill_font)
        pill_w = self._pill_width(pill_font)
        pill_h = pill_fm.height() + pad // 2
        pill = QRect(rect.left() + pad, rect.top() + pad, pill_w, pill_h)
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
        for line in wrap_lines(topic.answer, base, width, _ANSWER_LINES):
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
