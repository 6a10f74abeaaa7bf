"""The requests tab driven from the keyboard: take, approve, release, refuse, and show history."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from test_ui_requests_support import IGNORE_OFFSCREEN, add_requests, key, wait_loaded

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QTabWidget

from desk.core.requests.models import RequestFilter

from desk.ui.requests.dialogs import DecisionInput, NewRequestInput
from desk.ui.requests.model import CLIENT_COLUMN

pytest_plugins = ("test_ui_requests_support",)
pytestmark = IGNORE_OFFSCREEN


def _only_request(log):
    rows = log.page(RequestFilter(), offset=0, limit=10)
    assert len(rows) == 1
    return rows[0]


def test_keyboard_flow_take_approve_release_and_history(
    qtbot, tab, log, prompter, clock, clipboard
) -> None:
    """Ctrl+N, approval by the named counselor and a checked release, all by keys, are logged."""
    tab.table.setFocus()
    prompter.new_request = NewRequestInput(client="Jane Smith", counselor_id="ruiz", via="phone")
    key(qtbot, tab, "Ctrl+N")
    wait_loaded(qtbot, tab)
    request = _only_request(log)
    assert tab.selected_request() is not None and tab.selected_request().id == request.id
    assert not tab.request_actions.release.isEnabled()

    clock.advance(minutes=3)
    prompter.decision = DecisionInput(by="ruiz", how="phone", note="")
    key(qtbot, tab, "Ctrl+Shift+A")
    wait_loaded(qtbot, tab)
    assert log.get(request.id).status == "approved"
    assert tab.request_actions.release.isEnabled()

    clock.advance(minutes=2)
    prompter.release_plan = ("phone", True, True)
    key(qtbot, tab, "Ctrl+Shift+R")
    wait_loaded(qtbot, tab)
    assert prompter.revealed == ["ana.ruiz@caring.example"]
    assert clipboard.text() == "ana.ruiz@caring.example"
    assert log.get(request.id).status == "released"

    clock.advance(seconds=61)
    tab.clipboard.timer.timeout.emit()
    assert clipboard.text() == ""

    tab.set_privacy(False)
    history = tab.detail.text()
    assert "Maria Lopez took the request by phone from Jane Smith" in history
    assert "Ana Ruiz, LPC approved it (by phone); recorded by Maria Lopez" in history
    assert "Maria Lopez released the address (read out by phone) after confirming" in history
    assert history.count("at FRONT-1") == 3
    assert "Mon 2 Nov 2026, 15:3" in history  # local time of the fake clock (UTC here)
    assert "ana.ruiz@caring.example" not in history
    assert prompter.errors == []


def test_approval_by_another_counselor_is_refused_and_nothing_written(
    qtbot, tab, log, prompter, clock
) -> None:
    """Only the named counselor can approve; the refusal is shown and the log is unchanged."""
    (request,) = add_requests(log, clock, [("Jane Smith", "ruiz")])
    tab.model.refresh()
    wait_loaded(qtbot, tab)
    assert tab.select_request(request.id)
    prompter.decision = DecisionInput(by="okafor", how="phone")
    before = log.head()
    key(qtbot, tab, "Ctrl+Shift+A")
    assert len(prompter.errors) == 1
    title, message = prompter.errors[0]
    assert title == "Approval not recorded"
    assert request.id in message
    assert log.head() == before
    assert log.get(request.id).status == "pending"


def test_release_without_identity_check_is_refused(
    qtbot, tab, log, prompter, clock, clipboard
) -> None:
    """No address is revealed or copied, and nothing is logged, unless identity was confirmed."""
    (request,) = add_requests(log, clock, [("Jane Smith", "ruiz")])
    log.approve(request.id, by="ruiz", staff_id="maria", how="in-person")
    tab.model.refresh()
    wait_loaded(qtbot, tab)
    assert tab.select_request(request.id)
    prompter.release_plan = ("phone", False, True)
    before = log.head()
    key(qtbot, tab, "Ctrl+Shift+R")
    assert prompter.errors and prompter.errors[0][0] == "Address not released"
    assert prompter.revealed == []
    assert clipboard.text() == ""
    assert log.head() == before
    assert log.get(request.id).status == "approved"


def test_steps_enabled_only_when_the_state_allows(qtbot, tab, log, clock) -> None:
    """Approve/decline only pending, release only approved, withdraw pending or approved."""
    pending, approved, declined = add_requests(
        log, clock, [("A One", "ruiz"), ("B Two", "ruiz"), ("C Three", "okafor")]
    )
    log.approve(approved.id, by="ruiz", staff_id="maria", how="email")
    log.decline(declined.id, by="okafor", staff_id="maria")
    tab.model.refresh()
    wait_loaded(qtbot, tab)
    a = tab.request_actions
    expected = {
        pending.id: (True, True, False, True),
        approved.id: (False, False, True, True),
        declined.id: (False, False, False, False),
    }
    for request_id, states in expected.items():
        assert tab.select_request(request_id)
        got = tuple(x.isEnabled() for x in (a.approve, a.decline, a.release, a.withdraw))
        assert got == states, request_id
        assert a.note.isEnabled()


def test_decline_gives_the_words_for_the_caller(qtbot, tab, log, prompter, clock) -> None:
    """After a decline staff see the script the log provides for the caller."""
    (request,) = add_requests(log, clock, [("Jane Smith", "okafor")])
    tab.model.refresh()
    wait_loaded(qtbot, tab)
    tab.select_request(request.id)
    prompter.decision = DecisionInput(by="okafor", how=None, note="prefers the portal")
    key(qtbot, tab, "Ctrl+Shift+D")
    assert log.get(request.id).status == "declined"
    assert prompter.scripts == [log.decline_script(request.id)]


def test_withdraw_and_note_are_recorded(qtbot, tab, log, prompter, clock) -> None:
    """A note and a withdrawal each add one event under the staff member at the desk."""
    (request,) = add_requests(log, clock, [("Jane Smith", "ruiz")])
    tab.model.refresh()
    wait_loaded(qtbot, tab)
    tab.select_request(request.id)
    prompter.text = "Asked to call back after 3 pm"
    key(qtbot, tab, "Ctrl+Shift+E")
    prompter.text = "Will ask in session"
    key(qtbot, tab, "Ctrl+Shift+W")
    wait_loaded(qtbot, tab)
    events = log.history(request.id)
    assert [e.type for e in events] == ["request_created", "note_added", "withdrawn"]
    assert all(e.staff_id == "maria" for e in events)
    assert "Asked to call back" not in tab.detail.text()  # free text waits for privacy off
    assert "Text hidden while names are masked" in tab.detail.text()
    tab.set_privacy(False)
    assert "Asked to call back after 3 pm" in tab.detail.text()
    assert not tab.request_actions.withdraw.isEnabled()


def test_cancelled_dialog_writes_nothing(qtbot, tab, log, prompter) -> None:
    """Cancelling the new-request dialog leaves the log as it was."""
    prompter.new_request = None
    before = log.head()
    key(qtbot, tab, "Ctrl+N")
    assert log.head() == before
    assert prompter.errors == []


@pytest.fixture
def tabs(qtbot) -> Iterator[QTabWidget]:
    """A tab widget like the main window's, kept alive until Qt has closed it."""
    widget = QTabWidget()
    qtbot.addWidget(widget)
    yield widget


