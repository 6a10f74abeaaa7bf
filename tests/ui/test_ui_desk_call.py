"""Lock and new call forget the last caller everywhere in the real window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_ui_requests_support import visible_text

from PySide6.QtCore import QSettings

from desk.core.requests import open_log
from desk.core.requests.models import Staff

from desk.ui.lock.idle import IdleLock
from desk.ui.requests.prompter import Prompter
from desk.ui.requests.tab import RequestsTab

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

Opener = Callable[..., Any]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A log with Maria and Sam, counselor Ana Ruiz, and one request from Jane Smith."""
    log = open_log(tmp_path / "data")
    log.add_staff(staff_id="maria", name="Maria Lopez")
    log.add_staff(staff_id="sam", name="Sam Patel")
    log.add_counselor(
        counselor_id="ruiz", name="Ana Ruiz", email="ana@caring.example", staff_id="maria"
    )
    log.add_request(client="Jane Smith", counselor_id="ruiz", staff_id="maria")
    log.close()
    return tmp_path / "data"


@pytest.fixture
def offered(monkeypatch: pytest.MonkeyPatch) -> list[Staff | None]:
    """The picker answers Maria; records whom it offered as the default."""
    seen: list[Staff | None] = []

    def ask_staff(_self: Prompter, *, log: Any, current: Staff | None) -> Staff | None:
        seen.append(current)
        return log.get_staff("maria")

    monkeypatch.setattr(Prompter, "ask_staff", ask_staff)
    return seen


def _requests_tab(open_window: Opener, qtbot: Any, data_dir: Path, **kw: Any) -> tuple[Any, Any]:
    window = open_window(requests=True, data_dir=data_dir, **kw)
    qtbot.waitUntil(lambda: isinstance(window.tabs.widget(1), RequestsTab))
    tab = window.tabs.widget(1)
    qtbot.waitUntil(lambda: not tab.model.is_loading() and not tab.reads.busy)
    return window, tab


def _show_jane(qtbot: Any, window: Any, tab: RequestsTab) -> None:
    """Staff unlock, type a danger question and a client filter, and reveal names."""
    qtbot.keyClicks(window.policy_tab.search_field, "Jane Smith says she wants to kill herself")
    assert window.crisis_strip.alert
    window.tabs.setCurrentWidget(tab)
    assert tab.unlock()
    tab.filters.client.setText("Jane")
    qtbot.waitUntil(lambda: not tab.model.is_loading() and tab.proxy.rowCount() == 1)
    tab.set_privacy(False)
    tab.table.selectRow(0)
    qtbot.waitUntil(lambda: "Jane Smith" in visible_text(tab))


def test_lock_forgets_the_caller_and_unlocks_with_names_masked(
    open_window: Opener, qtbot: Any, data_dir: Path, offered: list[Staff | None]
) -> None:
    """Locking clears the search, danger warning, client filter and selection; privacy is on."""
    window, tab = _requests_tab(open_window, qtbot, data_dir)
    _show_jane(qtbot, window, tab)
    idle = tab._idle
    assert isinstance(idle, IdleLock)
    idle.lock()
    assert window.policy_tab.search_field.text() == ""
    assert not window.crisis_strip.alert
    assert tab.filters.client.text() == ""
    assert "Jane" not in visible_text(window)
    assert tab.unlock()
    qtbot.waitUntil(lambda: not tab.model.is_loading() and not tab.reads.busy)
    assert tab.proxy.privacy and tab.request_actions.privacy.isChecked()
    assert tab.filters.client.text() == ""
    assert "Jane Smith" not in visible_text(window)


def test_new_call_forgets_the_caller_on_both_tabs(
    open_window: Opener, qtbot: Any, data_dir: Path, offered: list[Staff | None]
) -> None:
    """F5 clears the policy search, the request filters and selection, and masks names again."""
    window, tab = _requests_tab(open_window, qtbot, data_dir)
    _show_jane(qtbot, window, tab)
    window.new_call_action.trigger()
    assert window.tabs.currentWidget() is window.policy_tab
    assert window.policy_tab.search_field.text() == ""
    assert not window.crisis_strip.alert
    assert tab.filters.client.text() == ""
    assert tab.proxy.privacy
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: not tab.model.is_loading() and not tab.reads.busy)
    assert "Jane Smith" not in visible_text(window)


def test_each_start_asks_who_is_at_the_desk(
    open_window: Opener, qtbot: Any, data_dir: Path, tmp_path: Path, offered: list[Staff | None]
) -> None:
    """After a restart the requests tab is locked; the picker offers the last person."""
    settings = tmp_path / "desk.ini"
    QSettings(str(settings), QSettings.Format.IniFormat).setValue("desk/staff_id", "sam")
    window, tab = _requests_tab(open_window, qtbot, data_dir, settings=settings)
    assert tab.is_locked
    assert "Jane" not in visible_text(window)
    assert "At the desk: nobody yet" in visible_text(window.statusBar())
    assert tab.unlock()
    assert offered == [Staff(id="sam", name="Sam Patel")]


def test_settings_change_the_idle_lock_live(
    open_window: Opener,
    qtbot: Any,
    data_dir: Path,
    tmp_path: Path,
    offered: list[Staff | None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Saving 9 minutes in the window's settings locks after 9 idle minutes from then on."""
    from datetime import timedelta

    from desk.ui.settings.dialog import DeskSettings, SettingsDialog

    chosen = DeskSettings(idle_minutes=9, scheme="system")
    monkeypatch.setattr(SettingsDialog, "ask", classmethod(lambda cls, **_kw: chosen))
    window, tab = _requests_tab(open_window, qtbot, data_dir)
    window.settings_action.trigger()
    idle = tab._idle
    assert isinstance(idle, IdleLock) and idle.timeout == timedelta(minutes=9)
    saved = QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat)
    assert saved.value("privacy/idle_lock_minutes") in (9, "9")
