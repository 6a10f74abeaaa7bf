"""The standalone build from `make dist` runs without Python: window, `desk ask`, policy, PDF."""

from __future__ import annotations

import configparser
import json
import os
import subprocess
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "dist" / "desk"
PROGRAM = FOLDER / ("desk.exe" if os.name == "nt" else "desk")

pytestmark = [pytest.mark.dist, pytest.mark.slow]


@pytest.fixture(scope="module", autouse=True)
def _built() -> None:
    if not PROGRAM.is_file():
        pytest.fail(f"no standalone build at {PROGRAM}: run `make dist` first (make dist-test does)")


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """A bare environment: no Python on PATH, no PYTHONPATH, folders of this test only."""
    env = {
        "HOME": str(tmp_path / "home"),
        "PATH": str(tmp_path / "empty-path"),
        "LANG": "C.UTF-8",
        "DESK_DATA_DIR": str(tmp_path / "data"),
        "DESK_CONFIG_DIR": str(tmp_path / "config"),
        "DESK_CACHE_DIR": str(tmp_path / "cache"),
        **extra,
    }
    if os.name == "nt":
        env["SYSTEMROOT"] = os.environ.get("SYSTEMROOT", r"C:\Windows")
    return env


def _desk(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PROGRAM), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(tmp_path),
        cwd=tmp_path,
        timeout=120,
    )


def test_build_holds_program_icon_desktop_entry_and_policy() -> None:
    """dist/desk/ has the `desk` program, its icon, a desktop entry and the bundled policy."""
    assert os.access(PROGRAM, os.X_OK)
    internal = FOLDER / "_internal"
    assert (internal / "desk.svg").read_text(encoding="utf-8").lstrip().startswith("<")
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(internal / "desk.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert (desktop["Type"], desktop["Exec"], desktop["Icon"]) == ("Application", "desk", "desk")
    shipped = {p.relative_to(ROOT / "policy") for p in (ROOT / "policy").rglob("*.yaml")}
    bundled = internal / "desk" / "_bundled" / "policy"
    assert {p.relative_to(bundled) for p in bundled.rglob("*.yaml")} == shipped
    assert (internal / "desk" / "_bundled" / "resources" / "fonts" / "DejaVuSans.ttf").is_file()
    assert (internal / "desk" / "core" / "language" / "common_words.txt").stat().st_size > 10_000
    for part in ("danger", "search"):
        weights = internal / "desk" / "core" / part / "learned.tsv"
        assert weights.read_text(encoding="utf-8").startswith("# desk learned weights")


def test_policy_check_and_ask_run_from_the_build(tmp_path: Path) -> None:
    """`desk policy check` passes on the bundled policy and `desk ask` answers, without Python."""
    check = _desk(tmp_path, "policy", "check")
    assert check.returncode == 0, check.stderr
    assert "_bundled" in check.stdout and "OK" in check.stdout
    ask = _desk(tmp_path, "ask", "--json", "can I text my counselor")
    assert ask.returncode == 0, ask.stderr
    answer = json.loads(ask.stdout.splitlines()[0])
    assert answer["results"][0]["id"] == "texting"
    assert not (tmp_path / "data").exists()  # reading commands create no log


def test_pdf_report_from_the_build_prints_names_in_several_scripts(tmp_path: Path) -> None:
    """The build carries fpdf2, HarfBuzz and the fonts: a PDF export prints each name."""
    names = ["Nguyễn Thị Minh Khai", "Łukasz Żółkiewski", "李小龍", "Γιώργος", "محمد علي"]
    steps = [
        ["staff", "add", "--id", "jlee", "--name", "Jo Lee"],
        ["counselors", "add", "--id", "asmith", "--name", "Ann Smith", "--email", "a@x.example.org"],
        *(
            ["requests", "add", "--client", n, "--counselor", "asmith", "--staff", "jlee"]
            for n in names
        ),
        ["requests", "export", "--format", "pdf", "--staff", "jlee", "-o", "report.pdf"],
    ]
    for step in steps:
        done = _desk(tmp_path, *step)
        assert done.returncode == 0, (step[:2], done.stderr)
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "report.pdf").pages)
    for name in names:
        assert name in text


def test_window_starts_offscreen_and_opens_the_log(tmp_path: Path) -> None:
    """The built program shows its window offscreen; the requests tab then opens the log."""
    env = _env(tmp_path, QT_QPA_PLATFORM="offscreen")
    log_file = tmp_path / "data" / "desk-log.sqlite3"
    process = subprocess.Popen(
        [str(PROGRAM)],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not log_file.exists() and time.monotonic() < deadline:
            try:
                process.wait(timeout=0.1)
            except subprocess.TimeoutExpired:
                continue
            break  # exited early: the asserts below say how
        assert process.poll() is None, process.communicate()[1]
        assert log_file.exists(), "the window did not open the request log within a minute"
    finally:
        process.terminate()
        _, err = process.communicate(timeout=30)
    assert "Traceback" not in err
    assert "platform plugin" not in err
