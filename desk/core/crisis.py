"""Spotting danger in what a caller says, so the crisis script is never more than one row away.

Callers in danger rarely say "crisis". They say "she's been cutting again", "he took a whole
bottle of pills", "I can't do this anymore". Recognising these is deliberately generous: a
needless crisis row costs staff a glance, a missed one can cost a life. The word lists are
data, independent of any practice's policy.
"""

from __future__ import annotations

from desk.core.search_text import normalize, stem, word_list

_END = "$"

#: Words that are a sign of danger on their own (typos of the long ones are caught too).
_DANGER_WORDS = word_list("""
    suicide suicidal suicidality suicides unalive kms kys sewerslide
    overdose overdosed overdosing od oded
    selfharm selfharming emergency emergencies 911 988 lifeline hotline crisis
    unsafe danger endangered kill killing killed kills murder
    abuse abused abusing abusive molest molested molesting rape raped assault assaulted
    violence violent stalking stalker stalked
    gun guns weapon weapons knife knives razor razors noose
    bleed bleeding ambulance police hospital hospitalized paramedics
    hopeless breakdown slit
""")

#: Long danger words matched with one typo ("sucide", "overdoes", "emergancy").
_TYPO_WORDS = ("suicide", "suicidal", "overdose", "overdosed", "emergency", "selfharm")

_OBJECTS = word_list("""
    myself herself himself themselves yourself ourselves me him her them us someone somebody
    anyone anybody everyone others people person kid kids child children baby son daughter
    wife husband boyfriend girlfriend partner mom mother dad father brother sister family
""")
_REFLEXIVE = word_list("myself herself himself themselves yourself ourselves self")
#: "cutting" is a danger sign unless it is about cutting something back.
_CUTTING_BENIGN = frozenset(
    word_list("back down short off out class classes school hair grass cost costs")
)


class _Pattern:
    """Stems in order, each at most `gap` words after the previous one.

    A plain class: this module loads on every `desk ask`, and a dataclass costs start-up time.
    """

    __slots__ = ("gap", "not_followed_by", "steps")

    def __init__(
        self, steps: tuple[frozenset[str], ...], gap: int, not_followed_by: frozenset[str]
    ) -> None:
        self.steps = steps
        self.gap = gap
        self.not_followed_by = not_followed_by


def _stems(words: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words.split())


def _p(*steps: str, gap: int = 3, unless: str = "") -> _Pattern:
    return _Pattern(tuple(_stems(s) for s in steps), gap, _stems(unless))


_OBJ = " ".join(_OBJECTS)
_PATTERNS: tuple[_Pattern, ...] = (
    _p(
        "hurt harm stab shoot poison strangle choke drown",
        _OBJ,
        gap=2,
        unless="feeling feelings text txt sms email mail message msg note line dm pm snap call",
    ),
    _p("hang starve burn", " ".join(_REFLEXIVE), gap=1),
    _p("self", "harm harming hurt hurting injury injure injuring destruct destructive", gap=1),
    _p("end ending", "it", "all", gap=1),
    _p("end ending", "life everything things", gap=3),
    _p("want wish", "it", "end over", gap=3),
    _p("all", "end over", gap=2),
    _p("give giving gave", "up", "everything life living", gap=3),
    _p("point", "anymore living", gap=3),
    _p("not", "breathe", gap=2),
    _p("not never", "wake", "up", gap=2),
    _p("nobody", "miss care", gap=3),
    _p("disappear disappearing", "forever good", gap=2),
    _p("dark darkest", "thought thoughts place", gap=1),
    _p("something", "stupid drastic", gap=1),
    _p("do doing", "something", " ".join(_REFLEXIVE), gap=2),
    _p("make", "it", "through", "night tonight", gap=2),
    _p("need", "help", "now immediately asap", gap=2),
    _p("if", "i", "was were", "not", "around here alive", gap=1),
    _p("take taking", "life", gap=3),
    _p("want wanna wish ready rather deserve better plan", "die dead", gap=3),
    _p("not", "want wanna", "live living alive exist existing here around wake", gap=3),
    _p("no nothing reason point", "live living", gap=3, unless="chat chatting stream person"),
    _p("not", "take do handle deal cope live keep stand bear", "anymore", gap=3),
    _p("not", "go keep", "on", "like anymore living live $", gap=1),
    _p("better", "off", "without", gap=1),
    _p("not", "be", "around here", "anymore longer much", gap=1),
    _p("cut slit", " ".join(_REFLEXIVE) + " wrist wrists arm arms leg legs skin thigh", gap=3),
    _p("swallow swallowed swallowing", "pill pills meds medication medicine tablets", gap=4),
    _p(
        "bottle bunch handful whole all many",
        "pill pills meds medication medicine tablets tylenol",
        gap=3,
    ),
    _p(
        "hit hits hitting beat beats beating punch punched kick kicked slap slapped",
        _OBJ,
        gap=2,
        unless="up",
    ),
    _p("threaten threatened threatening", _OBJ + " kill hurt life", gap=3),
    _p(
        "scared afraid terrified fear fearing",
        "life kill hurt die home husband wife boyfriend "
        "girlfriend partner dad father mom mother safe",
        gap=4,
    ),
    _p("not", "safe", gap=3),
    _p("panic heart", "attack", gap=1),
    _p("jump jumping", "off bridge roof building front train traffic", gap=3),
    _p("giving give gave", "away", "stuff things belongings possessions", gap=3),
    _p("goodbye", "note letter", gap=2),
)

_WORDS = frozenset(stem(w) for w in _DANGER_WORDS) | frozenset(_DANGER_WORDS)


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


_TYPO_KEYS: frozenset[str] = frozenset().union(*({w} | _deletes(w) for w in _TYPO_WORDS))
_BY_FIRST: dict[str, tuple[_Pattern, ...]] = {}
for _pattern in _PATTERNS:
    for _first in _pattern.steps[0]:
        _BY_FIRST[_first] = (*_BY_FIRST.get(_first, ()), _pattern)
del _pattern, _first


def is_crisis(query: str) -> bool:
    """True when a caller's words show any sign of danger to them or to someone else."""
    words = normalize(query)
    if not words:
        return False
    stems = [stem(w) for w in words]
    stems.append(_END)
    for i, (word, s) in enumerate(zip(words, stems, strict=False)):
        if word in _WORDS or s in _WORDS:
            return True
        if len(word) >= 6 and _is_typo_of_danger(word):
            return True
        if word == "cutting" and (i + 1 == len(words) or words[i + 1] not in _CUTTING_BENIGN):
            return True
        for pattern in _BY_FIRST.get(s, ()):
            if _matches(pattern, stems, i):
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


def _matches(pattern: _Pattern, stems: list[str], start: int) -> bool:
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
