"""The composition root: build the core from paths, build the window, wire keys and signals.

`build()` returns the application and window without entering the event loop, so tests and
the screenshot tool drive the same window staff see; only `main()` calls `exec()`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from desk import paths
from desk.core.policy.book import PolicyBook
from desk.core.policy.fallback import LoadResult, load_with_fallback

from desk.ui.main_window import MainWindow
from desk.ui.policy.folder import PolicyFolderSwitch, saved_policy_folder

if TYPE_CHECKING:
    from desk.core.requests.models import Clock
    from desk.core.requests.workflow import RequestLog
    from desk.core.search.ranking import Hit, SearchIndex

    from desk.ui.requests.live import LiveUpdates
    from desk.ui.requests.tab import RequestsTab

SETTINGS_FILE = "desk.ini"


def build(
    *,
    policy_dir: str | os.PathLike[str] | None = None,
    data_dir: str | os.PathLike[str] | None = None,
    settings_path: Path | None = None,
    clock: Clock | None = None,
    requests: bool = True,
    database: str | None = None,
) -> tuple[QApplication, MainWindow]:
    """Everything `main()` shows, ready but not yet shown.

    The email-requests tab is mounted just after the window first paints (`requests=False`
    leaves it out, for tests of the policy tab alone). `database` is a shared log's URL.
    """
    where = paths.resolve(policy_dir=policy_dir, data_dir=data_dir)
    app = _application()
    settings = _settings(settings_path or where.config_dir / SETTINGS_FILE)
    choice = paths.choose_policy_dir(policy_dir, setting=saved_policy_folder(settings))
    loaded = load_with_fallback(choice.folder, cache_dir=paths.cache_dir())
    search = _LazySearch(loaded.book)
    window = MainWindow(
        book=loaded.book,
        search=search.search,
        is_crisis=search.is_crisis,
        settings=settings,
        policy_folder=None if loaded.fell_back else choice.folder,
    )
    _report(window, loaded)
    switch = PolicyFolderSwitch(
        settings=settings,
        current=choice,
        problems=len(loaded.issues),
        apply=lambda folder: _use_policy(window, search, folder),
        notify=window.show_message,
        parent=window,
    )
    window.policy_folder_requested.connect(switch.change)
    _connect(window)
    window.after_first_paint(search.warm)
    if requests:
        window.after_first_paint(
            lambda: _mount_requests(window, data_dir=where.data_dir, clock=clock, database=database)
        )
    return app, window


def _connect(window: MainWindow) -> None:
    """Every window-wide shortcut in one table; the buttons and hints show these keys.

    (The email-requests tab keeps its own Ctrl+N / Ctrl+Shift+... keys, live only on that tab.)
    """
    keys: list[tuple[QAction, tuple[str, ...]]] = [
        (window.focus_search_action, ("Ctrl+K", "Ctrl+F")),
        (window.crisis_action, ("F2",)),
        (window.new_call_action, ("F5", "Ctrl+Shift+N")),
        (window.email_request_action, ("Ctrl+E",)),
        (window.policy_folder_action, ("Ctrl+Shift+F",)),
        (window.quit_action, ("Ctrl+Q",)),
        *((action, (f"Ctrl+{n}",)) for n, action in enumerate(window.copy_actions, 1)),
    ]
    window.bind_keys(keys)


def _use_policy(window: MainWindow, search: _LazySearch, folder: Path | None) -> LoadResult:
    """Load `folder` (or the bundled policy) and answer from it now, without a restart."""
    loaded = load_with_fallback(folder, cache_dir=paths.cache_dir())
    search.set_book(loaded.book)
    window.show_policy(loaded)
    _report(window, loaded)
    window.after_first_paint(search.warm)
    return loaded


def _report(window: MainWindow, loaded: LoadResult) -> None:
    """A broken folder: the banner names each problem by file:line, and so does stderr."""
    if loaded.fell_back and loaded.requested is not None:
        import logging

        logging.getLogger("desk").warning(
            "policy folder %s could not be used; using the bundled policy:\n%s",
            loaded.requested,
            "\n".join(f"  {issue}" for issue in loaded.issues),
        )
        window.show_policy_issues(folder=loaded.requested, issues=loaded.issues)


RETRY_MS = 15_000
"""How soon the window tries a shared log's server again after it could not be reached."""


