"""The search comparison names the questions a policy change moves from one topic to another."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desk.tools import search_diff

_GREEDY = """\
id: fax
order: 12
title: Fax
verdict: yes
answer: Records can be faxed to the office.
scripts:
  - label: Fax
    text: You can fax us; call {office_phone} for the number.
checklist:
  - text: Give the fax number.
rationale: Practice choice.
source_section: ""
guidance: true
phrasings: [Can I text my counselor?, Can I text her?, Text him?, Texting ok?, SMS?, Txt her?]
keywords: [text, texting, txt, sms, message, cell]
"""


def test_unchanged_policy_changes_nothing(
    bundled_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same policy on both sides: no question moves and the command exits 0."""
    assert search_diff.main(["--before", str(bundled_dir), "--after", str(bundled_dir)]) == 0
    assert "no question changed its top answer" in capsys.readouterr().out


def test_a_topic_that_takes_questions_is_reported(
    tmp_path: Path, bundled_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A new topic that borrows texting's words shows the questions texting lost, and exits 1."""
    after = tmp_path / "after"
    shutil.copytree(bundled_dir, after)
    (after / "topics" / "fax.yaml").write_text(_GREEDY, encoding="utf-8")
    code = search_diff.main(["--before", str(bundled_dir), "--after", str(after)])
    out = capsys.readouterr().out
    assert code == 1
    assert "[broke]" in out and "texting -> " in out
    assert "  texting: +0 -" in out


def test_compare_keeps_only_changed_questions() -> None:
    """Only questions whose top answer differs are listed, in the set's order."""
    questions = [("a", "x"), ("b", "y"), ("c", "z")]
    changes = search_diff.compare(questions, ["x", "y", "q"], ["x", "q", "z"])
    assert [(c.question, c.before, c.after) for c in changes] == [("b", "y", "q"), ("c", "q", "z")]
