"""What staff see when an export is written or the log has been checked, in plain words.

The head hash is shown as selectable text with a Copy button: it is what a printout is later
checked against. A failed check names the first bad event and says calmly what to do next;
nothing here shows client data.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.core.requests.models import Head, VerifyReport

from desk.ui.requests.printing import SystemFiles
from desk.ui.widgets.controls import heading, hint

FORMAT_NAMES = {"pdf": "a PDF report", "csv": "a CSV file"}
OK_MARK = "\u2713"
PROBLEM_MARK = "\u26a0"
WHAT_TO_DO = (
    "This usually means the log file was changed outside Desk, or the disk damaged it. Desk has"
    " not changed anything. Please keep this computer as it is, don't delete or restore"
    " anything yet, and tell whoever looks after Desk. The README explains how to restore the"
    " newest good backup."
)

# The core names the first bad event in technical terms; say the same in plain words first.
_PLAIN = (
    (
        re.compile(r"^event (\d+): hash does not match its contents"),
        "Event {0} was changed after it was recorded.",
    ),
    (re.compile(r"^event (\d+) is missing"), "Event {0} was removed from the log."),
    (
        re.compile(r"^event (\d+): the log starts here"),
        "The first events were removed from the log.",
    ),
    (
        re.compile(r"^event (\d+): its link to event \d+ is broken"),
        "Event {0} is out of place: events before it were removed, replaced or reordered.",
    ),
    (
        re.compile(r"^event (\d+): hash does not match the anchor"),
        "Event {0} was replaced after it was recorded.",
    ),
    (
        re.compile(r"anchor records event (\d+)"),
        "The newest events were removed: the log once reached event {0}.",
    ),
    (
        re.compile(r"anchor file .* is missing"),
        "The note of the newest event, kept beside the log, is missing: removal of the newest"
        " events cannot be ruled out.",
    ),
    (
        re.compile(r"anchor file .* (unreadable|cannot be read)"),
        "The note of the newest event, kept beside the log, cannot be read.",
    ),
    (
        re.compile(r"client search index"),
        "The client-name search index no longer matches the stored requests.",
    ),
    (
        re.compile(r"^head \w+ is not in the log"),
        "The hash you gave is not in the log: events recorded before it were changed or removed.",
    ),
    (
        re.compile(r"append-only guard"),
        "The protection that stops events being edited was removed.",
    ),
    (
        re.compile(r"^(request \S+|counselor \S+|staff \S+):"),
        "The stored details of {0} do not match what the log recorded.",
    ),
)


class FileActions(Protocol):
    """Open or print a file; each returns an error message, or None."""

    def open(self, path: Path) -> str | None: ...

    def print(self, path: Path) -> str | None: ...


@dataclass(frozen=True, kw_only=True)
class ExportOutcome:
    """A finished export: where, how many requests, and the head printed in the file."""

    fmt: str
    path: Path
    rows: int
    head: Head | None


def plain_problem(problem: str) -> str:
    """One calm sentence for an office manager; the technical line is shown under it."""
    for pattern, words in _PLAIN:
        found = pattern.search(problem)
        if found:
            return words.format(*found.groups())
    return "Part of the log no longer matches what was recorded."


def requests_written(outcome: ExportOutcome) -> str:
    noun = "request" if outcome.rows == 1 else "requests"
    return f"{outcome.rows:,} {noun} written as {FORMAT_NAMES.get(outcome.fmt, 'a file')} to:"


def verify_lines(report: VerifyReport, *, checked_head: str | None) -> list[str]:
    """The result in sentences, first the verdict."""
    if not report.ok:
        problem = report.problem or "unknown problem"
        noun = "event" if report.events_checked == 1 else "events"
        return [
            plain_problem(problem),
            f"Details: {problem}. ({report.events_checked:,} {noun} checked before it.)",
        ]
    if report.head is None:
        return ["The log is empty: there is nothing to check yet."]
    noun = "event was" if report.events_checked == 1 else f"{report.events_checked:,} events were"
    lines = [
        f"All {noun} checked. Each is unchanged since it was recorded, none is missing or out"
        " of order, and the newest matches the record kept beside the log."
    ]
    if checked_head:
        lines.append(
            f"The hash you gave ({checked_head[:12]}\u2026) is in the log: nothing recorded"
            " before it has changed."
        )
    return lines


def _mono() -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.Monospace)
    return font


def selectable(text: str, *, parent: QWidget, mono: bool = False) -> QLabel:
    """Text staff can select with mouse or keyboard (paths, hashes, problems)."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    if mono:
        label.setFont(_mono())
    return label


