"""Exports never clobber the log or leave unrecorded, and empty arguments are usage errors."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from desk.cli import main
from desk.core.errors import StoreError
from desk.core.requests import open_log
from desk.core.requests.export.report import write_csv, write_pdf
from desk.core.requests.models import RequestFilter
from desk.core.requests.sqlite.schema import GUARD_TRIGGERS
from desk.core.requests.workflow import RequestLog

CLIENT = "Pat Quinnell"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _events(folder: Path) -> list[str]:
    with closing(sqlite3.connect(folder / "desk-log.sqlite3")) as conn:
        return [r[0] for r in conn.execute("SELECT type FROM events ORDER BY seq")]


@pytest.fixture
def folder(tmp_path: Path, clock: Any) -> Path:
    data = tmp_path / "data"
    with open_log(data, clock=clock, workstation="front-1") as log:
        log.add_staff(staff_id="ann", name="Ann Front")
        log.add_counselor(counselor_id="jdoe", name="Jane Doe", email="jane@example.org")
        log.add_request(client=CLIENT, counselor_id="jdoe", staff_id="ann")
        log.add_request(client="Olu Ade", counselor_id="jdoe", staff_id="ann")
    return data


@pytest.fixture
def log(folder: Path, clock: Any) -> Iterator[RequestLog]:
    opened = open_log(folder, clock=clock, workstation="front-1")
    yield opened
    opened.close()


def _delete_newest_event(folder: Path) -> None:
    with closing(sqlite3.connect(folder / "desk-log.sqlite3", isolation_level=None)) as conn:
        conn.execute("DROP TRIGGER events_no_delete")
        conn.execute("DELETE FROM events WHERE seq = (SELECT max(seq) FROM events)")
        conn.execute(GUARD_TRIGGERS["events_no_delete"])


def test_refused_csv_export_sends_out_no_client_data(folder: Path, clock: Any) -> None:
    """While writes are stopped, a CSV export fails before a single row is written."""
    _delete_newest_event(folder)
    out = io.StringIO()
    with open_log(folder, clock=clock) as log, pytest.raises(StoreError, match="anchor"):
        write_csv(log, out, RequestFilter(), staff_id="ann")
    assert CLIENT not in out.getvalue()
    assert "Olu" not in out.getvalue()


def test_refused_cli_export_prints_no_client_data(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`desk requests export` to stdout on a log with stopped writes prints no names."""
    _delete_newest_event(folder)
    code, out, err = _run(capsys, "--data-dir", str(folder), "requests", "export")
    assert code == 1
    assert CLIENT not in out + err
    assert err.startswith("desk: error: ") and "anchor" in err


def test_refused_pdf_export_leaves_no_file(folder: Path, clock: Any, tmp_path: Path) -> None:
    """A refused PDF export leaves neither the report nor a partial file behind."""
    _delete_newest_event(folder)
    target = tmp_path / "report.pdf"
    with open_log(folder, clock=clock) as log, pytest.raises(StoreError):
        write_pdf(log, target, RequestFilter(), title="Requests", staff_id="ann")
    assert list(tmp_path.glob("*report.pdf*")) == []


class _ClosedAfter(io.StringIO):
    """A pipe whose reader goes away after the first few writes."""

    def __init__(self, writes: int) -> None:
        super().__init__()
        self.left = writes

    def write(self, text: str) -> int:
        if self.left <= 0:
            raise BrokenPipeError(32, "Broken pipe")
        self.left -= 1
        return super().write(text)


def test_export_cut_short_is_still_recorded(log: RequestLog, folder: Path) -> None:
    """An export whose reader hangs up part-way is on the record all the same."""
    with pytest.raises(BrokenPipeError):
        write_csv(log, _ClosedAfter(2), RequestFilter(), staff_id="ann")
    assert _events(folder)[-1] == "exported"


def test_export_to_a_closed_pipe_is_recorded_and_quiet(folder: Path, clock: Any) -> None:
    """`desk requests export | head` records the export and prints no traceback."""
    with open_log(folder, clock=clock) as log, log.store.batch():  # type: ignore[attr-defined]
        for n in range(3000):
            log.add_request(client=f"Client Number{n}", counselor_id="jdoe", staff_id="ann")
    proc = subprocess.Popen(
        [sys.executable, "-m", "desk", "--data-dir", str(folder), "requests", "export"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(100)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=60) == 0, err
    assert err == ""
    assert _events(folder)[-1] == "exported"


INSIDE = [
    "desk-log.sqlite3",
    "desk-log.sqlite3-wal",
    "desk-log.sqlite3-shm",
    "desk-log.anchor",
    "backups/today.csv",
    "notes.csv",
]


@pytest.mark.parametrize("fmt", ["csv", "pdf"])
@pytest.mark.parametrize("name", INSIDE)
def test_export_into_the_data_folder_is_refused(
    folder: Path, capsys: pytest.CaptureFixture[str], fmt: str, name: str
) -> None:
    """-o naming the database, its companions, the anchor or backups is refused; nothing changes."""
    (folder / "backups").mkdir(exist_ok=True)
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    target = folder / name
    code, out, err = _run(
        capsys, "--data-dir", str(folder), "requests", "export", "--format", fmt, "--staff", "ann",
        "-o", str(target),
    )  # fmt: skip
    assert (code, out) == (1, "")
    assert err.startswith("desk: error: ") and err.count("\n") == 1
    assert "data folder" in err
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
    assert "exported" not in _events(folder)


def test_export_into_the_data_folder_through_a_link_is_refused(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A second name for the data folder (a symbolic link) does not get around the refusal."""
    alias = tmp_path / "alias"
    alias.symlink_to(folder, target_is_directory=True)
    code, _, err = _run(
        capsys, "--data-dir", str(folder), "requests", "export", "-o",
        str(alias / "desk-log.sqlite3"),
    )  # fmt: skip
    assert code == 1 and "data folder" in err
    with open_log(folder) as log:
        assert log.verify().ok


def test_export_next_to_the_data_folder_is_fine(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file beside the data folder (same parent) is an ordinary export."""
    target = tmp_path / "data-export.csv"
    code, _, err = _run(
        capsys, "--data-dir", str(folder), "requests", "export", "--staff", "ann", "-o",
        str(target),
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert CLIENT in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "argv",
    [
        ["--data-dir", "", "requests", "list"],
        ["--data-dir", "", "staff", "add", "--id", "kim", "--name", "Kim"],
        ["--policy-dir", "", "policy", "list"],
        ["ask", ""],
        ["ask", "   "],
        ["ask", "can I text", ""],
    ],
    ids=repr,
)
def test_empty_arguments_are_usage_errors(
    argv: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """An empty folder or question is a usage error (exit 2), never a silent default."""
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    assert "usage:" in capsys.readouterr().err
    assert not (tmp_path / "data").exists()
