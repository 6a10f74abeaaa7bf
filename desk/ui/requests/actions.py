"""What staff can do to a request, as shortcuts and as steps through the log.

`RequestActions` holds the `QAction`s (shortcut, text, enabled state); `RequestWorkflow` runs each
step: ask through the prompter, write through the log, show the log's refusal if it refuses.
Nothing is written unless the log accepts the whole step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from desk.core.errors import DeskError
from desk.core.requests.models import Counselor, ReleaseMethod, Request, Staff

from desk.ui.requests.prompter import RequestPrompter
from desk.ui.requests.release import ReleaseOutcome
from desk.ui.requests.words import mask_name

T = TypeVar("T")

NO_STAFF = (
    "Nobody is recorded as at the desk, so this cannot be logged. Pick who is at the desk"
    " (Switch\u2026 in the status bar, or Lock then Unlock) and try again."
)


class RequestActions(QObject):
    """The tab's actions. Shortcuts work only while the widget they are attached to shows."""

    def __init__(self, *, parent: QWidget) -> None:
        super().__init__(parent)
        self._all: list[QAction] = []

        def make(text: str, keys: str, tip: str) -> QAction:
            action = QAction(text, parent)
            action.setShortcut(QKeySequence(keys))
            action.setToolTip(tip)
            self._all.append(action)
            return action

        self.new = make("&New request", "Ctrl+N", "Take a caller's request for an email address")
        self.approve = make(
            "Record &approval\u2026", "Ctrl+Shift+A", "Record that the counselor said yes"
        )
        self.decline = make(
            "Record &decline\u2026", "Ctrl+Shift+D", "Record that the counselor said no"
        )
        self.release = make(
            "&Release address\u2026", "Ctrl+Shift+R", "Check identity, then give out the address"
        )
        self.withdraw = make("&Withdraw\u2026", "Ctrl+Shift+W", "The caller no longer wants it")
        self.note = make("Add not&e\u2026", "Ctrl+Shift+E", "Add a note to the request's record")
        self.counselors = make(
            "C&ounselors\u2026", "Ctrl+Shift+O", "Add, edit or deactivate counselors"
        )
        self.privacy = make(
            "Pri&vacy: on", "Ctrl+Shift+P", "Mask client names while the screen may be seen"
        )
        self.privacy.setCheckable(True)
        self.lock = make("&Lock", "Ctrl+Shift+L", "Hide client details until staff pick themselves")
        self.export = make(
            "E&xport\u2026", "Ctrl+Shift+X", "Save requests as a PDF report or a CSV file"
        )
        self.verify = make(
            "Ver&ify log\u2026", "Ctrl+Shift+V", "Check that nothing in the log was changed"
        )

    def attach_to(self, widget: QWidget) -> None:
        """Make the shortcuts live while `widget` is on screen (the unlocked page)."""
        widget.addActions(self._all)

    def update_for(self, request: Request | None) -> None:
        """Enable only the steps the request's state allows."""
        status = request.status if request else None
        self.approve.setEnabled(status == "pending")
        self.decline.setEnabled(status == "pending")
        self.release.setEnabled(status == "approved")
        self.withdraw.setEnabled(status in ("pending", "approved"))
        self.note.setEnabled(request is not None)


class WorkflowLog(Protocol):
    """The parts of `RequestLog` the steps use."""

    def list_counselors(self, *, include_inactive: bool = True) -> list[Counselor]: ...

    def add_request(
        self, *, client: str, counselor_id: str, staff_id: str, via: str = ..., note: str = ...
    ) -> Request: ...

    def approve(
        self, request_id: str, *, by: str, staff_id: str, how: str, note: str = ...
    ) -> Request: ...

    def decline(self, request_id: str, *, by: str, staff_id: str, reason: str = ...) -> Request: ...

    def withdraw(self, request_id: str, *, staff_id: str, reason: str = ...) -> Request: ...

    def release(
        self, request_id: str, *, staff_id: str, method: str, identity_verified: bool
    ) -> str: ...

    def add_note(self, request_id: str, *, staff_id: str, text: str) -> None: ...

    def decline_script(self, request_id: str) -> str: ...


