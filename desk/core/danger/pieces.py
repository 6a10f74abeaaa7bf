"""Danger told in pieces: signs that mean little alone and much together, anywhere in a question.

"She texted me a photo of the pills lined up ... and now she isn't answering" names no warning
word: it joins the means (pills) set out with someone gone silent. "There's a little boy in the
waiting room whose mom left an hour ago" joins a child with a carer who has not come back. Such
questions order their parts freely, so a `Together` rule asks only that each of its parts be
present, as a word or as a few words close together ("not answer", "phone off"); its `benign`
words anywhere cancel it ("my old couch", "running late"). The rules are data, in
`desk.core.danger.together` (the caller's own danger) and `desk.core.danger.others` (someone
else's).
"""

from __future__ import annotations

from desk.core.language.text import stem

#: The longest run of words a part may name ("not allowed to tell").
RUN = 4

#: Stems already worked out; these modules load on every `desk ask`.
_STEMS: dict[str, str] = {}


def _stem(word: str) -> str:
    found = _STEMS.get(word)
    if found is None:
        found = _STEMS[word] = stem(word)
    return found


def _part(text: str) -> frozenset[str]:
    """Words and phrases ("not answer"), comma separated, as stems joined by "_"."""
    out = set()
    for item in text.split(","):
        words = item.split()
        if len(words) > RUN:
            raise ValueError(f"a part names at most {RUN} words: {item!r}")
        if words:
            out.add("_".join(_stem(w) for w in words))
    return frozenset(out)


class Together:
    """A warning sign shown when each of `parts` is in the question and none of `benign` is.

    Each part and `benign` are comma-separated words or phrases ("pills, sleeping tablets").
    A plain class: this module loads on every `desk ask`, and a dataclass costs start-up time.
    """

    __slots__ = ("benign", "parts", "sign")

    def __init__(self, sign: str, *parts: str, benign: str = "") -> None:
        self.sign = sign
        self.parts = tuple(_part(p) for p in parts)
        self.benign = _part(benign)


def phrases(stems: list[str]) -> dict[str, tuple[int, int]]:
    """Each stem, each pair of stems at most one word apart ("not_answer", "phone_off") and
    each run of three or four, with where it starts and ends (the first place it occurs)."""
    out: dict[str, tuple[int, int]] = {}
    n = len(stems)
    for i, a in enumerate(stems):
        if not a:
            continue
        out.setdefault(a, (i, i))
        for j in (i + 1, i + 2):
            if j < n and stems[j]:
                out.setdefault(f"{a}_{stems[j]}", (i, j))
        run = a
        for j in range(i + 1, min(n, i + RUN)):
            if not stems[j]:
                break
            run = f"{run}_{stems[j]}"
            if j > i + 1:
                out.setdefault(run, (i, j))
    return out


def together(rules: tuple[Together, ...], stems: list[str]) -> tuple[str, int, int] | None:
    """The first rule whose parts are all present: its sign, and where its last part is."""
    present = phrases(stems)
    keys = present.keys()
    for rule in rules:
        if not keys.isdisjoint(rule.benign):
            continue
        span = (0, 0)
        for n, part in enumerate(rule.parts):
            hit = part & keys
            if not hit:
                break
            if n <= 1:
                # The second part says what is happening ("mom left", "lined up").
                span = present[min(hit)]
        else:
            return rule.sign, span[0], span[1]
    return None
