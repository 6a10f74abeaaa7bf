"""The window on a shared log: other desks' changes show live; a lost server is retried."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desk.core.requests import open_log

from desk.ui.requests.tab import RequestsTab

# The offscreen platform says this whenever a top-level window is shown; nothing to do with Desk.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def _window(qtbot: Any, tmp_path: Path, database: str) -> Any:
    from desk.app import build

    _app, window = build(
        data_dir=tmp_path / "window-data",
        settings_path=tmp_path / "desk.ini",
        database=database,
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def practice(shared_db: Any, tmp_path: Path) -> Any:
    with open_log(tmp_path / "office", database=shared_db.url()) as log:
        log.add_staff(staff_id="jlee", name="Jo Lee")
        log.add_counselor(counselor_id="asmith", name="Ann Smith", email="a@example.org")
    return shared_db


def test_another_desks_request_shows_live(qtbot: Any, practice: Any, tmp_path: Path) -> None:
    """A request taken at another desk appears here, badge included, with no action here."""
    window = _window(qtbot, tmp_path, practice.url("jlee"))
    qtbot.waitUntil(lambda: isinstance(window.tabs.widget(1), RequestsTab))
    tab = window.tabs.widget(1)
    qtbot.waitUntil(lambda: tab.pending == 0)
    with open_log(tmp_path / "other-desk", database=practice.url("jlee")) as other:
        other.add_request(client="Pat Client", counselor_id="asmith", staff_id="jlee")
    qtbot.waitUntil(lambda: tab.pending == 1)
    qtbot.waitUntil(lambda: tab.model.total == 1)
    assert "1 pending" in window.tabs.tabText(1)
    window.close()


def test_unreachable_server_is_said_and_retried(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tab names the server and tries again; policy answers work meanwhile."""
    import desk.app
    import desk.core.requests as requests_pkg

    attempts: list[str | None] = []
    real_open = requests_pkg.open_log

    def counting_open(*args: Any, **kwargs: Any) -> Any:
        attempts.append(kwargs.get("database"))
        return real_open(*args, **kwargs)

    monkeypatch.setattr(requests_pkg, "open_log", counting_open)
    monkeypatch.setattr(desk.app, "RETRY_MS", 50)
    url = f"postgresql://jlee@/desk?host={tmp_path}&port=5999"
    window = _window(qtbot, tmp_path, url)
    qtbot.waitUntil(lambda: len(attempts) >= 2)
    label = window.tabs.widget(1)
    qtbot.waitUntil(lambda: "Trying again" in label.text())
    assert f"cannot reach the shared log at {tmp_path}:5999/desk" in label.text()
    assert not (tmp_path / "window-data" / "desk-log.sqlite3").exists()
    window.policy_tab.search_field.setText("can I text her")
    assert window.policy_tab.list.model().rowCount() > 0
    window.close()


def test_selected_request_stays_in_hand_on_live_update(
    qtbot: Any, practice: Any, tmp_path: Path
) -> None:
    """A new request from another desk lands above; the one being worked on stays selected."""
    with open_log(tmp_path / "other-desk", database=practice.url("jlee")) as other:
        other.add_request(client="Pat Client", counselor_id="asmith", staff_id="jlee")
        window = _window(qtbot, tmp_path, practice.url("jlee"))
        qtbot.waitUntil(lambda: isinstance(window.tabs.widget(1), RequestsTab))
        tab = window.tabs.widget(1)
        window.tabs.setCurrentWidget(tab)
        qtbot.waitUntil(lambda: tab.model.total == 1)
        assert not tab.is_locked  # signed in as jlee, a staff member: at the desk as jlee
        assert tab.select_request("R-000001")
        other.add_request(client="Sam Other", counselor_id="asmith", staff_id="jlee")
        qtbot.waitUntil(lambda: tab.model.total == 2)
        qtbot.waitUntil(lambda: tab.pending == 2)
        selected = tab.selected_request()
        assert selected is not None and selected.id == "R-000001"
    window.close()


