"""The window fits small desk screens, and Tab walks each screen in reading order with a
visible focus ring."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from policy_copies import broken_copy
from test_ui_desk_call import data_dir, offered  # noqa: F401  # fixtures

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QWidget

from desk.ui.requests.tab import RequestsTab
from desk.ui.widgets.focus_ring import RING_WIDTH, FocusRing

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")

Opener = Callable[..., Any]


def _unlocked(open_window: Opener, qtbot: Any, data_dir: Path, **kw: Any) -> tuple[Any, Any]:  # noqa: F811
    window = open_window(requests=True, data_dir=data_dir, **kw)
    qtbot.waitUntil(lambda: isinstance(window.tabs.widget(1), RequestsTab))
    tab = window.tabs.widget(1)
    assert tab.unlock()
    qtbot.waitUntil(lambda: not tab.model.is_loading() and not tab.reads.busy)
    return window, tab


def test_minimum_size_fits_1024x700_and_default_fits_the_screen(
    open_window: Opener,
    qtbot: Any,
    data_dir: Path,  # noqa: F811
    offered: list,  # noqa: F811
    tmp_path: Path,
) -> None:
    """Even with the requests tab, the banner and a request selected, 1024x700 is enough."""
    folder, _where = broken_copy(tmp_path)
    window, tab = _unlocked(open_window, qtbot, data_dir, policy_dir=folder)
    assert window.banner.isVisible()
    for page in (tab, window.policy_tab):
        window.tabs.setCurrentWidget(page)
        hint = window.minimumSizeHint()
        assert hint.width() <= 1024 and hint.height() <= 700, hint
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    assert screen.availableGeometry().contains(window.frameGeometry())


def _in_scroll_area(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _cut_off(window: QWidget) -> list[str]:
    """Buttons on show that are narrower than their text or stick out of the window."""
    bad = []
    area = window.rect()
    for button in window.findChildren(QAbstractButton):
        if not button.isVisible() or button.window() is not window:
            continue
        rect = QRect(button.mapTo(window, button.rect().topLeft()), button.size())
        scrolled = _in_scroll_area(button)  # reached by scrolling, not cut off by the layout
        if (
            not scrolled and not area.contains(rect)
        ) or button.width() < button.minimumSizeHint().width():
            bad.append(f"{button.text() or button.accessibleName()!r} at {rect}")
    return bad


@pytest.mark.parametrize("size", [(1024, 700), (1350, 728)])
def test_no_control_cut_off_on_small_screens(
    open_window: Opener,
    qtbot: Any,
    data_dir: Path,  # noqa: F811
    offered: list,  # noqa: F811
    size: tuple[int, int],
) -> None:
    """At 1024x768 and 1366x768 (less the title bar) every button shows whole, on both tabs."""
    window, tab = _unlocked(open_window, qtbot, data_dir)
    window.resize(*size)
    tab.table.selectRow(0)
    qtbot.waitUntil(lambda: not tab.reads.busy)
    window.tabs.setCurrentWidget(tab)
    QApplication.processEvents()
    assert window.size().width() == size[0]
    assert _cut_off(window) == []
    assert tab.new_button.isVisible() and tab.page.lock_button.isVisible()
    assert tab.privacy_button.isVisible() and tab.detail.show_name.isVisible()
    window.tabs.setCurrentWidget(window.policy_tab)
    QApplication.processEvents()
    assert _cut_off(window) == []
    assert window.crisis_strip.button.isVisible()
    assert window.policy_tab.new_call_button.isVisible()


def test_crisis_steps_for_staff_show_without_scrolling_at_1366x768(
    open_window: Opener, qtbot: Any
) -> None:
    """F2 shows the first crisis steps for staff on a 1366x768 screen without scrolling."""
    window = open_window()
    window.resize(1350, 728)
    window.crisis_action.trigger()
    QApplication.processEvents()
    view = window.policy_tab.view
    first_steps = [row.box for row in view.check_rows[:2]]
    viewport = view._scroll.viewport()
    for box in first_steps:
        top_left = box.mapTo(viewport, box.rect().topLeft())
        assert viewport.rect().contains(QRect(top_left, box.size())), box.text()


def _walk(qtbot: Any, window: QWidget, start: QWidget, limit: int = 120) -> list[QWidget]:
    """Press Tab from `start` until focus comes back; every stop must show the focus ring."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    stops = [start]
    for _ in range(limit):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None
        if now is start:
            return stops
        _assert_ringed(window, now)
        stops.append(now)
    raise AssertionError(f"Tab never came back to {start!r}")


