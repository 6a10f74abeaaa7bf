"""Dialogs of the request workflow. Each has an `ask()` classmethod so tests never reach `exec()`.

The dialogs collect input only; the tab writes through the log, which refuses anything the rules
do not allow. What a dialog returns is a small frozen dataclass, or None when cancelled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.core.requests.models import HOWS, VIAS, Counselor, How, Request, Via

from desk.ui.requests.words import HOW_WORDS, VIA_WORDS
from desk.ui.widgets.controls import heading, hint
from desk.ui.widgets.name_combo import NameCombo

NOTE_MAX = 500


@dataclass(frozen=True, kw_only=True)
class NewRequestInput:
    client: str
    counselor_id: str
    via: Via
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class DecisionInput:
    """A counselor's answer as staff record it. `how` is None for a decline."""

    by: str
    how: How | None
    note: str = ""


def _buttons(dialog: QDialog, ok_text: str) -> tuple[QDialogButtonBox, QPushButton]:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box, ok


def _counselor_combo(
    counselors: list[Counselor], chosen: str | None, parent: QWidget, *, blank: str
) -> QComboBox:
    combo = NameCombo(parent)
    combo.setPlaceholderText(blank)
    for c in sorted(counselors, key=lambda c: c.name.casefold()):
        combo.addItem(c.display_name, c.id)
    combo.setCurrentIndex(combo.findData(chosen) if chosen else -1)
    return combo


class NewRequestDialog(QDialog):
    """Take a caller's request for a counselor's email address."""

    def __init__(
        self,
        *,
        counselors: list[Counselor],
        prefill_counselor: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("New email request")
        self.setMinimumWidth(460)
        self.client = QLineEdit(self)
        self.client.setPlaceholderText("Caller's full name")
        self.client.setMaxLength(100)
        active = [c for c in counselors if c.active]
        self.counselor = _counselor_combo(active, prefill_counselor, self, blank="Choose…")
        self.via = QComboBox(self)
        for via in VIAS:
            self.via.addItem(VIA_WORDS[via].capitalize(), via)
        self.note = QLineEdit(self)
        self.note.setMaxLength(NOTE_MAX)
        self.note.setPlaceholderText("Optional, e.g. best time to call back")

        form = QFormLayout()
        form.addRow("Client &name", self.client)
        form.addRow("&Counselor", self.counselor)
        form.addRow("Came &in", self.via)
        form.addRow("N&ote", self.note)
        box, self.ok = _buttons(self, "Record request")

        layout = QVBoxLayout(self)
        layout.addWidget(heading("New email request", parent=self))
        layout.addWidget(
            hint(
                "Counselors' email addresses are private. Record the request; the counselor"
                " decides whether the client may have it.",
                parent=self,
            )
        )
        layout.addLayout(form)
        layout.addWidget(box)
        self.client.textChanged.connect(self._update)
        self.counselor.currentIndexChanged.connect(self._update)
        self._update()
        if prefill_counselor:
            self.client.setFocus()

    def _update(self) -> None:
        self.ok.setEnabled(bool(self.client.text().strip()) and self.counselor.currentIndex() >= 0)

    def result_value(self) -> NewRequestInput:
        return NewRequestInput(
            client=self.client.text().strip(),
            counselor_id=str(self.counselor.currentData()),
            via=self.via.currentData(),
            note=self.note.text().strip(),
        )

    @classmethod
    def ask(
        cls,
        *,
        counselors: list[Counselor],
        prefill_counselor: str | None = None,
        parent: QWidget | None = None,
    ) -> NewRequestInput | None:
        dialog = cls(counselors=counselors, prefill_counselor=prefill_counselor, parent=parent)
        try:
            return dialog.result_value() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


class DecisionDialog(QDialog):
    """Record a counselor's approval or decline. Only the named counselor may answer."""

    def __init__(
        self,
        *,
        kind: Literal["approve", "decline"],
        request: Request,
        counselors: list[Counselor],
        client: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        names = {c.id: c.display_name for c in counselors}
        named = names.get(request.counselor_id, request.counselor_id)
        verb = "approval" if kind == "approve" else "decline"
        self.setWindowTitle(f"Record {verb} \u2013 {request.id}")
        self.setMinimumWidth(480)

        self.by = _counselor_combo(
            [c for c in counselors if c.active or c.id == request.counselor_id],
            request.counselor_id,
            self,
            blank="Choose…",
        )
        self.how = QComboBox(self)
        self.how.setPlaceholderText("Choose…")
        for how in HOWS:
            self.how.addItem(HOW_WORDS[how].capitalize(), how)
        self.how.setCurrentIndex(-1)
        self.note = QLineEdit(self)
        self.note.setMaxLength(NOTE_MAX)

        form = QFormLayout()
        form.addRow("Request", QLabel(request.id, self))
        form.addRow("Client", QLabel(client, self))
        named_label = QLabel(named, self)
        bold = QFont(named_label.font())
        bold.setBold(True)
        named_label.setFont(bold)
        form.addRow("Counselor asked", named_label)
        form.addRow("&Answer from", self.by)
        if kind == "approve":
            form.addRow("&How they told us", self.how)
            self.note.setPlaceholderText("Optional")
            form.addRow("N&ote", self.note)
        else:
            self.how.hide()
            self.note.setPlaceholderText("Optional; for the record, not told to the caller")
            form.addRow("&Reason", self.note)
        box, self.ok = _buttons(self, "Record approval" if kind == "approve" else "Record decline")

        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"Record {verb}", parent=self))
        layout.addWidget(
            hint(f"Only {named} can {kind} this request. Record the answer they gave.", parent=self)
        )
        layout.addLayout(form)
        layout.addWidget(box)
        self.by.currentIndexChanged.connect(self._update)
        self.how.currentIndexChanged.connect(self._update)
        self._update()
        (self.how if kind == "approve" else self.note).setFocus()

    def _update(self) -> None:
        needs_how = self.kind == "approve"
        self.ok.setEnabled(
            self.by.currentIndex() >= 0 and (not needs_how or self.how.currentIndex() >= 0)
        )

    def result_value(self) -> DecisionInput:
        return DecisionInput(
            by=str(self.by.currentData()),
            how=self.how.currentData() if self.kind == "approve" else None,
            note=self.note.text().strip(),
        )

    @classmethod
    def ask(
        cls,
        *,
        kind: Literal["approve", "decline"],
        request: Request,
        counselors: list[Counselor],
        client: str,
        parent: QWidget | None = None,
    ) -> DecisionInput | None:
        dialog = cls(
            kind=kind, request=request, counselors=counselors, client=client, parent=parent
        )
        try:
            return dialog.result_value() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


