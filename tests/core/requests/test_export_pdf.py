"""The PDF report prints every client's name, the head hash on every page, and the totals."""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from conftest import FakeClock
from pypdf import PdfReader

from desk.core.errors import DeskError
from desk.core.requests import open_log
from desk.core.requests.export.report import write_pdf
from desk.core.requests.models import RequestFilter
from desk.core.requests.workflow import RequestLog

#: Names in the scripts the report's fonts cover, as clients give them.
NAMES = {
    "Vietnamese": "Nguyễn Thị Minh Khai",
    "Polish": "Łukasz Żółkiewski",
    "Czech": "Dvořák Řehoř",
    "Chinese": "李小龍",
    "Japanese": "山田さくら",
    "Greek": "Γιώργος Παπαδόπουλος",
    "Cyrillic": "Дмитрий Иванов",
    "Arabic": "محمد علي",
    "Hebrew": "דוד כהן",
}


@pytest.fixture
def log(tmp_path: Path, clock: FakeClock) -> Iterator[RequestLog]:
    log = open_log(tmp_path / "data", clock=clock, workstation="front-1")
    log.add_staff(staff_id="jlee", name="Jo Lee")
    log.add_counselor(counselor_id="asmith", name="Ann Smith", email="ann@x.example.org")
    log.add_counselor(counselor_id="bdiaz", name="Bo Diaz", email="bo@x.example.org")
    yield log
    log.close()


def _pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_names_in_every_covered_script_print_and_read_back(log: RequestLog, tmp_path: Path) -> None:
    """Each name comes back out of the PDF's text exactly as the client gave it."""
    for name in NAMES.values():
        log.add_request(client=name, counselor_id="asmith", staff_id="jlee")
    target = tmp_path / "names.pdf"

    assert write_pdf(log, target, RequestFilter(), title="Requests", staff_id="jlee") == len(NAMES)

    text = _flat(" ".join(_pages(target)))
    for script, name in NAMES.items():
        assert name in text, script
    assert "?" not in text
    assert "cannot print" not in text


def test_report_pages_carry_head_page_numbers_totals_and_verify(
    log: RequestLog, tmp_path: Path
) -> None:
    """Rows run over pages; each page shows 'Page i of n' and the head; totals and verify close."""
    for n in range(95):
        r = log.add_request(client=f"Client {n}", counselor_id="asmith", staff_id="jlee")
        if n % 3 == 0:
            log.approve(r.id, by="asmith", staff_id="jlee", how="written")
    log.add_request(client="李小龍 Łukasz (x)\\", counselor_id="bdiaz", staff_id="jlee")
    head = log.head()
    assert head is not None
    target = tmp_path / "report.pdf"

    assert (
        write_pdf(log, target, RequestFilter(), title="Requests", staff_id="jlee", practice="CC")
        == 96
    )

    data = target.read_bytes()
    assert data.startswith(b"%PDF-1.") and data.rstrip().endswith(b"%%EOF")
    assert head.hash.encode() in data  # findable in the file with any text tool
    reader = PdfReader(target)
    assert reader.metadata is not None
    assert reader.metadata.subject == f"Head of the log: {head.hash}"
    pages = _pages(target)
    assert len(pages) >= 2
    for number, text in enumerate(pages, 1):
        flat = _flat(text)
        assert f"Page {number} of {len(pages)}" in flat
        assert f"Head of the log at export: {head.hash}" in flat
        if "Client " in flat:  # a page of rows repeats the table's header
            assert "ID Requested Client Counselor Status Decided (how, by) Released" in flat
    assert "Requests (continued)" in pages[1]
    assert re.search(r"Client \d+", pages[1])
    everything = _flat(" ".join(pages))
    assert "李小龍 Łukasz (x)\\" in everything
    assert "approved: 32" in everything and "pending: 64" in everything and "all: 96" in everything
    assert f"desk requests verify --head {head.hash}" in everything
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600


def test_decided_column_shows_how_and_who_for_approvals_and_declines(
    log: RequestLog, tmp_path: Path
) -> None:
    """An approval shows how and by whom; a decline shows that it was declined and by whom."""
    approved = log.add_request(client="Pat Approved", counselor_id="asmith", staff_id="jlee")
    log.approve(approved.id, by="asmith", staff_id="jlee", how="phone")
    declined = log.add_request(client="Sam Declined", counselor_id="bdiaz", staff_id="jlee")
    log.decline(declined.id, by="bdiaz", staff_id="jlee", reason="prefers the office")
    log.add_request(client="Lee Pending", counselor_id="asmith", staff_id="jlee")
    target = tmp_path / "decided.pdf"

    write_pdf(log, target, RequestFilter(), title="Decisions", staff_id="jlee")

    lines = _pages(target)[0].splitlines()
    (approved_line,) = [line for line in lines if "Pat Approved" in line]
    (declined_line,) = [line for line in lines if "Sam Declined" in line]
    (pending_line,) = [line for line in lines if "Lee Pending" in line]
    assert "phone, asmith" in approved_line
    assert "declined, bdiaz" in declined_line
    assert "asmith" not in pending_line.replace("Ann Smith", "")


