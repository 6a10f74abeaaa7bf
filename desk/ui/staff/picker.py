""" "Who is at the desk?": pick yourself from the staff list, or add yourself; and the status-bar
widget that shows who is recorded as at the desk."""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.core.errors import DeskError
from desk.core.requests.models import Staff

from desk.ui.staff.session import StaffSession
from desk.ui.widgets.controls import heading, hint

StaffRole = int(Qt.ItemDataRole.UserRole) + 1
Index = QModelIndex | QPersistentModelIndex


class StaffBook(Protocol):
    """The staff side of `RequestLog`."""

    def list_staff(self) -> list[Staff]: ...

    def add_staff(self, *, staff_id: str, name: str) -> Staff: ...


class StaffListModel(QAbstractListModel):
    """Active staff by name; `StaffRole` returns the `Staff`."""

    def __init__(self, *, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._staff: list[Staff] = []

    def set_staff(self, staff: list[Staff]) -> None:
        self.beginResetModel()
        self._staff = sorted((s for s in staff if s.active), key=lambda s: s.name.casefold())
        self.endResetModel()

    def row_of(self, staff_id: str) -> int | None:
        return next((i for i, s in enumerate(self._staff) if s.id == staff_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  # Qt signature
        return 0 if parent.isValid() else len(self._staff)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._staff):
            return None
        staff = self._staff[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return staff.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Staff id: {staff.id}"
        if role == StaffRole:
            return staff
        return None


def suggest_id(name: str) -> str:
    """A short id from a name: "Maria Lopez" -> "maria.lopez"."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    words = re.findall(r"[a-z0-9]+", plain.casefold())
    return ".".join(words[:2])[:32]


class StaffPickerDialog(QDialog):
    """Pick the staff member at the desk; adding a new one is written to the log at once."""

    def __init__(
        self, *, log: StaffBook, current: Staff | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Who is at the desk?")
        self.setMinimumWidth(420)
        self._log = log
        self._id_edited = False
        self.model = StaffListModel(parent=self)
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setAccessibleName("Staff")
        self.list.setMinimumHeight(160)
        self.list.activated.connect(lambda _index: self.accept_if_chosen())

        self.new_name = QLineEdit(self)
        self.new_name.setPlaceholderText("Full name")
        self.new_name.setAccessibleName("New staff name")
        self.new_id = QLineEdit(self)
        self.new_id.setPlaceholderText("Short id")
        self.new_id.setAccessibleName("New staff id")
        self.new_id.setMaximumWidth(140)
        self.add_button = QPushButton("&Add me", self)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_new)
        self.new_name.textEdited.connect(self._name_edited)
        # Return in the new-name row adds that person; elsewhere it picks the one selected.
        self.new_name.textChanged.connect(self._default_button)
        self.new_id.textChanged.connect(self._default_button)
        self.new_id.textEdited.connect(lambda _t: setattr(self, "_id_edited", True))
        self.error = QLabel("", self)
        self.error.setWordWrap(True)
        self.error.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("That's me")
        self.ok.setDefault(True)
        self.buttons.accepted.connect(self.accept_if_chosen)
        self.buttons.rejected.connect(self.reject)

        list_label = QLabel("&Staff", self)
        list_label.setBuddy(self.list)
        new_label = QLabel("&New to the list?", self)
        new_label.setBuddy(self.new_name)
        new_row = QHBoxLayout()
        new_row.addWidget(self.new_name, 1)
        new_row.addWidget(self.new_id)
        new_row.addWidget(self.add_button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading("Who is at the desk?", parent=self))
        layout.addWidget(hint("Everything you record is logged under your name.", parent=self))
        layout.addWidget(list_label)
        layout.addWidget(self.list, 1)
        layout.addWidget(new_label)
        layout.addLayout(new_row)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.model.modelReset.connect(self._update)
        self._load(current.id if current else None)
        self.list.selectionModel().selectionChanged.connect(self._update)
        self._update()
        (self.list if self.model.rowCount() else self.new_name).setFocus()

    def chosen(self) -> Staff | None:
        index = self.list.currentIndex()
        value = index.data(StaffRole) if index.isValid() else None
        return value if isinstance(value, Staff) else None

    def choose(self, staff_id: str) -> bool:
        row = self.model.row_of(staff_id)
        if row is None:
            return False
        self.list.setCurrentIndex(self.model.index(row))
        return True

    def add_new(self) -> None:
        """Write the new staff member to the log and select them."""
        try:
            staff = self._log.add_staff(
                staff_id=self.new_id.text().strip(), name=self.new_name.text().strip()
            )
        except DeskError as exc:
            self.error.setText(f"\u26a0 {exc}")
            self.error.show()
            return
        self.error.hide()
        self.new_name.clear()
        self.new_id.clear()
        self._id_edited = False
        self._load(staff.id)
        self.list.setFocus()

    def accept_if_chosen(self) -> None:
        if self.chosen() is not None:
            self.accept()

    def _default_button(self, *_args: object) -> None:
        adding = bool(self.new_name.text().strip() or self.new_id.text().strip())
        self.add_button.setDefault(adding)
        self.ok.setDefault(not adding)

    def _name_edited(self, text: str) -> None:
        if not self._id_edited:
            self.new_id.setText(suggest_id(text))

    def _load(self, select: str | None) -> None:
        try:
            staff = self._log.list_staff()
        except DeskError as exc:
            self.error.setText(f"\u26a0 {exc}")
            self.error.show()
            staff = []
        self.model.set_staff(staff)
        if not (select and self.choose(select)) and self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0))

    def _update(self, *_args: object) -> None:
        self.ok.setEnabled(self.chosen() is not None)

    @classmethod
    def ask(
        cls, *, log: StaffBook, current: Staff | None = None, parent: QWidget | None = None
    ) -> Staff | None:
        dialog = cls(log=log, current=current, parent=parent)
        try:
            return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


class StaffStatusWidget(QWidget):
    """ "At the desk: Name  [Switch…]" for the status bar.

    Signals:
        switch_requested(): staff want to pick someone else.
    """

    switch_requested = Signal()

    def __init__(self, *, session: StaffSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.switch_button = QPushButton("Switch\u2026", self)
        self.switch_button.setToolTip("Pick who is at the desk")
        self.switch_button.setAccessibleName("Switch staff at the desk")
        self.switch_button.clicked.connect(self.switch_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.switch_button)
        session.changed.connect(self._show)
        self._show(session.staff)

    def _show(self, staff: Staff | None) -> None:
        self.label.setText(f"At the desk: {staff.name}" if staff else "At the desk: nobody yet")
