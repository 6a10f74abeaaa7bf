"""Tab order that follows reading order, whatever order the parts of the window were built in.

Qt's tab order is the order widgets were created. Desk builds its window in stages (the requests
tab mounts after the first paint, a new policy rebuilds the topic page), so without help Tab
reaches the status bar before the Copy buttons. `follow_reading_order` sorts the chain by
region: top to bottom as the regions are given, each region keeping its own order.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def tab_chain(root: QWidget) -> list[QWidget]:
    """Widgets inside `root` that Tab can reach, in chain order (hidden ones included)."""
    found: list[QWidget] = []
    seen: set[int] = set()
    widget = root.nextInFocusChain()
    while widget is not None and widget is not root and id(widget) not in seen:
        seen.add(id(widget))
        if root.isAncestorOf(widget) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            found.append(widget)
        widget = widget.nextInFocusChain()
    return found


def follow_reading_order(root: QWidget, regions: Sequence[QWidget]) -> list[QWidget]:
    """Reorder `root`'s tab chain region by region; returns the new chain.

    Widgets outside every region keep their relative order after the last region.
    """
    chain = tab_chain(root)
    ordered: list[QWidget] = []
    placed: set[int] = set()
    for region in regions:
        for widget in chain:
            if id(widget) not in placed and (widget is region or region.isAncestorOf(widget)):
                ordered.append(widget)
                placed.add(id(widget))
    ordered += [w for w in chain if id(w) not in placed]
    for first, second in itertools.pairwise(ordered):
        QWidget.setTabOrder(first, second)
    return ordered
