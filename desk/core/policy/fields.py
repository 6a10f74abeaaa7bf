"""Typed field reading for policy files: the small, reusable half of the policy loader.

Each reader turns `desk.core.policy.safe_yaml` nodes into checked values and reports every
problem with the line it sits on, so the loader can collect all of a file's mistakes in one pass.
"""

from __future__ import annotations

import difflib
import string
from collections.abc import Callable
from pathlib import Path

from desk.core.policy.book import Practice
from desk.core.policy.safe_yaml import Map, Node, Scalar, Seq, read_yaml_file


def placeholder_choices() -> tuple[str, ...]:
    """Every name a script may use as `{placeholder}`."""
    blank = Practice(
        name="",
        office_phone="",
        website="",
        facebook_group="",
        policy_title="",
        policy_version="",
        effective_date="",
    )
    return tuple(blank.placeholders())


class FieldReader:
    """Reads typed fields out of one file's mappings, reporting each problem with its line.

    `count` says how many problems this file had, so a caller can drop a half-read record.
    """

    def __init__(self, path: Path, report: Callable[[int | None, str], None]) -> None:
        self.path = path
        self._report = report
        self.count = 0

    def error(self, line: int | None, message: str) -> None:
        self.count += 1
        self._report(line, message)

    def read(self) -> Map | None:
        result = read_yaml_file(self.path)
        for problem in result.issues:
            self.error(problem.line, problem.message)
        if result.root is None:
            return None
        if not isinstance(result.root, Map):
            self.error(result.root.line, "expected a mapping of 'key: value' lines")
            return None
        return result.root

    def mapping(
        self, node: Node, what: str, keys: tuple[str, ...], required: tuple[str, ...]
    ) -> Map | None:
        if not isinstance(node, Map):
            self.error(node.line, f"{what}: expected 'key: value' lines")
            return None
        for key, key_node in node.keys.items():
            if key not in keys:
                hint = did_you_mean(key, keys)
                self.error(key_node.line, f"{what}: unknown key '{key}'{hint}")
        for key in required:
            if key not in node.values:
                self.error(node.line, f"{what}: missing '{key}'")
        return node

    def text(
        self,
        m: Map,
        key: str,
        what: str,
        *,
        empty_ok: bool = False,
        one_line: bool = False,
        template: bool = False,
    ) -> str | None:
        node = m.values.get(key)
        if node is None:
            return None
        label = f"{what} '{key}'" if what else f"'{key}'"
        if not isinstance(node, Scalar) or isinstance(node.value, bool):
            self.error(node.line, f"{label}: expected text")
            return None
        value = "" if node.value is None else node.text.strip()
        if not value and not empty_ok:
            self.error(node.line, f"{label}: must not be empty")
            return None
        if one_line and "\n" in value:
            self.error(node.line, f"{label}: must be one line")
        for problem in template_problems(value) if template else brace_problems(value):
            self.error(node.line, f"{label}: {problem}")
        return value

    def flag(self, m: Map, key: str, what: str) -> bool:
        node = m.values.get(key)
        if node is None:
            return False
        if isinstance(node, Scalar) and isinstance(node.value, bool):
            return node.value
        label = f"{what} '{key}'" if what else f"'{key}'"
        self.error(node.line, f"{label}: expected true or false")
        return False

    def items(self, m: Map, key: str, *, required: bool) -> list[Node]:
        node = m.values.get(key)
        if node is None:
            return []
        if not isinstance(node, Seq):
            self.error(node.line, f"'{key}': expected a list ('- ' lines)")
            return []
        if required and not node.items:
            self.error(node.line, f"'{key}': needs at least one entry")
        return node.items

    def words(self, m: Map, key: str) -> list[tuple[str, int]]:
        found: list[tuple[str, int]] = []
        for i, node in enumerate(self.items(m, key, required=False), 1):
            if isinstance(node, Scalar) and not isinstance(node.value, bool) and node.text.strip():
                found.append((node.text.strip(), node.line))
            else:
                self.error(node.line, f"'{key}' #{i}: expected text")
        return found


def template_problems(text: str) -> list[str]:
    """Problems with a script template: broken braces, unknown or formatted placeholders."""
    allowed = placeholder_choices()
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError as exc:
        return [f"{exc}; write {{{{ or }}}} for a literal brace"]
    problems = []
    for _literal, name, spec, conversion in fields:
        if name is None:
            continue
        shown = "{" + name + "}"
        if name not in allowed:
            choices = ", ".join("{" + a + "}" for a in allowed)
            problems.append(f"unknown placeholder {shown}; use one of {choices}")
        elif spec or conversion:
            problems.append(f"placeholder {shown} takes no ':' or '!' part")
    return problems


def brace_problems(text: str) -> list[str]:
    """Only script text is filled in, so braces anywhere else would show up raw."""
    if "{" in text or "}" in text:
        return ["placeholders like {office_phone} work only in script text; write the words here"]
    return []


def did_you_mean(word: str, choices: tuple[str, ...]) -> str:
    """A hint for a misspelt key or id, or an empty string."""
    close = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""
