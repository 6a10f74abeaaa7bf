"""The dialog where the office manager chooses the practice's policy folder.

The chosen folder is checked with the same strict loader Desk starts with, so problems show
here, as `file:line`, before the front desk ever sees them. A folder with problems may still be
kept (the manager may be fixing it); Desk then answers from the bundled policy until it loads.
`ask()` is the seam tests replace, and the folder picker is passed in, so no test reaches
`exec()`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.core.policy.book import PolicyBook
from desk.core.policy.loader import PolicyError, PolicyIssue, load_policy
from desk.paths import PolicyChoice

from desk.ui.widgets.parts import Card, wrapped
from desk.ui.widgets.theme import WARNING_MARK, muted_text

PickFn = Callable[[QWidget, Path | None], "Path | None"]
"""Asks for a folder, starting at the given one; returns None when the user cancels."""

CheckFn = Callable[[Path], "PolicyBook | list[PolicyIssue]"]
"""Loads a folder: the book when it is valid, else every problem found."""

OVERRIDES = {"option": "--policy-dir", "environment": "DESK_POLICY_DIR"}
_OK_MARK = "\u2713"
_MAX_PROBLEM_LINES = 7


@dataclass(frozen=True, kw_only=True)
class FolderChoice:
    """What the office manager saved: a folder, or None for the bundled policy."""

    folder: Path | None


def pick_folder(parent: QWidget, start: Path | None) -> Path | None:
    """The platform's folder chooser."""
    chosen = QFileDialog.getExistingDirectory(
        parent, "Choose the practice's policy folder", str(start or Path.home())
    )
    return Path(chosen) if chosen else None


def check_folder(folder: Path) -> PolicyBook | list[PolicyIssue]:
    """The policy in `folder`, or every problem that stops Desk from using it."""
    try:
        return load_policy(folder)
    except PolicyError as exc:
        return exc.issues
    except OSError as exc:
        return [PolicyIssue(folder, None, f"cannot read: {exc.strerror or exc}")]


