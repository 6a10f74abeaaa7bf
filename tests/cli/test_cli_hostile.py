"""The command line under hostile input and failing output: one `desk:` line, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tamper import attacker

from desk.cli import main

CLIENT = "Zelda Quarrington"
NOTE = "prefers mornings"


class Desk:
    """`desk --data-dir FOLDER ...`, in this process or (for real stdout trouble) in another."""

    def __init__(self, capsys: pytest.CaptureFixture[str], folder: Path) -> None:
        self.capsys = capsys
        self.folder = folder

    def __call__(self, *argv: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = main(["--data-dir", str(self.folder), *argv])
        out, err = self.capsys.readouterr()
        return code, out, err

    def ok(self, *argv: str) -> str:
        code, out, err = self(*argv)
        assert (code, err) == (0, ""), err
        return out

    def run(
        self,
        *argv: str | bytes,
        stdout: int | object = subprocess.PIPE,
        env: dict[str, str] | None = None,
    ) -> subprocess.CompletedProcess[bytes]:
        command: list[str | bytes] = [
            sys.executable,
            "-m",
            "desk.cli",
            "--data-dir",
            str(self.folder),
        ]
        return subprocess.run(
            [*command, *argv],
            stdout=stdout,  # type: ignore[arg-type]
            stderr=subprocess.PIPE,
            env={**os.environ, **(env or {})},
            check=False,
            timeout=60,
        )


@pytest.fixture
def desk(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Desk:
    """A log with staff amy, counselor cara and request R-000001 (pending) holding a note."""
    d = Desk(capsys, tmp_path / "data")
    d.ok("staff", "add", "--id", "amy", "--name", "Amy Front")
    d.ok("counselors", "add", "--id", "cara", "--name", "Cara Lee", "--email", "cara@p.org")
    d.ok("requests", "add", "--client", CLIENT, "--counselor", "cara", "--staff", "amy",
         "--note", NOTE)  # fmt: skip
    return d


def one_desk_line(err: str | bytes) -> str:
    text = err.decode("utf-8", "replace") if isinstance(err, bytes) else err
    assert "Traceback" not in text
    lines = text.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("desk: "), text
    return lines[0]


# 7. Privacy in errors ------------------------------------------------------------------------


def test_bad_byte_in_a_payload_never_prints_it(desk: Desk) -> None:
    """Every command that trips on a bad byte names seq and column, never the client or note."""
    with attacker(desk.folder) as conn:
        conn.execute(
            "UPDATE events SET payload = CAST(replace(payload, 'Zelda', x'ff') AS TEXT) "
            "WHERE seq = 3"
        )
    code, _out, err = desk("requests", "verify")
    assert (code, one_desk_line(err)) == (
        1,
        "desk: error: event 3: column payload is not valid UTF-8 text",
    )
    for argv in (
        ("requests", "history", "R-000001"),
        ("requests", "history", "R-000001", "--json"),
    ):
        code, out, err = desk(*argv)
        assert code == 1 and "verify" in one_desk_line(err)
        assert "Quarrington" not in out + err and NOTE not in out + err


# 8. Tracebacks -----------------------------------------------------------------------------------


@pytest.mark.parametrize("edge", [("--until", "9999-12-31"), ("--since", "0001-01-01")])
def test_dates_at_the_edge_of_the_calendar(
    desk: Desk, tmp_path: Path, edge: tuple[str, str]
) -> None:
    """The first and last days leave the range open; list and export work."""
    rows = json.loads(desk.ok("requests", "list", "--json", *edge))
    assert [r["id"] for r in rows] == ["R-000001"]
    out = tmp_path / "report.csv"
    desk.ok("requests", "export", "-o", str(out), *edge)
    assert CLIENT in out.read_text(encoding="utf-8-sig")


def test_request_id_with_a_bad_byte_is_not_found(desk: Desk) -> None:
    """An id that cannot be a request id is 'no request', not a claim the log is damaged."""
    code, _out, err = desk("requests", "history", "R-00\udcff01")
    assert code == 1 and "no request with id" in one_desk_line(err)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "argv", [("requests", "list"), ("requests", "list", "--json"), ("staff", "list")]
)
def test_full_disk_on_stdout_is_one_line(desk: Desk, argv: tuple[str, ...]) -> None:
    """Output to a full disk: exit 1 and one line saying so."""
    with open("/dev/full", "wb") as full:
        result = desk.run(*argv, stdout=full)
    assert result.returncode == 1
    assert one_desk_line(result.stderr) == (
        "desk: error: cannot write the output: No space left on device"
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_export_that_fails_after_being_recorded_says_so(desk: Desk) -> None:
    """A CSV export to a full disk was recorded first: the message says the log holds it."""
    with open("/dev/full", "wb") as full:
        result = desk.run("requests", "export", stdout=full)
    line = one_desk_line(result.stderr)
    assert result.returncode == 1
    assert "No space left on device" in line and "already recorded in the log (event 4)" in line


def test_export_path_that_is_not_utf8_under_strict_stdout(desk: Desk, tmp_path: Path) -> None:
    """A file name with a byte that is not UTF-8 is written and reported with an escape."""
    name = os.fsencode(tmp_path) + b"/report-\xff.csv"
    result = desk.run("requests", "export", "-o", name, env={"PYTHONIOENCODING": "utf-8:strict"})
    assert result.returncode == 0, result.stderr
    assert b"Wrote 1 request(s) to" in result.stdout and b"\\udcff" in result.stdout
    assert Path(os.fsdecode(name)).exists()


def test_closed_pipe_is_quiet(desk: Desk) -> None:
    """A reader that goes away (`| head`) ends the command quietly."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "desk.cli", "--data-dir", str(desk.folder), "requests", "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=60) in (0, 1)
    assert b"Traceback" not in err


