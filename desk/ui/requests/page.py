"""What the requests tab shows while unlocked: filters, buttons, the table, the history pane.

Only layout lives here; the tab decides what happens. Hiding this page hides every piece of
client data on it, and every shortcut of its actions with it.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.core.requests.models import RequestFilter

from desk.ui.requests.actions import RequestActions
from desk.ui.requests.audit import JobBar
from desk.ui.requests.detail import RequestDetail
from desk.ui.requests.filters import RequestFilterBar
from desk.ui.requests.model import COLUMNS, COUNSELOR_COLUMN, RequestTableModel
from desk.ui.widgets.controls import ActionButton
from desk.ui.widgets.flow_layout import FlowLayout

# The client column keeps room for a whole mask ("J••• S••• #1234"); the counselor's name,
# also shown in the history pane, is the one that gives way on a narrow screen.
COLUMN_WIDTHS = (76, 118, 132, 160, 106, 118)


def make_table(model: QAbstractItemModel, *, parent: QWidget) -> QTableView:
    """A read-only, one-row-at-a-time table in the log's order (no sorting by header)."""
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setSortingEnabled(False)
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    table.setAccessibleName("Email requests")
    table.setTabKeyNavigation(False)
    vertical = table.verticalHeader()
    vertical.hide()
    # Fixed row heights: the view never measures rows, whatever the number loaded.
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setSectionsClickable(False)
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    for column, width in zip(range(len(COLUMNS)), COLUMN_WIDTHS, strict=True):
        header.resizeSection(column, width)
    header.setSectionResizeMode(COUNSELOR_COLUMN, QHeaderView.ResizeMode.Stretch)
    header.setMinimumSectionSize(60)
    return table


def status_line_text(*, shown: int, total: int | None, flt: RequestFilter, loading: bool) -> str:
    """The line under the table: how many requests, and whether more are on the way."""
    filtered = flt != RequestFilter()
    if total is None:
        return "Loading requests\u2026"
    if total == 0 and not filtered:
        text = "No requests yet. When a caller asks for a counselor's email, press Ctrl+N."
    elif total == 0:
        text = "No requests match these filters."
    else:
        noun = "request" if total == 1 else "requests"
        match = " matching the filters" if filtered else ""
        text = f"Showing {shown:,} of {total:,} {noun}{match}, newest first."
        if shown < total:
            text += " Scroll down for more."
    return f"{text}  Loading\u2026" if loading else text


class RequestsPage(QWidget):
    """Filters and main buttons on top; the table beside the selected request's history."""

    def __init__(
        self,
        *,
        model: QAbstractItemModel,
        filters: RequestFilterBar,
        detail: RequestDetail,
        actions: RequestActions,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.filters = filters
        self.detail = detail
        self.table = make_table(model, parent=self)
        self.status_line = QLabel("", self)
        self.status_line.setWordWrap(True)
        self.job_bar = JobBar(parent=self)
        self._followed: RequestTableModel | None = None
        a = actions
        self.new_button = ActionButton(a.new, parent=self)
        self.privacy_button = ActionButton(a.privacy, parent=self)
        # The main buttons come first, in reading and tab order, and wrap on a narrow window.
        buttons = QWidget(self)
        top = FlowLayout(buttons, spacing=6)
        self.tool_buttons = [
            self.new_button,
            *(ActionButton(action, parent=buttons) for action in (a.export, a.verify)),
            ActionButton(a.counselors, parent=buttons),
            self.privacy_button,
            ActionButton(a.lock, parent=buttons),
        ]
        self.lock_button = self.tool_buttons[-1]
        for button in self.tool_buttons:
            button.setParent(buttons)
            top.addWidget(button)

        # Steps for the selected request sit with its history, enabled as its state allows.
        steps = QWidget(self)
        grid = FlowLayout(steps, spacing=6)
        grid.setContentsMargins(0, 4, 0, 4)
        self.step_buttons = [
            ActionButton(action, parent=steps)
            for action in (a.approve, a.decline, a.release, a.withdraw, a.note)
        ]
        for button in self.step_buttons:
            grid.addWidget(button)
        detail.set_actions(steps)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([800, 420])
        detail.setMinimumWidth(300)
        self.table.setMinimumWidth(340)

        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 2)
        column.addWidget(buttons)
        column.addWidget(filters)
        column.addWidget(splitter, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_line, 1)
        bottom.addWidget(self.job_bar)
        column.addLayout(bottom)
        # Reading order: the buttons, the filters, the table, then the request's history pane.
        chain = [*self.tool_buttons, filters.status]
        for first, second in itertools.pairwise(chain):
            self.setTabOrder(first, second)
        self.setTabOrder(filters.clear_button, self.table)
        self.setTabOrder(self.table, self.step_buttons[0])

    def follow(self, model: RequestTableModel) -> None:
        """Keep the line under the table in step with what `model` has loaded."""
        self._followed = model
        for signal in (model.total_changed, model.loading_changed, model.rowsInserted):
            signal.connect(self._show_counts)
        model.load_failed.connect(self.show_failure)

    def _show_counts(self, *_args: object) -> None:
        model = self._followed
        if model is None:
            return
        self.status_line.setText(
            status_line_text(
                shown=model.rowCount(),
                total=model.total,
                flt=model.filter,
                loading=model.is_loading(),
            )
        )

    def show_failure(self, message: str) -> None:
        self.status_line.setText(f"\u26a0 Could not read the request log: {message}")