class PolicyFolderDialog(QDialog):
    """Shows the folder in use, lets the manager choose another or the bundled one, checks it."""

    def __init__(
        self,
        *,
        current: PolicyChoice,
        problems: int = 0,
        pick: PickFn = pick_folder,
        check: CheckFn = check_folder,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Policy folder")
        self.setMinimumWidth(600)
        self._pick = pick
        self._check = check
        self._checked: str | None = None
        self.issues: list[PolicyIssue] = []

        title = QLabel("Practice policy folder")
        font = QFont(title.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        title.setFont(font)
        intro = wrapped(
            "Desk answers from the policy in this folder: practice.yaml and topics/. "
            "Use the bundled policy unless the practice keeps its own edited copy."
        )
        self._mute(intro)
        self.in_use = wrapped(_in_use_text(current, problems), selectable=True)
        self.in_use.setObjectName("policyInUse")
        self.override_note = Card(kind="warning")
        note_row = QHBoxLayout(self.override_note)
        note_row.setContentsMargins(12, 8, 12, 8)
        self.override_text = wrapped("")
        note_row.addWidget(self.override_text)
        override = OVERRIDES.get(current.origin)
        if override is not None:
            self.override_text.setText(
                f"{WARNING_MARK}  Desk was started with {override}, which comes before this "
                f"setting. What you save here applies now; Desk started with {override} again "
                "will use that folder."
            )
        self.override_note.setVisible(override is not None)

        self.field = QLineEdit()
        self.field.setPlaceholderText("The bundled policy (ships with Desk)")
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Policy folder")
        label = QLabel("&Folder:")
        label.setBuddy(self.field)
        self.choose_button = QPushButton("&Choose folder\u2026")
        self.bundled_button = QPushButton("Use the &bundled policy")
        self.choose_button.setAutoDefault(False)
        self.bundled_button.setAutoDefault(False)
        field_row = QHBoxLayout()
        field_row.setSpacing(8)
        field_row.addWidget(label)
        field_row.addWidget(self.field, 1)
        buttons_row = QHBoxLayout()
        buttons_row.setSpacing(8)
        buttons_row.addStretch(1)
        buttons_row.addWidget(self.choose_button)
        buttons_row.addWidget(self.bundled_button)

        self.result_card = Card()
        self.result_card.setObjectName("policyCheck")
        card_col = QVBoxLayout(self.result_card)
        card_col.setContentsMargins(12, 10, 12, 10)
        card_col.setSpacing(6)
        self.check_text = wrapped("", selectable=True)
        self.check_text.setObjectName("policyCheckResult")
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setAccessibleName("Problems in the policy folder")
        self.problems.hide()
        card_col.addWidget(self.check_text)
        card_col.addWidget(self.problems)

        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save = box.button(QDialogButtonBox.StandardButton.Save)
        assert save is not None
        self.save_button = save
        self.save_button.setDefault(True)
        box.accepted.connect(self.try_save)
        box.rejected.connect(self.reject)

        col = QVBoxLayout(self)
        col.setContentsMargins(18, 16, 18, 14)
        col.setSpacing(10)
        col.addWidget(title)
        col.addWidget(intro)
        col.addWidget(self.in_use)
        col.addWidget(self.override_note)
        col.addSpacing(4)
        col.addLayout(field_row)
        col.addLayout(buttons_row)
        col.addWidget(self.result_card)
        col.addStretch(1)
        col.addWidget(box)

        self.choose_button.clicked.connect(self.choose)
        self.bundled_button.clicked.connect(self.use_bundled)
        self.field.textEdited.connect(self._edited)
        self.field.setText(str(current.folder) if current.folder else "")
        self._run_check()
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)
        # Wrapped labels are measured at the width they will have, not at their own narrow hint.
        width = max(self.minimumWidth(), self.sizeHint().width())
        self.resize(width, self.heightForWidth(width))

    def folder(self) -> Path | None:
        """The folder in the field; None means the bundled policy."""
        text = self.field.text().strip()
        return Path(text).expanduser() if text else None

    def choice(self) -> FolderChoice:
        return FolderChoice(folder=self.folder())

    def choose(self) -> None:
        """Ask the platform's chooser for a folder, then check it."""
        chosen = self._pick(self, self.folder())
        if chosen is None:
            return
        self.field.setText(str(chosen))
        self._run_check()

    def use_bundled(self) -> None:
        """Go back to the policy that ships with Desk."""
        self.field.clear()
        self._run_check()

    def try_save(self) -> None:
        """Save; a folder typed but not yet checked is checked first, and problems shown."""
        if self._checked != self.field.text().strip():
            self._run_check()
            if self.issues:
                return
        self.accept()

    def _edited(self, _text: str) -> None:
        self._checked = None
        self.problems.hide()
        self.result_card.kind = None
        self.check_text.setText("Not checked yet: press Enter or Save to check this folder.")
        self.save_button.setText("&Save")
        self.result_card.update()

    def _run_check(self) -> None:
        self._checked = self.field.text().strip()
        folder = self.folder()
        self.issues = []
        self.problems.hide()
        if folder is None:
            self.result_card.kind = "yes"
            self.check_text.setText(
                f"{_OK_MARK}  Desk will answer from the bundled policy that ships with it."
            )
        else:
            loaded = self._check(folder)
            if isinstance(loaded, PolicyBook):
                practice = loaded.practice
                self.result_card.kind = "yes"
                self.check_text.setText(
                    f"{_OK_MARK}  This folder is a valid policy: {practice.policy_title}, "
                    f"version {practice.policy_version}, effective {practice.effective_date} "
                    f"({len(loaded.topics)} topics)."
                )
            else:
                self.issues = list(loaded)
                n = len(self.issues)
                self.result_card.kind = "warning"
                self.check_text.setText(
                    f"{WARNING_MARK}  Desk cannot use this folder yet "
                    f"({n} problem{'s' if n != 1 else ''}). You can keep it, but Desk will "
                    "answer from the bundled policy until it is fixed."
                )
                self.problems.setPlainText("\n".join(_short(i, folder) for i in self.issues))
                lines = min(max(n, 2), _MAX_PROBLEM_LINES)
                self.problems.setFixedHeight(
                    self.problems.fontMetrics().lineSpacing() * lines
                    + int(2 * self.problems.document().documentMargin())
                    + 2 * self.problems.frameWidth()
                    + 2  # the last line is laid out a pixel taller than the line spacing
                )
                self.problems.show()
        self.save_button.setText("&Keep this folder anyway" if self.issues else "&Save")
        self.result_card.update()

    def _mute(self, label: QLabel) -> None:
        palette = label.palette()
        palette.setColor(label.foregroundRole(), muted_text(self.palette()))
        label.setPalette(palette)

    @classmethod
    def ask(
        cls, *, current: PolicyChoice, problems: int = 0, parent: QWidget | None = None
    ) -> FolderChoice | None:
        dialog = cls(current=current, problems=problems, parent=parent)
        try:
            return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


def _in_use_text(current: PolicyChoice, problems: int) -> str:
    if current.folder is None:
        return "In use now: the bundled policy."
    where = {
        "option": " (from --policy-dir)",
        "environment": " (from DESK_POLICY_DIR)",
    }.get(current.origin, "")
    if problems:
        return f"In use now: the bundled policy, because {current.folder}{where} could not be used."
    return f"In use now: {current.folder}{where}"


def _short(issue: PolicyIssue, folder: Path) -> str:
    """`topics/texting.yaml:12: ...`: the path inside the chosen folder, which is shown above."""
    try:
        where = issue.file.relative_to(folder)
    except ValueError:
        return str(issue)
    if where == Path("."):
        return str(issue)
    line = f":{issue.line}" if issue.line is not None else ""
    return f"{where}{line}: {issue.message}"