class RequestWorkflow(QObject):
    """Runs each step for the tab.

    Signals:
        written(str): the log accepted a step for this request id.
    """

    written = Signal(str)

    def __init__(
        self,
        *,
        log: WorkflowLog,
        prompter: RequestPrompter,
        current_staff: Callable[[], Staff | None],
        privacy: Callable[[], bool],
        copy_guarded: Callable[[str], None],
        copy_plain: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._log = log
        self._prompter = prompter
        self._staff = current_staff
        self._privacy = privacy
        self._copy_guarded = copy_guarded
        self._copy_plain = copy_plain

    def bind(
        self,
        actions: RequestActions,
        *,
        current: Callable[[], Request | None],
        counselor_name: Callable[[str], str],
    ) -> None:
        """Run each step on the request in hand when its action fires."""
        steps: dict[QAction, Callable[[Request], object]] = {
            actions.approve: lambda r: self.decide(r, approve=True),
            actions.decline: lambda r: self.decide(r, approve=False),
            actions.release: lambda r: self.release(r, counselor=counselor_name(r.counselor_id)),
            actions.withdraw: self.withdraw,
            actions.note: self.add_note,
        }
        for action, step in steps.items():
            action.triggered.connect(lambda _=False, step=step: _run_on(current(), step))

    def _write(self, title: str, step: Callable[[str], T]) -> T | None:
        staff = self._staff()
        if staff is None:
            self._prompter.show_error(title, NO_STAFF)
            return None
        try:
            return step(staff.id)
        except DeskError as exc:
            self._prompter.show_error(title, str(exc))
            return None

    def _client(self, request: Request) -> str:
        return mask_name(request.client, request.id) if self._privacy() else request.client

    def _counselors(self) -> list[Counselor] | None:
        try:
            return self._log.list_counselors(include_inactive=True)
        except DeskError as exc:
            self._prompter.show_error("Cannot read counselors", str(exc))
            return None

    def new_request(self, prefill_counselor: str | None = None) -> Request | None:
        counselors = self._counselors()
        if counselors is None:
            return None
        if not any(c.active for c in counselors):
            self._prompter.show_error(
                "No counselors yet",
                "There are no active counselors to ask. Add them with Counselors\u2026 first.",
            )
            return None
        answer = self._prompter.ask_new_request(
            counselors=counselors, prefill_counselor=prefill_counselor
        )
        if answer is None:
            return None
        created = self._write(
            "Request not recorded",
            lambda staff_id: self._log.add_request(
                client=answer.client,
                counselor_id=answer.counselor_id,
                staff_id=staff_id,
                via=answer.via,
                note=answer.note,
            ),
        )
        if created is not None:
            self.written.emit(created.id)
        return created

    def decide(self, request: Request, *, approve: bool) -> Request | None:
        counselors = self._counselors()
        if counselors is None:
            return None
        answer = self._prompter.ask_decision(
            kind="approve" if approve else "decline",
            request=request,
            counselors=counselors,
            client=self._client(request),
        )
        if answer is None:
            return None
        if approve:
            how = answer.how or ""
            done = self._write(
                "Approval not recorded",
                lambda staff_id: self._log.approve(
                    request.id, by=answer.by, staff_id=staff_id, how=how, note=answer.note
                ),
            )
        else:
            done = self._write(
                "Decline not recorded",
                lambda staff_id: self._log.decline(
                    request.id, by=answer.by, staff_id=staff_id, reason=answer.note
                ),
            )
        if done is None:
            return None
        self.written.emit(request.id)
        if not approve:
            try:
                script = self._log.decline_script(request.id)
            except DeskError as exc:
                self._prompter.show_error("Cannot show the words for the caller", str(exc))
            else:
                self._prompter.show_decline_script(
                    request_id=request.id, script=script, copy=self._copy_plain
                )
        return done

    def release(self, request: Request, *, counselor: str) -> ReleaseOutcome | None:
        def release(method: ReleaseMethod, identity_verified: bool) -> str | None:
            address = self._write(
                "Address not released",
                lambda staff_id: self._log.release(
                    request.id,
                    staff_id=staff_id,
                    method=method,
                    identity_verified=identity_verified,
                ),
            )
            if address is not None:
                self.written.emit(request.id)
            return address

        return self._prompter.ask_release(
            request=request,
            counselor=counselor,
            client=request.client,
            privacy=self._privacy(),
            release=release,
            copy=self._copy_guarded,
        )

    def withdraw(self, request: Request) -> Request | None:
        reason = self._prompter.ask_text(
            title=f"Withdraw {request.id}",
            prompt="&Why is it withdrawn? (optional)",
            ok_text="Withdraw request",
            required=False,
        )
        if reason is None:
            return None
        done = self._write(
            "Not withdrawn",
            lambda staff_id: self._log.withdraw(request.id, staff_id=staff_id, reason=reason),
        )
        if done is not None:
            self.written.emit(request.id)
        return done

    def add_note(self, request: Request) -> bool:
        text = self._prompter.ask_text(
            title=f"Add a note to {request.id}",
            prompt="&Note (kept in the record; do not write clinical details)",
            ok_text="Add note",
            required=True,
        )
        if not text:
            return False

        def note(staff_id: str) -> bool:
            self._log.add_note(request.id, staff_id=staff_id, text=text)
            return True

        done = self._write("Note not added", note)
        if done:
            self.written.emit(request.id)
        return bool(done)


def _run_on(request: Request | None, step: Callable[[Request], object]) -> None:
    if request is not None:
        step(request)
