"""Fixtures and a scripted prompter shared by the email-request GUI tests (no tests here)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from desk.core.requests import RequestLog, open_log
from desk.core.requests.models import Counselor, Request, RequestFilter, Staff, VerifyReport

from desk.ui.lock.idle import IdleLock
from desk.ui.requests.dialogs import DecisionInput, NewRequestInput
from desk.ui.requests.export_dialog import ExportChoice
from desk.ui.requests.outcomes import ExportOutcome
from desk.ui.requests.release import ReleaseOutcome
from desk.ui.requests.tab import RequestsTab
from desk.ui.staff.session import StaffSession

# The offscreen platform cannot pass a window's minimum size to a window manager and says so
# whenever a top-level window with a layout is shown; real platforms do not warn.
IGNORE_OFFSCREEN = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@dataclass
class FakePrompter:
    """Answers the tab's questions from a script and records what it was shown."""

    new_request: NewRequestInput | None = None
    decision: DecisionInput | None = None
    release_plan: tuple[str, bool, bool] | None = None  # method, identity confirmed, copy
    text: str | None = ""
    staff_answer: Staff | None = None
    errors: list[tuple[str, str]] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)
    revealed: list[str] = field(default_factory=list)
    asked: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    hidden: int = 0
    export_plan: tuple[str, Path] | None = None  # format, file: accepts the prefilled filter
    exports_done: list[ExportOutcome] = field(default_factory=list)
    verify_results: list[tuple[VerifyReport, str | None]] = field(default_factory=list)
    next_head: str | None = None  # a printed head hash to check after the next result

    def show_error(self, title: str, message: str) -> None:
        self.errors.append((title, message))

    def confirm(self, title: str, question: str, *, yes: str) -> bool:
        return True

    def ask_new_request(
        self, *, counselors: list[Counselor], prefill_counselor: str | None
    ) -> NewRequestInput | None:
        self.asked.append(("new", {"counselors": counselors, "prefill": prefill_counselor}))
        return self.new_request

    def ask_decision(
        self, *, kind: str, request: Request, counselors: list[Counselor], client: str
    ):
        self.asked.append(("decision", {"kind": kind, "request": request, "client": client}))
        return self.decision

    def ask_release(
        self,
        *,
        request: Request,
        counselor: str,
        client: str,
        privacy: bool,
        release: Callable[[Any, bool], str | None],
        copy: Callable[[str], None],
    ) -> ReleaseOutcome | None:
        self.asked.append(("release", {"request": request, "counselor": counselor}))
        assert self.release_plan is not None
        method, verified, do_copy = self.release_plan
        address = release(method, verified)
        if address is None:
            return None
        self.revealed.append(address)
        if do_copy:
            copy(address)
        return ReleaseOutcome(method=method, copied=do_copy)  # type: ignore[arg-type]

    def show_decline_script(
        self, *, request_id: str, script: str, copy: Callable[[str], None]
    ) -> None:
        self.scripts.append(script)

    def ask_text(self, *, title: str, prompt: str, ok_text: str, required: bool) -> str | None:
        self.asked.append(("text", {"title": title}))
        return self.text

    def ask_staff(self, *, log: Any, current: Staff | None) -> Staff | None:
        self.asked.append(("staff", {"current": current}))
        return self.staff_answer

    def manage_counselors(self, *, log: Any, staff_id: str) -> None:
        self.asked.append(("counselors", {"staff_id": staff_id}))

    def ask_export(
        self,
        *,
        counselors: list[Counselor],
        flt: RequestFilter,
        default_path: Path,
        fmt: str,
        today: Any,
    ) -> ExportChoice | None:
        self.asked.append(("export", {"flt": flt, "default_path": default_path, "fmt": fmt}))
        if self.export_plan is None:
            return None
        chosen, path = self.export_plan
        return ExportChoice(fmt=chosen, flt=flt, path=path)  # type: ignore[arg-type]

    def show_export_done(self, *, outcome: ExportOutcome, copy: Callable[[str], None]) -> None:
        self.exports_done.append(outcome)

    def show_verify_result(
        self, *, report: VerifyReport, checked_head: str | None, copy: Callable[[str], None]
    ) -> str | None:
        self.verify_results.append((report, checked_head))
        head, self.next_head = self.next_head, None
        return head

    def hide_sensitive(self) -> None:
        self.hidden += 1