def test_pending_badge_follows_the_log(qtbot, make_tab, tabs, log, prompter, clock) -> None:
    """The tab title counts pending requests and updates after each step."""
    add_requests(log, clock, [("A One", "ruiz"), ("B Two", "okafor")])
    tab = make_tab()
    qtbot.waitUntil(lambda: tab.pending == 2)
    tabs.addTab(tab, tab.title())
    assert tabs.tabText(tabs.indexOf(tab)) == "E&mail requests (2 pending)"
    prompter.new_request = NewRequestInput(client="C Three", counselor_id="ruiz", via="phone")
    with qtbot.waitSignal(tab.pending_count_changed) as blocker:
        tab.start_request()
    assert blocker.args == [3]
    assert tabs.tabText(tabs.indexOf(tab)) == "E&mail requests (3 pending)"


def test_start_request_from_policy_topic_prefills_counselor(
    qtbot, make_tab, tabs, prompter
) -> None:
    """ "Start an email request" brings the tab forward and offers the counselor prefilled."""
    tab = make_tab()
    tabs.addTab(tab, "requests")
    tabs.insertTab(0, QTabWidget(), "policy")
    tabs.setCurrentIndex(0)
    tab.start_request("okafor")
    assert tabs.currentWidget() is tab
    kind, asked = prompter.asked[-1]
    assert kind == "new" and asked["prefill"] == "okafor"
    assert all(c.id != "gone" or not c.active for c in asked["counselors"])


def test_privacy_masks_client_names(qtbot, tab, log, clock) -> None:
    """With privacy on, names show as initials in the table and the history, until asked for."""
    add_requests(log, clock, [("Jane Smith", "ruiz")])
    tab.model.refresh()
    wait_loaded(qtbot, tab)
    tab.table.setFocus()
    tab.table.selectRow(0)
    cell = tab.proxy.index(0, CLIENT_COLUMN)
    assert cell.data() == "J\u2022\u2022\u2022 S\u2022\u2022\u2022 #1"
    assert "Jane" not in tab.detail.text()

    tab.detail.show_name.pressed.emit()
    assert "Jane Smith" in tab.detail.text()
    tab.detail.show_name.released.emit()
    assert "Jane" not in tab.detail.text()

    tab.detail.browser.setFocus()
    qtbot.waitUntil(lambda: tab.detail.revealed)
    assert "Jane Smith" in tab.detail.text()
    assert cell.data() != "Jane Smith"  # the table stays masked
    tab.table.setFocus()
    qtbot.waitUntil(lambda: not tab.detail.revealed)

    key(qtbot, tab, "Ctrl+Shift+P")
    assert not tab.proxy.privacy
    assert cell.data() == "Jane Smith"
    assert tab.privacy_button.text().startswith("Pri&vacy: off")


