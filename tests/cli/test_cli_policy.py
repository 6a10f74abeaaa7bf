"""`desk policy check|list|show` as an office manager uses them: clear output, exit codes."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from desk.cli import main
from desk.core.policy.book import TOPIC_IDS, PolicyBook

Run = tuple[int, str, str]
Runner = Callable[..., Run]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Runner:
    """Run `desk` in-process; return (exit code, stdout, stderr)."""

    def _run(*argv: str) -> Run:
        capsys.readouterr()
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return _run


@pytest.fixture
def broken(tmp_path: Path, bundled_dir: Path) -> Path:
    """A copy of the bundled policy with three mistakes in two files."""
    target = tmp_path / "policy"
    shutil.copytree(bundled_dir, target)
    texting = target / "topics" / "texting.yaml"
    text = texting.read_text(encoding="utf-8").replace("verdict: no", "verdict: nope")
    texting.write_text(text + "colour: blue\n", encoding="utf-8")
    email = target / "topics" / "email.yaml"
    text = email.read_text(encoding="utf-8")
    email.write_text(text.replace("{office_phone}", "{client_name}"), encoding="utf-8")
    return target


def test_check_bundled_ok(run: Runner, book: PolicyBook) -> None:
    """With no folder given, the bundled policy checks clean with a one-line summary."""
    code, out, err = run("policy", "check")
    assert (code, err) == (0, "")
    assert len(out.splitlines()) == 1 and f"OK, {len(book.topics)} topics" in out


def test_check_broken_lists_every_error(run: Runner, broken: Path) -> None:
    """A broken folder exits 1 with each problem as file:line on its own stderr line."""
    code, out, err = run("policy", "check", str(broken))
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert any(
        line.startswith(f"{broken}/topics/texting.yaml:") and "verdict" in line for line in lines
    )
    assert any("texting.yaml:" in line and "unknown key 'colour'" in line for line in lines)
    assert any("email.yaml:" in line and "{client_name}" in line for line in lines)
    assert lines[-1].startswith("desk: error:") and "3 problems" in lines[-1]
    assert "Traceback" not in err


def test_check_missing_folder(run: Runner, tmp_path: Path) -> None:
    """A folder that does not exist is one clear error, exit 1."""
    code, _out, err = run("policy", "check", str(tmp_path / "nowhere"))
    assert code == 1 and "policy folder not found" in err and "Traceback" not in err


def test_check_uses_policy_dir_option_and_env(
    run: Runner, broken: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without DIR, check looks at --policy-dir, then DESK_POLICY_DIR."""
    assert run("--policy-dir", str(broken), "policy", "check")[0] == 1
    monkeypatch.setenv("DESK_POLICY_DIR", str(broken))
    code, _out, err = run("policy", "check")
    assert code == 1 and str(broken) in err


def test_check_never_runs_code(run: Runner, tmp_path: Path, bundled_dir: Path) -> None:
    """A python tag in a policy file is reported, not executed."""
    target = tmp_path / "policy"
    shutil.copytree(bundled_dir, target)
    marker = tmp_path / "ran"
    path = target / "topics" / "website.yaml"
    payload = f"evil: !!python/object/apply:builtins.exec [\"open(r'{marker}', 'w').close()\"]\n"
    path.write_text(path.read_text(encoding="utf-8") + payload, encoding="utf-8")
    code, _out, err = run("policy", "check", str(target))
    assert code == 1 and "YAML tags are not allowed" in err
    assert not marker.exists()


def test_show_topic(run: Runner) -> None:
    """show prints the verdict, rendered scripts, checklist with guidance marks and source."""
    code, out, err = run("policy", "show", "email")
    assert (code, err) == (0, "")
    assert "Verdict: Only if the counselor approves" in out
    assert "(618) 997-2129" in out and "{office_phone}" not in out
    assert "[ ]" in out and "(practice guidance)" in out
    assert "Source: Social Media and Communication Policy, section: Email" in out


def test_show_crisis_marks_whole_topic_as_guidance(run: Runner) -> None:
    """The crisis topic says it is practice guidance and gives 911 and 988."""
    code, out, _err = run("policy", "show", "crisis")
    assert code == 0
    assert "Practice guidance - confirm with the office" in out.splitlines()[1]
    assert "911" in out and "988" in out


def test_show_json(run: Runner) -> None:
    """show --json gives the topic with its scripts already filled in."""
    code, out, _err = run("policy", "show", "texting", "--json")
    data = json.loads(out)
    assert code == 0 and data["id"] == "texting" and data["verdict"] == "no"
    assert data["label"] == "No"
    assert all("{" not in s["text"] for s in data["scripts"])
    assert any(c["guidance"] for c in data["checklist"])


def test_show_unknown_topic_lists_ids(run: Runner) -> None:
    """An unknown id exits 1 and names the valid ids."""
    code, out, err = run("policy", "show", "fax")
    assert code == 1 and out == ""
    assert err.startswith("desk: error: no topic 'fax'")
    assert all(topic_id in err for topic_id in TOPIC_IDS)
    assert "Traceback" not in err


def test_list(run: Runner) -> None:
    """list prints one row per topic with its verdict in words."""
    code, out, _err = run("policy", "list")
    rows = out.splitlines()
    assert code == 0 and [r.split()[0] for r in rows] == list(TOPIC_IDS)
    assert any(r.startswith("texting") and r.endswith("- No") for r in rows)


def test_list_json(run: Runner) -> None:
    """list --json is machine-readable."""
    code, out, _err = run("policy", "list", "--json")
    assert code == 0 and [r["id"] for r in json.loads(out)] == list(TOPIC_IDS)


def test_show_falls_back_with_warning(run: Runner, broken: Path) -> None:
    """A broken practice folder still answers, from the bundled policy, and says why."""
    code, out, err = run("--policy-dir", str(broken), "policy", "show", "texting")
    assert code == 0 and "Verdict: No" in out
    assert "using the bundled policy" in err
    assert "texting.yaml:" in err and "Traceback" not in err


def test_list_and_show_give_the_verdicts_that_are_not_yes_or_no(run: Runner) -> None:
    """`desk policy` names the crisis row "Act now" and the policy basis "Why", in words."""
    code, out, _ = run("policy", "list")
    assert code == 0
    lines = {line.split()[0]: line for line in out.splitlines() if line.strip()}
    assert lines["crisis"].endswith("- Act now")
    assert lines["policy-basis"].endswith("- Why")
    code, out, _ = run("policy", "list", "--json")
    rows = {row["id"]: row for row in json.loads(out)}
    assert (rows["crisis"]["verdict"], rows["crisis"]["label"]) == ("act-now", "Act now")
    assert (rows["policy-basis"]["verdict"], rows["policy-basis"]["label"]) == ("why", "Why")
    code, out, _ = run("policy", "show", "crisis")
    assert "Verdict: Act now" in out