def test_counselor_signs_in_the_window(
    qtbot: Any, practice: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A counselor signed in sees what waits for them and approves as themselves, signed."""
    from desk.core.requests.models import RequestFilter

    from desk.ui.requests.dialogs import DecisionDialog, DecisionInput

    with open_log(tmp_path / "front", database=practice.url("jlee")) as front:
        front.add_request(client="Pat Client", counselor_id="asmith", staff_id="jlee")
    asked: list[dict[str, Any]] = []

    def answer(**kwargs: Any) -> DecisionInput:
        asked.append(kwargs)
        return DecisionInput(by="asmith", how=None)

    monkeypatch.setattr(DecisionDialog, "ask", answer)
    window = _window(qtbot, tmp_path, practice.url("asmith"))
    qtbot.waitUntil(lambda: isinstance(window.tabs.widget(1), RequestsTab))
    tab = window.tabs.widget(1)
    window.tabs.setCurrentWidget(tab)
    assert not tab.is_locked
    assert tab.filters.current_filter() == RequestFilter(status="pending", counselor_id="asmith")
    qtbot.waitUntil(lambda: tab.model.total == 1)
    assert tab.select_request("R-000001")
    tab.request_actions.approve.trigger()
    assert asked and asked[0]["signed_by"] == "asmith"
    with open_log(tmp_path / "audit", database=practice.url()) as audit:
        approval = audit.history("R-000001")[-1]
    assert (approval.type, approval.staff_id, approval.payload["how"]) == (
        "approved",
        "asmith",
        "signed",
    )
    window.close()


def test_signed_decision_dialog(qtbot: Any, tmp_path: Path) -> None:
    """The counselor's own dialog names them and signs: nothing to choose, nothing to relay."""
    from datetime import UTC, datetime

    from desk.core.requests.models import Counselor, Request

    from desk.ui.requests.dialogs import DecisionDialog

    now = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
    request = Request(
        id="R-000001", client="P. C.", counselor_id="asmith", status="pending",
        requested_at=now, updated_at=now, via="phone", requested_by="jlee",
    )  # fmt: skip
    counselors = [Counselor(id="asmith", name="Ann Smith", email="a@example.org")]
    dialog = DecisionDialog(
        kind="approve", request=request, counselors=counselors, client="P. C.", signed_by="asmith"
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.ok.isEnabled()
    assert not dialog.by.isEnabled() and not dialog.how.isEnabled()
    value = dialog.result_value()
    assert (value.by, value.how) == ("asmith", "signed")
    dialog.grab().save(str(tmp_path / "signed.png"))


def test_shared_log_chosen_in_settings_is_opened_next_start(
    qtbot: Any, practice: Any, tmp_path: Path
) -> None:
    """A shared log's URL saved in the settings dialog is the log the next window opens."""
    from PySide6.QtCore import QSettings

    from desk.app import build

    from desk.ui.settings.dialog import SettingsDialog, read_settings, write_settings

    settings = QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat)
    dialog = SettingsDialog(current=read_settings(settings))
    qtbot.addWidget(dialog)
    dialog.database.setText(practice.url("jlee"))
    dialog.save_button.click()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    write_settings(settings, dialog.chosen())
    with open_log(tmp_path / "other-desk", database=practice.url("jlee")) as other:
        other.add_request(client="Pat Client", counselor_id="asmith", staff_id="jlee")
    _app, window = build(data_dir=tmp_path / "window-data", settings_path=tmp_path / "desk.ini")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: isinstance(window.tabs.widget(1), RequestsTab))
    qtbot.waitUntil(lambda: window.tabs.widget(1).pending == 1)
    assert not (tmp_path / "window-data" / "desk-log.sqlite3").exists()
    window.close()


def test_settings_refuse_a_database_url_with_a_password(qtbot: Any, tmp_path: Path) -> None:
    """A password in the shared log's URL is refused in the dialog and never saved."""
    from PySide6.QtCore import QSettings

    from desk.ui.settings.dialog import SettingsDialog, read_settings

    settings = QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat)
    dialog = SettingsDialog(current=read_settings(settings))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.database.setText("postgresql://jlee:hunter2@server/desk")
    dialog.save_button.click()
    assert dialog.result() != SettingsDialog.DialogCode.Accepted
    assert "password" in dialog.problem.text() and not dialog.problem.isHidden()
    # The message makes room for itself: nothing in the dialog is squeezed below its size.
    assert dialog.height() >= dialog.sizeHint().height()
    dialog.database.setText("postgresql://jlee@server/desk")
    dialog.save_button.click()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted


def test_counselors_badge_counts_what_waits_for_them(
    qtbot: Any, practice: Any, tmp_path: Path
) -> None:
    """Signed in as a counselor, the pending badge counts their requests, not the practice's."""
    with open_log(tmp_path / "office", database=practice.url()) as office:
        office.add_counselor(counselor_id="bjones", name="Bo Jones", email="b@example.org")
    with open_log(tmp_path / "front", database=practice.url("jlee")) as front:
        front.add_request(client="Pat Client", counselor_id="asmith", staff_id="jlee")
        front.add_request(client="Sam Client", counselor_id="bjones", staff_id="jlee")
        front.add_request(client="Lee Client", counselor_id="bjones", staff_id="jlee")
    window = _window(qtbot, tmp_path, practice.url("asmith"))
    qtbot.waitUntil(lambda: isinstance(window.tabs.widget(1), RequestsTab))
    tab = window.tabs.widget(1)
    qtbot.waitUntil(lambda: tab.pending == 1)
    assert "1 pending" in window.tabs.tabText(1)
    window.close()
    front_window = _window(qtbot, tmp_path / "desk2", practice.url("jlee"))
    qtbot.waitUntil(lambda: isinstance(front_window.tabs.widget(1), RequestsTab))
    qtbot.waitUntil(lambda: front_window.tabs.widget(1).pending == 3)
    front_window.close()
