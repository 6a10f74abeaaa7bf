"""Export… and Verify log… on the requests tab: run off the GUI thread, recorded, plainly told."""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import stat
import threading
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from tamper import attacker
from test_ui_requests_support import (
    IGNORE_OFFSCREEN,
    add_requests,
    key,
    visible_text,
    wait_loaded,
)

from PySide6.QtCore import Qt

from desk.core.requests.models import Head, RequestFilter, VerifyReport

from desk.ui.requests import audit as log_tools
from desk.ui.requests.export_dialog import (
    ExportDialog,
    default_export_name,
    unused_path,
)
from desk.ui.requests.outcomes import (
    ExportDoneDialog,
    ExportOutcome,
    VerifyResultDialog,
    plain_problem,
)

pytest_plugins = ("test_ui_requests_support",)
pytestmark = IGNORE_OFFSCREEN

CLIENTS = [("Jane Smith", "ruiz"), ("Kevin Obi", "okafor"), ("Lena Park", "ruiz")]
WAIT = 15_000


@pytest.fixture
def ready_tab(qtbot, make_tab, log, clock, tmp_path):
    """Three requests, the tab showing them, exports suggested in tmp_path."""
    add_requests(log, clock, CLIENTS)
    tab = make_tab()
    tab.log_tools.export_folder = lambda: tmp_path
    wait_loaded(qtbot, tab)
    return tab


def exported_events(data_dir: Path) -> list[tuple[str, dict[str, Any]]]:
    with closing(sqlite3.connect(data_dir / "desk-log.sqlite3")) as conn:
        rows = conn.execute(
            "SELECT staff_id, payload FROM events WHERE type = 'exported' ORDER BY seq"
        ).fetchall()
    return [(staff, json.loads(payload)) for staff, payload in rows]


def run_job(qtbot, tab, shortcut: str) -> Any:
    with qtbot.waitSignal(tab.log_tools.finished, timeout=WAIT) as blocker:
        key(qtbot, tab, shortcut)
    return blocker.args[0]


def hold_exports(monkeypatch) -> threading.Event:
    """Exports wait on the worker until the returned event is set."""
    gate = threading.Event()
    real = log_tools.run_export

    def held(*args: Any, **kwargs: Any) -> ExportOutcome:
        assert gate.wait(WAIT / 1000)
        return real(*args, **kwargs)

    monkeypatch.setattr(log_tools, "run_export", held)
    return gate


def _choose_counselor(tab, counselor_id: str) -> None:
    combo = tab.filters.counselor
    combo.setCurrentIndex(combo.findData(counselor_id))


def test_csv_export_writes_filtered_rows_and_records_one_event(
    qtbot, ready_tab, log, prompter, tmp_path
) -> None:
    """Ctrl+Shift+X with Ana Ruiz filtered writes only her requests and logs who exported."""
    tab = ready_tab
    _choose_counselor(tab, "ruiz")
    wait_loaded(qtbot, tab)
    out = tmp_path / "ruiz.csv"
    prompter.export_plan = ("csv", out)
    before = log.head()
    outcome = run_job(qtbot, tab, "Ctrl+Shift+X")

    assert prompter.asked[-1][1]["flt"].counselor_id == "ruiz"
    assert isinstance(outcome, ExportOutcome) and outcome.rows == 2
    assert prompter.exports_done == [outcome] and prompter.errors == []
    assert outcome.head == before  # the head printed in the file comes before the export event
    lines = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    clients = [row[2] for row in lines[1:] if row and not row[0].startswith("#")]
    assert sorted(clients) == ["Jane Smith", "Lena Park"]
    assert ["# head_hash", before.hash] in lines
    assert ["# exported_by", "maria"] in lines
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    events = exported_events(tmp_path / "data")
    assert len(events) == 1
    staff, payload = events[0]
    assert staff == "maria" and payload["format"] == "csv" and payload["rows"] == 2
    assert payload["description"] == "counselor ruiz"


def test_pdf_export_from_the_button_records_the_current_staff(
    qtbot, ready_tab, log, prompter, session, tmp_path
) -> None:
    """The Export button writes a PDF report headed with the practice; the event names the staff."""
    tab = ready_tab
    tab.log_tools.practice = lambda: "Caring Counseling"
    session.set(log.get_staff("sam"))
    out = tmp_path / "report.pdf"
    prompter.export_plan = ("pdf", out)
    button = next(b for b in tab.page.findChildren(type(tab.new_button)) if "xport" in b.text())
    with qtbot.waitSignal(tab.log_tools.finished, timeout=WAIT) as blocker:
        button.click()
    outcome = blocker.args[0]
    assert isinstance(outcome, ExportOutcome) and outcome.rows == 3 and outcome.fmt == "pdf"
    assert out.read_bytes().startswith(b"%PDF-")
    text = PdfReader(out).pages[0].extract_text()
    assert "Caring Counseling" in text  # the heading names the practice
    assert [(s, p["format"], p["rows"]) for s, p in exported_events(tmp_path / "data")] == [
        ("sam", "pdf", 3)
    ]