# 10. The smaller list ------------------------------------------------------------------------


def test_export_refuses_to_replace_a_file_without_force(desk: Desk, tmp_path: Path) -> None:
    """-o over an existing file is refused (nothing recorded); --force replaces it."""
    out = tmp_path / "report.csv"
    out.write_text("keep me")
    before = desk.ok("requests", "verify")
    code, _o, err = desk("requests", "export", "-o", str(out))
    assert code == 1 and "--force" in one_desk_line(err)
    assert out.read_text() == "keep me"
    assert desk.ok("requests", "verify") == before  # no export event either
    desk.ok("requests", "export", "-o", str(out), "--force")
    assert CLIENT in out.read_text(encoding="utf-8-sig")


def test_stale_part_files_of_a_killed_export_are_removed(desk: Desk, tmp_path: Path) -> None:
    """Half-written exports left by a dead process (client names in them) are cleaned up."""
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    stale = tmp_path / f".report.csv.{dead}.part"
    stale.write_text(CLIENT)
    other = tmp_path / f".other.csv.{dead}.part"
    other.write_text("not ours")
    desk.ok("requests", "export", "-o", str(tmp_path / "report.csv"))
    assert not stale.exists()
    assert other.exists()


def test_newline_in_a_note_cannot_fake_a_row(desk: Desk) -> None:
    """A note holding a newline and a made-up row prints on its own line, escaped."""
    fake = "ok\n9  2026-01-01 09:00  released  amy  desk  method=phone"
    desk.ok("requests", "withdraw", "R-000001", "--staff", "amy", "--reason", fake)
    out = desk.ok("requests", "history", "R-000001")
    lines = out.strip().splitlines()
    assert len(lines) == 3  # the heading, request_created and withdrawn: no made-up event
    assert lines[-1].startswith("4 ") and "ok\\n9  2026" in lines[-1]


@pytest.mark.parametrize(
    "name", ["\u3164", "\u2800", "\u115f\u1160", "Amy\u034f", "\ufe0f", "Amy\u3164Front"]
)
def test_blank_looking_names_are_refused(desk: Desk, name: str) -> None:
    """Names that look empty or identical to another are refused, for staff and clients."""
    code, _o, err = desk("staff", "add", "--id", "bo", "--name", name)
    assert code == 1 and one_desk_line(err)
    code, _o, err = desk(
        "requests", "add", "--client", name, "--counselor", "cara", "--staff", "amy"
    )
    assert code == 1 and name not in err


