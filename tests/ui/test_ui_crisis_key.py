"""F2 from anywhere: over every dialog and the lock screen, the crisis page at its top; Esc
goes back to the dialog with its input as it was."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_ui_requests_support import IGNORE_OFFSCREEN, add_requests

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QScrollArea, QWidget

from desk.paths import PolicyChoice

from desk.ui.crisis.page import CrisisPage
from desk.ui.main_window import MainWindow
from desk.ui.policy.folder_dialog import PolicyFolderDialog
from desk.ui.requests.counselors_dialog import CounselorsDialog
from desk.ui.requests.dialogs import DecisionDialog, NewRequestDialog
from desk.ui.requests.release import ReleaseDialog
from desk.ui.staff.picker import StaffPickerDialog
from desk.ui.widgets.parts import CheckRow

pytest_plugins = ("test_ui_requests_support",)
pytestmark = IGNORE_OFFSCREEN

#: A dialog over the window, and the line edit staff were typing in when the call turned.
Builder = Callable[[Any, Any, QWidget], tuple[QDialog, QLineEdit | None]]


def _new_request(log: Any, clock: Any, parent: QWidget) -> tuple[QDialog, QLineEdit | None]:
    dialog = NewRequestDialog(counselors=log.list_counselors(), parent=parent)
    return dialog, dialog.client


def _decision(log: Any, clock: Any, parent: QWidget) -> tuple[QDialog, QLineEdit | None]:
    (request,) = add_requests(log, clock, [("Jane Smith", "ruiz")])
    dialog = DecisionDialog(
        kind="decline",
        request=request,
        counselors=log.list_counselors(),
        client="x",
        parent=parent,
    )
    return dialog, dialog.note if isinstance(dialog.note, QLineEdit) else None


def _release(log: Any, clock: Any, parent: QWidget) -> tuple[QDialog, QLineEdit | None]:
    (request,) = add_requests(log, clock, [("Jane Smith", "ruiz")])
    dialog = ReleaseDialog(
        request=request,
        counselor="Ana Ruiz, LPC",
        client="Jane Smith",
        privacy=True,
        release=lambda method, verified: None,
        copy=lambda text: None,
        parent=parent,
    )
    return dialog, None


def _staff_picker(log: Any, clock: Any, parent: QWidget) -> tuple[QDialog, QLineEdit | None]:
    dialog = StaffPickerDialog(log=log, parent=parent)
    return dialog, dialog.new_name


def _counselors(log: Any, clock: Any, parent: QWidget) -> tuple[QDialog, QLineEdit | None]:
    return CounselorsDialog(log=log, staff_id="maria", parent=parent), None


def _policy_folder(log: Any, clock: Any, parent: QWidget) -> tuple[QDialog, QLineEdit | None]:
    dialog = PolicyFolderDialog(current=PolicyChoice(folder=None, origin="bundled"), parent=parent)
    return dialog, dialog.field


@pytest.fixture
def window(open_window: Callable[..., MainWindow]) -> MainWindow:
    return open_window()


def _front(qtbot: Any, widget: QWidget) -> None:
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


def _scrolled_to_top(page: CrisisPage) -> bool:
    bar = page.view.findChild(QScrollArea).verticalScrollBar()
    return bar.value() == 0


def _press_f2(qtbot: Any, target: QWidget) -> None:
    qtbot.keyClick(target, Qt.Key.Key_F2)


@pytest.mark.parametrize(
    "build",
    [_new_request, _decision, _release, _staff_picker, _counselors, _policy_folder],
    ids=["new-request", "decision", "release", "staff-picker", "counselors", "policy-folder"],
)
def test_f2_over_a_dialog_shows_the_crisis_page_and_esc_returns(
    qtbot: Any, window: MainWindow, log: Any, clock: Any, build: Builder
) -> None:
    """F2 in any dialog opens the crisis page at its top; Esc goes back, input kept."""
    _front(qtbot, window)
    dialog, field = build(log, clock, window)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    _front(qtbot, dialog)
    if field is not None:
        qtbot.keyClicks(field, "Jane Sm")
    before = dialog.grab().toImage()
    target = QApplication.focusWidget() or dialog

    _press_f2(qtbot, target)
    page = dialog.findChild(CrisisPage)
    assert page is not None and page.isVisible()
    assert page.view.topic is not None and page.view.topic.id == "crisis"
    assert _scrolled_to_top(page)
    assert dialog.isVisible()

    qtbot.keyClick(page, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: dialog.findChild(CrisisPage) is None or not page.isVisible())
    assert dialog.isVisible()
    if field is not None:
        assert field.text() == "Jane Sm"
    assert dialog.grab().toImage() == before


def test_f2_on_the_crisis_page_goes_back_to_its_top(
    qtbot: Any, window: MainWindow, log: Any, clock: Any
) -> None:
    """Pressing F2 again on a scrolled crisis page brings the steps back into view."""
    _front(qtbot, window)
    dialog, field = _new_request(log, clock, window)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    _front(qtbot, dialog)
    _press_f2(qtbot, field or dialog)
    page = dialog.findChild(CrisisPage)
    assert page is not None
    page.resize(600, 400)
    bar = page.view.findChild(QScrollArea).verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    _press_f2(qtbot, page.back_button)
    assert bar.value() == 0
    assert len(dialog.findChildren(CrisisPage)) == 1


def test_f2_from_the_lock_screen_shows_the_crisis_script(
    qtbot: Any, open_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    """The locked requests tab gives no client data, but F2 still shows the crisis script."""
    from desk.ui.requests.tab import RequestsTab

    window = open_window(requests=True, data_dir=tmp_path / "data")
    _front(qtbot, window)
    qtbot.waitUntil(
        lambda: any(isinstance(window.tabs.widget(i), RequestsTab) for i in range(3)),
        timeout=10_000,
    )
    tab = next(
        w for i in range(window.tabs.count()) if isinstance(w := window.tabs.widget(i), RequestsTab)
    )
    window.tabs.setCurrentWidget(tab)
    tab.lock()
    assert tab.lock_screen.isVisible()
    tab.lock_screen.unlock_button.setFocus()
    window.policy_tab.view.scroll_to_top()

    _press_f2(qtbot, tab.lock_screen.unlock_button)
    assert window.tabs.currentWidget() is window.policy_tab
    topic = window.policy_tab.current_topic
    assert topic is not None and topic.id == "crisis"
    assert tab.is_locked


def test_crisis_steps_are_seen_without_scrolling_at_1366x768(
    qtbot: Any, window: MainWindow
) -> None:
    """At 1366x768 the crisis page opens at its top with the staff steps in view."""
    window.resize(1366, 768)
    _front(qtbot, window)
    # The window less a title bar and the taskbar: what a 1366x768 desk shows.
    window.resize(1366, 768 - 70)
    qtbot.waitUntil(lambda: window.height() == 768 - 70)
    qtbot.keyClicks(window.policy_tab.search_field, "can i text")
    qtbot.keyClick(window.policy_tab.search_field, Qt.Key.Key_F2)
    # Already on show and scrolled down: F2 again goes back to the top.
    bar = window.policy_tab.view.findChild(QScrollArea).verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    qtbot.keyClick(window.policy_tab.list, Qt.Key.Key_F2)
    view = window.policy_tab.view
    assert view.topic is not None and view.topic.id == "crisis"
    area = view.findChild(QScrollArea)
    assert area.verticalScrollBar().value() == 0
    viewport = area.viewport()
    rows = view.findChildren(CheckRow)
    steps = [r for r in rows if "911" in r.label.text() or "on the line" in r.label.text()]
    assert len(steps) >= 2
    for row in steps:
        bottom = row.mapTo(viewport, row.rect().bottomLeft()).y()
        assert 0 <= bottom <= viewport.height(), row.label.text()