def test_default_file_name_has_no_client_name_and_never_replaces(
    qtbot, ready_tab, prompter, tmp_path
) -> None:
    """The suggested name is dated, counselor-scoped at most, and skips existing files."""
    tab = ready_tab
    tab.filters.client.setText("Jane")
    _choose_counselor(tab, "ruiz")
    wait_loaded(qtbot, tab)
    (tmp_path / "desk-email-requests-ruiz-2026-11-02.pdf").write_bytes(b"earlier")
    key(qtbot, tab, "Ctrl+Shift+X")  # the person cancels the dialog
    asked = prompter.asked[-1][1]
    assert asked["default_path"] == tmp_path / "desk-email-requests-ruiz-2026-11-02-2.pdf"
    assert asked["flt"].client == "Jane"  # the search is offered, but not in the name
    for client, _counselor in CLIENTS:
        for part in client.lower().split():
            assert part not in asked["default_path"].name.lower()
    assert (
        default_export_name("csv", day=date(2026, 11, 24)) == "desk-email-requests-2026-11-24.csv"
    )
    assert unused_path(tmp_path, "new.pdf") == tmp_path / "new.pdf"


@pytest.mark.parametrize("where", ["missing-folder/out.csv", "a-folder"])
def test_unwritable_path_shows_the_error_and_records_nothing(
    qtbot, ready_tab, log, prompter, tmp_path, where
) -> None:
    """An export that cannot be written says where and why; no file, no event."""
    (tmp_path / "a-folder").mkdir()
    target = tmp_path / where
    prompter.export_plan = ("csv", target)
    before = log.head()
    outcome = run_job(qtbot, ready_tab, "Ctrl+Shift+X")
    assert not isinstance(outcome, ExportOutcome)
    assert len(prompter.errors) == 1
    title, message = prompter.errors[0]
    assert title == "Export not written"
    assert str(target) in message and "Nothing was written" in message
    assert log.head() == before
    assert exported_events(tmp_path / "data") == []
    assert not list(tmp_path.rglob("*.part")) and not (tmp_path / "missing-folder").exists()
    assert prompter.exports_done == []


@pytest.mark.parametrize("name", ["desk-log.sqlite3", "desk-log.anchor", "report.csv"])
def test_export_into_the_data_folder_is_refused(qtbot, ready_tab, log, prompter, tmp_path, name):
    """The window, like the CLI, never writes an export where it could replace the log."""
    db = tmp_path / "data" / "desk-log.sqlite3"
    original = db.read_bytes()
    prompter.export_plan = ("csv", tmp_path / "data" / name)
    before = log.head()
    outcome = run_job(qtbot, ready_tab, "Ctrl+Shift+X")
    assert not isinstance(outcome, ExportOutcome)
    assert len(prompter.errors) == 1 and "data folder" in prompter.errors[0][1]
    assert log.head() == before
    assert db.read_bytes()[:16] == original[:16] == b"SQLite format 3\x00"
    assert not (tmp_path / "data" / "report.csv").exists()


def test_export_runs_off_the_gui_thread_and_can_be_stopped(
    qtbot, ready_tab, log, prompter, tmp_path, monkeypatch
) -> None:
    """While an export runs the bar shows and the buttons wait; Stop leaves nothing behind."""
    tab = ready_tab
    gate = hold_exports(monkeypatch)
    out = tmp_path / "stopped.pdf"
    prompter.export_plan = ("pdf", out)
    before = log.head()
    key(qtbot, tab, "Ctrl+Shift+X")
    assert tab.log_tools.busy  # the GUI thread is free while the worker waits
    bar = tab.page.job_bar
    assert bar.isVisible() and "stopped.pdf" in bar.label.text()
    assert not tab.request_actions.export.isEnabled()
    assert not tab.request_actions.verify.isEnabled()
    with qtbot.waitSignal(tab.log_tools.finished, timeout=WAIT) as blocker:
        bar.stop_button.click()
        gate.set()
    assert type(blocker.args[0]).__name__ == "ExportCancelled"
    assert not out.exists() and not list(tmp_path.glob(".*.part"))
    assert log.head() == before
    assert prompter.errors == [] and prompter.exports_done == []
    assert not bar.isVisible() and tab.request_actions.export.isEnabled()


