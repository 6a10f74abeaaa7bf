"""The staff picker's management row: rename the selected staff member, or (de)activate them.

Each change is an event in the log, recorded by whoever is at the desk (or `admin` when nobody
is yet). A deactivated staff member stays in the log's history but can no longer act.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from desk.core.requests.models import Staff


class StaffManageRow(QWidget):
    """Selected person: [new name____] [Rename] [Deactivate | Reactivate]; and a check box,
    `show_inactive`, that the picker places under its list.

    Signals:
        rename_requested(str): the new name for the selected staff member.
        active_requested(bool): deactivate (False) or reactivate (True) the selected one.
        show_inactive_changed(bool): list deactivated staff too.
    """

    rename_requested = Signal(str)
    active_requested = Signal(bool)
    show_inactive_changed = Signal(bool)

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._selected: Staff | None = None
        self.new_name = QLineEdit(self)
        self.new_name.setPlaceholderText("New name")
        self.new_name.setAccessibleName("Rename the selected staff member to")
        self.rename_button = QPushButton("&Rename", self)
        self.rename_button.setAutoDefault(False)
        self.rename_button.clicked.connect(
            lambda: self.rename_requested.emit(self.new_name.text().strip())
        )
        self.active_button = QPushButton("&Deactivate", self)
        self.active_button.setAutoDefault(False)
        self.active_button.setToolTip("Left the practice: they can no longer record anything")
        self.active_button.clicked.connect(self._toggle)
        self.show_inactive = QCheckBox("Show &former staff", parent)
        self.show_inactive.toggled.connect(self.show_inactive_changed)
        self.new_name.textChanged.connect(lambda _t: self._update())
        label = QLabel("Selected &person:", self)
        label.setBuddy(self.new_name)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.new_name, 1)
        layout.addWidget(self.rename_button)
        layout.addWidget(self.active_button)
        self._update()

    def set_selected(self, staff: Staff | None) -> None:
        self._selected = staff
        self._update()

    def _toggle(self) -> None:
        if self._selected is not None:
            self.active_requested.emit(not self._selected.active)

    def _update(self) -> None:
        staff = self._selected
        self.rename_button.setEnabled(staff is not None and bool(self.new_name.text().strip()))
        self.active_button.setEnabled(staff is not None)
        reactivate = staff is not None and not staff.active
        self.active_button.setText("Reac&tivate" if reactivate else "&Deactivate")
