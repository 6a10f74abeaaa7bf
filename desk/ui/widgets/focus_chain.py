"""Tab order that follows reading order, whatever order the parts of the window were built in.

Qt's tab order is the order widgets were created. Desk builds its window in stages (the requests
tab mounts after the first paint, every topic rebuilds its page), so Qt's own chain sends Tab to
the status bar before the Copy buttons. `reading_order` instead lists what Tab can reach now:
region by region as given (top to bottom), and inside a region row by row, left to right, as
the widgets sit on screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QScrollArea, QWidget

_ROW = 24  # widgets whose middles are this close in height read as one row


def tab_chain(root: QWidget) -> list[QWidget]:
    """Widgets inside `root` that Tab can reach, in Qt's chain order (hidden ones included)."""
    found: list[QWidget] = []
    seen: set[int] = set()
    widget = root.nextInFocusChain()
    while widget is not None and widget is not root and id(widget) not in seen:
        seen.add(id(widget))
        if root.isAncestorOf(widget) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            found.append(widget)
        widget = widget.nextInFocusChain()
    return found


def reading_order(root: QWidget, regions: Sequence[QWidget]) -> list[QWidget]:
    """The widgets Tab should visit now, in reading order.

    Only visible, enabled widgets that take Tab focus count. Widgets outside every region come
    last, in Qt's order.
    """
    # A widget with a focus proxy (a tab widget: its tab bar) is reached through the proxy.
    reachable = [
        w
        for w in tab_chain(root)
        if w.isVisible() and w.isEnabled() and w.window() is root and w.focusProxy() is None
    ]
    ordered: list[QWidget] = []
    placed: set[int] = set()
    for region in regions:
        inside = [
            w for w in reachable if id(w) not in placed and (w is region or region.isAncestorOf(w))
        ]
        inside.sort(key=lambda w: _place(root, w))
        ordered += inside
        placed.update(id(w) for w in inside)
    return ordered + [w for w in reachable if id(w) not in placed]


def _place(root: QWidget, widget: QWidget) -> tuple[int, int]:
    top_left = widget.mapTo(root, QPoint(0, 0))
    # Inside a scroll area, where the widget sits on the page, however far it is scrolled.
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        content = parent.widget() if isinstance(parent, QScrollArea) else None
        if content is not None and content.isAncestorOf(widget):
            top_left = parent.mapTo(root, QPoint(0, 0)) + widget.mapTo(content, QPoint(0, 0))
            break
        parent = parent.parentWidget()
    middle = top_left.y() + min(widget.height(), 2 * _ROW) // 2
    return middle // _ROW, top_left.x()


def step(root: QWidget, regions: Sequence[QWidget], *, forward: bool) -> bool:
    """Move the focus to the next (or previous) widget in reading order; False if none."""
    order = reading_order(root, regions)
    if not order:
        return False
    current: QWidget | None = root.focusWidget()
    while current is not None and current not in order and current is not root:
        current = current.parentWidget()
    if current in order:
        index = order.index(current) + (1 if forward else -1)
    else:
        index = 0 if forward else -1
    target = order[index % len(order)]
    reason = Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
    target.setFocus(reason)
    # Qt's own Tab scrolls a scroll area to the new focus; do the same.
    parent = target.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(target)
        parent = parent.parentWidget()
    return True