def test_actions_disabled_while_locked_and_results_wait_for_unlock(
    qtbot, ready_tab, log, prompter, tmp_path, monkeypatch
) -> None:
    """Locked: no export or verify starts; a result that arrives meanwhile shows after unlock."""
    tab = ready_tab
    tab.lock()
    a = tab.request_actions
    assert not a.export.isEnabled() and not a.verify.isEnabled()
    key(qtbot, tab, "Ctrl+Shift+X")
    key(qtbot, tab, "Ctrl+Shift+V")
    tab.log_tools.export()
    assert not [kind for kind, _ in prompter.asked if kind == "export"]
    assert not tab.log_tools.busy

    prompter.staff_answer = log.get_staff("maria")
    assert tab.unlock()
    assert a.export.isEnabled() and a.verify.isEnabled()

    gate = hold_exports(monkeypatch)
    prompter.export_plan = ("csv", tmp_path / "later.csv")
    key(qtbot, tab, "Ctrl+Shift+X")
    tab.lock()
    with qtbot.waitSignal(tab.log_tools.finished, timeout=WAIT):
        gate.set()
    assert prompter.exports_done == []  # nothing pops up over the lock screen
    assert tab.unlock()
    assert [o.rows for o in prompter.exports_done] == [3]


def test_verify_shows_ok_with_the_head_hash(qtbot, ready_tab, log, prompter, clipboard) -> None:
    """Ctrl+Shift+V checks every event; the result gives the head hash to select and copy."""
    head = log.head()
    report = run_job(qtbot, ready_tab, "Ctrl+Shift+V")
    assert isinstance(report, VerifyReport) and report.ok
    assert prompter.verify_results == [(report, None)]
    assert report.events_checked == head.seq and report.head == head

    dialog = VerifyResultDialog(report=report, checked_head=None, copy=clipboard.setText)
    qtbot.addWidget(dialog)
    dialog.show()
    text = visible_text(dialog)
    assert "The log checks out" in text and f"All {head.seq} events were checked" in text
    assert dialog.hash_row is not None and dialog.hash_row.hash_label.text() == head.hash
    assert dialog.hash_row.hash_label.textInteractionFlags()  # selectable
    dialog.hash_row.copy_button.click()
    assert clipboard.text() == head.hash


def test_verify_names_the_bad_event_after_tampering(qtbot, ready_tab, prompter, tmp_path) -> None:
    """An edited request payload is reported as that event, in plain words and in detail."""
    with attacker(tmp_path / "data") as c:
        (seq,) = c.execute(
            "SELECT seq FROM events WHERE type = 'request_created' AND payload LIKE '%Kevin%'"
        ).fetchone()
        c.execute(
            "UPDATE events SET payload = replace(payload, 'Kevin', 'Kelvin') WHERE seq = ?", (seq,)
        )
    report = run_job(qtbot, ready_tab, "Ctrl+Shift+V")
    assert not report.ok
    assert report.problem == f"event {seq}: hash does not match its contents"
    assert prompter.verify_results == [(report, None)]

    dialog = VerifyResultDialog(report=report, checked_head=None, copy=lambda _t: None)
    qtbot.addWidget(dialog)
    dialog.show()
    text = visible_text(dialog)
    assert "does not check out" in text
    assert f"Event {seq} was changed after it was recorded." in text
    assert f"event {seq}: hash does not match its contents" in text
    assert "Desk has not changed anything" in text
    assert "Kevin" not in text and "Kelvin" not in text
    assert dialog.hash_row is None


def test_a_printed_head_hash_can_be_checked(qtbot, ready_tab, log, prompter) -> None:
    """A hash typed from an earlier printout is checked against the chain on request."""
    printed = log.head()
    log.add_note(log.page(RequestFilter(), offset=0, limit=1)[0].id, staff_id="maria", text="x")
    prompter.next_head = printed.hash
    with qtbot.waitSignal(ready_tab.log_tools.finished, timeout=WAIT):
        key(qtbot, ready_tab, "Ctrl+Shift+V")
    qtbot.waitUntil(lambda: len(prompter.verify_results) == 2, timeout=WAIT)
    (_first, none), (second, checked) = prompter.verify_results
    assert none is None and checked == printed.hash and second.ok

    prompter.next_head = "not-a-hash"
    with qtbot.waitSignal(ready_tab.log_tools.finished, timeout=WAIT):
        key(qtbot, ready_tab, "Ctrl+Shift+V")
    qtbot.waitUntil(lambda: bool(prompter.errors), timeout=WAIT)
    title, message = prompter.errors[0]
    assert title == "Log not checked" and "is not a hash" in message


