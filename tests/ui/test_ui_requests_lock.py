"""Idle lock and clipboard clearing: client data leaves the screen and the clipboard on time."""

from __future__ import annotations

from datetime import timedelta

from test_ui_requests_support import IGNORE_OFFSCREEN, add_requests, key, visible_text, wait_loaded

from PySide6.QtCore import QSettings, Qt

from desk.core.requests.models import Staff

from desk.ui.lock.idle import IdleLock, idle_timeout
from desk.ui.requests.clipboard import ClipboardGuard
from desk.ui.requests.model import CLIENT_COLUMN

pytest_plugins = ("test_ui_requests_support",)
pytestmark = IGNORE_OFFSCREEN


def _idle(tab) -> IdleLock:
    idle = tab._idle
    assert isinstance(idle, IdleLock)
    return idle


def test_idle_lock_hides_client_data_and_unlocks_on_picking_staff(
    qtbot, tab, log, prompter, clock, clipboard, session, settings
) -> None:
    """After 5 idle minutes no name is on screen; picking yourself brings the table back."""
    add_requests(log, clock, [("Jane Smith", "ruiz")])
    tab.set_privacy(False)
    tab.model.refresh()
    wait_loaded(qtbot, tab)
    tab.table.selectRow(0)
    assert "Jane Smith" in visible_text(tab)
    tab.clipboard.copy("ana.ruiz@caring.example")

    clock.advance(minutes=5)
    with qtbot.waitSignal(tab.lock_changed) as locked:
        _idle(tab).timer.timeout.emit()
    assert locked.args == [True]
    assert tab.is_locked
    assert "Jane" not in visible_text(tab)
    assert not tab.table.isVisible() and not tab.detail.isVisible()
    assert prompter.hidden == 1  # open dialogs were closed
    assert clipboard.text() == ""
    assert tab.lock_screen.isVisible()

    key(qtbot, tab, "Ctrl+N")  # shortcuts are dead while locked
    assert not [kind for kind, _ in prompter.asked if kind == "new"]

    prompter.staff_answer = log.get_staff("sam")
    qtbot.mouseClick(tab.lock_screen.unlock_button, Qt.MouseButton.LeftButton)
    assert not tab.is_locked
    assert tab.table.isVisible()
    assert session.staff == Staff(id="sam", name="Sam Patel")
    assert settings.value("desk/staff_id") == "sam"
    assert not _idle(tab).is_locked


def test_cancelled_pick_stays_locked(qtbot, tab, prompter, clock) -> None:
    """Closing the picker without choosing leaves the data hidden."""
    clock.advance(minutes=6)
    _idle(tab).check()
    prompter.staff_answer = None
    assert not tab.unlock()
    assert tab.is_locked and not tab.table.isVisible()


def test_input_postpones_the_lock(qtbot, tab, clock) -> None:
    """Typing or clicking counts as activity; only a full idle spell locks."""
    idle = _idle(tab)
    clock.advance(minutes=4)
    idle.check()
    assert not tab.is_locked
    qtbot.keyClick(tab.filters.client, Qt.Key.Key_A)
    clock.advance(minutes=4)
    idle.check()
    assert not tab.is_locked
    clock.advance(minutes=1, seconds=1)
    idle.check()
    assert tab.is_locked


def test_lock_now_from_the_keyboard(qtbot, tab) -> None:
    """Ctrl+Shift+L locks at once, for staff stepping away."""
    tab.table.setFocus()
    key(qtbot, tab, "Ctrl+Shift+L")
    assert tab.is_locked
    assert tab.lock_screen.unlock_button.hasFocus()