def _assert_ringed(window: QWidget, widget: QWidget) -> None:
    ring = FocusRing.ring_for(window)
    assert ring is not None and ring.isVisible(), widget
    inner = ring.geometry().adjusted(RING_WIDTH, RING_WIDTH, -RING_WIDTH, -RING_WIDTH)
    top_left = widget.mapTo(window, widget.rect().topLeft())
    shown = QRect(top_left, widget.size()).intersected(window.rect())
    assert inner.intersects(shown) and ring.geometry().contains(inner.center()), widget


def test_policy_tab_chain_follows_reading_order(
    open_window: Opener,
    qtbot: Any,
    data_dir: Path,  # noqa: F811
    offered: list,  # noqa: F811
) -> None:
    """Search, New call, topics, the topic's controls, then the status bar, then the strip."""
    window, _tab = _unlocked(open_window, qtbot, data_dir)
    window.tabs.setCurrentWidget(window.policy_tab)
    policy = window.policy_tab
    stops = _walk(qtbot, window, policy.search_field)
    copy = policy.view.copy_buttons[0]
    status = [w for w in stops if window.statusBar().isAncestorOf(w)]
    assert stops[1] is policy.new_call_button and stops[2] is policy.list
    assert stops.index(copy) < min(stops.index(w) for w in status)
    assert status and stops[-len(status) - 2 :][: len(status)] == status
    assert stops[-2] is window.crisis_strip.button
    assert stops[-1] is window.tabs.tabBar()
    assert any(box in stops for box in (row.box for row in policy.view.check_rows))
    policy.search_field.setFocus()
    qtbot.keyClick(policy.search_field, Qt.Key.Key_Backtab)
    assert window.tabs.tabBar().hasFocus()  # Shift+Tab walks the same order backwards


def test_requests_tab_chain_starts_with_new_request(
    open_window: Opener,
    qtbot: Any,
    data_dir: Path,  # noqa: F811
    offered: list,  # noqa: F811
) -> None:
    """After the tab bar, New request is the first stop; filters, table and steps follow."""
    window, tab = _unlocked(open_window, qtbot, data_dir)
    window.tabs.setCurrentWidget(tab)
    tab.table.selectRow(0)
    qtbot.waitUntil(lambda: not tab.reads.busy)
    stops = _walk(qtbot, window, window.tabs.tabBar())
    assert stops[1] is tab.new_button
    order = [tab.new_button, tab.filters.status, tab.filters.client, tab.table]
    assert [stops.index(w) for w in order] == sorted(stops.index(w) for w in order)
    status = [w for w in stops if window.statusBar().isAncestorOf(w)]
    assert status and stops.index(tab.table) < min(stops.index(w) for w in status)


def test_locked_screen_chain_reaches_unlock(
    open_window: Opener,
    qtbot: Any,
    data_dir: Path,  # noqa: F811
    offered: list,  # noqa: F811
) -> None:
    """While locked, Tab goes from the tab bar straight to Unlock, then the status bar."""
    window = open_window(requests=True, data_dir=data_dir)
    qtbot.waitUntil(lambda: isinstance(window.tabs.widget(1), RequestsTab))
    tab = window.tabs.widget(1)
    window.tabs.setCurrentWidget(tab)
    stops = _walk(qtbot, window, window.tabs.tabBar())
    assert stops[1] is tab.lock_screen.unlock_button
    assert all(window.statusBar().isAncestorOf(w) for w in stops[2:-1])


def test_screen_size_tool_draws_the_window_on_a_1024x768_screen(tmp_path: Path) -> None:
    """The screenshot tool's 1024x768 screen holds the whole default window (it fails if not)."""
    from PySide6.QtGui import QImage

    from desk.tools import screen_sizes

    written = screen_sizes.render(
        tmp_path, screens=(("1024x768", 1024, 768, 1.0),), schemes=("light",)
    )
    assert [p.name for p in written] == [
        "screen-1024x768-crisis.png",
        "screen-1024x768-requests.png",
    ]
    image = QImage(str(written[1]))
    assert (image.width(), image.height()) == (1024, 768)
