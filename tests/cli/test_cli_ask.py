"""`desk ask`: caller questions answered from a terminal or a script, without Qt."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from desk.cli import main
from desk.commands.ask import questions


def _json_lines(out: str) -> list[Any]:
    return [json.loads(line) for line in out.splitlines()]


def test_json_gives_one_ranked_object_per_question(capsys: pytest.CaptureFixture[str]) -> None:
    """--json prints one object per question with id, title, verdict and score, best first."""
    code = main(["ask", "--json", "can i txt my counslor", "whats his email"])
    assert code == 0
    lines = _json_lines(capsys.readouterr().out)
    assert [line["question"] for line in lines] == ["can i txt my counslor", "whats his email"]
    first = lines[0]["results"]
    assert first[0] == {
        "id": "texting",
        "title": "Texting a counselor",
        "verdict": "No",
        "score": 1.0,
    }
    scores = [r["score"] for r in first]
    assert scores == sorted(scores, reverse=True)
    assert lines[1]["results"][0]["id"] == "email"


def test_top_caps_the_results(capsys: pytest.CaptureFixture[str]) -> None:
    """--top N keeps the N best topics."""
    assert main(["ask", "--json", "--top", "2", "can i text or email or call her"]) == 0
    (line,) = _json_lines(capsys.readouterr().out)
    assert len(line["results"]) == 2


def test_dash_reads_one_question_per_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """'-' takes each non-blank stdin line as a question, in order."""
    monkeypatch.setattr(sys, "stdin", io.StringIO("can i dm her on insta\n\n  zoom this week \n"))
    assert main(["ask", "--json", "-"]) == 0
    lines = _json_lines(capsys.readouterr().out)
    assert [(x["question"], x["results"][0]["id"]) for x in lines] == [
        ("can i dm her on insta", "instant-messaging"),
        ("zoom this week", "phone-sessions"),
    ]


def test_unquoted_words_make_one_question() -> None:
    """`desk ask can i text her` is one question; quoted arguments are one question each."""
    assert list(questions(["can", "i", "text", "her"], [])) == ["can i text her"]
    assert list(questions(["can i text her", "fb group"], [])) == ["can i text her", "fb group"]
    assert list(questions(["zoom", "-"], ["a\n"])) == ["zoom", "a"]


def test_plain_output_shows_verdict_title_and_answer(capsys: pytest.CaptureFixture[str]) -> None:
    """Plain output ranks topics with verdict and title, and gives the best one's answer."""
    assert main(["ask", "whats his email"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "? whats his email"
    assert "1. Only if the counselor approves" in lines[1]
    assert "Counselor's email address" in lines[1]
    assert "permission" in lines[2]


def test_plain_output_says_when_nothing_matches(capsys: pytest.CaptureFixture[str]) -> None:
    """A question with no policy words says so instead of printing nothing."""
    assert main(["ask", "zzzz qqqq"]) == 0
    assert "no matching topic" in capsys.readouterr().out


def test_crisis_question_leads_with_crisis(capsys: pytest.CaptureFixture[str]) -> None:
    """A caller in danger gets the crisis topic first from the command line too."""
    assert main(["ask", "--json", "can i text her, i dont feel safe"]) == 0
    (line,) = _json_lines(capsys.readouterr().out)
    assert line["results"][0]["id"] == "crisis"


def test_broken_policy_folder_exits_1_with_every_problem(
    tmp_path: Path, bundled_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A broken --policy-dir prints file:line problems and exits 1, without a traceback."""
    folder = tmp_path / "policy"
    shutil.copytree(bundled_dir, folder)
    (folder / "topics" / "texting.yaml").write_text("id: texting\ntitle: [unclosed\n")
    code = main(["--policy-dir", str(folder), "ask", "can i text her"])
    err = capsys.readouterr().err
    assert code == 1
    assert "texting.yaml:" in err
    assert err.rstrip().splitlines()[-1].startswith("desk: error: policy folder")
    assert "Traceback" not in err


def test_ask_loads_no_qt() -> None:
    """Answering a question from the command line never imports PySide6."""
    code = (
        "import sys\n"
        "from desk.cli import main\n"
        "main(['ask', '--json', 'can i dm her on insta'])\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["results"][0]["id"] == "instant-messaging"


def test_json_says_danger_and_covered(capsys: pytest.CaptureFixture[str]) -> None:
    """Each line adds "danger" (crisis put first for danger) and "covered" (a topic answers)."""
    asked = [
        "can i leave her a message, i took all my xanax",
        "this billing is killing me, can i text her",
        "i need to cancel my appointment for thursday",
        "is this a crisis line",
    ]
    assert main(["ask", "--json", *asked]) == 0
    lines = _json_lines(capsys.readouterr().out)
    assert [(line["danger"], line["covered"]) for line in lines] == [
        (True, True),
        (False, True),
        (False, False),
        (False, True),
    ]
    assert lines[0]["results"][0]["id"] == "crisis"
    assert lines[1]["results"][0]["id"] == "texting"
    assert lines[3]["results"][0]["id"] == "crisis"
    assert set(lines[2]) == {"question", "results", "danger", "covered"}


def test_plain_output_says_danger_and_not_covered_in_words(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Plain output names the words that suggest danger, and says when the policy is silent."""
    assert main(["ask", "my 6 year old has been home alone since friday"]) == 0
    out = capsys.readouterr().out
    assert "Danger: \u201chome alone\u201d" in out and "crisis script first" in out
    assert main(["ask", "how do i get a copy of my records"]) == 0
    out = capsys.readouterr().out
    assert "Not covered: Not in the communication policy" in out
    assert "Maybe:" in out or "no matching topic" in out
