"""Learn the second readers' weights from the evaluation questions, and write them where Desk
reads them:

    python -m desk.tools.learn            # or: make learned
    python -m desk.tools.learn --check    # exit 1 if the shipped weights are not what it learns

Two readers (`desk.core.language.learned`), each from tests/data/caller_questions.yaml:

- danger (`desk/core/danger/learned.tsv`): every question; a crisis question is of the kind
  unless it only asks about the line (`danger: false`).
- out of scope (`desk/core/search/learned.tsv`): every question but the crisis ones; a question
  marked `topic: out-of-scope` is of the kind. The file also names the topics it learned from,
  so a policy with other topics is not judged by it.

The kept-apart questions (tests/data/kept_apart.yaml) are never learned from: they measure
the readers on phrasings they have not seen.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Sequence
from pathlib import Path

import yaml

from desk.core.danger.reader import read_words
from desk.core.language.learned import dump, train

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = ROOT / "tests" / "data" / "caller_questions.yaml"
DANGER = ROOT / "desk" / "core" / "danger" / "learned.tsv"
SCOPE = ROOT / "desk" / "core" / "search" / "learned.tsv"
CRISIS = "crisis"
OUT_OF_SCOPE = "out-of-scope"


def learned_files(questions: Path = QUESTIONS) -> dict[Path, str]:
    """The text of each weights file, learned from `questions`."""
    raw = questions.read_bytes()
    items = yaml.safe_load(raw)["questions"]
    source = f"from {questions.name} (sha256 {hashlib.sha256(raw).hexdigest()[:16]})"
    danger = [(str(i["q"]), i["topic"] == CRISIS and i.get("danger") is not False) for i in items]
    calm = [(str(i["q"]), i["topic"] == OUT_OF_SCOPE) for i in items if i["topic"] != CRISIS]
    topics = frozenset(str(i["topic"]) for i in items) - {CRISIS, OUT_OF_SCOPE}
    scope = train(calm)
    scope.topics = topics
    return {
        DANGER: dump(
            train(danger, prepare=read_words),
            about=f"a caller in danger: {sum(y for _, y in danger)} of {len(danger)} {source}",
        ),
        SCOPE: dump(
            scope, about=f"out of scope: {sum(y for _, y in calm)} of {len(calm)} {source}"
        ),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desk.tools.learn", description=__doc__)
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    stale = []
    for path, text in learned_files().items():
        if args.check:
            current = path.read_text(encoding="utf-8") if path.exists() else ""
            if current != text:
                stale.append(path)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)} ({text.count(chr(10))} lines)")
    for path in stale:
        print(f"{path.relative_to(ROOT)} is not what the questions teach: run make learned")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