class HashRow(QWidget):
    """ "Event 1,234" and its hash, selectable, with a Copy button."""

    def __init__(
        self, *, head: Head, copy: Callable[[str], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.hash_label = selectable(head.hash, parent=self, mono=True)
        self.hash_label.setWordWrap(False)
        self.hash_label.setFrameShape(QLabel.Shape.StyledPanel)
        self.hash_label.setMargin(6)
        self.hash_label.setAccessibleName("Head hash")
        self.copy_button = QPushButton("Cop&y hash", self)
        self.copy_button.clicked.connect(lambda: self._copy(copy, head.hash))
        row = QHBoxLayout()
        row.addWidget(self.hash_label, 1)
        row.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(f"Head of the log: event {head.seq:,}", self))
        layout.addLayout(row)

    def _copy(self, copy: Callable[[str], None], text: str) -> None:
        copy(text)
        self.copy_button.setText(f"{OK_MARK} Cop&ied")


def _shell(dialog: QDialog, *, title: str, verdict: str) -> QVBoxLayout:
    dialog.setWindowTitle(title)
    dialog.setMinimumWidth(640)
    layout = QVBoxLayout(dialog)
    layout.setSpacing(8)
    layout.addWidget(heading(verdict, parent=dialog))
    return layout


def _close_box(dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    box.rejected.connect(dialog.reject)
    return box


class ExportDoneDialog(QDialog):
    """How many requests went where, and the head hash printed in the file."""

    def __init__(
        self,
        *,
        outcome: ExportOutcome,
        copy: Callable[[str], None],
        files: FileActions | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._path = outcome.path
        self._files: FileActions = files or SystemFiles()
        layout = _shell(self, title="Export finished", verdict=f"{OK_MARK} Export finished")
        layout.addWidget(QLabel(requests_written(outcome), self))
        self.path_label = selectable(str(outcome.path), parent=self)
        self.path_label.setAccessibleName("Exported file")
        layout.addWidget(self.path_label)
        layout.addWidget(hint("The export is recorded in the log under your name.", parent=self))
        self.hash_row: HashRow | None = None
        if outcome.head is not None:
            layout.addSpacing(6)
            self.hash_row = HashRow(head=outcome.head, copy=copy, parent=self)
            layout.addWidget(self.hash_row)
            layout.addWidget(
                hint(
                    "The same hash is printed in the file. To check later that nothing"
                    " recorded before it has changed, use Verify log\u2026 and paste it there.",
                    parent=self,
                )
            )
        self.file_note = hint("", parent=self)
        self.file_note.hide()
        layout.addWidget(self.file_note)
        box = _close_box(self)
        self.open_button = QPushButton("&Open", self)
        self.open_button.setToolTip("Open the report in its usual program")
        self.print_button = QPushButton("&Print", self)
        self.print_button.setToolTip("Send the report to the default printer")
        for button in (self.open_button, self.print_button):
            button.setAutoDefault(False)
            box.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(lambda: self._say(self._files.open(self._path), "Opened"))
        self.print_button.clicked.connect(
            lambda: self._say(self._files.print(self._path), "Sent to the printer")
        )
        layout.addWidget(box)
        box.button(QDialogButtonBox.StandardButton.Close).setFocus()

    def _say(self, problem: str | None, done: str) -> None:
        self.file_note.setText(f"\u26a0 {problem}" if problem else f"{OK_MARK} {done}.")
        self.file_note.show()

    @classmethod
    def ask(
        cls, *, outcome: ExportOutcome, copy: Callable[[str], None], parent: QWidget | None
    ) -> None:
        dialog = cls(outcome=outcome, copy=copy, parent=parent)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()


class VerifyResultDialog(QDialog):
    """The verdict of a check; when the log is sound, a place to check a printed hash."""

    def __init__(
        self,
        *,
        report: VerifyReport,
        checked_head: str | None,
        copy: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.head_to_check: str | None = None
        lines = verify_lines(report, checked_head=checked_head)
        if report.ok:
            layout = _shell(self, title="Log verified", verdict=f"{OK_MARK} The log checks out")
            summary = QLabel(lines[0], self)
            summary.setWordWrap(True)
            layout.addWidget(summary)
            for line in lines[1:]:
                layout.addWidget(selectable(line, parent=self))
        else:
            layout = _shell(
                self,
                title="Log problem found",
                verdict=f"{PROBLEM_MARK} The log does not check out",
            )
            plain = QLabel(lines[0], self)
            plain.setWordWrap(True)
            bold = QFont(plain.font())
            bold.setBold(True)
            plain.setFont(bold)
            layout.addWidget(plain)
            self.details = selectable(lines[1], parent=self)
            self.details.setAccessibleName("Problem details")
            layout.addWidget(self.details)
            layout.addWidget(hint(WHAT_TO_DO, parent=self))
        self.hash_row: HashRow | None = None
        if report.ok and report.head is not None:
            layout.addSpacing(6)
            self.hash_row = HashRow(head=report.head, copy=copy, parent=self)
            layout.addWidget(self.hash_row)
        box = _close_box(self)
        self.head_edit: QLineEdit | None = None
        if report.ok and report.head is not None:
            layout.addWidget(self._printout_row())
        elif not report.ok:
            copy_button = QPushButton("Cop&y details", self)
            copy_button.clicked.connect(lambda: copy("\n".join(lines)))
            box.addButton(copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(box)
        box.button(QDialogButtonBox.StandardButton.Close).setFocus()

    def _printout_row(self) -> QWidget:
        row = QWidget(self)
        self.head_edit = QLineEdit(row)
        self.head_edit.setPlaceholderText("Head hash printed on an earlier export")
        self.head_edit.setFont(_mono())
        self.check_button = QPushButton("C&heck hash", row)
        self.check_button.setEnabled(False)
        self.head_edit.textChanged.connect(
            lambda text: self.check_button.setEnabled(bool(text.strip()))
        )
        self.head_edit.returnPressed.connect(self._check_head)
        self.check_button.clicked.connect(self._check_head)
        label = QLabel(
            "Check a &printout: paste the head hash printed on an earlier export to confirm"
            " that nothing recorded before it has changed.",
            row,
        )
        label.setWordWrap(True)
        label.setBuddy(self.head_edit)
        line = QHBoxLayout()
        line.addWidget(self.head_edit, 1)
        line.addWidget(self.check_button)
        layout = QVBoxLayout(row)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(label)
        layout.addLayout(line)
        return row

    def _check_head(self) -> None:
        if self.head_edit is not None and self.head_edit.text().strip():
            self.head_to_check = self.head_edit.text().strip()
            self.accept()

    @classmethod
    def ask(
        cls,
        *,
        report: VerifyReport,
        checked_head: str | None,
        copy: Callable[[str], None],
        parent: QWidget | None,
    ) -> str | None:
        """Show the result; returns a printed head hash to check next, if one was entered."""
        dialog = cls(report=report, checked_head=checked_head, copy=copy, parent=parent)
        try:
            dialog.exec()
            return dialog.head_to_check
        finally:
            dialog.deleteLater()
