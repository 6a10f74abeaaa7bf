"""A cache of validated policy books, so the window and `desk ask` start without parsing YAML.

Parsing and checking a policy folder costs more than the rest of `desk ask` together. The cache
keeps what the strict loader accepted, as JSON (plain data: nothing in it is ever run), in one
owner-only file per folder. It is used only while the folder is exactly as it was: the key holds
every entry of the folder and of its `topics/` folder (name, type and permissions, size,
modified and changed times, inode), the Desk version and the loader's own source files. An added,
removed, renamed or edited file, a new Desk, or anything unreadable means a full strict load,
whose result replaces the entry. A cache that cannot be read or does not match is ignored.

A file changed in the last few seconds is never cached: a second same-size edit within the
file system's timestamp granularity would otherwise keep the same key.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import string
import time
import zlib
from pathlib import Path
from typing import Any

from desk import __version__
from desk.core.policy import loader
from desk.core.policy.book import (
    PRACTICE_TEXT_FIELDS,
    TOPIC_IDS,
    VERDICTS,
    ChecklistItem,
    CrisisResource,
    PolicyBook,
    Practice,
    Script,
    Topic,
    placeholder_names,
)

FORMAT = 1
#: Files whose change could change what the loader accepts or builds.
_CODE_FILES = (
    "book.py",
    "loader.py",
    "fields.py",
    "errors.py",
    "safe_yaml.py",
    "cache.py",
)
_TOPICS_DIR = "topics"
_RACY_NS = 3_000_000_000
_MAX_CACHE_BYTES = 32 * 1024 * 1024


def load_policy_cached(directory: Path, *, cache_dir: Path) -> PolicyBook:
    """The book for `directory`, from the cache when nothing changed, else a full strict load.

    Raises `PolicyError` exactly as `load_policy` does; a broken folder is never cached.
    """
    directory = Path(directory)
    key = _key(directory)
    entry = _entry_path(cache_dir, directory)
    if key is not None:
        book = _read(entry, key, directory)
        if book is not None:
            return book
    book = loader.load_policy(directory)
    if key is not None and not _racy(key) and key == _key(directory):
        _write(cache_dir, entry, key, book)
    return book


def cache_file(cache_dir: Path, directory: Path) -> Path:
    """Where the entry for `directory` lives (for tests and for clearing it by hand)."""
    return _entry_path(cache_dir, Path(directory))


# The key -----------------------------------------------------------------------------------


def _key(directory: Path) -> dict[str, Any] | None:
    """Everything whose change must invalidate the entry, or None if it cannot be read."""
    try:
        folder = directory.resolve()
        files = _listing(folder, "")
        topics = folder / _TOPICS_DIR
        if topics.is_dir():
            files += _listing(topics, _TOPICS_DIR + "/")
        here = Path(__file__).parent
        code = []
        for name in _CODE_FILES:
            code.append([name, _digest(here / name)])
    except (OSError, RuntimeError):
        return None
    return {"folder": str(folder), "desk": __version__, "code": code, "files": sorted(files)}


def _listing(folder: Path, prefix: str) -> list[list[Any]]:
    entries: list[list[Any]] = []
    own = folder.stat()
    entries.append([prefix or "./", *_stamp(own, size=0), ""])
    with os.scandir(folder) as it:
        for item in it:
            st = item.stat(follow_symlinks=False)
            digest = _digest(Path(item.path)) if stat.S_ISREG(st.st_mode) else ""
            entries.append([prefix + item.name, *_stamp(st, size=st.st_size), digest])
    return entries


def _digest(path: Path) -> str:
    """SHA-256 of a file's bytes: the cache speaks for the files only while they hold these.

    Times and sizes alone can be put back after an edit; a policy file is small, so hashing
    every one at start-up costs little.
    """
    with path.open("rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def _stamp(st: os.stat_result, *, size: int) -> list[int]:
    """Mode, size, modified and changed times, inode: an entry is [name, *these]."""
    size = size if stat.S_ISREG(st.st_mode) else 0
    return [st.st_mode, size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def _racy(key: dict[str, Any]) -> bool:
    """A file modified so recently that a same-size edit could still share its timestamp."""
    newest = max(entry[3] for entry in key["files"])  # [name, mode, size, mtime, ...]
    return bool(newest > time.time_ns() - _RACY_NS)


# Storage -----------------------------------------------------------------------------------


def _entry_path(cache_dir: Path, directory: Path) -> Path:
    try:
        name = str(directory.resolve())
    except (OSError, RuntimeError):
        name = str(directory.absolute())
    # Only a file name: two folders that collide just take turns (the key holds the full path).
    raw = name.encode("utf-8", "surrogateescape")
    return Path(cache_dir) / f"policy-{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}.json"


def _read(entry: Path, key: dict[str, Any], directory: Path) -> PolicyBook | None:
    try:
        with entry.open("rb") as fh:
            raw = fh.read(_MAX_CACHE_BYTES + 1)
        if len(raw) > _MAX_CACHE_BYTES:
            return None
        data = json.loads(raw)
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != key:
            return None
        return _book(data["book"], directory)
    except (OSError, ValueError, KeyError, TypeError, _Corrupt):
        return None


def _write(cache_dir: Path, entry: Path, key: dict[str, Any], book: PolicyBook) -> None:
    """Store the entry owner-only, replacing any old one in one step; failure is harmless."""
    data = json.dumps(
        {"format": FORMAT, "key": key, "book": _plain(book)}, ensure_ascii=False
    ).encode("utf-8")
    temp = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
    try:
        Path(cache_dir).mkdir(mode=0o700, parents=True, exist_ok=True)
        temp.unlink(missing_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(temp, flags, 0o600)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
        os.replace(temp, entry)
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)


# Book <-> plain data -----------------------------------------------------------------------


class _Corrupt(Exception):
    """The entry does not hold what this module writes."""


def _plain(book: PolicyBook) -> dict[str, Any]:
    p = book.practice
    practice: dict[str, Any] = {k: getattr(p, k) for k in PRACTICE_TEXT_FIELDS}
    practice["not_covered"] = p.not_covered
    practice["crisis_resources"] = [
        {"name": r.name, "contact": r.contact, "how": r.how, "guidance": r.guidance}
        for r in p.crisis_resources
    ]
    topics = [
        {
            "id": t.id,
            "title": t.title,
            "verdict": t.verdict,
            "condition": t.condition,
            "answer": t.answer,
            "scripts": [
                {"label": s.label, "text": s.text, "guidance": s.guidance} for s in t.scripts
            ],
            "checklist": [{"text": c.text, "guidance": c.guidance} for c in t.checklist],
            "rationale": t.rationale,
            "source_section": t.source_section,
            "related": list(t.related),
            "phrasings": list(t.phrasings),
            "keywords": list(t.keywords),
            "guidance": t.guidance,
        }
        for t in book.topics
    ]
    return {"practice": practice, "topics": topics}


def _book(data: Any, directory: Path) -> PolicyBook:
    """Rebuild the book, checking every value's type: the entry is trusted for nothing."""
    p = data["practice"]
    practice = Practice(
        **{k: _text(p[k]) for k in PRACTICE_TEXT_FIELDS},
        not_covered=_text(p["not_covered"]),
        crisis_resources=tuple(
            CrisisResource(
                name=_text(r["name"]),
                contact=_text(r["contact"]),
                how=_text(r["how"]),
                guidance=_flag(r["guidance"]),
            )
            for r in _list(p["crisis_resources"])
        ),
    )
    allowed = set(practice.placeholders())
    topics = []
    for t in _list(data["topics"]):
        verdict = t["verdict"]
        if verdict not in VERDICTS:
            raise _Corrupt
        scripts = tuple(
            Script(label=_text(s["label"]), text=_text(s["text"]), guidance=_flag(s["guidance"]))
            for s in _list(t["scripts"])
        )
        # As strict as the loader: a format spec such as {office_phone:>99999999} would
        # build a huge string when the script is filled in.
        if any(
            not set(placeholder_names(s.text)) <= allowed or not _plain_template(s.text, allowed)
            for s in scripts
        ):
            raise _Corrupt
        condition = t["condition"]
        topics.append(
            Topic(
                id=_text(t["id"]),
                title=_text(t["title"]),
                verdict=verdict,
                condition=None if condition is None else _text(condition),
                answer=_text(t["answer"]),
                scripts=scripts,
                checklist=tuple(
                    ChecklistItem(text=_text(c["text"]), guidance=_flag(c["guidance"]))
                    for c in _list(t["checklist"])
                ),
                rationale=_text(t["rationale"]),
                source_section=_text(t["source_section"]),
                related=_texts(t["related"]),
                phrasings=_texts(t["phrasings"]),
                keywords=_texts(t["keywords"]),
                guidance=_flag(t["guidance"]),
            )
        )
    ids = [t.id for t in topics]
    if len(set(ids)) != len(ids) or not set(TOPIC_IDS) <= set(ids):
        raise _Corrupt
    return PolicyBook(practice=practice, topics=tuple(topics), source_dir=directory)


def _plain_template(text: str, allowed: set[str]) -> bool:
    """The loader's rule (`fields.template_problems`) without importing the YAML reader."""
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError:
        return False
    return all(
        name is None or (name in allowed and not spec and not conversion)
        for _literal, name, spec, conversion in parts
    )


def _text(value: Any) -> str:
    if type(value) is not str:
        raise _Corrupt
    return value


def _flag(value: Any) -> bool:
    if type(value) is not bool:
        raise _Corrupt
    return value


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise _Corrupt
    return value


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(_text(v) for v in _list(value))
