"""Adding up weak signs of danger: who is at risk, what is happening, when, and how much.

The warning words and situations in `desk.core.danger.signs` and friends catch danger said the
usual ways. Callers find new ways every day, so this is the second look: each kind of weak sign
in `desk.core.danger.weights` (someone alone, a body in trouble, a farewell, a secret kept with
an adult...) adds its weight once, a second and third phrase of the same kind add half again,
and a time ("right now", "for hours") or distress adds a little, but only to a sign already
there. Two kinds together, or one told three ways, reach `FIRST`: the crisis row leads. One
kind alone reaches `NEAR`: the crisis row stays in view, not first.
"""

from __future__ import annotations

from desk.core.danger.context import BENIGN, BOOSTS, CALM, NEGATIONS, REASSURED
from desk.core.danger.phrasings import PHRASINGS
from desk.core.danger.weights import KINDS
from desk.core.danger.who import WHO_KINDS
from desk.core.language.text import normalize, stem
from desk.core.language.words import BARE_CONTRACTIONS

#: A total at or above this puts the crisis row first.
FIRST = 2.0
#: A total at or above this keeps the crisis row among the first three.
NEAR = 1.0
#: How much a second and third phrase of a kind add, as a share of its weight.
_AGAIN = 0.5
_MOST_AGAIN = 2
#: The kinds that only say who: they add to a sign, and are none alone.
_WHO = frozenset(WHO_KINDS)
#: The kinds a threat is made of: "if you leave..." does not make them hypothetical.
_THREATS = frozenset(("hurt", "at-hand", "control"))
#: The kinds a caller's "he's fine" can explain: what can happen by accident or illness.
_ACCIDENTS = frozenset(("injury", "body", "alone", "neglect", "drink", "unreal"))
#: The kinds a child, an elder or an adult too close makes worse; a farewell or hopelessness is
#: no more a sign for naming a grandchild.
_AT_RISK = frozenset(
    (
        "hurt",
        "injury",
        "control",
        "at-hand",
        "alone",
        "secret",
        "lured",
        "touch",
        "body",
        "swallowed",
        "neglect",
    )
)
#: A partner named beside a blow, a threat or control makes it worse, not beside an illness.
_WHO_MATTERS = {
    "vulnerable": _AT_RISK,
    "adult": _AT_RISK,
    "partner": frozenset(("hurt", "control", "at-hand")),
}
#: Within this many words after "if", a sign is only half as strong ("what if he hits her").
_IF_REACH = 4
#: "15yo", "8yr": an age, read as "yo".
_AGE = ("yo", "yr", "yrs", "yrold")
#: Words kept apart from their stem: "took" a number of pills is not "take" them daily, and
#: "written letters" is not "write a letter" for a landlord.
_KEEP = frozenset(("took", "swallowed", "downed", "popped", "letters", "gave", "given"))
#: Counts of pills that are many: read as "num" ("took like 20", "a dozen of them").
_MANY = frozenset(("dozen", "twenty", "thirty", "forty", "fifty", "hundred", "fifteen", "twelve"))


def _own_stem(word: str, stemmed: str) -> str:
    """The stem this adding-up reads: ages as "yo", many as "num", "took" as itself."""
    if word in _KEEP:
        return word
    if word[:1].isdigit():
        if word.endswith(_AGE):
            return "yo"
        if word.isdigit() and len(word) <= 3 and int(word) >= 5:
            # An age past 65 ("my mom is 84") is an elder's; other counts are many.
            return "aged" if 65 <= int(word) <= 105 else "num"
    elif word in _MANY:
        return "num"
    return stemmed


_Entries = dict[str, tuple[tuple[str, ...], ...]]
#: Words that may end a two-word entry two words on ("gave his guitar away").
_PARTICLES = frozenset(("away",))


#: Every word the lists name, and its stem: the lists share words, and load on every `desk ask`.
_SEEN: dict[str, str] = {}


def _compile(text: str) -> _Entries:
    """Comma-separated phrases as stem tuples, filed under their first stem."""
    table: dict[str, list[tuple[str, ...]]] = {}
    for item in text.split(","):
        words = item.split()
        if "'" in item or not BARE_CONTRACTIONS.keys().isdisjoint(words):
            words = normalize(item)
        stems = []
        for word in words:
            found = _SEEN.get(word)
            if found is None:
                found = _SEEN[word] = _own_stem(word, stem(word))
            stems.append(found)
        if stems:
            table.setdefault(stems[0], []).append(tuple(stems))
    return {first: tuple(sorted(found, key=len, reverse=True)) for first, found in table.items()}


#: Heaviest first: a word read as one kind is not read again as a lighter one.
_KINDS = {
    kind: (weight, sign, _compile(f"{text}, {PHRASINGS[kind]}" if kind in PHRASINGS else text))
    for kind, (weight, sign, text) in sorted({**KINDS, **WHO_KINDS}.items(), key=lambda k: -k[1][0])
}
_CALM = {kind: _compile(text) for kind, text in CALM.items()}
#: First stem -> the kinds with a phrase that starts with it, heaviest first.
_KINDS_BY_FIRST: dict[str, tuple[str, ...]] = {}
for _kind, (_weight, _sign, _entries) in _KINDS.items():
    for _first in _entries:
        _KINDS_BY_FIRST[_first] = (*_KINDS_BY_FIRST.get(_first, ()), _kind)
del _kind, _weight, _sign, _entries, _first
_BOOSTS = {kind: (weight, _compile(text)) for kind, (weight, text) in BOOSTS.items()}
_BENIGN = _compile(BENIGN)
_REASSURED = _compile(REASSURED)
#: Every word these lists name: real words, never a caller's typo of a policy word ("died" is
#: not "dmed"). Read by `desk.core.search.ranking`.
WORDS = frozenset(_SEEN)


