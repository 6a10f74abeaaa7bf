"""Spotting danger in what a caller says, so the crisis script is never more than one row away.

Callers in danger rarely say "crisis". They say "she's been cutting again", "he took a whole
bottle of pills", "I can't keep going like this", "my brother texted me goodbye". Recognising
them is deliberately generous: a needless crisis row costs staff a glance, a missed one can
cost a life. The signs are data: warning words and phrases in `desk.core.danger.signs`,
situations in `desk.core.danger.situations`, danger told in pieces anywhere in a question in
`desk.core.danger.together` and `desk.core.danger.others`, figures of speech in
`desk.core.danger.figures`.
"""

from __future__ import annotations

from dataclasses import dataclass

from desk.core.danger.figures import FIGURES, MONEY, PEOPLE
from desk.core.danger.others import OTHERS
from desk.core.danger.patterns import Pattern
from desk.core.danger.pieces import together
from desk.core.danger.signs import (
    CUTTING_BENIGN,
    END,
    EXACT_DANGER_WORDS,
    HYPOTHETICAL,
    IDIOM_NEXT,
    NEGATABLE,
    NEGATIONS,
    NO_IDIOM,
    PATTERNS,
    TYPO_WORDS,
    WORD_SIGNS,
)
from desk.core.danger.situations import SITUATIONS
from desk.core.danger.together import OWN
from desk.core.danger.weigh import FIRST, reassured, weigh
from desk.core.language.text import normalize, stem

#: Word (and stem) -> the warning sign it stands for.
_WORDS: dict[str, str] = {}
for _sign, _words in WORD_SIGNS.items():
    for _word in _words:
        if _word in EXACT_DANGER_WORDS:
            continue
        _WORDS.setdefault(_word, _sign)
        _WORDS.setdefault(stem(_word), _sign)
del _sign, _words, _word
_EXACT = {w: sign for sign, words in WORD_SIGNS.items() for w in words if w in EXACT_DANGER_WORDS}
_TYPO_SIGN = {
    "overdose": "an overdose",
    "overdosed": "an overdose",
    "emergency": "an emergency",
    "hopeless": "hopelessness",
}


@dataclass(frozen=True)
class Danger:
    """Why a caller's words suggest someone may be in danger.

    Attributes:
        phrase: the caller's words that showed it, as Desk read them ("took all my xanax").
        sign: the warning sign, in words staff read ("pills or alcohol").
    """

    phrase: str
    sign: str


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


#: A word longer than this by more than a letter is no typo of a danger word (and a pasted
#: 100,000-letter "word" would take seconds to check).
_TYPO_LONGEST = max(len(w) for w in TYPO_WORDS) + 1
_TYPO_KEYS: dict[str, str] = {}
for _typo_word in TYPO_WORDS:
    for _key in {_typo_word} | _deletes(_typo_word):
        _TYPO_KEYS.setdefault(_key, _TYPO_SIGN.get(_typo_word, "talk of suicide"))
del _typo_word, _key


def _by_first(patterns: tuple[Pattern, ...]) -> dict[str, tuple[Pattern, ...]]:
    table: dict[str, tuple[Pattern, ...]] = {}
    for pattern in patterns:
        for first in pattern.steps[0]:
            table[first] = (*table.get(first, ()), pattern)
    return table


_BY_FIRST = _by_first(PATTERNS + SITUATIONS)
_PIECES = OWN + OTHERS
_FIGURES_BY_FIRST = _by_first(FIGURES)


#: Signs that count even when the caller says all is well: their own words of dying or harm.
ALWAYS = frozenset(
    (
        "talk of suicide",
        "talk of dying",
        "hopelessness",
        "self-harm",
        "an overdose",
        "the means",
        "a plan or the means",
        "fear of what they might do",
        "violence or control",
        "abuse or violence",
        "someone who needs help now",
    )
)


#: A gun named on a hunting trip is not the means at hand.
_MEANS = "the means"
_HUNTING = frozenset(stem(w) for w in ("deer", "duck", "elk", "season", "trip", "range"))


