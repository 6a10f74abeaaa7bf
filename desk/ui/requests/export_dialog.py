"""The export dialog: what to export (format, status, counselor, dates) and where to save it.

The dialog only collects the choice; the export itself runs off the GUI thread (see
`requests_log_tools`). File names Desk suggests never hold a client's name: they are left on
disks, in "recent files" lists and in email attachments long after the export.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desk.core.requests.models import STATUSES, Counselor, RequestFilter

from desk.ui.requests.words import status_text
from desk.ui.widgets.controls import heading, hint
from desk.ui.widgets.name_combo import NameCombo

ExportFormat = Literal["csv", "pdf"]
FORMATS: tuple[ExportFormat, ...] = ("pdf", "csv")
FORMAT_WORDS: dict[ExportFormat, str] = {
    "pdf": "&PDF report to print or file",
    "csv": "&CSV file for a spreadsheet",
}
FILE_FILTERS: dict[ExportFormat, str] = {
    "pdf": "PDF report (*.pdf)",
    "csv": "CSV file (*.csv)",
}
REPORT_TITLE = "Email address requests"

ChoosePath = Callable[[Path, ExportFormat], "Path | None"]
"""Ask for a file to save to, starting at a path; None when the person cancels."""
ConfirmReplace = Callable[[Path], bool]
"""Ask whether an existing file may be replaced."""


@dataclass(frozen=True, kw_only=True)
class ExportChoice:
    """What to export and where; `flt` never carries a client search the person turned off."""

    fmt: ExportFormat
    flt: RequestFilter
    path: Path


def default_export_name(fmt: ExportFormat, *, day: date, counselor_id: str | None = None) -> str:
    """ "desk-email-requests-2026-11-24.pdf" (with the counselor's id when one is chosen).

    Counselor ids are short lowercase ids; no client name ever goes into a file name.
    """
    who = f"-{counselor_id}" if counselor_id else ""
    return f"desk-email-requests{who}-{day.isoformat()}.{fmt}"


def unused_path(folder: Path, name: str) -> Path:
    """`folder/name`, else `name-2`, `name-3`...: a suggestion never replaces an earlier file."""
    path = folder / name
    stem, suffix = path.stem, path.suffix
    number = 2
    while path.exists():
        path = folder / f"{stem}-{number}{suffix}"
        number += 1
    return path


def with_format(path: Path, fmt: ExportFormat) -> Path:
    """The path with the format's extension (replacing the other format's, if it had it)."""
    if path.suffix.lower() in {f".{f}" for f in FORMATS}:
        return path.with_suffix(f".{fmt}")
    return path.with_name(f"{path.name}.{fmt}") if path.name else path


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())


class ExportDialog(QDialog):
    """Choose format, requests and file; prefilled from the tab's filters."""

    def __init__(
        self,
        *,
        counselors: list[Counselor],
        flt: RequestFilter,
        default_path: Path,
        fmt: ExportFormat,
        today: date,
        choose_path: ChoosePath | None = None,
        confirm_replace: ConfirmReplace | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export email requests")
        self.setMinimumWidth(600)
        self._choose_path = choose_path or self._file_chooser
        self._confirm_replace = confirm_replace or self._ask_replace
        self._folder = default_path.parent
        self._client = flt.client
        self._chosen: Path | None = None  # picked in the file chooser, which asked about replacing
        self._result: ExportChoice | None = None

        self.format_buttons: dict[ExportFormat, QRadioButton] = {}
        self.formats = QButtonGroup(self)
        format_row = QVBoxLayout()
        format_row.setSpacing(2)
        for i, f in enumerate(FORMATS):
            button = QRadioButton(FORMAT_WORDS[f], self)
            self.formats.addButton(button, i)
            self.format_buttons[f] = button
            format_row.addWidget(button)
        self.format_buttons[fmt].setChecked(True)

        self.status = QComboBox(self)
        self.status.addItem("All statuses", None)
        for status in STATUSES:
            self.status.addItem(status_text(status), status)
        self.status.setCurrentIndex(max(self.status.findData(flt.status), 0))

        self.counselor = NameCombo(self)
        self.counselor.addItem("All counselors", None)
        for c in sorted(counselors, key=lambda c: (not c.active, c.name.casefold())):
            self.counselor.addItem(
                c.display_name if c.active else f"{c.display_name} (inactive)", c.id
            )
        self.counselor.setCurrentIndex(max(self.counselor.findData(flt.counselor_id), 0))

        self.use_since = QCheckBox("&From", self)
        self.since = QDateEdit(self)
        self.use_until = QCheckBox("&To", self)
        self.until = QDateEdit(self)
        dates = QHBoxLayout()
        for check, edit, day, name in (
            (self.use_since, self.since, flt.since, "From date"),
            (self.use_until, self.until, flt.until, "To date"),
        ):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setDate(_qdate(day or today))
            edit.setAccessibleName(name)
            check.setChecked(day is not None)
            edit.setEnabled(day is not None)
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(self._update)
            edit.dateChanged.connect(self._update)
            dates.addWidget(check)
            dates.addWidget(edit)
            dates.addSpacing(12)
        dates.addStretch(1)

        # The search text itself is not repeated here: the dialog may be seen from the room.
        self.use_client = QCheckBox("&Only clients matching the name search in the filters", self)
        self.use_client.setChecked(bool(flt.client))
        self.use_client.setVisible(bool(flt.client))

        self.path = QLineEdit(str(default_path), self)
        self.path.setAccessibleName("File to save to")
        self.browse_button = QPushButton("&Browse\u2026", self)
        self.browse_button.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.browse_button)

        self.problem = QLabel("", self)
        self.problem.setWordWrap(True)

        form = QFormLayout()
        form.addRow("Format", format_row)
        status_label = QLabel("&Status", self)
        status_label.setBuddy(self.status)
        form.addRow(status_label, self.status)
        counselor_label = QLabel("Co&unselor", self)
        counselor_label.setBuddy(self.counselor)
        form.addRow(counselor_label, self.counselor)
        form.addRow("Requested", dates)
        if flt.client:
            form.addRow("", self.use_client)
        path_label = QLabel("Sa&ve to", self)
        path_label.setBuddy(self.path)
        form.addRow(path_label, path_row)

        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = box.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("&Export")
        box.accepted.connect(self._accept)
        box.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading("Export email requests", parent=self))
        layout.addWidget(
            hint(
                "The file will hold client names. Save it only where the practice keeps client"
                " records. The export is recorded in the log under your name.",
                parent=self,
            )
        )
        layout.addSpacing(4)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addSpacing(6)
        layout.addWidget(box)

        self.formats.idToggled.connect(self._format_toggled)
        self.path.textChanged.connect(self._path_edited)
        self._update()
        self.format_buttons[fmt].setFocus()

    @property
    def fmt(self) -> ExportFormat:
        return FORMATS[max(self.formats.checkedId(), 0)]

    def target(self) -> Path | None:
        """The file as typed, relative names taken inside the suggested folder."""
        text = self.path.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        return path if path.is_absolute() else self._folder / path

    def choice(self) -> ExportChoice | None:
        """What the person chose, or None while something is missing or wrong."""
        target = self.target()
        if target is None or self._dates_reversed():
            return None
        flt = RequestFilter(
            status=self.status.currentData(),
            counselor_id=self.counselor.currentData(),
            since=_day(self.since) if self.use_since.isChecked() else None,
            until=_day(self.until) if self.use_until.isChecked() else None,
            client=self._client if self.use_client.isChecked() else "",
        )
        return ExportChoice(fmt=self.fmt, flt=flt, path=with_format(target, self.fmt))

    def _dates_reversed(self) -> bool:
        both = self.use_since.isChecked() and self.use_until.isChecked()
        return both and _day(self.since) > _day(self.until)

    def _update(self, *_args: object) -> None:
        if self._dates_reversed():
            self.problem.setText("\u26a0 The From date is after the To date: nothing would match.")
        elif not self.path.text().strip():
            self.problem.setText("Choose a file to save to.")
        else:
            self.problem.setText("")
        self.problem.setVisible(bool(self.problem.text()))
        self.ok.setEnabled(self.choice() is not None)

    def _format_toggled(self, _id: int, checked: bool) -> None:
        if not checked:
            return
        target = self.target()
        if target is not None:
            self.path.setText(str(with_format(target, self.fmt)))
        self._update()

    def _path_edited(self, _text: str) -> None:
        self._chosen = None
        self._update()

    def _browse(self) -> None:
        start = self.target() or self._folder
        picked = self._choose_path(start, self.fmt)
        if picked is None:
            return
        picked = with_format(picked, self.fmt)
        self.path.setText(str(picked))
        self._folder = picked.parent
        self._chosen = picked

    def _file_chooser(self, start: Path, fmt: ExportFormat) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(
            self, "Export to", str(start), FILE_FILTERS[fmt]
        )
        return Path(name) if name else None

    def _ask_replace(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self,
            "Replace the file?",
            f"{path.name} already exists in {path.parent}. Replace it with this export?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _accept(self) -> None:
        choice = self.choice()
        if choice is None:
            return
        replacing = choice.path.exists() and choice.path != self._chosen
        if replacing and not self._confirm_replace(choice.path):
            return
        self._result = choice
        self.accept()

    def result_value(self) -> ExportChoice | None:
        return self._result

    @classmethod
    def ask(
        cls,
        *,
        counselors: list[Counselor],
        flt: RequestFilter,
        default_path: Path,
        fmt: ExportFormat,
        today: date,
        choose_path: ChoosePath | None = None,
        confirm_replace: ConfirmReplace | None = None,
        parent: QWidget | None = None,
    ) -> ExportChoice | None:
        dialog = cls(
            counselors=counselors,
            flt=flt,
            default_path=default_path,
            fmt=fmt,
            today=today,
            choose_path=choose_path,
            confirm_replace=confirm_replace,
            parent=parent,
        )
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.result_value()
        finally:
            dialog.deleteLater()