class Weighed:
    """What the adding-up found: the total, and the strongest kind's sign and phrase.

    A plain class: this module loads on every `desk ask`.
    """

    __slots__ = ("phrase", "sign", "total")

    def __init__(self, total: float, sign: str, phrase: str) -> None:
        self.total = total
        self.sign = sign
        self.phrase = phrase


def _match(entries: _Entries, stems: list[str], i: int) -> int:
    """Where the longest entry starting at stems[i] ends; -1 if none does.

    A two-word entry may have one word between its words ("hit my head" for "hit head"),
    two before "away".
    """
    for entry in entries.get(stems[i], ()):
        n = len(entry)
        if tuple(stems[i : i + n]) == entry:
            return i + n - 1
        if n == 2 and i + 2 < len(stems) and stems[i + 2] == entry[1] and stems[i + 1]:
            return i + 2
        if n == 2 and entry[1] in _PARTICLES and entry[1] in stems[i + 3 : i + 4]:
            return i + 3  # "gave his tools away"
    return -1


def mask_benign(words: list[str]) -> None:
    """Blank in place the figures of speech this adding-up leaves alone ("hurt her feelings",
    "shoot her a text"), so no other reader takes them for signs either."""
    stems = [_own_stem(w, stem(w)) if w else "" for w in words]
    for i in range(len(stems)):
        if stems[i]:
            end = _match(_BENIGN, stems, i)
            for j in range(i, end + 1):
                words[j] = stems[j] = ""


def weigh(words: list[str], stems: list[str]) -> Weighed | None:
    """The weak signs in a question, added up; None when there are none.

    Args:
        words: the caller's words, normalized, figures of speech already blanked ("").
        stems: their stems, blanked alike.
    """
    heard = stems
    stems = [_own_stem(w, s) for w, s in zip(words, stems, strict=True)]
    n = len(stems)
    # What explains a kind away is read before figures of speech are set aside ("last month").
    calmed = {kind for kind, calm in _CALM.items() if _present(calm, stems)}
    for i in range(n):
        if stems[i]:
            end = _match(_BENIGN, stems, i)
            for j in range(i, end + 1):
                stems[j] = ""
    found: dict[str, list[tuple[int, int, float]]] = {}
    for i in range(n):
        if not stems[i]:
            continue
        asked_if = "if" in words[max(0, i - _IF_REACH) : i]
        for kind in _KINDS_BY_FIRST.get(stems[i], ()):
            end = _match(_KINDS[kind][2], stems, i)
            if end < 0:
                continue
            if end == i and not NEGATIONS.isdisjoint(words[max(0, i - 2) : i]):
                break  # "no pills", "not alone"
            # "What if he hits her" asks ahead; "if I leave he will find me" is a threat.
            strength = 0.5 if asked_if and kind not in _THREATS else 1.0
            found.setdefault(kind, []).append((i, end, strength))
            break
    if not found.keys() - _WHO:
        return None
    values: dict[str, float] = {}
    uncalmed: set[str] = set()
    for kind, spots in found.items():
        weight = _KINDS[kind][0]
        distinct = _distinct(spots)
        value = weight * distinct[0][2]
        for _start, _end, strength in distinct[1 : 1 + _MOST_AGAIN]:
            value += weight * _AGAIN * strength
        if kind in calmed:
            value *= 0.5
        else:
            uncalmed.add(kind)
        values[kind] = value
    total = 0.0
    best = ("", -1.0, (0, 0))
    for kind, value in values.items():
        if kind in _WHO:
            # Who is at risk makes a sign worse only where it matters, and not once explained.
            total += value if uncalmed & _WHO_MATTERS[kind] else 0.0
            continue
        total += value
        if value > best[1]:
            best = (_KINDS[kind][1], value, min(found[kind])[:2])
    for weight, entries in _BOOSTS.values():
        if _present(entries, stems):
            total += weight
    if reassured(words, heard):
        # "He's fine" explains an accident or an illness, never what someone did.
        total -= 0.5 * sum(values[k] for k in values.keys() & _ACCIDENTS)
    start, end = best[2]
    return Weighed(total, best[0], " ".join(w for w in words[start : end + 1] if w))


def _present(entries: _Entries, stems: list[str]) -> bool:
    return any(s in entries and _match(entries, stems, i) >= 0 for i, s in enumerate(stems))


#: Words that report someone else's claim: "he says he's fine" is no reassurance, often the
#: opposite.
_CLAIMS = frozenset(
    ("says", "said", "claims", "claimed", "insists", "insisted", "swears", "saying")
)


#: Words that put reassurance in the past.
_BEFORE = frozenset(("was", "were", "ago", "until", "earlier", "yesterday", "before"))


def reassured(words: list[str], stems: list[str] | None = None) -> bool:
    """Whether the caller says all is well ("he's ok", "totally normal"), in their own voice.

    `stems` are the words' stems when the caller has them already.
    """
    if stems is None:
        stems = [stem(w) for w in words]
    for i, s in enumerate(stems):
        end = _match(_REASSURED, stems, i) if s in _REASSURED else -1
        if (
            end >= 0
            and _CLAIMS.isdisjoint(words[max(0, i - 2) : i])
            # "She was fine an hour ago" tells when it changed.
            and _BEFORE.isdisjoint(words[i : end + 4])
        ):
            return True
    return False


def _distinct(spots: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """The phrases of one kind that do not overlap, strongest first."""
    out: list[tuple[int, int, float]] = []
    last = -1
    for spot in sorted(spots):
        if spot[0] > last:
            out.append(spot)
            last = spot[1]
    return sorted(out, key=lambda s: -s[2])
