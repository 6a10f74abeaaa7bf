"""The guided release: confirm the caller's identity, choose how, then reveal the address once.

The address is fetched only when staff press Reveal, which is also when the release is written to
the log; the log refuses it unless the request is approved and identity was confirmed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desk.core.requests.models import RELEASE_METHODS, ReleaseMethod, Request

from desk.ui.requests.words import METHOD_WORDS, mask_name
from desk.ui.widgets.controls import HoldButton, heading, hint

ReleaseFn = Callable[[ReleaseMethod, bool], "str | None"]
"""Writes the release and returns the address, or None when the log refused (already shown)."""

STEPS = ("1  Identity", "2  Method", "3  Address")
IDENTITY_CHECKS = (
    "The caller gave their full name and it matches the name on this request.",
    "The caller confirmed their date of birth or another detail on file.",
)


@dataclass(frozen=True, kw_only=True)
class ReleaseOutcome:
    method: ReleaseMethod
    copied: bool


class ReleaseDialog(QDialog):
    """Three guided steps; the address is shown once and cleared from the dialog on close."""

    def __init__(
        self,
        *,
        request: Request,
        counselor: str,
        client: str,
        privacy: bool,
        release: ReleaseFn,
        copy: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Release email address \u2013 {request.id}")
        self.setMinimumWidth(560)
        self._release = release
        self._copy = copy
        self._client = client
        self._request_id = request.id
        self._address: str | None = None
        self.method: ReleaseMethod | None = None
        self.copied = False

        self.step_labels = [QLabel(text, self) for text in STEPS]
        steps_row = QHBoxLayout()
        for i, label in enumerate(self.step_labels):
            if i:
                steps_row.addWidget(QLabel("\u203a", self))
            steps_row.addWidget(label)
        steps_row.addStretch(1)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._identity_page(request, counselor, privacy))
        self.pages.addWidget(self._method_page())
        self.pages.addWidget(self._address_page(counselor))

        self.back_button = QPushButton("&Back", self)
        self.next_button = QPushButton("&Next", self)
        self.next_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel", self)
        self.back_button.clicked.connect(self._back)
        self.next_button.clicked.connect(self._next)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.next_button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading("Release a counselor's email address", parent=self))
        layout.addLayout(steps_row)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self._go(0)

    # -- pages ------------------------------------------------------------------------------

    def _identity_page(self, request: Request, counselor: str, privacy: bool) -> QWidget:
        page = QWidget(self)
        form = QFormLayout()
        form.addRow("Request", QLabel(request.id, page))
        shown = mask_name(self._client, self._request_id) if privacy else self._client
        self.client_label = QLabel(shown, page)
        name_row = QHBoxLayout()
        name_row.addWidget(self.client_label)
        if privacy:
            self.show_name = HoldButton("S&how name", parent=page)
            self.show_name.held.connect(self._reveal_name)
            name_row.addWidget(self.show_name)
        name_row.addStretch(1)
        form.addRow("Name on request", name_row)
        form.addRow("Counselor", QLabel(counselor, page))
        self.checks = [QCheckBox(text, page) for text in IDENTITY_CHECKS]
        for check in self.checks:
            check.toggled.connect(self._update)
        layout = QVBoxLayout(page)
        layout.addWidget(
            hint("Step 1 of 3. Confirm who is calling before anything is shown.", parent=page)
        )
        layout.addLayout(form)
        layout.addSpacing(6)
        for check in self.checks:
            layout.addWidget(check)
        layout.addStretch(1)
        return page

    def _method_page(self) -> QWidget:
        page = QWidget(self)
        self.methods = QButtonGroup(page)
        layout = QVBoxLayout(page)
        layout.addWidget(hint("Step 2 of 3. How will the caller receive the address?", parent=page))
        self.method_buttons: dict[str, QRadioButton] = {}
        for i, method in enumerate(RELEASE_METHODS):
            button = QRadioButton(METHOD_WORDS[method].capitalize(), page)
            self.methods.addButton(button, i)
            self.method_buttons[method] = button
            layout.addWidget(button)
        self.methods.idToggled.connect(self._update)
        layout.addSpacing(8)
        layout.addWidget(
            hint(
                "Revealing records the release under your name. The address is shown once;"
                " it is not kept on screen after you close this window.",
                parent=page,
            )
        )
        layout.addStretch(1)
        return page

    def _address_page(self, counselor: str) -> QWidget:
        page = QWidget(self)
        self.address_label = QLabel(page)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(max(self.font().pointSizeF(), 9.0) * 1.5)
        self.address_label.setFont(font)
        self.address_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.address_label.setTextFormat(Qt.TextFormat.PlainText)
        self.address_label.setFrameShape(QLabel.Shape.StyledPanel)
        self.address_label.setMargin(14)
        self.copy_button = QPushButton("&Copy address", page)
        self.copy_button.clicked.connect(self._copy_address)
        self.copied_label = QLabel("", page)
        row = QHBoxLayout()
        row.addWidget(self.address_label, 1)
        row.addWidget(self.copy_button)
        layout = QVBoxLayout(page)
        layout.addWidget(hint(f"Step 3 of 3. Email address of {counselor}:", parent=page))
        layout.addLayout(row)
        layout.addWidget(self.copied_label)
        layout.addWidget(
            hint("The release is recorded. Close this window when you are done.", parent=page)
        )
        layout.addStretch(1)
        return page

    # -- flow -------------------------------------------------------------------------------

    @property
    def step(self) -> int:
        return self.pages.currentIndex()

    def _go(self, step: int) -> None:
        self.pages.setCurrentIndex(step)
        for i, label in enumerate(self.step_labels):
            font = QFont(label.font())
            font.setBold(i == step)
            label.setFont(font)
            label.setEnabled(i <= step)
        self.back_button.setVisible(step == 1)
        self.cancel_button.setVisible(step < 2)
        self.next_button.setText(("&Next", "&Reveal address", "&Done")[step])
        self._update()
        focus = (
            self.checks[0],
            self._checked_method() or self.method_buttons["phone"],
            self.copy_button,
        )
        focus[step].setFocus()

    def _checked_method(self) -> QRadioButton | None:
        button = self.methods.checkedButton()
        return button if isinstance(button, QRadioButton) else None

    def _update(self, *_args: object) -> None:
        step = self.step
        if step == 0:
            ready = all(check.isChecked() for check in self.checks)
        elif step == 1:
            ready = self.methods.checkedId() >= 0
        else:
            ready = True
        self.next_button.setEnabled(ready)

    def _back(self) -> None:
        if self.step == 1:
            self._go(0)

    def _next(self) -> None:
        step = self.step
        if step == 0:
            self._go(1)
        elif step == 1:
            self._reveal()
        else:
            self.accept()

    def _reveal(self) -> None:
        method = RELEASE_METHODS[self.methods.checkedId()]
        verified = all(check.isChecked() for check in self.checks)
        address = self._release(method, verified)
        if address is None:
            return
        self.method = method
        self._address = address
        self.address_label.setText(address)
        self._go(2)

    def _copy_address(self) -> None:
        if self._address:
            self._copy(self._address)
            self.copied = True
            self.copied_label.setText("\u2713 Copied. The clipboard clears itself in 60 seconds.")

    def _reveal_name(self, on: bool) -> None:
        self.client_label.setText(self._client if on else mask_name(self._client, self._request_id))

    def done(self, result: int) -> None:
        # Nothing of the address stays in the widget tree once the dialog closes.
        self.address_label.clear()
        self._address = None
        super().done(result)

    @classmethod
    def ask(
        cls,
        *,
        request: Request,
        counselor: str,
        client: str,
        privacy: bool,
        release: ReleaseFn,
        copy: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> ReleaseOutcome | None:
        """Run the steps; None if nothing was released."""
        dialog = cls(
            request=request,
            counselor=counselor,
            client=client,
            privacy=privacy,
            release=release,
            copy=copy,
            parent=parent,
        )
        try:
            dialog.exec()
            if dialog.method is None:
                return None
            return ReleaseOutcome(method=dialog.method, copied=dialog.copied)
        finally:
            dialog.deleteLater()
