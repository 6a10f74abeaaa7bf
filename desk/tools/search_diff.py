"""What a policy change does to search: which caller questions change their top answer.

Before adding or rewording a topic, run this against the policy as it was, so a new topic that
takes questions away from others shows up as a list of questions, not as a failed test later:

    python -m desk.tools.search_diff --before HEAD            # policy/ at a git revision
    python -m desk.tools.search_diff --before OLD_DIR --after NEW_DIR
    make search-diff BEFORE=HEAD

Both policies are ranked by the search code as it is now, over the evaluation questions
(tests/data/caller_questions.yaml unless --questions says otherwise). Prints top-1 before and
after, topics that gained or lost questions, and every question whose top answer changed.
Exit 0 when nothing got worse, 1 when a question that was right is now wrong.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from desk.core.policy.errors import PolicyError
from desk.core.policy.loader import load_policy
from desk.core.search.ranking import SearchIndex
from desk.paths import bundled_policy_dir

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = ROOT / "tests" / "data" / "caller_questions.yaml"


@dataclass(frozen=True)
class Change:
    """One question whose top answer differs between the two policies."""

    question: str
    expected: str
    before: str | None
    after: str | None


def load_questions(path: Path) -> list[tuple[str, str]]:
    """(question, expected topic) pairs."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(str(item["q"]), str(item["topic"])) for item in data["questions"]]


def top_answers(policy_dir: Path, questions: Sequence[str]) -> list[str | None]:
    """The first-ranked topic id for each question under the policy in `policy_dir`."""
    index = SearchIndex(load_policy(policy_dir))
    answers: list[str | None] = []
    for question in questions:
        hits = index.search(question, top=1)
        answers.append(hits[0].topic_id if hits else None)
    return answers


def compare(
    questions: Sequence[tuple[str, str]], before: Sequence[str | None], after: Sequence[str | None]
) -> list[Change]:
    """Questions whose top answer changed, in the order of the set."""
    return [
        Change(q, expected, b, a)
        for (q, expected), b, a in zip(questions, before, after, strict=True)
        if a != b
    ]


def policy_at_revision(revision: str, into: Path) -> Path:
    """`policy/` as it was at a git revision, extracted under `into`."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", revision, "policy"],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        message = archive.stderr.decode(errors="replace").strip()
        raise SystemExit(f"search_diff: cannot read policy/ at {revision!r}: {message}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into / "policy"


def report(
    questions: Sequence[tuple[str, str]], changes: list[Change], **tops: list[str | None]
) -> str:
    """The comparison in words: accuracy, topics won and lost, each changed question."""
    lines = []
    for name, answers in tops.items():
        right = sum(a == expected for (_, expected), a in zip(questions, answers, strict=True))
        lines.append(f"top-1 {name}: {right}/{len(questions)} ({right / len(questions):.1%})")
    won = Counter(c.after for c in changes)
    lost = Counter(c.before for c in changes)
    for topic in sorted(set(won) | set(lost), key=str):
        lines.append(f"  {topic}: +{won[topic]} -{lost[topic]}")
    for c in changes:
        mark = "fixed" if c.after == c.expected else "broke" if c.before == c.expected else "moved"
        lines.append(f"[{mark}] {c.question!r}: {c.before} -> {c.after} (expected {c.expected})")
    if not changes:
        lines.append("no question changed its top answer")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desk.tools.search_diff", description=__doc__)
    parser.add_argument("--before", required=True, help="a policy folder, or a git revision")
    parser.add_argument("--after", type=Path, help="a policy folder (default: the bundled one)")
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    args = parser.parse_args(argv)
    questions = load_questions(args.questions)
    texts = [q for q, _ in questions]
    with tempfile.TemporaryDirectory(prefix="desk-search-diff-") as tmp:
        before_dir = Path(args.before)
        if not before_dir.is_dir():
            before_dir = policy_at_revision(args.before, Path(tmp))
        try:
            before = top_answers(before_dir, texts)
            after = top_answers(args.after or bundled_policy_dir(), texts)
        except PolicyError as exc:
            print(f"search_diff: {exc}", file=sys.stderr)
            return 2
    changes = compare(questions, before, after)
    print(report(questions, changes, before=before, after=after))
    broke = [c for c in changes if c.before == c.expected]
    return 1 if broke else 0


if __name__ == "__main__":
    sys.exit(main())