def _mount_requests(
    window: MainWindow, *, data_dir: Path, clock: Clock | None, database: str | None = None
) -> None:
    """Open the request log off the GUI thread and add its tab when it is ready.

    Until then the tab says the log is opening; if it cannot open, the tab says why and policy
    answers still work. A shared log's server that cannot be reached is tried again every
    RETRY_MS; nothing is written anywhere else meanwhile.
    """
    from PySide6.QtWidgets import QLabel

    from desk.core.errors import StoreError
    from desk.core.requests import open_log

    from desk.ui.requests.log.opener import LogOpener
    from desk.ui.requests.tab import TITLE

    placeholder = QLabel("Opening the email-request log…")
    placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
    window.add_tab(placeholder, TITLE)
    opener = LogOpener(parent=window)
    closing = False

    def mark_closing() -> None:
        nonlocal closing
        closing = True

    def opened(result: object) -> None:
        index = window.tabs.indexOf(placeholder)
        if isinstance(result, StoreError):
            import logging

            logging.getLogger("desk").warning("the email-request log cannot be opened: %s", result)
            again = "\n\nTrying again in 15 seconds." if database is not None else ""
            placeholder.setText(f"The email-request log cannot be opened:\n{result}{again}")
            placeholder.setWordWrap(True)
            if database is not None and not closing:
                QTimer.singleShot(RETRY_MS, placeholder, start)
            return
        if isinstance(result, BaseException):
            raise result
        log = cast("RequestLog", result)
        if closing:
            log.close()
            return
        _show_requests(window, log=log, clock=clock, index=index)
        window.tabs.removeTab(window.tabs.indexOf(placeholder))
        placeholder.deleteLater()

    def start() -> None:
        if not closing:
            opener.start(lambda: open_log(data_dir, clock=clock, database=database))

    window.closing.connect(mark_closing)
    opener.finished.connect(opened)
    start()


def _show_requests(window: MainWindow, *, log: RequestLog, clock: Clock | None, index: int) -> None:
    """Put the requests tab where the placeholder was and wire it to the window."""
    from desk.core.requests.workflow import utc_now

    from desk.ui.requests.tab import RequestsTab

    tab = RequestsTab.build(log=log, settings=window.settings, clock=clock or utc_now)
    # Printed reports carry the practice's name from the policy in use when they are printed.
    tab.log_tools.practice = lambda: window.book.practice.name
    window.tabs.insertTab(index, tab, tab.title())
    staff = tab.staff_status_widget()
    if staff is not None:
        window.add_status_widget(staff)
    window.email_request_requested.connect(tab.start_request)
    live = _live_updates(tab, log)

    def stop() -> None:
        window.closing.disconnect(stop)
        if live is not None:
            live.stop()
        tab.shutdown()
        log.close()

    window.closing.connect(stop)


def _live_updates(tab: RequestsTab, log: RequestLog) -> LiveUpdates | None:
    """On a shared log, another desk's change refreshes this window's rows and badge."""
    listen = getattr(log.store, "listen_connection", None)
    if listen is None:
        return None
    from desk.ui.requests.live import LiveUpdates

    live = LiveUpdates(listen=listen, parent=tab)
    live.changed.connect(tab.show_changes_elsewhere)
    live.start()
    return live


def main(
    *,
    policy_dir: str | os.PathLike[str] | None = None,
    data_dir: str | os.PathLike[str] | None = None,
    database: str | None = None,
) -> int:
    """Open the window and run until it closes."""
    import logging

    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.WARNING, format="desk: %(message)s", stream=sys.stderr)
    app, window = build(policy_dir=policy_dir, data_dir=data_dir, database=database)
    window.show()
    return app.exec()


class _LazySearch:
    """The search index, built just after the window first paints rather than before."""

    def __init__(self, book: PolicyBook) -> None:
        self._book = book
        self._index: SearchIndex | None = None

    def set_book(self, book: PolicyBook) -> None:
        """Search another policy; its index is built on the next search."""
        self._book = book
        self._index = None

    def warm(self) -> None:
        """Build the index now (called once the window has painted)."""
        if self._index is None:
            from desk.core.search.ranking import SearchIndex

            self._index = SearchIndex(self._book)

    def search(self, query: str) -> Sequence[Hit]:
        self.warm()
        assert self._index is not None
        return self._index.search(query)

    def is_crisis(self, query: str) -> bool:
        from desk.core.search.ranking import is_crisis

        return is_crisis(query)


def _application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName(paths.APP_NAME)
    app.setDesktopFileName("desk")
    return app


def _settings(path: Path) -> QSettings:
    """Window layout only; client data never goes here."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    return QSettings(str(path), QSettings.Format.IniFormat)
