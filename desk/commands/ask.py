"""`desk ask QUESTION...`: the policy answer for a caller's question, from a terminal or a script.

Each quoted argument is one question; several unquoted words make one question, so
`desk ask can i txt my counselor` works as typed. `-` reads one question per line from stdin.
Imports stay lazy: this command must start about as fast as Python itself.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desk.core.policy.book import PolicyBook
    from desk.core.search.ranking import Answer

_PLAIN_TOP = 3


def register(subparsers: Any) -> None:
    """Add the `ask` command."""
    p = subparsers.add_parser(
        "ask",
        help="rank policy topics for a caller's question",
        description=(
            "Rank policy topics for caller questions. Each quoted argument is one question; "
            "unquoted words make one question; '-' reads one question per line from stdin."
        ),
    )
    p.add_argument(
        "--json",
        action="store_true",
        help='one JSON object per question per line: {"question": ..., "results": [...]}',
    )
    p.add_argument(
        "--top",
        type=_positive,
        metavar="N",
        help=f"at most N topics per question (default: {_PLAIN_TOP}; with --json, all matches)",
    )
    p.add_argument(
        "question", nargs="+", type=_question, metavar="QUESTION", help="a question, or - for stdin"
    )
    p.set_defaults(func=_ask)


def _question(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("a question is empty; type the caller's words")
    return text


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--top wants a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"--top wants a number of 1 or more, got {value}")
    return value


def questions(args: Iterable[str], stdin: Iterable[str]) -> Iterator[str]:
    """The questions named on the command line, with `-` standing for stdin's lines."""
    items = list(args)
    if len(items) > 1 and "-" not in items and not any(any(c.isspace() for c in a) for a in items):
        yield " ".join(items)
        return
    for item in items:
        if item == "-":
            for line in stdin:
                line = line.strip()
                if line:
                    yield line
        else:
            yield item


def _ask(args: argparse.Namespace) -> int:
    from desk.core.policy.errors import PolicyError
    from desk.core.policy.loader import load_policy
    from desk.core.search.ranking import SearchIndex

    directory = _policy_dir(args)
    try:
        # The files themselves, not the window's cache: a one-shot answer must be the policy's
        # own, and a strict load keeps `desk ask` within its start-up goal.
        book = load_policy(directory)
    except PolicyError as exc:
        for issue in exc.issues:
            print(issue, file=sys.stderr)
        count = len(exc.issues)
        noun = "problem" if count == 1 else "problems"
        print(f"desk: error: policy folder {directory}: {count} {noun}", file=sys.stderr)
        return 1
    index = SearchIndex(book)
    top = args.top if args.top is not None else (None if args.json else _PLAIN_TOP)
    first = True
    for question in questions(args.question, sys.stdin):
        answer = index.answer(question, top=top)
        if args.json:
            _print_json(book, question, answer)
        else:
            if not first:
                print()
            _print_plain(book, question, answer)
        first = False
    sys.stdout.flush()
    return 0


def _policy_dir(args: argparse.Namespace) -> Path:
    from desk.paths import bundled_policy_dir, requested_policy_dir

    chosen = requested_policy_dir(getattr(args, "policy_dir", None))
    return chosen if chosen is not None else bundled_policy_dir()


def _print_json(book: PolicyBook, question: str, answer: Answer) -> None:
    import json

    hits = answer.hits
    results = [
        {
            "id": hit.topic_id,
            "title": book.topic(hit.topic_id).title,
            "verdict": book.topic(hit.topic_id).verdict_label,
            "score": round(hit.score, 3),
        }
        for hit in hits
    ]
    line = json.dumps(
        {
            "question": question,
            "results": results,
            "danger": answer.crisis_first,
            "covered": answer.covered,
        },
        ensure_ascii=False,
    )
    sys.stdout.write(line + "\n")


def _print_plain(book: PolicyBook, question: str, answer: Answer) -> None:
    print(f"? {question}")
    hits = answer.hits
    if answer.crisis_first and answer.danger is not None:
        print(
            f"  ! Danger: \u201c{answer.danger.phrase}\u201d ({answer.danger.sign}); "
            "crisis script first"
        )
    if not answer.covered:
        print(f"  Not covered: {book.practice.not_covered}")
        if hits:
            print("  Maybe:")
    if not hits:
        print("  no matching topic; try other words, or `desk policy list`")
        return
    topics = [book.topic(h.topic_id) for h in hits]
    verdict_width = max(len(t.verdict_label) for t in topics)
    title_width = max(len(t.title) for t in topics)
    for rank, (hit, topic) in enumerate(zip(hits, topics, strict=True), start=1):
        print(
            f"  {rank}. {topic.verdict_label.ljust(verdict_width)}  "
            f"{topic.title.ljust(title_width)}  [{topic.id}, {hit.score:.2f}]"
        )
        if rank == 1 and answer.covered:
            print(f"     {topic.answer}")
