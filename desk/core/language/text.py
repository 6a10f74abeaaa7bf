"""Turning what a caller says into search terms: words, contractions, stems and typos.

Everything here is policy-independent; the word lists it reads are data, in
`desk.core.language.words`.
"""

from __future__ import annotations

import re
from collections.abc import Set

from desk.core.language.words import BARE_CONTRACTIONS, IDIOMS, IRREGULAR, STOPWORDS, SYNONYMS

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'"})
_CONTRACTION_RE = re.compile(r"(?:(?<=\w)n't|'(?:m|re|ve|ll|d|s))\b")
_SPLIT_RE = re.compile(r"[^a-z0-9]+")
_IRREGULAR_NOT_RE = re.compile(r"\b(ca|wo|sha) not\b")
_IRREGULAR_NOT = {"ca": "can not", "wo": "will not", "sha": "shall not"}
_CONTRACTION_SUFFIX = {
    "n't": " not",
    "'m": " am",
    "'re": " are",
    "'ve": " have",
    "'ll": " will",
    "'d": " would",
    "'s": "",
}


_SUFFIX_KEEP = ("ss", "us", "is", "ous")


def normalize(text: str) -> list[str]:
    """Lower-case words with contractions expanded; punctuation and apostrophes dropped."""
    text = text.lower().translate(_APOSTROPHES)
    if "'" in text:
        text = _CONTRACTION_RE.sub(_expand_contraction, text)
        if " not" in text:
            text = _IRREGULAR_NOT_RE.sub(_expand_irregular_not, text)
        text = text.replace("'", "")
    words: list[str] = []
    for raw in _SPLIT_RE.split(text):
        if not raw:
            continue
        expanded = BARE_CONTRACTIONS.get(raw)
        if expanded is None:
            words.append(raw)
        else:
            words.extend(expanded)
    return words


def drop_idioms(words: list[str]) -> list[str]:
    """The words without those used in an idiom ("sick of", "tired of")."""
    last = len(words) - 1
    return [
        w
        for i, w in enumerate(words)
        if w not in IDIOMS or i == last or words[i + 1] not in IDIOMS[w]
    ]


def _expand_contraction(match: re.Match[str]) -> str:
    return _CONTRACTION_SUFFIX[match.group(0)]


def _expand_irregular_not(match: re.Match[str]) -> str:
    return _IRREGULAR_NOT[match.group(1)]


def stem(word: str) -> str:
    """A small suffix stripper: plurals, -ing, -ed, -ly and a final e.

    It only has to map the forms callers use onto the same key as the policy's own words;
    both sides go through it, so odd stems ("messag") do no harm.
    """
    irregular = IRREGULAR.get(word)
    if irregular is not None:
        word = irregular
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith(("ies", "ied")) and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(_SUFFIX_KEEP):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]
            elif len(word) == 3 and _is_cvc(word):
                word += "e"  # "liked", "waking", "hoping" meet "like", "wake", "hope"
            break
    if word.endswith("ly") and len(word) >= 6:
        word = word[:-2]
    if word.endswith("e") and len(word) >= 5:
        word = word[:-1]
    return word


def _is_cvc(word: str) -> bool:
    vowels = "aeiou"
    return word[0] not in vowels and word[1] in vowels and word[2] not in vowels + "wxy"


def merge_compounds(words: list[str], known: Set[str]) -> list[str]:
    """Join neighbours that are one known word split in two ("face book", "e mail").

    Two real words stay apart: "can i message her" is not "imessage".

    Args:
        words: normalized words.
        known: words that count as one word (the index vocabulary and slang keys).
    """
    out: list[str] = []
    i = 0
    while i < len(words):
        if i + 1 < len(words):
            first, second = words[i], words[i + 1]
            joined = first + second
            if (joined in known or (joined[-1] == "s" and joined[:-1] in known)) and (
                joined in SYNONYMS
                or not (first in STOPWORDS and second in known and second not in STOPWORDS)
            ):
                out.append(joined)
                i += 2
                continue
        out.append(words[i])
        i += 1
    return out


def trigrams(word: str) -> set[str]:
    """Character trigrams of a word padded with start and end marks."""
    padded = f"^{word}$"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def edit_distance_within(a: str, b: str, limit: int) -> int | None:
    """Optimal-string-alignment distance between a and b if it is at most `limit`, else None.

    Adjacent transpositions ("emial") count as one edit, as callers make them.
    """
    la, lb = len(a), len(b)
    if abs(la - lb) > limit:
        return None
    if a == b:
        return 0
    prev2: list[int] = []
    prev = list(range(lb + 1))
    for i in range(1, la + 1):
        cur = [i] + [0] * lb
        ai = a[i - 1]
        row_min = i
        for j in range(1, lb + 1):
            cost = 0 if ai == b[j - 1] else 1
            value = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ai == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, prev2[j - 2] + 1)
            cur[j] = value
            if value < row_min:
                row_min = value
        if row_min > limit:
            return None
        prev2, prev = prev, cur
    return prev[lb] if prev[lb] <= limit else None


def typo_limit(word: str) -> int:
    """How many edits a word of this length may carry and still be recognised."""
    n = len(word)
    if n < 4:
        return 0
    return 1 if n <= 6 else 2
