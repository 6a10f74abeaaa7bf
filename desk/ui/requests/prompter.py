"""The seam between the requests tab and its dialogs.

The tab asks for input and shows messages only through a prompter; tests pass a fake that
answers from a script, so no test reaches `exec()`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Literal, Protocol

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from desk.core.requests.models import Counselor, Request, RequestFilter, Staff, VerifyReport

from desk.ui.requests.counselors_dialog import CounselorBook, CounselorsDialog
from desk.ui.requests.dialogs import (
    DecisionDialog,
    DecisionInput,
    NewRequestDialog,
    NewRequestInput,
    ScriptDialog,
    TextDialog,
)
from desk.ui.requests.export_dialog import ExportChoice, ExportDialog, ExportFormat
from desk.ui.requests.outcomes import ExportDoneDialog, ExportOutcome, VerifyResultDialog
from desk.ui.requests.release import ReleaseDialog, ReleaseFn, ReleaseOutcome
from desk.ui.staff.picker import StaffBook, StaffPickerDialog


class RequestPrompter(Protocol):
    """Everything the requests tab asks of the person at the desk."""

    def show_error(self, title: str, message: str) -> None: ...

    def confirm(self, title: str, question: str, *, yes: str) -> bool: ...

    def ask_new_request(
        self, *, counselors: list[Counselor], prefill_counselor: str | None
    ) -> NewRequestInput | None: ...

    def ask_decision(
        self,
        *,
        kind: Literal["approve", "decline"],
        request: Request,
        counselors: list[Counselor],
        client: str,
    ) -> DecisionInput | None: ...

    def ask_release(
        self,
        *,
        request: Request,
        counselor: str,
        client: str,
        privacy: bool,
        release: ReleaseFn,
        copy: Callable[[str], None],
    ) -> ReleaseOutcome | None: ...

    def show_decline_script(
        self, *, request_id: str, script: str, copy: Callable[[str], None]
    ) -> None: ...

    def ask_text(self, *, title: str, prompt: str, ok_text: str, required: bool) -> str | None: ...

    def ask_staff(self, *, log: StaffBook, current: Staff | None) -> Staff | None: ...

    def manage_counselors(self, *, log: CounselorBook, staff_id: str) -> None: ...

    def ask_export(
        self,
        *,
        counselors: list[Counselor],
        flt: RequestFilter,
        default_path: Path,
        fmt: ExportFormat,
        today: date,
    ) -> ExportChoice | None: ...

    def show_export_done(self, *, outcome: ExportOutcome, copy: Callable[[str], None]) -> None: ...

    def show_verify_result(
        self, *, report: VerifyReport, checked_head: str | None, copy: Callable[[str], None]
    ) -> str | None:
        """Show a check's result; returns a printed head hash to check next, if one was given."""
        ...

    def hide_sensitive(self) -> None:
        """Close any open dialog that shows client data (the screen is locking)."""
        ...


class Prompter:
    """Real dialogs, parented to the tab so they close with it."""

    def __init__(self, *, parent: QWidget) -> None:
        self._parent = parent

    def show_error(self, title: str, message: str) -> None:
        QMessageBox.warning(self._parent, title, message)

    def confirm(self, title: str, question: str, *, yes: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=self._parent)
        ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(ok)
        try:
            box.exec()
            return box.clickedButton() is ok
        finally:
            box.deleteLater()

    def ask_new_request(
        self, *, counselors: list[Counselor], prefill_counselor: str | None
    ) -> NewRequestInput | None:
        return NewRequestDialog.ask(
            counselors=counselors, prefill_counselor=prefill_counselor, parent=self._parent
        )

    def ask_decision(
        self,
        *,
        kind: Literal["approve", "decline"],
        request: Request,
        counselors: list[Counselor],
        client: str,
    ) -> DecisionInput | None:
        return DecisionDialog.ask(
            kind=kind, request=request, counselors=counselors, client=client, parent=self._parent
        )

    def ask_release(
        self,
        *,
        request: Request,
        counselor: str,
        client: str,
        privacy: bool,
        release: ReleaseFn,
        copy: Callable[[str], None],
    ) -> ReleaseOutcome | None:
        return ReleaseDialog.ask(
            request=request,
            counselor=counselor,
            client=client,
            privacy=privacy,
            release=release,
            copy=copy,
            parent=self._parent,
        )

    def show_decline_script(
        self, *, request_id: str, script: str, copy: Callable[[str], None]
    ) -> None:
        ScriptDialog.ask(
            title=f"Tell the caller \u2013 {request_id} declined",
            script=script,
            copy=copy,
            parent=self._parent,
        )

    def ask_text(self, *, title: str, prompt: str, ok_text: str, required: bool) -> str | None:
        return TextDialog.ask(
            title=title, prompt=prompt, ok_text=ok_text, required=required, parent=self._parent
        )

    def ask_staff(self, *, log: StaffBook, current: Staff | None) -> Staff | None:
        return StaffPickerDialog.ask(log=log, current=current, parent=self._parent)

    def manage_counselors(self, *, log: CounselorBook, staff_id: str) -> None:
        CounselorsDialog.ask(log=log, staff_id=staff_id, parent=self._parent)

    def ask_export(
        self,
        *,
        counselors: list[Counselor],
        flt: RequestFilter,
        default_path: Path,
        fmt: ExportFormat,
        today: date,
    ) -> ExportChoice | None:
        return ExportDialog.ask(
            counselors=counselors,
            flt=flt,
            default_path=default_path,
            fmt=fmt,
            today=today,
            parent=self._parent,
        )

    def show_export_done(self, *, outcome: ExportOutcome, copy: Callable[[str], None]) -> None:
        ExportDoneDialog.ask(outcome=outcome, copy=copy, parent=self._parent)

    def show_verify_result(
        self, *, report: VerifyReport, checked_head: str | None, copy: Callable[[str], None]
    ) -> str | None:
        return VerifyResultDialog.ask(
            report=report, checked_head=checked_head, copy=copy, parent=self._parent
        )

    def hide_sensitive(self) -> None:
        for dialog in self._parent.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()
