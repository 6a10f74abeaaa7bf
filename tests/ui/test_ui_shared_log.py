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
