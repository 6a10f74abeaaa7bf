"""Manage counselors: list, add, edit, deactivate. Every change is an event in the log."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.core.errors import DeskError
from desk.core.requests.models import Counselor

from desk.ui.requests.counselors_model import CounselorRole, CounselorTableModel
from desk.ui.staff.picker import suggest_id
from desk.ui.widgets.controls import heading, hint


@dataclass(frozen=True, kw_only=True)
class CounselorInput:
    counselor_id: str
    name: str
    credentials: str
    email: str


SaveFn = Callable[[CounselorInput], "str | None"]
"""Writes the counselor; returns an error message to show, or None when saved."""

FormFn = Callable[..., "CounselorInput | None"]


class CounselorBook(Protocol):
    """The counselor side of `RequestLog`."""

    def list_counselors(self, *, include_inactive: bool = True) -> list[Counselor]: ...

    def add_counselor(
        self,
        *,
        counselor_id: str,
        name: str,
        email: str,
        credentials: str = "",
        staff_id: str = "admin",
    ) -> Counselor: ...

    def update_counselor(
        self,
        counselor_id: str,
        *,
        staff_id: str,
        name: str | None = None,
        email: str | None = None,
        credentials: str | None = None,
        active: bool | None = None,
    ) -> Counselor: ...


class CounselorForm(QDialog):
    """Add or edit one counselor. Stays open and shows the log's message if it refuses."""

    def __init__(
        self, *, existing: Counselor | None, save: SaveFn, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit counselor" if existing else "Add counselor")
        self.setMinimumWidth(440)
        self._save = save
        self._id_edited = existing is not None
        self.name = QLineEdit(existing.name if existing else "", self)
        self.credentials = QLineEdit(existing.credentials if existing else "", self)
        self.credentials.setPlaceholderText("e.g. LPC, LMFT")
        self.counselor_id = QLineEdit(existing.id if existing else "", self)
        self.counselor_id.setReadOnly(existing is not None)
        self.email = QLineEdit(existing.email if existing else "", self)
        # The address is private: masked on screen except while it is being typed.
        self.email.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.email.setPlaceholderText("Work address, shown to callers only after approval")
        self.error = QLabel("", self)
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow("&Name", self.name)
        form.addRow("&Credentials", self.credentials)
        form.addRow("&Id", self.counselor_id)
        form.addRow("&Email", self.email)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = box.button(QDialogButtonBox.StandardButton.Save)
        box.accepted.connect(self.try_save)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.windowTitle(), parent=self))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(box)
        self.name.textEdited.connect(self._name_edited)
        self.counselor_id.textEdited.connect(lambda _t: setattr(self, "_id_edited", True))

    def value(self) -> CounselorInput:
        return CounselorInput(
            counselor_id=self.counselor_id.text().strip(),
            name=self.name.text().strip(),
            credentials=self.credentials.text().strip(),
            email=self.email.text().strip(),
        )

    def try_save(self) -> None:
        problem = self._save(self.value())
        if problem is None:
            self.accept()
        else:
            self.error.setText(f"\u26a0 {problem}")
            self.error.show()

    def _name_edited(self, text: str) -> None:
        if not self._id_edited:
            self.counselor_id.setText(suggest_id(text))

    @classmethod
    def ask(
        cls, *, existing: Counselor | None, save: SaveFn, parent: QWidget | None = None
    ) -> CounselorInput | None:
        dialog = cls(existing=existing, save=save, parent=parent)
        try:
            return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


class CounselorsDialog(QDialog):
    """The practice's counselors. Writes are recorded under the staff member at the desk."""

    def __init__(
        self,
        *,
        log: CounselorBook,
        staff_id: str,
        form: FormFn = CounselorForm.ask,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Counselors")
        self.resize(620, 420)
        self._log = log
        self._staff_id = staff_id
        self._form = form
        self.model = CounselorTableModel(parent=self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        vertical = self.table.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName("Counselors")
        self.table.doubleClicked.connect(lambda _i: self.edit())

        self.add_button = QPushButton("&Add\u2026", self)
        self.edit_button = QPushButton("&Edit\u2026", self)
        self.active_button = QPushButton("&Deactivate", self)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.active_button.clicked.connect(self.toggle_active)
        self.error = QLabel("", self)
        self.error.setWordWrap(True)
        self.error.hide()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)

        row = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.active_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Counselors", parent=self))
        layout.addWidget(
            hint(
                "Inactive counselors stay in the record but cannot be chosen for new requests."
                " Email addresses are shown only when a request is released.",
                parent=self,
            )
        )
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(close)
        self.table.selectionModel().currentRowChanged.connect(self._update)
        self.reload()

    def selected(self) -> Counselor | None:
        value = self.table.currentIndex().data(CounselorRole)
        return value if isinstance(value, Counselor) else None

    def select(self, counselor_id: str) -> None:
        row = self.model.row_of(counselor_id)
        if row is not None:
            self.table.selectRow(row)

    def reload(self, select: str | None = None) -> None:
        keep = select or (c.id if (c := self.selected()) else None)
        self.model.set_counselors(self._log.list_counselors(include_inactive=True))
        if keep:
            self.select(keep)
        elif self.model.rowCount():
            self.table.selectRow(0)
        self._update()

    def add(self) -> None:
        def save(value: CounselorInput) -> str | None:
            return self._write(
                lambda: self._log.add_counselor(
                    counselor_id=value.counselor_id,
                    name=value.name,
                    email=value.email,
                    credentials=value.credentials,
                    staff_id=self._staff_id,
                )
            )

        value = self._form(existing=None, save=save, parent=self)
        if value is not None:
            self.reload(select=value.counselor_id)

    def edit(self) -> None:
        current = self.selected()
        if current is None:
            return

        def save(value: CounselorInput) -> str | None:
            changes: dict[str, Any] = {
                key: new
                for key, new, old in (
                    ("name", value.name, current.name),
                    ("email", value.email, current.email),
                    ("credentials", value.credentials, current.credentials),
                )
                if new != old
            }
            if not changes:
                return None
            return self._write(
                lambda: self._log.update_counselor(current.id, staff_id=self._staff_id, **changes)
            )

        if self._form(existing=current, save=save, parent=self) is not None:
            self.reload(select=current.id)

    def toggle_active(self) -> None:
        current = self.selected()
        if current is None:
            return
        problem = self._write(
            lambda: self._log.update_counselor(
                current.id, staff_id=self._staff_id, active=not current.active
            )
        )
        if problem:
            self._show_error(problem)
        self.reload(select=current.id)

    def _write(self, action: Callable[[], object]) -> str | None:
        try:
            action()
        except DeskError as exc:
            return str(exc)
        self.error.hide()
        return None

    def _show_error(self, message: str) -> None:
        self.error.setText(f"\u26a0 {message}")
        self.error.show()

    def _update(self, *_args: object) -> None:
        current = self.selected()
        self.edit_button.setEnabled(current is not None)
        self.active_button.setEnabled(current is not None)
        self.active_button.setText(
            "&Reactivate" if current and not current.active else "&Deactivate"
        )

    @classmethod
    def ask(cls, *, log: CounselorBook, staff_id: str, parent: QWidget | None = None) -> None:
        dialog = cls(log=log, staff_id=staff_id, parent=parent)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
