"""A focus ring drawn around whichever control has the keyboard, in every window of Desk.

Styles draw focus faintly or not at all on list views, combo boxes, radio buttons and links,
and staff who work from the keyboard lose their place. One overlay per window paints a solid
ring, `RING_WIDTH` logical pixels thick, just outside the focused control's visible edge, in a
colour with at least 3:1 contrast against the window in light and dark schemes (WCAG 2.2
focus appearance). It never takes focus or mouse clicks.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

from desk.ui.widgets.theme import is_dark

RING_WIDTH = 2
_GAP = 1  # between the control's edge and the ring, so the ring never covers its text
_LIGHT_RING = "#0b57d0"
_DARK_RING = "#a8c7fa"
_WATCHED = frozenset({QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide})


def ring_colour(palette: QPalette) -> QColor:
    """The ring's colour for a light or dark window."""
    return QColor(_DARK_RING if is_dark(palette) else _LIGHT_RING)


class _Ring(QWidget):
    """The overlay: a transparent child of one window, raised above everything in it."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("focusRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(ring_colour(self.window().palette()))
        pen.setWidth(RING_WIDTH)
        painter.setPen(pen)
        half = RING_WIDTH / 2
        painter.drawRoundedRect(self.rect().toRectF().adjusted(half, half, -half, -half), 3, 3)
        painter.end()


class FocusRing(QObject):
    """Follows application focus and keeps a ring around the focused control."""

    def __init__(self, *, app: QApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._target: QWidget | None = None
        self._watched: list[QWidget] = []
        self._shown: _Ring | None = None
        app.focusChanged.connect(self._focus_changed)
        self._focus_changed(None, app.focusWidget())

    @staticmethod
    def ring_for(window: QWidget) -> QWidget | None:
        """The overlay drawn in `window`, or None if nothing in it ever had focus."""
        return window.findChild(_Ring, "focusRing", Qt.FindChildOption.FindDirectChildrenOnly)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        self._unwatch()
        if self._shown is not None and shiboken6.isValid(self._shown):
            self._shown.hide()
        self._shown = None
        self._target = new
        if new is None or isinstance(new, _Ring):
            return
        # Watch the control and its parents: scrolling moves a parent, not the control.
        widget: QWidget | None = new
        while widget is not None:
            widget.installEventFilter(self)
            self._watched.append(widget)
            widget = None if widget.isWindow() else widget.parentWidget()
        self._place()

    def _unwatch(self) -> None:
        for widget in self._watched:
            if shiboken6.isValid(widget):
                widget.removeEventFilter(self)
        self._watched.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _WATCHED:
            self._place()
        return False

    def _place(self) -> None:
        target = self._target
        if target is None or not shiboken6.isValid(target):
            return
        window = target.window()
        ring = self.ring_for(window)
        if not isinstance(ring, _Ring):
            ring = _Ring(window)
        self._shown = ring
        visible = _visible_rect(target)
        if visible.isEmpty() or not target.isVisible():
            ring.hide()
            return
        outset = _GAP + RING_WIDTH
        top_left = target.mapTo(window, visible.topLeft())
        area = QRect(top_left, visible.size()).adjusted(-outset, -outset, outset, outset)
        ring.setGeometry(area.intersected(window.rect()))
        ring.raise_()
        ring.show()
        ring.update()


def _visible_rect(widget: QWidget) -> QRect:
    """The part of `widget` not clipped by a scroll area around it."""
    rect = widget.rect()
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        if isinstance(parent, QAbstractScrollArea):
            viewport = parent.viewport()
            origin = (
                widget.mapTo(viewport, rect.topLeft()) if viewport.isAncestorOf(widget) else None
            )
            if origin is not None:
                shown = QRect(origin, rect.size()).intersected(viewport.rect())
                rect = QRect(shown.topLeft() - origin + rect.topLeft(), shown.size())
        parent = parent.parentWidget()
    return rect
