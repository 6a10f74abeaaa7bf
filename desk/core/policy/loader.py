"""Load and validate a policy folder: `practice.yaml` plus `topics/<id>.yaml`.

Office managers edit these files by hand, so the loader is strict and talkative: it reads every
file, collects every problem as `file:line: message`, and only returns a book when there are
none. Files are read as plain data (see `desk.core.policy.safe_yaml`); nothing in them can run code.
Choosing which book to use when a folder is broken is `desk.core.policy.fallback`'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desk.core.policy.book import (
    DEFAULT_NOT_COVERED,
    MAX_ANSWER,
    MAX_SCRIPT_SPOKEN,
    MAX_SOURCE_SECTION,
    MAX_TITLE,
    MIN_KEYWORDS,
    MIN_PHRASINGS,
    PRACTICE_TEXT_FIELDS,
    TOPIC_IDS,
    VERDICTS,
    ChecklistItem,
    CrisisResource,
    PolicyBook,
    Practice,
    Script,
    Topic,
    Verdict,
)
from desk.core.policy.errors import PolicyError, PolicyIssue

if TYPE_CHECKING:
    from desk.core.policy.fields import FieldReader
    from desk.core.policy.safe_yaml import Map

__all__ = [
    "PRACTICE_FILE",
    "TOPICS_DIR",
    "PolicyError",
    "PolicyIssue",
    "load_policy",
]

PRACTICE_FILE = "practice.yaml"
TOPICS_DIR = "topics"
_TOPIC_SUFFIXES = (".yaml", ".yml")
_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")

_CRISIS_KEYS = ("name", "contact", "how", "guidance")
_SCRIPT_KEYS = ("label", "text", "guidance")
_CHECK_KEYS = ("text", "guidance")
_TOPIC_KEYS = (
    "id",
    "order",
    "title",
    "verdict",
    "condition",
    "answer",
    "scripts",
    "checklist",
    "rationale",
    "source_section",
    "related",
    "phrasings",
    "keywords",
    "guidance",
)


def load_policy(directory: Path) -> PolicyBook:
    """Load a policy folder, or raise `PolicyError` listing every problem found."""
    directory = Path(directory)
    issues: list[PolicyIssue] = []
    if not directory.is_dir():
        what = "is not a folder" if directory.exists() else "not found"
        hint = "check --policy-dir, DESK_POLICY_DIR or the policy folder setting"
        raise PolicyError([PolicyIssue(directory, None, f"policy folder {what}; {hint}")])
    practice = _load_practice(directory / PRACTICE_FILE, issues)
    topics = _load_topics(directory / TOPICS_DIR, issues)
    if not issues and practice is not None:
        book = PolicyBook(practice=practice, topics=tuple(topics), source_dir=directory)
        issues = spoken_length_issues(book, directory / TOPICS_DIR)
    if issues or practice is None:
        issues.sort(key=lambda issue: (str(issue.file), issue.line or 0))
        raise PolicyError(issues)
    return book


def _load_practice(path: Path, issues: list[PolicyIssue]) -> Practice | None:
    f = _file(path, issues)
    if not path.is_file():
        exists = path.exists()
        f.error(
            None, "not a regular file" if exists else "missing: a policy folder needs this file"
        )
        return None
    root = f.read()
    if root is None:
        return None
    keys = (*PRACTICE_TEXT_FIELDS, "crisis_resources", "not_covered")
    f.mapping(root, "practice", keys, PRACTICE_TEXT_FIELDS)
    values = {k: f.text(root, k, "", one_line=True) for k in PRACTICE_TEXT_FIELDS}
    resources = []
    for i, node in enumerate(f.items(root, "crisis_resources", required=False), 1):
        what = f"crisis_resources #{i}"
        m = f.mapping(node, what, _CRISIS_KEYS, ("name", "contact", "how"))
        if m is None:
            continue
        name, contact, how = (f.text(m, k, what, one_line=True) for k in ("name", "contact", "how"))
        guidance = f.flag(m, "guidance", what) if "guidance" in m.values else True
        if name is not None and contact is not None and how is not None:
            resources.append(CrisisResource(name=name, contact=contact, how=how, guidance=guidance))
    not_covered = (
        f.text(root, "not_covered", "", one_line=True) if "not_covered" in root.values else None
    )
    if f.count:
        return None
    return Practice(
        not_covered=not_covered or DEFAULT_NOT_COVERED,
        name=values["name"] or "",
        office_phone=values["office_phone"] or "",
        website=values["website"] or "",
        facebook_group=values["facebook_group"] or "",
        policy_title=values["policy_title"] or "",
        policy_version=values["policy_version"] or "",
        effective_date=values["effective_date"] or "",
        crisis_resources=tuple(resources),
    )


def _file(path: Path, issues: list[PolicyIssue]) -> FieldReader:
    # The strict reader (pyyaml and the field checks) loads only when a folder is parsed:
    # a book from the cache needs neither.
    from desk.core.policy.fields import FieldReader

    return FieldReader(path, lambda line, message: issues.append(PolicyIssue(path, line, message)))


@dataclass
class _Loaded:
    """What one topic file gave: the topic (None if it had problems) and its references."""

    topic: Topic | None
    order: int
    path: Path
    related: list[tuple[str, int]]


def _load_topics(folder: Path, issues: list[PolicyIssue]) -> list[Topic]:
    if not folder.is_dir():
        issues.append(PolicyIssue(folder, None, "missing: every policy folder needs topics/"))
        return []
    seen: dict[str, Path] = {}
    loaded: dict[str, _Loaded] = {}
    try:
        paths = sorted(folder.iterdir())
    except OSError as exc:
        issues.append(PolicyIssue(folder, None, f"cannot list folder: {exc.strerror or exc}"))
        return []
    for path in paths:
        if path.name.startswith(".") or path.suffix not in _TOPIC_SUFFIXES or path.is_dir():
            continue
        if not path.is_file():
            issues.append(PolicyIssue(path, None, "not a regular file"))
            continue
        topic_id = path.stem
        if topic_id in seen:
            first = seen[topic_id]
            issues.append(
                PolicyIssue(path, None, f"duplicate topic id '{topic_id}' (also {first})")
            )
            continue
        seen[topic_id] = path
        if not _ID_RE.match(topic_id):
            msg = "topic file names must be lower-case words joined by '-', e.g. texting.yaml"
            issues.append(PolicyIssue(path, None, msg))
            continue
        item = _load_topic(path, topic_id, issues)
        if item is not None:
            loaded[topic_id] = item
    for topic_id in TOPIC_IDS:
        if topic_id not in seen:
            msg = f"missing: topic '{topic_id}' is required"
            issues.append(PolicyIssue(folder / f"{topic_id}.yaml", None, msg))
    for topic_id, item in loaded.items():
        for other, line in item.related:
            if other == topic_id:
                issues.append(PolicyIssue(item.path, line, "related: a topic cannot list itself"))
            elif other not in seen:
                from desk.core.policy.fields import did_you_mean

                hint = did_you_mean(other, tuple(seen))
                issues.append(PolicyIssue(item.path, line, f"related: no topic '{other}'{hint}"))
    ordered = sorted((item.order, topic_id) for topic_id, item in loaded.items())
    return [topic for _, topic_id in ordered if (topic := loaded[topic_id].topic) is not None]


def _load_topic(path: Path, topic_id: str, issues: list[PolicyIssue]) -> _Loaded | None:
    f = _file(path, issues)
    root = f.read()
    if root is None:
        return None
    required = ("title", "verdict", "answer", "scripts", "checklist", "rationale", "source_section")
    f.mapping(root, "topic", _TOPIC_KEYS, required)
    file_id = f.text(root, "id", "", one_line=True)
    if file_id is not None and file_id != topic_id:
        line = root.values["id"].line
        f.error(
            line, f"id '{file_id}' does not match the file name {path.name}; make them the same"
        )
    order = _order(f, root, topic_id)
    verdict = _verdict(f, root)
    condition = f.text(root, "condition", "", one_line=True)
    if verdict == "conditional" and not condition and "condition" not in root.values:
        f.error(
            root.values["verdict"].line,
            "a conditional verdict needs 'condition' (a few words: when it is yes)",
        )
    elif verdict is not None and verdict != "conditional" and "condition" in root.values:
        f.error(root.values["condition"].line, "'condition' applies only to verdict conditional")
    guidance = f.flag(root, "guidance", "")
    scripts = _scripts(f, root)
    checklist = _checklist(f, root)
    source = f.text(root, "source_section", "", one_line=True, empty_ok=True)
    if source == "" and not guidance:
        f.error(root.line, "'source_section' may be empty only when the topic has guidance: true")
    related = f.words(root, "related")
    values = {
        "title": f.text(root, "title", "", one_line=True),
        "answer": f.text(root, "answer", "", one_line=True),
        "rationale": f.text(root, "rationale", ""),
    }
    phrasings = [text for text, _ in f.words(root, "phrasings")]
    keywords = [text for text, _ in f.words(root, "keywords")]
    _check_limits(f, root, values, source=source, phrasings=phrasings, keywords=keywords)
    seen_related: set[str] = set()
    for other, line in related:
        if other in seen_related:
            f.error(line, f"related: '{other}' is listed twice")
        seen_related.add(other)
    if f.count or verdict is None or source is None:
        return _Loaded(None, order, path, related)
    topic = Topic(
        id=topic_id,
        title=values["title"] or "",
        verdict=verdict,
        condition=condition if verdict == "conditional" else None,
        answer=values["answer"] or "",
        scripts=tuple(scripts),
        checklist=tuple(checklist),
        rationale=values["rationale"] or "",
        source_section=source,
        related=tuple(dict.fromkeys(other for other, _ in related)),
        phrasings=tuple(phrasings),
        keywords=tuple(keywords),
        guidance=guidance,
    )
    return _Loaded(topic, order, path, related)


def _check_limits(
    f: FieldReader,
    root: Map,
    values: dict[str, str | None],
    *,
    source: str | None,
    phrasings: list[str],
    keywords: list[str],
) -> None:
    """The lengths and counts that keep a row readable at a glance and findable by search."""
    for key, limit in (("title", MAX_TITLE), ("answer", MAX_ANSWER)):
        value = values[key]
        if value is not None and len(value) > limit:
            f.error(
                root.values[key].line,
                f"'{key}' is {len(value)} characters; keep it to {limit} so it fits the row",
            )
    if source is not None and len(source) > MAX_SOURCE_SECTION:
        f.error(
            root.values["source_section"].line,
            f"'source_section' is {len(source)} characters; name the source's heading "
            f"({MAX_SOURCE_SECTION} at most)",
        )
    for key, found, least in (
        ("phrasings", phrasings, MIN_PHRASINGS),
        ("keywords", keywords, MIN_KEYWORDS),
    ):
        if len(found) < least:
            node = root.values.get(key)
            f.error(
                node.line if node is not None else root.line,
                f"'{key}': {len(found)} given; give at least {least} ways callers ask, "
                "so search can find this topic",
            )


def spoken_length_issues(book: PolicyBook, topics_dir: Path) -> list[PolicyIssue]:
    """Scripts too long to say once the practice's details are filled in."""
    issues = []
    for topic in book.topics:
        for script in topic.scripts:
            spoken = len(book.render(script.text))
            if spoken > MAX_SCRIPT_SPOKEN:
                issues.append(
                    PolicyIssue(
                        topics_dir / f"{topic.id}.yaml",
                        None,
                        f"script '{script.label}' is {spoken} characters once filled in; "
                        f"keep it to {MAX_SCRIPT_SPOKEN} so it can be said in a breath or two",
                    )
                )
    return issues


