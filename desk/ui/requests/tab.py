"""The "Email requests" tab: filters, the lazy table, the history pane and the workflow buttons.

The screen faces the waiting room, so names are masked by default and the tab locks after the
idle time; while locked no client data is on screen, in a dialog or on the clipboard.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import shiboken6
from PySide6.QtCore import QItemSelection, QSettings, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QStackedLayout, QWidget

from desk.core.errors import DeskError
from desk.core.requests import RequestLog
from desk.core.requests.models import Clock, Event, Request, RequestFilter, Staff

from desk.ui.lock.idle import IdleLock, idle_timeout
from desk.ui.lock.screen import LockScreen
from desk.ui.requests.actions import RequestActions, RequestWorkflow
from desk.ui.requests.audit import LogTools
from desk.ui.requests.background import BackgroundReads
from desk.ui.requests.badge import TITLE, PendingBadge, enclosing_tabs, tab_title
from desk.ui.requests.clipboard import ClipboardGuard
from desk.ui.requests.detail import RequestDetail
from desk.ui.requests.filters import RequestFilterBar
from desk.ui.requests.model import RequestProxy, RequestRole, RequestTableModel
from desk.ui.requests.page import RequestsPage
from desk.ui.requests.prompter import Prompter, RequestPrompter
from desk.ui.requests.words import NameBook
from desk.ui.staff.picker import StaffStatusWidget
from desk.ui.staff.session import StaffSession

__all__ = ["TITLE", "RequestsTab"]


class RequestsTab(QWidget):
    """The email-request log on screen.

    Signals:
        pending_count_changed(int): requests waiting for a counselor's answer.
        title_changed(str): the tab's title with the pending count (set on the enclosing
            QTabWidget automatically when there is one).
        lock_changed(bool): client data was hidden (True) or shown again (False).
    """

    pending_count_changed = Signal(int)
    title_changed = Signal(str)
    lock_changed = Signal(bool)

    def __init__(
        self,
        *,
        log: RequestLog,
        current_staff: StaffSession | Callable[[], Staff | None],
        clock: Clock,
        prompter: RequestPrompter | None = None,
        idle_lock: IdleLock | None = None,
        privacy: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.log = log
        self._staff = current_staff
        self._clock = clock
        self.prompter: RequestPrompter = prompter or Prompter(parent=self)
        self._idle = idle_lock
        self._locked = False
        self._current: Request | None = None
        self._resetting = False
        self._detail_token = 0
        self._names = NameBook(staff={}, counselors={})

        self.request_actions = RequestActions(parent=self)
        self.model = RequestTableModel(reader=log, clock=clock, parent=self)
        self.proxy = RequestProxy(privacy=privacy, parent=self)
        self.proxy.setSourceModel(self.model)
        self.detail = RequestDetail()
        self.detail.set_privacy(privacy)
        self.filters = RequestFilterBar(today=clock().astimezone().date())
        self.lock_screen = LockScreen(parent=self)
        self.clipboard = ClipboardGuard(
            clipboard=QGuiApplication.clipboard(), clock=clock, parent=self
        )
        self.reads = BackgroundReads(parent=self)
        self.workflow = RequestWorkflow(
            log=log,
            prompter=self.prompter,
            current_staff=current_staff,
            privacy=lambda: self.proxy.privacy,
            copy_guarded=self.clipboard.copy,
            copy_plain=lambda text: QGuiApplication.clipboard().setText(text),
            parent=self,
        )
        self._layout(privacy)
        self.badge = PendingBadge(
            count=log.pending_count, reads=self.reads, failed=self.page.show_failure, parent=self
        )
        self.log_tools = LogTools(
            log=log,
            prompter=self.prompter,
            actions=self.request_actions,
            bar=self.page.job_bar,
            current_staff=current_staff,
            current_filter=self.filters.current_filter,
            clock=clock,
            copy=lambda text: QGuiApplication.clipboard().setText(text),
            parent=self,
        )
        self._connect()
        self.reload_people()
        self.request_actions.update_for(None)
        self.model.set_filter(self.filters.current_filter())
        self.refresh_pending()
        if current_staff() is None:
            self.lock(idle=False)

    @classmethod
    def build(
        cls,
        *,
        log: RequestLog,
        settings: QSettings,
        clock: Clock,
        parent: QWidget | None = None,
    ) -> RequestsTab:
        """The tab with real dialogs, the staff member remembered in `settings`, and the idle
        lock from `settings` (`privacy/idle_lock_minutes`, default 5) watching the application."""
        session = StaffSession(log=log, settings=settings)
        idle = IdleLock(clock=clock, timeout=idle_timeout(settings))
        tab = cls(log=log, current_staff=session, clock=clock, idle_lock=idle, parent=parent)
        session.setParent(tab)
        idle.setParent(tab)
        return tab

    def _layout(self, privacy: bool) -> None:
        self.request_actions.privacy.setChecked(privacy)
        self._label_privacy(privacy)
        page = RequestsPage(
            model=self.proxy,
            filters=self.filters,
            detail=self.detail,
            actions=self.request_actions,
            parent=self,
        )
        self.request_actions.attach_to(page)  # no shortcuts while locked
        page.follow(self.model)
        self.page = page
        self.table = page.table
        self.status_line = page.status_line
        self.new_button = page.new_button
        self.privacy_button = page.privacy_button
        self.step_buttons = page.step_buttons
        self.stack = QStackedLayout(self)
        self.stack.addWidget(page)
        self.stack.addWidget(self.lock_screen)

    def _connect(self) -> None:
        a = self.request_actions
        a.new.triggered.connect(lambda: self.start_request())
        self.workflow.bind(
            a,
            current=lambda: self._current,
            counselor_name=lambda counselor_id: self._names.counselor_name(counselor_id),
        )
        a.counselors.triggered.connect(self.manage_counselors)
        a.privacy.toggled.connect(self.set_privacy)
        a.lock.triggered.connect(self._lock_now)
        self.filters.filter_changed.connect(self._apply_filter)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.reloaded.connect(self._reselect)
        self.model.modelAboutToBeReset.connect(lambda: self._set_resetting(True))
        self.model.modelReset.connect(lambda: self._set_resetting(False))
        self.workflow.written.connect(self._written)
        self.badge.changed.connect(self._pending_changed)
        self.lock_changed.connect(self.log_tools.set_locked)
        self.lock_screen.unlock_requested.connect(self.unlock)
        if isinstance(self._staff, StaffSession):
            self._staff.changed.connect(lambda _staff: self.reload_people())
        if self._idle is not None:
            self._idle.locked.connect(self.lock)

    # -- public -----------------------------------------------------------------------------

    def title(self) -> str:
        """ "E&mail requests (3 pending)", or without the count when nothing is pending."""
        return tab_title(self.badge.pending)

    @property
    def pending(self) -> int | None:
        return self.badge.pending

    @property
    def is_locked(self) -> bool:
        return self._locked

    def selected_request(self) -> Request | None:
        return self._current

    def select_request(self, request_id: str) -> bool:
        """Select a loaded request by id; False if it is not in the table."""
        row = self.model.row_of(request_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def start_request(self, prefill_counselor: str | None = None) -> None:
        """Take a new request (Ctrl+N, or "Start an email request" on the policy page)."""
        self._show_self()
        if self._locked:
            self.unlock()
            if self._locked:
                return
        self.workflow.new_request(prefill_counselor)

    def set_privacy(self, on: bool) -> None:
        """Mask client names in the table and history (True) or show them."""
        self.proxy.set_privacy(on)
        self.detail.set_privacy(on)
        if self.request_actions.privacy.isChecked() != on:
            self.request_actions.privacy.setChecked(on)
        self._label_privacy(on)

    def manage_counselors(self) -> None:
        staff = self._staff()
        if staff is None:
            self.prompter.show_error("Counselors", "Pick who is at the desk first.")
            return
        self.prompter.manage_counselors(log=self.log, staff_id=staff.id)
        self.reload_people()
        self.model.refresh()

    def reload_people(self) -> None:
        """Read staff and counselor names again (after they change)."""
        try:
            counselors = self.log.list_counselors(include_inactive=True)
            staff = self.log.list_staff()
        except DeskError as exc:
            self.page.show_failure(str(exc))
            return
        self._names = NameBook(
            staff={s.id: s.name for s in staff},
            counselors={c.id: c.display_name for c in counselors},
        )
        self.model.set_counselors(counselors)
        self.filters.set_counselors(counselors)
        self._show_detail()

    def refresh_pending(self) -> None:
        """Count pending requests off the GUI thread, then update the badge."""
        self.badge.refresh()

    def new_call(self) -> None:
        """Forget the last caller: filters (the client search too), the selection, and
        names shown; privacy mode is back on."""
        self.filters.clear()
        self.table.clearSelection()
        self._current = None
        self.set_privacy(True)
        self._show_detail()

    def lock(self, *, idle: bool = True) -> None:
        """Hide all client data until staff pick themselves again; forget the last caller."""
        self.prompter.hide_sensitive()
        self.clipboard.clear_now()
        self.new_call()
        self.detail.clear()
        self.lock_screen.set_reason(idle=idle)
        self.stack.setCurrentWidget(self.lock_screen)
        self.lock_screen.unlock_button.setFocus()
        if not self._locked:
            self._locked = True
            self.lock_changed.emit(True)

    def unlock(self) -> bool:
        """Ask who is at the desk; show client data again once someone is picked."""
        staff = self.prompter.ask_staff(log=self.log, current=self._last_staff())
        if staff is None:
            return False
        if isinstance(self._staff, StaffSession):
            self._staff.set(staff)
        if self._idle is not None:
            self._idle.unlock()
        self._locked = False
        self.stack.setCurrentWidget(self.page)
        self.reload_people()
        self.table.setFocus()
        self.lock_changed.emit(False)
        return True

    def switch_staff(self) -> None:
        """Pick someone else at the desk (from the status bar)."""
        if self._locked:
            self.unlock()
            return
        staff = self.prompter.ask_staff(log=self.log, current=self._last_staff())
        if staff is not None and isinstance(self._staff, StaffSession):
            self._staff.set(staff)

    def staff_status_widget(self, parent: QWidget | None = None) -> StaffStatusWidget | None:
        """ "At the desk: Name [Switch…]" for the status bar (needs a `StaffSession`)."""
        if not isinstance(self._staff, StaffSession):
            return None
        widget = StaffStatusWidget(session=self._staff, parent=parent)
        widget.switch_requested.connect(self.switch_staff)
        return widget

    def shutdown(self) -> None:
        """Stop background work and the idle watch (before the log is closed).

        A released address still on the clipboard goes too: once Desk has quit, nothing would
        clear it after its 60 seconds.
        """
        self.clipboard.clear_now()
        self.log_tools.shutdown()
        self.model.shutdown()
        self.reads.shutdown()
        if self._idle is not None and shiboken6.isValid(self._idle):
            self._idle.stop()

    # -- reactions --------------------------------------------------------------------------

    def _apply_filter(self, flt: RequestFilter) -> None:
        self._current = None  # a new search starts at its first match
        self.model.set_filter(flt)

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes and self._resetting:
            return  # rows are being reloaded: keep the request in hand, reselect it after
        value = indexes[0].data(RequestRole) if indexes else None
        self._current = value if isinstance(value, Request) else None
        self._show_detail()

    def _show_detail(self) -> None:
        """Show the request in hand now; read its history off the GUI thread.

        A count over a big log can hold the store for a while; the GUI never waits for it.
        """
        request = self._current
        self.request_actions.update_for(None if self._locked else request)
        if self._locked:
            return
        self.detail.show_request(request, [], self._names)
        self._detail_token += 1
        if request is None:
            return
        token, log, request_id = self._detail_token, self.log, request.id

        def read() -> tuple[Request, list[Event]]:
            return log.get(request_id), log.history(request_id)

        def done(value: object) -> None:
            if token != self._detail_token or self._locked:
                return
            if isinstance(value, DeskError):
                self.page.show_failure(str(value))
                return
            assert isinstance(value, tuple)
            fresh, events = value
            self._current = fresh
            self.request_actions.update_for(fresh)
            self.detail.show_request(fresh, events, self._names)

        self.reads.submit(read, done)

    def _written(self, request_id: str) -> None:
        try:
            self._current = self.log.get(request_id)
        except DeskError:
            self._current = None
        self._show_detail()
        self.model.refresh()
        self.refresh_pending()

    def _reselect(self) -> None:
        if self._current is not None and self.select_request(self._current.id):
            return
        if self._current is None and self.proxy.rowCount():
            self.table.selectRow(0)  # the first match, ready for the keyboard

    def _set_resetting(self, on: bool) -> None:
        self._resetting = on

    def set_idle_timeout(self, timeout: timedelta) -> None:
        if self._idle is not None:
            self._idle.set_timeout(timeout)

    def _last_staff(self) -> Staff | None:  # the picker's default
        if isinstance(self._staff, StaffSession):
            return self._staff.last
        return self._staff()

    def _lock_now(self) -> None:
        if self._idle is not None:
            self._idle.lock()
        else:
            self.lock()

    def _pending_changed(self, count: int) -> None:
        self.pending_count_changed.emit(count)
        self.title_changed.emit(self.title())
        if (tabs := enclosing_tabs(self)) is not None:
            tabs.setTabText(tabs.indexOf(self), self.title())

    def _label_privacy(self, on: bool) -> None:
        self.request_actions.privacy.setText("Pri&vacy: on" if on else "Pri&vacy: off")

    def _show_self(self) -> None:
        if (tabs := enclosing_tabs(self)) is not None:
            tabs.setCurrentWidget(self)