class TextDialog(QDialog):
    """One piece of text: a note, or the reason for withdrawing."""

    def __init__(
        self,
        *,
        title: str,
        prompt: str,
        ok_text: str,
        required: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self.required = required
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(90)
        label = QLabel(prompt, self)
        label.setBuddy(self.text)
        box, self.ok = _buttons(self, ok_text)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title, parent=self))
        layout.addWidget(label)
        layout.addWidget(self.text)
        layout.addWidget(box)
        self.text.textChanged.connect(self._update)
        self._update()
        self.text.setFocus()

    def _update(self) -> None:
        text = self.text.toPlainText().strip()
        self.ok.setEnabled((bool(text) or not self.required) and len(text) <= NOTE_MAX)

    @classmethod
    def ask(
        cls,
        *,
        title: str,
        prompt: str,
        ok_text: str,
        required: bool,
        parent: QWidget | None = None,
    ) -> str | None:
        dialog = cls(title=title, prompt=prompt, ok_text=ok_text, required=required, parent=parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.text.toPlainText().strip()
        finally:
            dialog.deleteLater()


class ScriptDialog(QDialog):
    """Words staff say to the caller, with a Copy button."""

    def __init__(
        self,
        *,
        title: str,
        script: str,
        copy: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        words = QLabel(script, self)
        words.setWordWrap(True)
        words.setTextFormat(Qt.TextFormat.PlainText)
        words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        words.setMargin(12)
        words.setFrameShape(QLabel.Shape.StyledPanel)
        font = QFont(words.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.15)
        words.setFont(font)
        self.copy_button = QPushButton("&Copy words", self)
        self.copy_button.clicked.connect(lambda: copy(script))
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        box.rejected.connect(self.reject)
        box.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title, parent=self))
        layout.addWidget(hint("Say this to the caller:", parent=self))
        layout.addWidget(words)
        layout.addWidget(box)
        self.copy_button.setFocus()

    @classmethod
    def ask(
        cls,
        *,
        title: str,
        script: str,
        copy: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        dialog = cls(title=title, script=script, copy=copy, parent=parent)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