def detect(query: str) -> Danger | None:
    """Whether the caller's words suggest someone may be in danger, and why; None if not.

    Figures of speech ("this billing is killing me") and ruled-out words ("not suicidal") are
    set aside first; whatever else the question says still counts.
    """
    words = normalize(query)
    if not words:
        return None
    stems = [stem(w) for w in words]
    stems.append(END)
    said = list(words), list(stems)
    mask_figures(words, stems)
    present = frozenset(stems)
    # "He's ok", "totally normal": a situation told with these is weighed, not taken as a sign.
    calm = reassured(words, stems)
    for i, (word, s) in enumerate(zip(words, stems, strict=False)):
        if not word:
            continue
        sign = _WORDS.get(word) or _WORDS.get(s) or _EXACT.get(word)
        if word in NEGATABLE and not NEGATIONS.isdisjoint(words[max(0, i - 3) : i]):
            continue
        if word in HYPOTHETICAL and "if" in words[max(0, i - 4) : i]:
            # "Who do I call if it's a crisis?" asks ahead; any other sign still counts.
            continue
        if (
            sign is not None
            and stems[i + 1] not in IDIOM_NEXT.get(s, NO_IDIOM)
            and (not calm or sign in ALWAYS)
            and (sign != _MEANS or present.isdisjoint(_HUNTING))
        ):
            return Danger(_phrase(words, i - 1, i + 1), sign)
        if 6 <= len(word) <= _TYPO_LONGEST and sign is None:
            typo = _typo_sign(word)
            if typo is not None:
                return Danger(_phrase(words, i - 1, i + 1), typo)
        if word == "cutting" and (i + 1 == len(words) or words[i + 1] not in CUTTING_BENIGN):
            return Danger(_phrase(words, i - 1, i + 1), "self-harm")
        for pattern in _BY_FIRST.get(s, ()):
            end = _match_end(pattern, stems, i)
            if (
                end >= 0
                and present.isdisjoint(pattern.benign)
                and (not pattern.needs or not present.isdisjoint(pattern.needs))
                and (not calm or pattern.sign in ALWAYS)
            ):
                if pattern.needs:
                    end = _reach(pattern.needs, stems, end)
                return Danger(_phrase(words, i, end), pattern.sign)
    if "self" in words:
        # "self-harm" written as two words, one of them misspelled ("self harme").
        joined = "".join(words)
        if "selfharm" in joined:
            return Danger("self harm", "self-harm")
    found = together(_PIECES, stems)
    if found is not None and (not calm or found[0] in ALWAYS):
        sign, start, end = found
        return Danger(_phrase(words, start, end), sign)
    _restore_threats(said, words, stems)
    weighed = weigh(words, stems[:-1])
    if weighed is not None and weighed.total >= FIRST:
        return Danger(weighed.phrase, weighed.sign)
    return None


#: Who can make a threat, and what it is made of ("he said he will kill me if I don't...").
_THREAT_PEOPLE = frozenset(stem(w) for w in PEOPLE.split())
_THREAT_VERBS = frozenset(("kill", "murder"))
_MONEY = frozenset(stem(w) for w in MONEY.split())


def _restore_threats(said: tuple[list[str], list[str]], words: list[str], stems: list[str]) -> None:
    """Put back "kill me if" that a person says, blanked as a figure of speech, so the
    adding-up weighs it: "she'll murder me if she finds out lol" alone is no alarm, "he'll kill
    me if I don't give him my card, he's in the next room" is."""
    raw_words, raw_stems = said
    if not _MONEY.isdisjoint(raw_stems):
        return  # "he'll kill me if we pay out of pocket again"
    for i in range(len(raw_stems) - 2):
        if (
            raw_stems[i] in _THREAT_VERBS
            and raw_stems[i + 1] == "me"
            and raw_stems[i + 2] in ("if", "when")
            and not words[i]
            and not _THREAT_PEOPLE.isdisjoint(raw_stems[max(0, i - 5) : i])
        ):
            for j in (i, i + 1, i + 2):
                words[j], stems[j] = raw_words[j], raw_stems[j]


def _phrase(words: list[str], start: int, end: int) -> str:
    return " ".join(w for w in words[max(0, start) : end + 1] if w)


def _reach(needed: frozenset[str], stems: list[str], end: int) -> int:
    """`end`, moved on to a needed word that follows closely ("took all my" -> "... xanax")."""
    for j in range(end + 1, min(len(stems), end + 4)):
        if stems[j] in needed:
            return j
    return end


def mask_figures(words: list[str], stems: list[str]) -> None:
    """Blank out figures of speech in place, so no sign can be read from their words."""
    present = frozenset(stems)
    for i in range(len(words)):
        for figure in _FIGURES_BY_FIRST.get(stems[i], ()):
            end = _match_end(figure, stems, i)
            # The one doing it comes a few words before ("my ex is going to kill me"); a
            # figure that needs a joke ("lol") is one only with it.
            if (
                end >= 0
                and figure.benign.isdisjoint(stems[max(0, i - 5) : i])
                and (not figure.needs or not present.isdisjoint(figure.needs))
            ):
                for j in range(i, end + 1):
                    words[j] = stems[j] = ""


def _typo_sign(word: str) -> str | None:
    found = _TYPO_KEYS.get(word)
    if found is not None:
        return found
    for variant in _deletes(word):
        found = _TYPO_KEYS.get(variant)
        if found is not None:
            return found
    return None


def _match_end(pattern: Pattern, stems: list[str], start: int) -> int:
    """Where the pattern's last step matched, following stems[start]; -1 if it does not."""
    positions = [start]
    for step in pattern.steps[1:]:
        nxt: list[int] = []
        for pos in positions:
            for j in range(pos + 1, min(len(stems), pos + 1 + pattern.gap)):
                if stems[j] in step:
                    nxt.append(j)
        if not nxt:
            return -1
        positions = nxt
    if pattern.not_followed_by:
        ends = [
            pos
            for pos in positions
            if not pattern.not_followed_by.intersection(stems[pos + 1 : pos + 4])
        ]
        return ends[0] if ends else -1
    return positions[0]