def test_letters_no_font_has_print_as_marks_and_the_report_says_so(
    log: RequestLog, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Korean is not covered: '?' marks it, a line counts the rows, no log line names it."""
    log.add_request(client="김민준 Kim", counselor_id="asmith", staff_id="jlee")
    target = tmp_path / "missing.pdf"

    with caplog.at_level(logging.DEBUG):
        write_pdf(log, target, RequestFilter(), title="Requests\tof\nJune", staff_id="jlee")

    text = _flat(" ".join(_pages(target)))
    assert "??? Kim" in text
    assert "Requests of June" in text
    assert "1 row(s) have letters the report's fonts cannot print" in text
    assert not [r for r in caplog.records if "김" in r.getMessage() or "Kim" in r.getMessage()]


def test_text_like_the_page_count_placeholder_prints_as_written(
    log: RequestLog, tmp_path: Path
) -> None:
    """A title or name that looks like a placeholder is printed, never replaced by a number."""
    log.add_request(client="Pat {nb} {pages}", counselor_id="asmith", staff_id="jlee")
    target = tmp_path / "braces.pdf"

    write_pdf(log, target, RequestFilter(), title="Report {pages} {nb}", staff_id="jlee")

    text = _flat(" ".join(_pages(target)))
    assert "Pat {nb} {pages}" in text
    assert "Report {pages} {nb}" in text
    assert "Page 1 of 1" in text


def test_long_names_are_cut_to_their_column(log: RequestLog, tmp_path: Path) -> None:
    """A name wider than its column ends in an ellipsis instead of running into the next."""
    log.add_request(client="Bartholomew " * 8, counselor_id="asmith", staff_id="jlee")
    target = tmp_path / "long.pdf"

    write_pdf(log, target, RequestFilter(), title="Requests", staff_id="jlee")

    (line,) = [line for line in _pages(target)[0].splitlines() if "Bartholomew" in line]
    assert "…" in line
    assert line.count("Bartholomew") < 8


def test_pdf_of_empty_selection_still_prints(log: RequestLog, tmp_path: Path) -> None:
    """A report with no matching rows says so and still carries the head."""
    target = tmp_path / "empty.pdf"
    flt = RequestFilter(status="released", since=date(2020, 1, 1))
    assert write_pdf(log, target, flt, title="None", staff_id="jlee") == 0
    text = _flat(" ".join(_pages(target)))
    assert "No requests match." in text
    assert "all: 0" in text


def test_export_event_names_no_client(log: RequestLog, tmp_path: Path) -> None:
    """The PDF export is recorded with its row count and without the client's name."""
    log.add_request(client="Nguyễn Văn An", counselor_id="asmith", staff_id="jlee")
    write_pdf(log, tmp_path / "r.pdf", RequestFilter(), title="R", staff_id="jlee")
    db = next((tmp_path / "data").glob("*.sqlite3"))
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        kind, payload = conn.execute(
            "SELECT type, payload FROM events ORDER BY seq DESC LIMIT 1"
        ).fetchone()
    finally:
        conn.close()
    assert kind == "exported" and '"pdf"' in payload and "Nguy" not in payload


def test_pdf_library_loads_only_when_a_pdf_is_written() -> None:
    """Importing the export module does not load fpdf2: only writing a PDF pays for it."""
    code = (
        "import sys, desk.core.requests.export.report, desk.commands.requests\n"
        "print(any(m == 'fpdf' or m.startswith('fpdf.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_missing_font_is_one_clear_error_and_no_file(
    log: RequestLog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the report fonts: a message naming the font, no file, no export recorded."""
    from desk.core.requests.export import report

    monkeypatch.setattr(report, "fonts_dir", lambda: tmp_path / "no-fonts")
    target = tmp_path / "r.pdf"
    before = log.head()
    with pytest.raises(DeskError, match=r"font .*DejaVuSans\.ttf is missing"):
        write_pdf(log, target, RequestFilter(), title="R", staff_id="jlee")
    assert not target.exists()
    assert list(tmp_path.glob(".r.pdf*")) == []
    assert log.head() == before
