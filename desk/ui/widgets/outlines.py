"""Outlines that stay visible in dark mode: check boxes, radio buttons, buttons and fields.

Qt's Fusion style draws these edges a little darker than the window, which on a dark window is
nearly invisible (WCAG 2.2 asks 3:1 for the parts of a control that show its state). On dark
palettes this style draws each edge again in the palette's `Mid` colour, which Desk's dark
palette sets to meet 3:1 against the window, field and button colours (tests compute it).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QStyleOptionComplex, QWidget

from desk.ui.widgets.theme import is_dark

_PE = QStyle.PrimitiveElement
_CC = QStyle.ComplexControl
_BOXES = frozenset({_PE.PE_IndicatorCheckBox, _PE.PE_IndicatorItemViewItemCheck})
_PANELS = frozenset({_PE.PE_PanelButtonCommand, _PE.PE_FrameLineEdit})
_FIELDS = frozenset({_CC.CC_ComboBox, _CC.CC_SpinBox})


class OutlinedStyle(QProxyStyle):
    """The base style, with control edges redrawn at 3:1 on dark palettes."""

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if not is_dark(option.palette):
            return
        if element in _BOXES:
            _outline(painter, option, radius=2.0)
        elif element == _PE.PE_IndicatorRadioButton:
            _outline(painter, option, ellipse=True)
        elif element in _PANELS:
            _outline(painter, option, radius=3.0)

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control in _FIELDS and is_dark(option.palette):
            _outline(painter, option, radius=3.0)


def _outline(
    painter: QPainter, option: QStyleOption, *, radius: float = 0.0, ellipse: bool = False
) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(option.palette.color(QPalette.ColorRole.Mid), 1.0))
    painter.setBrush(QPalette().brush(QPalette.ColorRole.NoRole))
    rect = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
    if ellipse:
        painter.drawEllipse(rect)
    else:
        painter.drawRoundedRect(rect, radius, radius)
    painter.restore()