def _order(f: FieldReader, root: Map, topic_id: str) -> int:
    from desk.core.policy.safe_yaml import Scalar

    node = root.values.get("order")
    if node is None:
        return TOPIC_IDS.index(topic_id) + 1 if topic_id in TOPIC_IDS else 1_000_000
    if (
        isinstance(node, Scalar)
        and isinstance(node.value, int)
        and not isinstance(node.value, bool)
    ):
        return node.value
    f.error(node.line, "'order': expected a whole number")
    return 0


def _verdict(f: FieldReader, root: Map) -> Verdict | None:
    from desk.core.policy.safe_yaml import Scalar

    node = root.values.get("verdict")
    if node is None:
        return None
    text = node.text.strip().lower() if isinstance(node, Scalar) else ""
    for verdict in VERDICTS:
        if text == verdict:
            return verdict
    f.error(node.line, "'verdict': expected yes, no, conditional, act-now or why")
    return None


def _scripts(f: FieldReader, root: Map) -> list[Script]:
    scripts = []
    for i, node in enumerate(f.items(root, "scripts", required=True), 1):
        what = f"scripts #{i}"
        m = f.mapping(node, what, _SCRIPT_KEYS, ("label", "text"))
        if m is None:
            continue
        label = f.text(m, "label", what, one_line=True)
        text = f.text(m, "text", what, template=True)
        guidance = f.flag(m, "guidance", what)
        if label is not None and text is not None:
            scripts.append(Script(label=label, text=text, guidance=guidance))
    return scripts


def _checklist(f: FieldReader, root: Map) -> list[ChecklistItem]:
    items = []
    for i, node in enumerate(f.items(root, "checklist", required=True), 1):
        what = f"checklist #{i}"
        m = f.mapping(node, what, _CHECK_KEYS, ("text",))
        if m is None:
            continue
        text = f.text(m, "text", what)
        if text is not None:
            items.append(ChecklistItem(text=text, guidance=f.flag(m, "guidance", what)))
    return items
