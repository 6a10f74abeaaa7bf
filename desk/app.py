"""The composition root: build the core from paths, build the window, wire keys and signals.

`build()` returns the application and window without entering the event loop, so tests and
the screenshot tool drive the same window staff see; only `main()` calls `exec()`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QApplication

from desk import paths
from desk.core.policy.fallback import LoadResult, load_with_fallback
from desk.core.search.lazy import LazySearch

from desk.ui.main_window import MainWindow
from desk.ui.policy.folder import PolicyFolderSwitch, saved_policy_folder

if TYPE_CHECKING:
    from desk.core.requests.models import Clock
    from desk.core.requests.workflow import RequestLog

    from desk.ui.requests.live import LiveUpdates
    from desk.ui.requests.tab import RequestsTab

SETTINGS_FILE = "desk.ini"


class PolicyLoad(Protocol):
    """Loads the policy folder asked for (None: the bundled one), with its fallbacks."""

    def __call__(self, folder: Path | None, *, cached: bool = True) -> LoadResult: ...


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
    # The title bar and task bar show Desk's icon, the one its desktop entry names.
    app.setWindowIcon(QIcon(str(paths.resources_dir() / "desk.svg")))
    settings = _settings(settings_path or where.config_dir / SETTINGS_FILE)
    if database is None:  # --database and DESK_DATABASE come first, then the window's setting
        from desk.ui.settings.dialog import saved_database

        database = saved_database(settings)
    choice = paths.choose_policy_dir(policy_dir, setting=saved_policy_folder(settings))
    load = _policy_loader(data_dir=where.data_dir, clock=clock)
    loaded = load(choice.folder)
    search = LazySearch(loaded.book)
    window = MainWindow(
        book=loaded.book,
        search=search.search,
        answer=search.answer,
        settings=settings,
        policy_folder=None if loaded.fell_back else choice.folder,
    )
    _report(window, loaded)
    switch = PolicyFolderSwitch(
        settings=settings,
        current=choice,
        problems=len(loaded.issues),
        apply=lambda folder: _use_policy(window, search, load, folder),
        notify=window.show_message,
        parent=window,
    )
    window.policy_folder_requested.connect(switch.change)
    _appearance(app, window)
    _connect(window)
    _crisis_from_anywhere(app, window)
    window.after_first_paint(search.warm)
    window.after_first_paint(lambda: _confirm_cached_policy(window, search, load, loaded))
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
        (window.settings_action, ("Ctrl+,",)),
        (window.quit_action, ("Ctrl+Q",)),
        *((action, (f"Ctrl+{n}",)) for n, action in enumerate(window.copy_actions, 1)),
    ]
    window.bind_keys(keys)


def _crisis_from_anywhere(app: QApplication, window: MainWindow) -> None:
    """F2 works over every dialog and the lock screen too: the window's shortcuts cannot."""
    from desk.ui.crisis.key import CrisisKey

    key = CrisisKey(
        window=window, action=window.crisis_action, book=lambda: window.book, parent=window
    )
    app.installEventFilter(key)
    window.destroyed.connect(lambda: app.removeEventFilter(key))


def _policy_loader(*, data_dir: Path, clock: Clock | None) -> PolicyLoad:
    """Loads a policy folder, keeping its last good copy in the data folder for when it breaks.

    `cached=False` reads the files themselves, skipping the validated-policy cache.
    """

    def load(folder: Path | None, *, cached: bool = True) -> LoadResult:
        from datetime import UTC, datetime

        from desk.core.policy.good_copy import STORE_NAME

        return load_with_fallback(
            folder,
            cache_dir=paths.cache_dir() if cached else None,
            good_copies=data_dir / STORE_NAME,
            now=clock() if clock is not None else datetime.now(UTC),
        )

    return load


def _appearance(app: QApplication, window: MainWindow) -> None:
    """The focus ring in every window, the colour scheme from settings, and the settings
    dialog that changes it (and the idle lock) live."""
    from desk.ui.widgets.focus_ring import FocusRing
    from desk.ui.widgets.scheme import SchemeSwitch, saved_scheme

    FocusRing(app=app, parent=window)
    scheme = SchemeSwitch(app=app, choice=saved_scheme(window.settings), parent=window)

    def change() -> None:
        from desk.ui.settings.dialog import SettingsDialog, read_settings, write_settings

        chosen = SettingsDialog.ask(current=read_settings(window.settings), parent=window)
        if chosen is None:
            return
        write_settings(window.settings, chosen)
        scheme.set_choice(chosen.scheme)
        window.settings_changed.emit()
        window.show_message("Settings saved")

    window.settings_requested.connect(change)


