"""A deliberately small YAML reader for files an office manager edits by hand.

Only plain data comes back: text, whole numbers, true/false, null, lists and mappings, each with
its 1-based line so every complaint can say `file:line`. Nothing is ever constructed from a tag,
so `!!python/...` cannot run code. Anchors and aliases are refused at the first one (an alias
bomb fails before any expansion), as are duplicate keys, deep nesting and oversized files.

Booleans follow YAML 1.2: only `true`/`false`, so `verdict: no` stays the word "no".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

import yaml

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 16
MAX_NODES = 50_000

_STR_TAGS = frozenset({"tag:yaml.org,2002:str", "!"})
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"[-+]?[0-9]{1,18}\Z")

ScalarValue: TypeAlias = str | int | bool | None


@dataclass(frozen=True)
class Scalar:
    """A single value; `value` is typed as YAML 1.2 would, `text` is what the file says."""

    value: ScalarValue
    text: str
    line: int


@dataclass(frozen=True)
class Seq:
    items: list[Node]
    line: int


@dataclass(frozen=True)
class Map:
    """A mapping with string keys in file order; `keys` keeps each key's own line."""

    values: dict[str, Node]
    keys: dict[str, Scalar]
    line: int


Node: TypeAlias = Scalar | Seq | Map


@dataclass(frozen=True)
class YamlIssue:
    line: int | None
    message: str


@dataclass
class ReadResult:
    """The document (None if unusable) and every problem found while reading it."""

    root: Node | None
    issues: list[YamlIssue] = field(default_factory=list)


class _Stop(Exception):
    """A problem after which the rest of the file cannot be trusted."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _event_loader(text: str) -> Any:
    # The C parser is much faster; both only parse, neither constructs objects.
    loader_cls = getattr(yaml, "CBaseLoader", None) or yaml.BaseLoader
    return loader_cls(text)


def read_yaml_file(path: Path) -> ReadResult:
    """Read one file into a node tree, never raising for anything inside the file."""
    if path.is_symlink():
        # Followed, it would read (and quote from) whatever file the link points at.
        return ReadResult(
            None, [YamlIssue(None, "is a symbolic link; copy the file itself into the folder")]
        )
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return ReadResult(None, [YamlIssue(None, f"cannot read file: {exc.strerror or exc}")])
    if len(data) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1024
        return ReadResult(None, [YamlIssue(None, f"file is larger than {limit} KiB")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return ReadResult(None, [YamlIssue(line, "not UTF-8 text; save the file as UTF-8")])
    return read_yaml_text(text)


def read_yaml_text(text: str) -> ReadResult:
    """Parse one YAML document of plain data."""
    composer = _Composer()
    try:
        # The pure-Python reader checks every character here, before parsing starts.
        loader = _event_loader(text)
    except yaml.reader.ReaderError as exc:
        return ReadResult(None, [_reader_issue(text, exc, byte_offsets=False)])
    try:
        root = composer.compose(loader)
    except yaml.reader.ReaderError as exc:
        # libyaml reports the position as a byte offset into the UTF-8 text.
        in_bytes = type(loader).__module__ == "yaml.cyaml"
        composer.issues.append(_reader_issue(text, exc, byte_offsets=in_bytes))
        return ReadResult(None, composer.issues)
    except _Stop as stop:
        composer.issues.append(YamlIssue(stop.line, stop.message))
        return ReadResult(None, composer.issues)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        composer.issues.append(YamlIssue(line, f"invalid YAML: {problem}"))
        return ReadResult(None, composer.issues)
    except yaml.YAMLError as exc:
        composer.issues.append(YamlIssue(None, f"invalid YAML: {exc}"))
        return ReadResult(None, composer.issues)
    finally:
        loader.dispose()
    if root is None:
        composer.issues.append(YamlIssue(1, "file is empty"))
    return ReadResult(root, composer.issues)


def _reader_issue(text: str, exc: yaml.reader.ReaderError, *, byte_offsets: bool) -> YamlIssue:
    """A character YAML does not allow (NUL, other controls), named by line and code point."""
    position = max(0, int(exc.position))
    if byte_offsets:
        line = text.encode("utf-8", "surrogatepass")[:position].count(b"\n") + 1
    else:
        line = text.count("\n", 0, position) + 1
    char = exc.character
    shown = f"U+{char:04X}" if isinstance(char, int) else "a byte"
    return YamlIssue(
        line,
        f"invalid YAML: character {shown} is not allowed (a control or other non-printable "
        "character); delete it",
    )


class _Composer:
    """Builds nodes from parser events, checking each event before asking for the next."""

    def __init__(self) -> None:
        self.issues: list[YamlIssue] = []
        self._nodes = 0

    def compose(self, loader: Any) -> Node | None:
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            return None
        loader.get_event()  # document start
        root = self._node(loader, depth=1)
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            line = loader.peek_event().start_mark.line + 1
            raise _Stop(line, "only one YAML document per file (remove the '---' line)")
        return root

    def _node(self, loader: Any, *, depth: int) -> Node:
        event = loader.get_event()
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Stop(line, "anchors and aliases (& and *) are not allowed; write values out")
        if depth > MAX_DEPTH:
            raise _Stop(line, f"nested more than {MAX_DEPTH} levels deep")
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise _Stop(line, f"more than {MAX_NODES} values in one file")
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _STR_TAGS:
            self.issues.append(YamlIssue(line, f"YAML tags are not allowed: {tag}"))
        if isinstance(event, yaml.ScalarEvent):
            return _scalar(event, line, tagged=tag is not None)
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Node] = []
            while not loader.check_event(yaml.SequenceEndEvent):
                items.append(self._node(loader, depth=depth + 1))
            loader.get_event()
            return Seq(items, line)
        if isinstance(event, yaml.MappingStartEvent):
            return self._mapping(loader, line, depth=depth)
        raise _Stop(line, f"unexpected YAML event {type(event).__name__}")

    def _mapping(self, loader: Any, line: int, *, depth: int) -> Map:
        values: dict[str, Node] = {}
        keys: dict[str, Scalar] = {}
        while not loader.check_event(yaml.MappingEndEvent):
            key = self._node(loader, depth=depth + 1)
            value = self._node(loader, depth=depth + 1)
            if not isinstance(key, Scalar) or key.value is None:
                self.issues.append(YamlIssue(key.line, "a key must be a plain word"))
                continue
            if key.text in keys:
                first = keys[key.text].line
                self.issues.append(
                    YamlIssue(key.line, f"duplicate key '{key.text}' (first at line {first})")
                )
                continue
            keys[key.text] = key
            values[key.text] = value
        loader.get_event()
        return Map(values, keys, line)


def _scalar(event: Any, line: int, *, tagged: bool) -> Scalar:
    text: str = event.value
    plain = event.style in (None, "") and event.implicit[0] and not tagged
    if not plain:
        return Scalar(text, text, line)
    value: ScalarValue
    if text in _NULLS:
        value = None
    elif text in _TRUE:
        value = True
    elif text in _FALSE:
        value = False
    elif _INT.match(text):
        value = int(text)
    else:
        value = text
    return Scalar(value, text, line)
