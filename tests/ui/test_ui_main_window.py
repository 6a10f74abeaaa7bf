"""The main window, driven the way reception staff drive it: keys, clicks, and the clipboard."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from policy_copies import broken_copy

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from desk.core.policy.book import PolicyBook
from desk.paths import bundled_policy_dir

from desk.ui.main_window import MainWindow

Opener = Callable[..., MainWindow]

# The offscreen platform cannot pass a window's minimum size to a window manager and says so
# whenever a top-level window with a layout is shown; real platforms do not warn.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture
def window(open_window: Opener) -> MainWindow:
    return open_window()


def _type(qtbot, window: MainWindow, text: str) -> None:
    field = window.policy_tab.search_field
    qtbot.keyClicks(field, text)


def _current_id(window: MainWindow) -> str | None:
    topic = window.policy_tab.current_topic
    return topic.id if topic else None


def _clipboard() -> str:
    return QApplication.clipboard().text()


def test_search_field_has_focus_at_start(window: MainWindow, qtbot) -> None:
    """Staff can start typing the caller's question the moment the window opens."""
    qtbot.waitUntil(window.policy_tab.search_field.hasFocus)


@pytest.mark.parametrize(
    ("question", "topic_id"),
    [
        ("can i txt my counslor", "texting"),
        ("whats her email address", "email"),
        ("can we do this weeks session by phone", "phone-sessions"),
        ("can i add her on fb", "social-media"),
    ],
)
def test_typing_a_question_selects_the_right_topic(
    window: MainWindow, qtbot, question: str, topic_id: str
) -> None:
    """Typing a caller's words selects the best topic and shows it on the right."""
    _type(qtbot, window, question)
    assert _current_id(window) == topic_id
    assert window.policy_tab.list.currentIndex().row() == 0


def test_results_update_on_every_keystroke(window: MainWindow, qtbot) -> None:
    """The checklist re-ranks as each letter arrives, not only on Enter."""
    field = window.policy_tab.search_field
    seen = []
    for ch in "email":
        qtbot.keyClick(field, ch)
        seen.append(window.policy_tab.proxy.rowCount())
    assert seen[-1] < len(window.book.topics)
    assert _current_id(window) == "email"


def test_up_and_down_in_the_search_field_move_through_results(window: MainWindow, qtbot) -> None:
    """Arrow keys choose another result without leaving the search field."""
    _type(qtbot, window, "facebook")
    field = window.policy_tab.search_field
    first = _current_id(window)
    qtbot.keyClick(field, Qt.Key.Key_Down)
    second = _current_id(window)
    assert second != first
    assert second == window.policy_tab.proxy.topic_at(1).id
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert _current_id(window) == first
    assert field.hasFocus()
    assert field.text() == "facebook"


def test_escape_clears_the_question(window: MainWindow, qtbot) -> None:
    """Escape empties the search field and brings back the whole checklist."""
    _type(qtbot, window, "texting")
    qtbot.keyClick(window.policy_tab.search_field, Qt.Key.Key_Escape)
    assert window.policy_tab.search_field.text() == ""
    assert window.policy_tab.proxy.rowCount() == len(window.book.topics)