def test_filters_narrow_the_table(qtbot, tab, log, clock) -> None:
    """Status, counselor, client prefix and dates each narrow what the table shows."""
    first = add_requests(log, clock, [("Jane Smith", "ruiz"), ("John Baker", "okafor")])
    clock.advance(days=3)
    later = add_requests(log, clock, [("Janet Moss", "okafor")])
    log.approve(first[1].id, by="okafor", staff_id="maria", how="phone")
    tab.model.refresh()
    wait_loaded(qtbot, tab)
    bar = tab.filters

    def ids() -> set[str]:
        wait_loaded(qtbot, tab)
        return {tab.model.request_at(r).id for r in range(tab.model.rowCount())}

    bar.status.setCurrentIndex(bar.status.findData("approved"))
    assert ids() == {first[1].id}
    bar.clear()
    bar.counselor.setCurrentIndex(bar.counselor.findData("okafor"))
    assert ids() == {first[1].id, later[0].id}
    bar.clear()
    qtbot.keyClicks(bar.client, "jan")
    assert ids() == {first[0].id, later[0].id}
    bar.clear()
    day = later[0].requested_at.date()
    bar.since.setDate(day)
    bar.use_since.setChecked(True)
    assert ids() == {later[0].id}
    bar.clear()
    bar.until.setDate(first[0].requested_at.date())
    bar.use_until.setChecked(True)
    assert ids() == {first[0].id, first[1].id}
    assert "matching the filters" in tab.status_line.text()


def test_new_request_appears_selected_even_with_many_loaded(qtbot, tab, log, prompter) -> None:
    """A request just taken is selected and shown in the history pane."""
    prompter.new_request = NewRequestInput(
        client="Jane Smith", counselor_id="ruiz", via="voicemail", note="call after 5"
    )
    tab.start_request()
    wait_loaded(qtbot, tab)
    assert tab.model.rowCount() == 1
    assert tab.table.selectionModel().isRowSelected(0)
    assert "by voicemail" in tab.detail.text()
    tab.set_privacy(False)
    assert "call after 5" in tab.detail.text()


def test_nobody_at_the_desk_means_locked(qtbot, make_tab, log, tmp_path) -> None:
    """Without a staff member nothing can be recorded: the tab starts locked."""
    tab = make_tab(current_staff=lambda: None)
    assert tab.is_locked
    assert "until you say who is at the desk" in tab.lock_screen.reason.text()
    assert not tab.table.isVisible()


def test_settings_hold_the_staff_id_only(qtbot, tab, log, prompter, settings, tmp_path) -> None:
    """The remembered staff id goes to settings; no client name is ever written there."""
    prompter.new_request = NewRequestInput(client="Zelda Quinn", counselor_id="ruiz", via="phone")
    tab.start_request()
    wait_loaded(qtbot, tab)
    settings.sync()
    text = (tmp_path / "desk.ini").read_text(encoding="utf-8")
    assert "maria" in text
    assert "Zelda" not in text
    assert (
        QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat).value("desk/staff_id")
        == "maria"
    )


def test_request_acted_on_stays_in_hand_when_filtered_out(qtbot, tab, log, prompter, clock) -> None:
    """Withdrawing under a Pending filter keeps that request in the pane, never another one."""
    first, second = add_requests(log, clock, [("A One", "ruiz"), ("B Two", "ruiz")])
    bar = tab.filters
    bar.status.setCurrentIndex(bar.status.findData("pending"))
    wait_loaded(qtbot, tab)
    assert tab.select_request(first.id)
    prompter.text = ""
    key(qtbot, tab, "Ctrl+Shift+W")
    wait_loaded(qtbot, tab)
    assert tab.model.row_of(first.id) is None
    assert tab.selected_request().id == first.id
    assert "withdrew the request" in tab.detail.text()
    assert not tab.table.selectionModel().hasSelection()
    assert log.get(second.id).status == "pending"


def test_search_selects_the_first_match(qtbot, tab, log, clock) -> None:
    """Typing a name puts the newest match in hand, ready for the next key."""
    add_requests(log, clock, [("Jane Smith", "ruiz"), ("John Baker", "okafor")])
    tab.model.refresh()
    wait_loaded(qtbot, tab)
    qtbot.keyClicks(tab.filters.client, "jo")
    wait_loaded(qtbot, tab)
    assert tab.selected_request() is not None
    assert tab.selected_request().client == "John Baker"
