"""Everyday English words, spelled right: a caller who says "calm", "fees" or "wifi" means
those words, not a typo of "call", "feel" or "wife".

The list (`common_words.txt`, one word a line) is read on first use: the search reaches for it
only when a question word is not in the policy's own vocabulary.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_FILE = Path(__file__).with_name("common_words.txt")


@cache
def common_words() -> frozenset[str]:
    """The list's words; empty if the file is missing (typos are then read more freely)."""
    try:
        text = _FILE.read_text(encoding="utf-8")
    except OSError:
        return frozenset()
    return frozenset(line.strip() for line in text.splitlines() if line.strip())