def _use_policy(
    window: MainWindow, search: LazySearch, load: PolicyLoad, folder: Path | None
) -> LoadResult:
    """Answer from a freshly loaded policy now, without a restart.

    The window is already up, so the files are read themselves, not the cache: nothing is
    left to check against them afterwards.
    """
    loaded = load(folder, cached=False)
    search.set_book(loaded.book)
    window.show_policy(loaded)
    _report(window, loaded)
    window.after_first_paint(search.warm)
    return loaded


def _confirm_cached_policy(
    window: MainWindow, search: LazySearch, load: PolicyLoad, shown: LoadResult
) -> None:
    """Check the policy the window opened with (from the cache) against the files themselves.

    The cache lets the first paint skip parsing the YAML; anyone who can write the cache folder
    could make it say something the files do not. Just after the first paint the files are
    loaded strictly, and if they differ the window answers from the files from then on.
    """
    import logging

    strict = load(shown.requested, cached=False)
    if strict.book == shown.book and strict.issues == shown.issues:
        return
    logging.getLogger("desk").warning(
        "the cached policy did not match the policy files; answering from the files"
    )
    search.set_book(strict.book)
    window.show_policy(strict)
    _report(window, strict)
    window.after_first_paint(search.warm)


def _report(window: MainWindow, loaded: LoadResult) -> None:
    """A broken folder: the banner names each problem by file:line, and so does stderr."""
    if loaded.fell_back and loaded.requested is not None:
        import logging

        logging.getLogger("desk").warning(
            "policy folder %s could not be used; using %s:\n%s",
            loaded.requested,
            "its last good copy" if loaded.good_copy else "the bundled policy",
            "\n".join(f"  {issue}" for issue in loaded.issues),
        )
        window.show_policy_issues(
            folder=loaded.requested,
            issues=loaded.issues,
            kept_at=loaded.good_copy.checked_at if loaded.good_copy else None,
        )


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

    from desk.ui.requests.opening import LogOpener
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

    from desk.ui.lock.idle import idle_timeout
    from desk.ui.requests.tab import RequestsTab

    tab = RequestsTab.build(log=log, settings=window.settings, clock=clock or utc_now)
    # Printed reports carry the practice's name from the policy in use when they are printed.
    tab.log_tools.practice = lambda: window.book.practice.name
    window.tabs.insertTab(index, tab, tab.title())
    staff = tab.staff_status_widget()
    if staff is not None:
        window.add_status_widget(staff)
    window.email_request_requested.connect(tab.start_request)
    # A new call or the lock forgets the last caller on both tabs.
    window.new_call_started.connect(tab.new_call)
    window.settings_changed.connect(lambda: tab.set_idle_timeout(idle_timeout(window.settings)))
    tab.lock_changed.connect(lambda locked: window.forget_call() if locked else None)
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
    _quit_on_interrupt(app, window)
    return app.exec()


def _quit_on_interrupt(app: QApplication, window: MainWindow) -> None:
    """Ctrl+C in the terminal that started Desk closes the window as Ctrl+Q would.

    Python runs signal handlers only between bytecodes, and Qt's event loop runs none while
    idle, so a short timer hands control back now and then (the documented workaround).
    """
    import signal

    def interrupted(*_args: object) -> None:
        window.close()  # the window's own clean-up (the log is closed on `closing`)
        app.quit()

    signal.signal(signal.SIGINT, interrupted)
    ticker = QTimer(window)
    ticker.setInterval(250)
    ticker.timeout.connect(lambda: None)
    ticker.start()


def _application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    from desk.ui.widgets.outlines import OutlinedStyle

    # Control edges that stay visible on dark palettes (the application owns the style).
    app.setStyle(OutlinedStyle(app.style().name()))
    app.setApplicationName(paths.APP_NAME)
    app.setDesktopFileName("desk")
    return app


def _settings(path: Path) -> QSettings:
    """Window layout only; client data never goes here."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    return QSettings(str(path), QSettings.Format.IniFormat)