def test_ctrl_k_focuses_search_from_anywhere(window: MainWindow, qtbot) -> None:
    """Ctrl+K jumps back to the search field with the old question selected to overtype."""
    _type(qtbot, window, "texting")
    window.policy_tab.list.setFocus()
    qtbot.waitUntil(window.policy_tab.list.hasFocus)
    qtbot.keyClick(window.policy_tab.list, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    field = window.policy_tab.search_field
    assert field.hasFocus()
    assert field.selectedText() == "texting"
    # Ctrl+K inside the field focuses too; it must not delete text as a line-edit binding.
    field.setCursorPosition(0)
    qtbot.keyClick(field, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert field.text() == "texting"


def test_copy_button_puts_the_rendered_script_on_the_clipboard(
    window: MainWindow, qtbot, book: PolicyBook
) -> None:
    """Copy gives the script with the practice's details filled in, and says so."""
    QApplication.clipboard().clear()
    _type(qtbot, window, "can i text my counselor")
    view = window.policy_tab.view
    qtbot.mouseClick(view.copy_buttons[0], Qt.MouseButton.LeftButton)
    expected = book.render(book.topic("texting").scripts[0].text)
    assert _clipboard() == expected
    assert "{" not in _clipboard()
    assert book.practice.office_phone in _clipboard()
    assert "Copied" in window.statusBar().currentMessage()


def test_ctrl_number_copies_that_script(window: MainWindow, qtbot, book: PolicyBook) -> None:
    """Ctrl+1 and Ctrl+2 copy the first and second script without touching the mouse."""
    _type(qtbot, window, "email")
    field = window.policy_tab.search_field
    email = book.topic("email")
    qtbot.keyClick(field, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert _clipboard() == book.render(email.scripts[1].text)
    qtbot.keyClick(field, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert _clipboard() == book.render(email.scripts[0].text)
    assert email.scripts[0].label in window.statusBar().currentMessage()


def test_copy_shortcut_past_the_last_script_copies_nothing(window: MainWindow, qtbot) -> None:
    """Ctrl+9 on a topic with fewer scripts leaves the clipboard alone and explains why."""
    QApplication.clipboard().setText("unchanged")
    _type(qtbot, window, "texting")
    qtbot.keyClick(
        window.policy_tab.search_field, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier
    )
    assert _clipboard() == "unchanged"
    assert "no script 9" in window.statusBar().currentMessage()


def test_enter_goes_to_the_scripts(window: MainWindow, qtbot, book: PolicyBook) -> None:
    """Enter in the search field moves to the first Copy button; Space then copies."""
    _type(qtbot, window, "voicemail")
    qtbot.keyClick(window.policy_tab.search_field, Qt.Key.Key_Return)
    button = window.policy_tab.view.copy_buttons[0]
    assert button.hasFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert _clipboard() == book.render(book.topic("voicemail").scripts[0].text)


def test_copy_buttons_show_their_shortcut(window: MainWindow, qtbot) -> None:
    """Each Copy button advertises the key that does the same thing."""
    _type(qtbot, window, "email")
    buttons = window.policy_tab.view.copy_buttons
    assert [b.text().split()[-1] for b in buttons] == [f"Ctrl+{n}" for n in range(1, 4)][
        : len(buttons)
    ]


def test_checklist_ticks_reset_on_new_call(window: MainWindow, qtbot) -> None:
    """Ticks last for the call (even across topics) and clear when a new call starts."""
    _type(qtbot, window, "email")
    rows = window.policy_tab.view.check_rows
    qtbot.mouseClick(rows[0].box, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(rows[1].label, Qt.MouseButton.LeftButton)
    assert [r.checked for r in rows[:2]] == [True, True]

    window.policy_tab.search_field.clear()
    _type(qtbot, window, "texting")
    window.policy_tab.search_field.clear()
    _type(qtbot, window, "email")
    assert [r.checked for r in window.policy_tab.view.check_rows[:2]] == [True, True]

    qtbot.keyClick(window.policy_tab.search_field, Qt.Key.Key_F5)
    assert window.policy_tab.search_field.text() == ""
    assert window.policy_tab.search_field.hasFocus()
    window.policy_tab.select_topic("email")
    assert not any(r.checked for r in window.policy_tab.view.check_rows)


def test_new_call_is_announced_to_other_tabs(window: MainWindow, qtbot) -> None:
    """Ctrl+Shift+N starts a new call and emits new_call_started for per-call state."""
    with qtbot.waitSignal(window.new_call_started, timeout=1000):
        qtbot.keyClick(
            window.policy_tab.search_field,
            Qt.Key.Key_N,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )


def test_crisis_key_opens_the_crisis_script(window: MainWindow, qtbot, book: PolicyBook) -> None:
    """F2 shows the crisis topic from any question, even one that hid it."""
    _type(qtbot, window, "can i text my counselor")
    qtbot.keyClick(window.policy_tab.search_field, Qt.Key.Key_F2)
    assert _current_id(window) == "crisis"
    qtbot.keyClick(window.policy_tab.list, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert _clipboard() == book.render(book.topic("crisis").scripts[0].text)


def test_crisis_key_works_from_another_tab(window: MainWindow, qtbot) -> None:
    """F2 from the email-requests tab (or any mounted tab) jumps to the crisis script."""
    other = QLabel("requests")
    window.add_tab(other, "&Email requests")
    window.tabs.setCurrentWidget(other)
    qtbot.keyClick(other, Qt.Key.Key_F2)
    assert window.tabs.currentWidget() is window.policy_tab
    assert _current_id(window) == "crisis"


def test_crisis_button_opens_the_crisis_script(window: MainWindow, qtbot) -> None:
    """The always-visible crisis button does what F2 does."""
    _type(qtbot, window, "website")
    qtbot.mouseClick(window.crisis_strip.button, Qt.MouseButton.LeftButton)
    assert _current_id(window) == "crisis"
    assert "F2" in window.crisis_strip.button.text()


def test_danger_in_the_question_alerts_the_crisis_strip(window: MainWindow, qtbot) -> None:
    """Words of danger raise the crisis strip's alert and rank the crisis topic first."""
    assert not window.crisis_strip.alert
    _type(qtbot, window, "she says she wants to kill herself")
    assert window.crisis_strip.alert
    assert _current_id(window) == "crisis"
    qtbot.keyClick(window.policy_tab.search_field, Qt.Key.Key_Escape)
    assert not window.crisis_strip.alert


def test_related_link_shows_that_topic(window: MainWindow, qtbot, book: PolicyBook) -> None:
    """A "See also" link opens the related topic."""
    _type(qtbot, window, "texting")
    links = window.policy_tab.view.related_buttons
    target = book.topic("texting").related[0]
    qtbot.mouseClick(links[0], Qt.MouseButton.LeftButton)
    assert _current_id(window) == target


def test_no_match_says_so(window: MainWindow, qtbot) -> None:
    """Gibberish shows an empty list and a hint, never a stale answer."""
    _type(qtbot, window, "zzzz qqqq")
    assert window.policy_tab.proxy.rowCount() == 0
    assert window.policy_tab.current_topic is None
    assert "zzzz qqqq" in window.policy_tab.view._empty.text()
    qtbot.keyClick(window.policy_tab.search_field, Qt.Key.Key_Down)
    assert window.policy_tab.current_topic is None


def test_email_topic_starts_an_email_request(window: MainWindow, qtbot) -> None:
    """The email topic's button (and Ctrl+E) ask the request log to start a request."""
    _type(qtbot, window, "email")
    button = window.policy_tab.view.email_button
    assert button is not None and button.isVisible()
    with qtbot.waitSignal(window.email_request_requested, timeout=1000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.email_request_requested, timeout=1000):
        qtbot.keyClick(
            window.policy_tab.search_field, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier
        )
    window.policy_tab.select_topic("texting")
    assert window.policy_tab.view.email_button is None


def test_status_bar_names_the_policy_and_folder(window: MainWindow, book: PolicyBook) -> None:
    """The status bar says which policy, which version and date, and which folder is in use."""
    text = window.policy_label.text()
    practice = book.practice
    for part in (practice.policy_title, practice.policy_version, practice.effective_date):
        assert part in text
    assert window.folder_label.text() == "Policy folder: bundled"
    assert not window.banner.isVisible()


def test_status_bar_names_a_practice_folder(open_window: Opener, tmp_path: Path) -> None:
    """A working practice folder is named in the status bar, with no banner."""
    folder = tmp_path / "ours"
    shutil.copytree(bundled_policy_dir(), folder)
    window = open_window(policy_dir=folder)
    assert folder.name in window.folder_label.text()
    assert not window.banner.isVisible()


def test_broken_policy_shows_banner_and_app_still_searches(
    open_window: Opener, qtbot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A broken practice folder opens on the bundled policy with a banner naming file:line."""
    folder, where = broken_copy(tmp_path)
    with caplog.at_level("WARNING", logger="desk"):
        window = open_window(policy_dir=folder)
    assert window.banner.isVisible()
    assert where in window.banner.message.text()
    assert "bundled" in window.banner.message.text()
    assert where in caplog.text
    assert "bundled" in window.folder_label.text()

    _type(qtbot, window, "can i text my counselor")
    assert _current_id(window) == "texting"
    qtbot.mouseClick(window.banner.close_button, Qt.MouseButton.LeftButton)
    assert not window.banner.isVisible()


def test_geometry_and_splitter_are_remembered(open_window: Opener, qtbot, tmp_path: Path) -> None:
    """A second window with the same settings file opens at the size and split of the first."""
    settings = tmp_path / "layout.ini"
    first = open_window(settings=settings)
    # The offscreen screen is 800x600; restoreGeometry keeps windows on screen.
    first.resize(720, 520)
    first.policy_tab.splitter.setSizes([300, 380])
    qtbot.waitUntil(lambda: first.size().width() == 720)
    sizes = first.policy_tab.splitter.sizes()
    first.close()

    second = open_window(settings=settings)
    assert (second.width(), second.height()) == (720, 520)
    assert second.policy_tab.splitter.sizes() == sizes


def test_settings_hold_layout_only(window: MainWindow, qtbot, tmp_path: Path) -> None:
    """Only window layout is written to settings: no questions, no client data."""
    _type(qtbot, window, "my client jane doe wants to text")
    window.close()
    keys = QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat).allKeys()
    assert sorted(keys) == ["mainWindow/geometry", "mainWindow/state", "policyTab/splitter"]
    assert "jane" not in (tmp_path / "desk.ini").read_text(errors="replace").lower()


def test_other_parts_can_mount_tabs_and_status_widgets(window: MainWindow) -> None:
    """add_tab puts a tab after Policy answers; add_status_widget shows in the status bar."""
    page = QWidget()
    index = window.add_tab(page, "&Email requests")
    assert index == 1
    assert window.tabs.widget(0) is window.policy_tab
    assert window.tabs.tabText(0) == "&Policy answers"
    status = QLabel("Staff: front desk")
    window.add_status_widget(status)
    assert status.isVisible()
    window.show_message("Request R-000001 saved")
    assert window.statusBar().currentMessage() == "Request R-000001 saved"


def test_icon_only_buttons_have_accessible_names(window: MainWindow) -> None:
    """Buttons without words (the banner's close cross) still tell a screen reader what they do."""
    assert window.banner.close_button.accessibleName()
    assert window.policy_tab.search_field.accessibleName()
    assert window.policy_tab.list.accessibleName()


def test_requests_tab_is_mounted_after_first_paint(open_window: Opener, qtbot) -> None:
    """The composition root adds the email-requests tab and its staff status once shown."""
    from desk.ui.requests.tab import RequestsTab

    window = open_window(requests=True)
    qtbot.waitUntil(lambda: isinstance(window.tabs.widget(1), RequestsTab))
    assert window.tabs.count() == 2
    assert "mail requests" in window.tabs.tabText(1)
    assert window.tabs.currentWidget() is window.policy_tab
    assert window.policy_tab.search_field.hasFocus()


def test_request_log_opens_off_the_gui_thread(
    open_window: Opener, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large log's integrity check never freezes the window: opening runs on a worker."""
    import threading

    import desk.core.requests as requests_pkg

    from desk.ui.requests.tab import RequestsTab

    real_open = requests_pkg.open_log
    threads: list[threading.Thread] = []

    def recording_open(*args, **kwargs):
        threads.append(threading.current_thread())
        return real_open(*args, **kwargs)

    monkeypatch.setattr(requests_pkg, "open_log", recording_open)
    window = open_window(requests=True)
    qtbot.waitUntil(lambda: isinstance(window.tabs.widget(1), RequestsTab))
    assert threads and threads[0] is not threading.main_thread()


def test_unusable_request_log_leaves_policy_answers_working(
    open_window: Opener, qtbot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A request log that cannot open shows why in its tab; policy search still works."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    with caplog.at_level("WARNING", logger="desk"):
        window = open_window(requests=True, data_dir=blocker / "data")
        # The tab is mounted after the first paint, which may come after the window is shown.
        qtbot.waitUntil(
            lambda: window.tabs.count() > 1 and "cannot be opened" in window.tabs.widget(1).text()
        )
    notice = window.tabs.widget(1)
    assert isinstance(notice, QLabel)
    assert window.tabs.count() == 2
    _type(qtbot, window, "email")
    assert _current_id(window) == "email"