def test_export_dialog_prefills_the_tab_filters(qtbot, log, tmp_path) -> None:
    """Status, counselor, dates and the name search carry over; format sets the extension."""
    flt = RequestFilter(
        status="approved",
        counselor_id="okafor",
        since=date(2026, 10, 1),
        until=date(2026, 10, 31),
        client="Kev",
    )
    picked: list[tuple[Path, str]] = []
    replace_asked: list[Path] = []

    def choose(start: Path, fmt: str) -> Path:
        picked.append((start, fmt))
        return tmp_path / "chosen"

    dialog = ExportDialog(
        counselors=log.list_counselors(),
        flt=flt,
        default_path=tmp_path / "desk-email-requests-okafor-2026-11-02.pdf",
        fmt="pdf",
        today=date(2026, 11, 2),
        choose_path=choose,
        confirm_replace=lambda path: replace_asked.append(path) or False,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    choice = dialog.choice()
    assert choice is not None and choice.flt == flt and choice.fmt == "pdf"
    assert "Kev" not in visible_text(dialog)  # the search text is not repeated on screen
    dialog.format_buttons["csv"].setChecked(True)
    assert dialog.path.text().endswith("desk-email-requests-okafor-2026-11-02.csv")
    dialog.use_client.setChecked(False)
    assert dialog.choice().flt.client == ""

    dialog.browse_button.click()
    assert picked == [(tmp_path / "desk-email-requests-okafor-2026-11-02.csv", "csv")]
    assert dialog.path.text() == str(tmp_path / "chosen.csv")

    dialog.since.setDate(dialog.until.date().addDays(1))
    assert not dialog.ok.isEnabled() and "after the To date" in dialog.problem.text()
    dialog.use_since.setChecked(False)
    assert dialog.ok.isEnabled()

    (tmp_path / "typed.csv").write_text("earlier")
    dialog.path.setText("typed.csv")  # relative: inside the suggested folder
    dialog.ok.click()
    assert replace_asked == [tmp_path / "typed.csv"] and dialog.result_value() is None
    assert (tmp_path / "typed.csv").read_text() == "earlier"


def test_export_done_message_says_how_many_where_and_the_head(qtbot, tmp_path, clipboard) -> None:
    """The finish message gives the count, the file and a copyable head hash."""
    head = Head(seq=1234, hash="ab" * 32)
    outcome = ExportOutcome(fmt="pdf", path=tmp_path / "r.pdf", rows=1200, head=head)
    dialog = ExportDoneDialog(outcome=outcome, copy=clipboard.setText)
    qtbot.addWidget(dialog)
    dialog.show()
    text = visible_text(dialog)
    assert "1,200 requests written as a PDF report to:" in text
    assert str(tmp_path / "r.pdf") in text and "event 1,234" in text
    assert dialog.hash_row is not None
    dialog.hash_row.copy_button.click()
    assert clipboard.text() == head.hash


@pytest.mark.parametrize(
    ("problem", "plain"),
    [
        ("event 7 is missing: the log goes from event 6 to 8", "Event 7 was removed"),
        ("event 5: its link to event 4 is broken (prev_hash differs)", "Event 5 is out of place"),
        (
            "the anchor records event 12 but the log ends at event 10: the newest events were "
            "deleted",
            "the log once reached event 12",
        ),
        ("request R-0003: stored status does not match its events", "request R-0003"),
        ("something new", "Part of the log no longer matches"),
    ],
)
def test_problems_are_said_plainly(problem: str, plain: str) -> None:
    """Each kind of verify problem gets a plain sentence naming the event or request."""
    assert plain in plain_problem(problem)
    assert re.match(r"[A-Z]", plain_problem(problem))


class _Files:
    """Records what staff asked to open or print; printing fails like a printer that is off."""

    def __init__(self) -> None:
        self.opened: list[Path] = []
        self.printed: list[Path] = []

    def open(self, path: Path) -> str | None:
        self.opened.append(path)
        return None

    def print(self, path: Path) -> str | None:
        self.printed.append(path)
        return "The printer refused the file: printer is off"


def test_export_done_offers_open_and_print(qtbot, tmp_path: Path) -> None:
    """After an export, Open and Print act on that file and say how it went; Return closes."""
    path = tmp_path / "report.pdf"
    outcome = ExportOutcome(fmt="pdf", path=path, rows=3, head=Head(seq=4, hash="ab" * 32))
    files = _Files()
    dialog = ExportDoneDialog(outcome=outcome, copy=lambda _t: None, files=files)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert files.opened == [path] and "Opened" in dialog.file_note.text()
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert files.printed == [path] and "printer is off" in dialog.file_note.text()
    assert not dialog.open_button.autoDefault() and not dialog.print_button.autoDefault()
