"""The main window: crisis strip, policy banner, tabs, and the status bar.

The window owns its actions (the intents staff can ask for) but not their keys: the
composition root assigns shortcuts, and buttons show whatever keys they were given. Other
parts mount their own tabs with `add_tab` and listen to the window's signals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk.core.policy.book import PolicyBook
from desk.core.policy.fallback import LoadResult

from desk.ui.policy.folder import PolicyFolderStatus
from desk.ui.policy.tab import PolicyActions, PolicyTab
from desk.ui.policy.topic_model import SearchFn
from desk.ui.widgets.elided_label import ElidedLabel
from desk.ui.widgets.focus_chain import step
from desk.ui.widgets.parts import key_text, text_button
from desk.ui.widgets.strips import CrisisStrip, PolicyBanner
from desk.ui.widgets.theme import WARNING_MARK

if TYPE_CHECKING:
    from desk.core.danger.detect import Danger
    from desk.core.search.ranking import Answer

COPY_SLOTS = 9
DEFAULT_SIZE = (1180, 780)
# Title bar and borders of a typical window manager, until the real frame is known.
_FRAME_GUESS = (16, 40)
_COPIED_MS = 4000


class MainWindow(QMainWindow):
    """Desk's one window.

    Signals:
        email_request_requested(): staff asked to start an email-address request.
        policy_folder_requested(): the office manager asked to choose the policy folder.
        settings_requested(): staff asked for the settings (idle lock, colours).
        settings_changed(): new settings were saved; parts that read them read them again.
        new_call_started(): a new call began; tabs holding per-call state should clear it.
        closing(): the window is closing; stop background work and close stores.
    """

    email_request_requested = Signal()
    policy_folder_requested = Signal()
    settings_requested = Signal()
    settings_changed = Signal()
    new_call_started = Signal()
    closing = Signal()

    def __init__(
        self,
        *,
        book: PolicyBook,
        search: SearchFn,
        answer: Callable[[str], Answer],
        settings: QSettings,
        policy_folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.book = book
        self._painted = False
        self._after_paint: list[Callable[[], object]] = []
        self.setWindowTitle(f"Desk \u2013 {book.practice.name}")

        self.focus_search_action = self._action("&Search the policy", self.focus_search)
        self.crisis_action = self._action("&Crisis script", self.show_crisis)
        self.new_call_action = self._action("&New call", self.new_call)
        self.email_request_action = self._action(
            "Start an &email request", self.email_request_requested.emit
        )
        self.policy_folder_action = self._action(
            "Policy &folder\u2026", self.policy_folder_requested.emit
        )
        self.quit_action = self._action("&Quit", self.close)
        self.settings_action = self._action("Se&ttings\u2026", self.settings_requested.emit)
        self.copy_actions = [
            self._action(f"Copy script {n}", lambda _=False, n=n: self.copy_script(n))
            for n in range(1, COPY_SLOTS + 1)
        ]

        self.crisis_strip = CrisisStrip(action=self.crisis_action)
        self.banner = PolicyBanner(action=self.policy_folder_action)
        self.policy_tab = PolicyTab(
            book=book,
            search=search,
            answer=answer,
            actions=PolicyActions(
                new_call=self.new_call_action,
                copy=self.copy_actions,
                email=self.email_request_action,
            ),
        )
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.policy_tab, "&Policy answers")

        central = QWidget()
        col = QVBoxLayout(central)
        col.setContentsMargins(8, 8, 8, 0)
        col.setSpacing(6)
        col.addWidget(self.crisis_strip)
        col.addWidget(self.banner)
        col.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.policy_label = ElidedLabel(_policy_text(book))
        self.policy_label.setToolTip(_policy_text(book))
        self.policy_label.setObjectName("policyLabel")
        self.folder_status = PolicyFolderStatus(action=self.policy_folder_action)
        self.folder_label = self.folder_status.label
        self.set_policy_folder(policy_folder)
        self.statusBar().addPermanentWidget(self.policy_label, 1)
        self.statusBar().addPermanentWidget(_separator())
        self.statusBar().addPermanentWidget(self.folder_status)
        self.settings_button = text_button("Settings\u2026", parent=self)
        self.settings_button.setObjectName("settingsButton")
        self.settings_button.setToolTip("Idle lock and colours")
        self.settings_button.clicked.connect(self.settings_action.trigger)
        self.statusBar().addPermanentWidget(_separator())
        self.statusBar().addPermanentWidget(self.settings_button)
        self._status: list[QWidget] = [self.folder_status, self.settings_button]  # left to right

        self.policy_tab.copied.connect(self._on_copied)
        self.policy_tab.danger_changed.connect(self._on_danger)
        self._update_key_hint()

        self.setTabOrder(self.policy_tab.search_field, self.policy_tab.new_call_button)
        self.setTabOrder(self.policy_tab.new_call_button, self.policy_tab.list)
        self._restore_state()
        self.after_first_paint(self.fit_to_screen)
        self.policy_tab.search_field.setFocus(Qt.FocusReason.OtherFocusReason)

    # Intents ---------------------------------------------------------------------------

    def focus_search(self) -> None:
        """Go to the policy tab with the cursor in the search field."""
        self.tabs.setCurrentWidget(self.policy_tab)
        self.policy_tab.focus_search()

    def show_crisis(self) -> None:
        """Show the crisis script, from whatever tab or topic staff are on."""
        self.tabs.setCurrentWidget(self.policy_tab)
        self.policy_tab.select_topic("crisis")
        # Already on show further down the page: back to the top, where the steps are.
        self.policy_tab.view.scroll_to_top()
        self.policy_tab.list.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def new_call(self) -> None:
        """Clear the question and every tick, and tell other tabs a new call began."""
        self.tabs.setCurrentWidget(self.policy_tab)
        self.policy_tab.new_call()
        self.statusBar().showMessage("New call: search cleared, checklist unticked", _COPIED_MS)
        self.new_call_started.emit()

    def forget_call(self) -> None:
        """The screen is locking: clear the caller's words (and the danger warning they
        raised) and every tick, without moving the keyboard focus."""
        self.policy_tab.new_call(focus=False)

    def copy_script(self, number: int) -> bool:
        """Copy script `number` of the topic on show; says so in the status bar."""
        if self.tabs.currentWidget() is not self.policy_tab:
            return False
        if not self.policy_tab.view.copy_script(number):
            topic = self.policy_tab.current_topic
            if topic is not None:
                self.statusBar().showMessage(
                    f"\u201c{topic.title}\u201d has {len(topic.scripts)} script"
                    f"{'s' if len(topic.scripts) != 1 else ''}; there is no script {number}.",
                    _COPIED_MS,
                )
            return False
        return True

    def show_message(self, text: str, *, timeout_ms: int = _COPIED_MS) -> None:
        """A brief note in the status bar (never client names: the waiting room can see it)."""
        self.statusBar().showMessage(text, timeout_ms)

    def bind_keys(self, table: Iterable[tuple[QAction, Sequence[str]]]) -> None:
        """Give actions their shortcuts; buttons and the key hint show them from then on."""
        for action, keys in table:
            action.setShortcuts([QKeySequence(k) for k in keys])
        self._update_key_hint()

    # Mounting points for other parts ------------------------------------------------------

    def add_tab(self, widget: QWidget, title: str) -> int:
        """Add a tab after "Policy answers"; returns its index. `title` may hold a mnemonic."""
        return self.tabs.addTab(widget, title)

    def tab_regions(self) -> list[QWidget]:
        """Where Tab goes, top to bottom: the strips, the tabs, the page, the status bar."""
        pages = [page for i in range(self.tabs.count()) if (page := self.tabs.widget(i))]
        return [self.crisis_strip, self.banner, self.tabs.tabBar(), *pages, *self._status]

    def focusNextPrevChild(self, next: bool) -> bool:
        # Reading order rather than creation order: parts of the window are built late.
        return step(self, self.tab_regions(), forward=next)

    def after_first_paint(self, callback: Callable[[], object]) -> None:
        """Run `callback` once the window has painted, so work that can wait never delays it."""
        if self._painted:
            QTimer.singleShot(0, callback)
        else:
            self._after_paint.append(callback)

    def add_status_widget(self, widget: QWidget) -> None:
        """Put a permanent widget in the status bar, left of the policy details."""
        self.statusBar().insertPermanentWidget(0, _separator())
        self.statusBar().insertPermanentWidget(0, widget)
        self._status.insert(0, widget)

    def show_policy_issues(
        self, *, folder: Path, issues: Sequence[object], kept_at: datetime | None = None
    ) -> None:
        """Show the banner: the requested folder is broken; its last good copy (kept at
        `kept_at`) or, without one, the bundled policy is in use."""
        kept_on = _day(kept_at) if kept_at is not None else None
        self.banner.show_issues(folder=str(folder), issues=issues, kept_on=kept_on)
        using = f"last good copy of {kept_on}" if kept_on else "bundled"
        self.folder_label.setText(f"{WARNING_MARK} Policy folder: {using} (yours has errors)")
        self.folder_label.setToolTip(f"Could not use {folder}; showing {self.book.source_dir}")

    def show_policy(self, loaded: LoadResult) -> None:
        """Answer from another policy book now: checklist, topic page, status bar and banner."""
        if loaded.book is not self.book:
            self.book = loaded.book
            self.setWindowTitle(f"Desk \u2013 {loaded.book.practice.name}")
            self.policy_label.setText(_policy_text(loaded.book))
            self.policy_label.setToolTip(_policy_text(loaded.book))
            self.policy_tab.set_book(loaded.book)
        if loaded.fell_back and loaded.requested is not None:
            self.show_policy_issues(
                folder=loaded.requested,
                issues=loaded.issues,
                kept_at=loaded.good_copy.checked_at if loaded.good_copy else None,
            )
        else:
            self.banner.hide()
            self.set_policy_folder(loaded.requested)

    def set_policy_folder(self, folder: Path | None) -> None:
        """Say in the status bar which policy folder is in use."""
        self.folder_label.setText(
            f"Policy folder: {_middle_elided(str(folder))}" if folder else "Policy folder: bundled"
        )
        self.folder_label.setToolTip(str(folder or self.book.source_dir))

    # Qt plumbing -------------------------------------------------------------------------

    def _action(self, text: str, slot: Callable[..., object]) -> QAction:
        # Text set apart: resolving the (text, parent) overload makes PySide build QIcon's
        # enums, which nothing on the first screen needs.
        action = QAction(self)
        action.setText(text)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _on_danger(self, danger: Danger | None) -> None:
        if danger is None:
            self.crisis_strip.set_danger(None)
        else:
            self.crisis_strip.set_danger(danger.phrase, danger.sign)

    def _on_copied(self, label: str) -> None:
        self.statusBar().showMessage(
            f"Copied \u201c{label}\u201d \u2013 paste it or read it out", _COPIED_MS
        )

    def _update_key_hint(self) -> None:
        self.policy_tab.set_key_hint(
            search=key_text(self.focus_search_action),
            navigate="\u2191\u2193 choose   Enter scripts",
        )
        self.policy_tab.search_field.set_reserved_keys(
            [key for action in self.actions() for key in action.shortcuts()]
        )

    def _restore_state(self) -> None:
        geometry = self.settings.value("mainWindow/geometry")
        if isinstance(geometry, QByteArray) and self.restoreGeometry(geometry):
            pass
        else:
            self._default_geometry()
        state = self.settings.value("mainWindow/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = self.settings.value("policyTab/splitter")
        if not (
            isinstance(splitter, QByteArray) and self.policy_tab.splitter.restoreState(splitter)
        ):
            self.policy_tab.splitter.setSizes([440, 660])

    def _default_geometry(self) -> None:
        """A roomy window that fits the screen's free area with its title bar and borders.

        The frame's real size is known only once shown; until then a typical one is assumed,
        and `fit_to_screen()` corrects it after the first paint.
        """
        screen = QGuiApplication.primaryScreen()
        width, height = DEFAULT_SIZE
        if screen is not None:
            area = screen.availableGeometry()
            width = min(width, area.width() - _FRAME_GUESS[0])
            height = min(height, area.height() - _FRAME_GUESS[1])
            self.move(
                area.x() + max(0, (area.width() - width - _FRAME_GUESS[0]) // 2),
                area.y() + max(0, (area.height() - height - _FRAME_GUESS[1]) // 2),
            )
        self.resize(width, height)

    def fit_to_screen(self) -> None:
        """Shrink and move the window so that all of it, frame included, is on its screen."""
        if self.isMaximized() or self.isFullScreen():
            return
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        frame = self.frameGeometry()
        extra_w, extra_h = frame.width() - self.width(), frame.height() - self.height()
        width = min(self.width(), area.width() - extra_w)
        height = min(self.height(), area.height() - extra_h)
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        frame = self.frameGeometry()
        x = min(max(frame.x(), area.x()), area.right() + 1 - frame.width())
        y = min(max(frame.y(), area.y()), area.bottom() + 1 - frame.height())
        if (x, y) != (frame.x(), frame.y()):
            self.move(x, y)

    def save_state(self) -> None:
        """Remember geometry and the splitter (layout only: never client data)."""
        self.settings.setValue("mainWindow/geometry", self.saveGeometry())
        self.settings.setValue("mainWindow/state", self.saveState())
        self.settings.setValue("policyTab/splitter", self.policy_tab.splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.closing.emit()
        super().closeEvent(event)

    def event(self, event: QEvent) -> bool:
        if not self._painted and event.type() == QEvent.Type.Paint:
            self._painted = True
            for callback in self._after_paint:
                QTimer.singleShot(0, callback)
            self._after_paint.clear()
        return super().event(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._refresh_theme()
        super().changeEvent(event)

    def _refresh_theme(self) -> None:
        if not hasattr(self, "policy_tab"):
            return
        self.policy_tab.refresh_theme()


def _policy_text(book: PolicyBook) -> str:
    practice = book.practice
    return (
        f"{practice.policy_title} \u00b7 version {practice.policy_version}"
        f" \u00b7 effective {practice.effective_date}"
    )


def _day(moment: datetime) -> str:
    """A local date that reads the same everywhere: "2 Nov 2026"."""
    local = moment.astimezone()
    return f"{local.day} {local.strftime('%b')} {local.year}"


def _separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.VLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


def _middle_elided(text: str, limit: int = 48) -> str:
    if len(text) <= limit:
        return text
    half = (limit - 1) // 2
    return f"{text[:half]}\u2026{text[-half:]}"
