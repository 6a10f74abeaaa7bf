"""Spotting danger in what a caller says, so the crisis script is never more than one row away.

Callers in danger rarely say "crisis". They say "she's been cutting again", "he took a whole
bottle of pills", "I can't keep going like this", "my brother texted me goodbye". Recognising
them is deliberately generous: a needless crisis row costs staff a glance, a missed one can
cost a life. The signs themselves are data, in `desk.core.danger.signs`.
"""

from __future__ import annotations

from desk.core.danger.signs import (
    CUTTING_BENIGN,
    DANGER_WORDS,
    END,
    EXACT_DANGER_WORDS,
    IDIOM_NEXT,
    NEGATABLE,
    NEGATIONS,
    NO_IDIOM,
    PATTERNS,
    TYPO_WORDS,
    Pattern,
)
from desk.core.language.text import normalize, stem

_WORDS = frozenset(stem(w) for w in DANGER_WORDS) | frozenset(DANGER_WORDS)


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


_TYPO_KEYS: frozenset[str] = frozenset().union(*({w} | _deletes(w) for w in TYPO_WORDS))
_BY_FIRST: dict[str, tuple[Pattern, ...]] = {}
for _pattern in PATTERNS:
    for _first in _pattern.steps[0]:
        _BY_FIRST[_first] = (*_BY_FIRST.get(_first, ()), _pattern)
del _pattern, _first


def is_crisis(query: str) -> bool:
    """True when a caller's words show any sign of danger to them or to someone else."""
    words = normalize(query)
    if not words:
        return False
    stems = [stem(w) for w in words]
    stems.append(END)
    present = frozenset(stems)
    for i, (word, s) in enumerate(zip(words, stems, strict=False)):
        danger = word in _WORDS or s in _WORDS or word in EXACT_DANGER_WORDS
        if word in NEGATABLE and not NEGATIONS.isdisjoint(words[max(0, i - 3) : i]):
            continue
        if danger and stems[i + 1] not in IDIOM_NEXT.get(s, NO_IDIOM):
            return True
        if len(word) >= 6 and _is_typo_of_danger(word):
            return True
        if word == "cutting" and (i + 1 == len(words) or words[i + 1] not in CUTTING_BENIGN):
            return True
        for pattern in _BY_FIRST.get(s, ()):
            if _matches(pattern, stems, i) and present.isdisjoint(pattern.benign):
                return True
    if "self" in words:
        # "self-harm" written as two words, one of them misspelled ("self harme").
        joined = "".join(words)
        return "selfharm" in joined
    return False


def _is_typo_of_danger(word: str) -> bool:
    if word in _TYPO_KEYS:
        return True
    return any(variant in _TYPO_KEYS for variant in _deletes(word))


def _matches(pattern: Pattern, stems: list[str], start: int) -> bool:
    """Whether the steps after the first follow stems[start] in order, within the gap."""
    positions = [start]
    for step in pattern.steps[1:]:
        nxt: list[int] = []
        for pos in positions:
            for j in range(pos + 1, min(len(stems), pos + 1 + pattern.gap)):
                if stems[j] in step:
                    nxt.append(j)
        if not nxt:
            return False
        positions = nxt
    if pattern.not_followed_by:
        return any(
            not pattern.not_followed_by.intersection(stems[pos + 1 : pos + 4]) for pos in positions
        )
    return True
