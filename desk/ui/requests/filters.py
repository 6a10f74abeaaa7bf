"""The filter row above the requests table: status, counselor, dates and client search."""

from __future__ import annotations

import itertools
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desk.core.requests.models import STATUSES, Counselor, RequestFilter

from desk.ui.requests.words import status_text
from desk.ui.widgets.flow_layout import FlowLayout
from desk.ui.widgets.name_combo import NameCombo


class RequestFilterBar(QWidget):
    """Edits a `RequestFilter`; every change is applied at once (stale loads are dropped).

    Signals:
        filter_changed(object): the new `RequestFilter`.
    """

    filter_changed = Signal(object)

    def __init__(self, *, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._quiet = False

        self.status = QComboBox(self)
        self.status.addItem("All statuses", None)
        for status in STATUSES:
            self.status.addItem(status_text(status), status)
        self.status.setAccessibleName("Status filter")

        self.counselor = NameCombo(self)
        self.counselor.setAccessibleName("Counselor filter")
        self.counselor.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.counselor.setMinimumContentsLength(14)

        self.use_since = QCheckBox("&From", self)
        self.since = QDateEdit(self)
        self.use_until = QCheckBox("&To", self)
        self.until = QDateEdit(self)
        for check, edit, name in (
            (self.use_since, self.since, "From date"),
            (self.use_until, self.until, "To date"),
        ):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setDate(QDate(today.year, today.month, today.day))
            edit.setEnabled(False)
            edit.setAccessibleName(name)
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(self._emit)
            edit.dateChanged.connect(self._emit)

        self.client = QLineEdit(self)
        self.client.setPlaceholderText("Name starts with\u2026")
        self.client.setClearButtonEnabled(True)
        self.client.setAccessibleName("Client name search")
        self.client.setMinimumWidth(180)
        self.client.textChanged.connect(self._emit)

        self.clear_button = QPushButton("Clear filters", self)
        self.clear_button.setToolTip("Show every request again")
        self.clear_button.clicked.connect(self.clear)

        status_label = QLabel("&Status", self)
        status_label.setBuddy(self.status)
        counselor_label = QLabel("Co&unselor", self)
        counselor_label.setBuddy(self.counselor)
        client_label = QLabel("&Client", self)
        client_label.setBuddy(self.client)

        # Label and control travel together; on a narrow window the pairs wrap onto a second
        # row instead of widening the window.
        layout = FlowLayout(self, spacing=6)
        for group in (
            (status_label, self.status),
            (counselor_label, self.counselor),
            (self.use_since, self.since),
            (self.use_until, self.until),
            (client_label, self.client),
            (self.clear_button,),
        ):
            layout.addWidget(_pair(group, parent=self))
        chain = [self.status, self.counselor, self.use_since, self.since]
        chain += [self.use_until, self.until, self.client, self.clear_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

        self.status.currentIndexChanged.connect(self._emit)
        self.counselor.currentIndexChanged.connect(self._emit)
        self.set_counselors([])

    def set_counselors(self, counselors: list[Counselor]) -> None:
        """Fill the counselor choice, keeping the current pick when it still exists."""
        chosen = self.counselor.currentData()
        self._quiet = True
        try:
            self.counselor.clear()
            self.counselor.addItem("All counselors", None)
            for c in sorted(counselors, key=lambda c: (not c.active, c.name.casefold())):
                label = c.display_name if c.active else f"{c.display_name} (inactive)"
                self.counselor.addItem(label, c.id)
            at = self.counselor.findData(chosen)
            self.counselor.setCurrentIndex(max(at, 0))
        finally:
            self._quiet = False

    def current_filter(self) -> RequestFilter:
        return RequestFilter(
            status=self.status.currentData(),
            counselor_id=self.counselor.currentData(),
            since=_day(self.since) if self.use_since.isChecked() else None,
            until=_day(self.until) if self.use_until.isChecked() else None,
            client=self.client.text().strip(),
        )

    def clear(self) -> None:
        """Back to every request."""
        self._quiet = True
        try:
            self.status.setCurrentIndex(0)
            self.counselor.setCurrentIndex(0)
            self.use_since.setChecked(False)
            self.use_until.setChecked(False)
            self.client.clear()
        finally:
            self._quiet = False
        self._emit()

    def _emit(self, *_args: object) -> None:
        if not self._quiet:
            self.filter_changed.emit(self.current_filter())


def _pair(widgets: tuple[QWidget, ...], *, parent: QWidget) -> QWidget:
    box = QWidget(parent)
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 8, 0)
    row.setSpacing(4)
    for widget in widgets:
        row.addWidget(widget)
    return box


def _day(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())