def test_empty_data_dir_variable_is_a_usage_error(tmp_path: Path) -> None:
    """DESK_DATA_DIR="" is an error, as --data-dir "" is, instead of meaning the default."""
    env = {**os.environ, "DESK_DATA_DIR": ""}
    result = subprocess.run([sys.executable, "-m", "desk.cli", "staff", "list"],
                            capture_output=True, text=True, env=env, check=False)  # fmt: skip
    assert result.returncode == 2
    assert "DESK_DATA_DIR is set but empty" in result.stderr


@pytest.mark.parametrize("command", ["staff", "counselors"])
def test_listing_people_never_creates_a_log(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    """`staff list` and `counselors list` in a mistyped folder say so and create nothing."""
    typo = tmp_path / "dta"
    code = main(["--data-dir", str(typo), command, "list"])
    _out, err = capsys.readouterr()
    assert code == 1 and "no request log" in one_desk_line(err)
    assert not typo.exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_parents_of_a_new_data_folder_are_owner_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Folders Desk creates on the way to a new data folder are 0700, whatever the umask."""
    old = os.umask(0o022)
    try:
        target = tmp_path / "a" / "b" / "data"
        assert (
            main(["--data-dir", str(target), "staff", "add", "--id", "amy", "--name", "Amy"]) == 0
        )
    finally:
        os.umask(old)
    for folder in (tmp_path / "a", tmp_path / "a" / "b", target):
        assert folder.stat().st_mode & 0o777 == 0o700, folder


# Staff rename and (de)activate -----------------------------------------------------------------


def test_staff_rename_and_deactivate_are_events(desk: Desk) -> None:
    """Renaming and (de)activating staff are recorded; a deactivated member can no longer act."""
    assert "now named Amy Fronteira" in desk.ok("staff", "rename", "amy", "--name", "Amy Fronteira")
    desk.ok("staff", "add", "--id", "bo", "--name", "Bo Desk")
    assert "now inactive" in desk.ok("staff", "deactivate", "amy", "--by", "bo")
    rows = json.loads(desk.ok("staff", "list", "--json"))
    assert {r["id"]: (r["name"], r["active"]) for r in rows} == {
        "amy": ("Amy Fronteira", False),
        "bo": ("Bo Desk", True),
    }
    code, _o, err = desk("requests", "withdraw", "R-000001", "--staff", "amy")
    assert code == 1 and "staff amy is deactivated" in one_desk_line(err)
    code, _o, err = desk("staff", "activate", "bo", "--by", "amy")
    assert code == 1 and "deactivated" in one_desk_line(err)
    desk.ok("staff", "activate", "amy")
    desk.ok("requests", "withdraw", "R-000001", "--staff", "amy")
    assert desk.ok("requests", "verify", "--deep").startswith("ok: 8 events")


# 9. The policy cache cannot speak for the files ----------------------------------------------


def test_desk_ask_answers_from_the_files_not_a_tampered_cache(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bundled_dir: Path
) -> None:
    """A cache entry edited to say 'yes' to any counselor's email changes nothing `ask` says."""
    import shutil
    import time

    from desk.core.policy.cache import cache_file, load_policy_cached
    from desk.paths import cache_dir

    policy = tmp_path / "policy"
    shutil.copytree(bundled_dir, policy)
    then = time.time() - 3600
    for path in [policy, *policy.rglob("*")]:
        os.utime(path, (then, then))
    load_policy_cached(policy, cache_dir=cache_dir())
    entry = cache_file(cache_dir(), policy)
    data = json.loads(entry.read_text(encoding="utf-8"))
    for topic in data["book"]["topics"]:
        topic["verdict"] = "yes"
    entry.write_text(json.dumps(data), encoding="utf-8")
    assert main(["--policy-dir", str(policy), "ask", "--json", "what is her email"]) == 0
    answer = json.loads(capsys.readouterr().out.splitlines()[0])
    email = next(r for r in answer["results"] if r["id"] == "email")
    assert email["verdict"] != "yes"
