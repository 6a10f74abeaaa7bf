"""`desk policy check|list|show`: let an office manager test their edits and read any topic.

`check` is strict and names every problem as `file:line: message`. `list` and `show` use the
same rule as the window: a broken practice folder falls back to the bundled policy, with the
problems printed as warnings on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path
from typing import Any

from desk.core.errors import InvalidInput
from desk.core.policy.book import PolicyBook, Topic
from desk.core.policy.fallback import load_with_fallback
from desk.core.policy.loader import PolicyError, load_policy

GUIDANCE_MARK = "Practice guidance - confirm with the office"
_WIDTH = 88


def register(subparsers: Any) -> None:
    """Add the `policy` command and its actions."""
    policy = subparsers.add_parser("policy", help="check, list or show the policy book")
    sub = policy.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = sub.add_parser("check", help="validate a policy folder; every problem as file:line")
    p.add_argument(
        "dir",
        nargs="?",
        metavar="DIR",
        help="folder to check (default: --policy-dir, DESK_POLICY_DIR, else the bundled policy)",
    )
    p.set_defaults(func=_check)

    p = sub.add_parser("list", help="list topics with their verdicts")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(func=_list)

    p = sub.add_parser("show", help="print one topic: answer, scripts, checklist, rationale")
    p.add_argument("topic_id", metavar="ID", help="topic id, e.g. texting (see `desk policy list`)")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(func=_show)


def _requested_dir(args: argparse.Namespace) -> Path | None:
    from desk.paths import resolve

    return resolve(policy_dir=getattr(args, "policy_dir", None)).policy_dir


def _check(args: argparse.Namespace) -> int:
    from desk.paths import bundled_policy_dir

    directory = Path(args.dir) if args.dir else _requested_dir(args) or bundled_policy_dir()
    try:
        book = load_policy(directory)
    except PolicyError as exc:
        for issue in exc.issues:
            print(issue, file=sys.stderr)
        count = len(exc.issues)
        noun = "problem" if count == 1 else "problems"
        print(f"desk: error: {directory}: {count} {noun}; nothing loaded", file=sys.stderr)
        return 1
    practice = book.practice
    print(
        f"{directory}: OK, {len(book.topics)} topics; {practice.policy_title}, "
        f"version {practice.policy_version}, effective {practice.effective_date}"
    )
    return 0


def _book(args: argparse.Namespace) -> PolicyBook:
    result = load_with_fallback(_requested_dir(args))
    if result.fell_back:
        print(
            f"desk: warning: policy folder {result.requested} has problems; "
            "using the bundled policy",
            file=sys.stderr,
        )
        for issue in result.issues:
            print(f"desk: warning: {issue}", file=sys.stderr)
    return result.book


def _list(args: argparse.Namespace) -> int:
    book = _book(args)
    if args.json:
        rows = [
            {"id": t.id, "title": t.title, "verdict": t.verdict, "label": t.verdict_label}
            for t in book.topics
        ]
        _print_json(rows)
        return 0
    width = max(len(t.id) for t in book.topics)
    for t in book.topics:
        print(f"{t.id.ljust(width)}  {t.title} - {t.verdict_label}")
    return 0


def _show(args: argparse.Namespace) -> int:
    book = _book(args)
    if not book.has_topic(args.topic_id):
        ids = ", ".join(t.id for t in book.topics)
        raise InvalidInput(f"no topic '{args.topic_id}'; topics are: {ids}")
    topic = book.topic(args.topic_id)
    if args.json:
        _print_json(topic_json(book, topic))
    else:
        print(format_topic(book, topic))
    return 0


def topic_json(book: PolicyBook, topic: Topic) -> dict[str, Any]:
    """A topic with its scripts rendered, for scripts and other programs."""
    return {
        "id": topic.id,
        "title": topic.title,
        "verdict": topic.verdict,
        "condition": topic.condition,
        "label": topic.verdict_label,
        "answer": topic.answer,
        "guidance": topic.guidance,
        "scripts": [
            {"label": s.label, "text": book.render(s.text), "guidance": s.guidance}
            for s in topic.scripts
        ],
        "checklist": [{"text": c.text, "guidance": c.guidance} for c in topic.checklist],
        "rationale": topic.rationale,
        "source_section": topic.source_section,
        "related": list(topic.related),
    }


def format_topic(book: PolicyBook, topic: Topic) -> str:
    """A topic as plain text, the way staff read it on screen."""
    lines = [f"{topic.title}  [{topic.id}]"]
    if topic.guidance:
        lines.append(f"({GUIDANCE_MARK})")
    lines += [
        f"Verdict: {topic.verdict_label}",
        *_wrap(f"Answer: {topic.answer}", "        ", first=""),
    ]
    lines += ["", "Say:"]
    for n, script in enumerate(topic.scripts, 1):
        mark = f"  ({GUIDANCE_MARK})" if script.guidance else ""
        lines.append(f"  {n}. {script.label}{mark}")
        lines += _wrap(book.render(script.text), "     ")
    lines += ["", "Do:"]
    for item in topic.checklist:
        mark = "  (practice guidance)" if item.guidance else ""
        lines += _wrap(f"[ ] {item.text}{mark}", "      ", first="  ")
    lines += ["", "Why:", *_wrap(topic.rationale, "  ")]
    lines.append("")
    source = topic.source_section or "(not in the source policy)"
    lines.append(f"Source: {book.practice.policy_title}, section: {source}")
    if topic.related:
        lines.append(f"Related: {', '.join(topic.related)}")
    return "\n".join(lines)


def _wrap(text: str, indent: str, *, first: str | None = None) -> list[str]:
    first = indent if first is None else first
    return textwrap.wrap(text, _WIDTH, initial_indent=first, subsequent_indent=indent)


def _print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