@pytest.fixture
def log(tmp_path: Path, clock) -> Iterator[RequestLog]:
    """A fresh log on tmp_path with two staff and three counselors (one inactive)."""
    opened = open_log(tmp_path / "data", clock=clock, workstation="FRONT-1")
    opened.add_staff(staff_id="maria", name="Maria Lopez")
    opened.add_staff(staff_id="sam", name="Sam Patel")
    opened.add_counselor(
        counselor_id="ruiz",
        name="Ana Ruiz",
        email="ana.ruiz@caring.example",
        credentials="LPC",
        staff_id="maria",
    )
    opened.add_counselor(
        counselor_id="okafor",
        name="Daniel Okafor",
        email="d.okafor@caring.example",
        staff_id="maria",
    )
    opened.add_counselor(
        counselor_id="gone", name="Former Counselor", email="gone@caring.example", staff_id="maria"
    )
    opened.update_counselor("gone", staff_id="maria", active=False)
    yield opened
    opened.close()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def session(log: RequestLog, settings: QSettings) -> StaffSession:
    """Maria is at the desk."""
    s = StaffSession(log=log, settings=settings)
    s.set(log.get_staff("maria"))
    return s


@pytest.fixture
def prompter() -> FakePrompter:
    return FakePrompter()


@pytest.fixture
def clipboard() -> Iterator[Any]:
    board = QGuiApplication.clipboard()
    board.clear()
    yield board
    board.clear()


def wait_loaded(qtbot, tab: RequestsTab) -> None:
    """Until every background read has been answered."""
    qtbot.waitUntil(lambda: not tab.model.is_loading() and not tab.reads.busy)


@pytest.fixture
def make_tab(qtbot, log, session, clock, prompter) -> Iterator[Callable[..., RequestsTab]]:
    """Build the tab shown and active, with an idle lock of 5 minutes on the fake clock."""
    made: list[RequestsTab] = []

    def make(*, current_staff: Any = None, privacy: bool = True) -> RequestsTab:
        idle = IdleLock(clock=clock, timeout=timedelta(minutes=5))
        tab = RequestsTab(
            log=log,
            current_staff=session if current_staff is None else current_staff,
            clock=clock,
            prompter=prompter,
            idle_lock=idle,
            privacy=privacy,
        )
        idle.setParent(tab)
        qtbot.addWidget(tab)
        made.append(tab)
        tab.resize(1200, 700)
        tab.show()
        qtbot.waitExposed(tab)
        tab.activateWindow()
        qtbot.waitUntil(tab.isActiveWindow)
        wait_loaded(qtbot, tab)
        return tab

    yield make
    for tab in made:
        tab.shutdown()


@pytest.fixture
def tab(make_tab) -> RequestsTab:
    return make_tab()


def add_requests(log: RequestLog, clock, specs: list[tuple[str, str]]) -> list[Request]:
    """Requests (client, counselor id) taken by Maria a minute apart."""
    made = []
    for client, counselor in specs:
        clock.advance(minutes=1)
        made.append(log.add_request(client=client, counselor_id=counselor, staff_id="maria"))
    return made


def key(qtbot, tab: RequestsTab, sequence: str) -> None:
    """Press a shortcut as staff would, wherever the focus is inside the tab."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    target = app.focusWidget() or tab
    parts = sequence.split("+")
    modifiers = Qt.KeyboardModifier.NoModifier
    for part in parts[:-1]:
        modifiers |= {
            "Ctrl": Qt.KeyboardModifier.ControlModifier,
            "Shift": Qt.KeyboardModifier.ShiftModifier,
            "Alt": Qt.KeyboardModifier.AltModifier,
        }[part]
    qtbot.keyClick(target, getattr(Qt.Key, f"Key_{parts[-1]}"), modifiers)


def visible_text(widget) -> str:
    """Every piece of text a person could read in `widget` right now."""
    from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QTextEdit

    seen: list[str] = []
    for child in [widget, *widget.findChildren(object)]:
        if not hasattr(child, "isVisible") or not child.isVisible():
            continue
        if isinstance(child, QLabel | QLineEdit):
            seen.append(child.text())
        elif isinstance(child, QTextEdit):
            seen.append(child.toPlainText())
        elif isinstance(child, QAbstractItemView) and child.model() is not None:
            model = child.model()
            for row in range(model.rowCount()):
                for column in range(model.columnCount()):
                    seen.append(str(model.index(row, column).data() or ""))
    return "\n".join(seen)