def test_idle_time_comes_from_settings(tmp_path) -> None:
    """Minutes come from settings; junk falls back to 5, and 0 cannot switch the lock off."""
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert idle_timeout(settings) == timedelta(minutes=5)
    settings.setValue("privacy/idle_lock_minutes", 12)
    assert idle_timeout(settings) == timedelta(minutes=12)
    settings.setValue("privacy/idle_lock_minutes", "soon")
    assert idle_timeout(settings) == timedelta(minutes=5)
    settings.setValue("privacy/idle_lock_minutes", 0)
    assert idle_timeout(settings) == timedelta(minutes=1)


def test_clipboard_cleared_only_after_the_deadline(qtbot, clock, clipboard) -> None:
    """An early timer leaves the address; once 60 s have passed on the clock it goes."""
    guard = ClipboardGuard(clipboard=clipboard, clock=clock)
    guard.copy("ana.ruiz@caring.example")
    clock.advance(seconds=30)
    guard.timer.timeout.emit()
    assert clipboard.text() == "ana.ruiz@caring.example"
    assert guard.timer.isActive()
    clock.advance(seconds=30)
    with qtbot.waitSignal(guard.cleared):
        guard.timer.timeout.emit()
    assert clipboard.text() == ""


def test_clipboard_left_alone_if_staff_copied_something_else(clock, clipboard) -> None:
    """Clearing never wipes what staff copied after the address."""
    guard = ClipboardGuard(clipboard=clipboard, clock=clock)
    guard.copy("ana.ruiz@caring.example")
    clipboard.setText("call back at 3")
    clock.advance(seconds=61)
    guard.timer.timeout.emit()
    assert clipboard.text() == "call back at 3"


def test_shutdown_clears_a_released_address_from_the_clipboard(tab, clipboard) -> None:
    """Quitting within the 60 s does not leave the address on the clipboard."""
    tab.clipboard.copy("ana.ruiz@caring.example")
    tab.shutdown()
    assert clipboard.text() == ""


def test_privacy_is_on_by_default_and_masks_the_table(qtbot, tab, log, clock) -> None:
    """A new tab masks names: the screen faces the waiting room."""
    add_requests(log, clock, [("Jane Smith", "ruiz"), ("Kevin O'Brien", "okafor")])
    tab.model.refresh()
    wait_loaded(qtbot, tab)
    assert tab.proxy.privacy
    names = {tab.proxy.index(r, CLIENT_COLUMN).data() for r in range(tab.proxy.rowCount())}
    assert names == {
        "J\u2022\u2022\u2022 S\u2022\u2022\u2022 #1",
        "K\u2022\u2022\u2022 O\u2022\u2022\u2022 #2",
    }
    assert "Jane" not in visible_text(tab) and "Kevin" not in visible_text(tab)


def test_build_asks_who_is_at_the_desk_and_reads_idle_time_from_settings(
    qtbot, log, settings, clock, monkeypatch
) -> None:
    """Each start asks who is at the desk, offering the last person; idle time from settings."""
    from desk.ui.requests.prompter import Prompter
    from desk.ui.requests.tab import RequestsTab

    offered: list[Staff | None] = []

    def ask_staff(_self, *, log, current):
        offered.append(current)
        return log.get_staff("maria")

    monkeypatch.setattr(Prompter, "ask_staff", ask_staff)
    settings.setValue("desk/staff_id", "sam")
    settings.setValue("privacy/idle_lock_minutes", 12)
    tab = RequestsTab.build(log=log, settings=settings, clock=clock)
    qtbot.addWidget(tab)
    try:
        assert tab.is_locked  # the last person is not assumed to be at the desk
        status = tab.staff_status_widget()
        assert status is not None and status.label.text() == "At the desk: nobody yet"
        assert tab.unlock()
        assert offered == [Staff(id="sam", name="Sam Patel")]  # offered as the default
        assert status.label.text() == "At the desk: Maria Lopez"
        clock.advance(minutes=11)
        _idle(tab).check()
        assert not tab.is_locked
        clock.advance(minutes=1)
        _idle(tab).check()
        assert tab.is_locked
    finally:
        tab.shutdown()
