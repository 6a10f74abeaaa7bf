"""Word patterns for danger signs: stems in order, each within a few words of the last.

The machinery that `signs.py`, `situations.py` and `figures.py` write their patterns with.
"""

from __future__ import annotations

from desk.core.language.text import stem


class Pattern:
    """Stems in order, each at most `gap` words after the previous one.

    `not_followed_by` cancels a match when one of its stems comes within three words after
    the last step ("hit her up"); `benign` cancels it when one of its stems is anywhere in
    the question ("said goodbye at our last session"); `needs`, when set, asks for one of its
    stems anywhere in the question ("home alone" is danger when a child is named). `sign`
    names the warning sign in words staff read. A plain class: this module loads on
    every `desk ask`, and a dataclass costs start-up time.
    """

    __slots__ = ("benign", "gap", "needs", "not_followed_by", "sign", "steps")

    def __init__(
        self,
        steps: tuple[frozenset[str], ...],
        gap: int,
        not_followed_by: frozenset[str],
        benign: frozenset[str],
        needs: frozenset[str] = frozenset(),
    ) -> None:
        self.steps = steps
        self.gap = gap
        self.not_followed_by = not_followed_by
        self.benign = benign
        self.needs = needs
        self.sign = ""


#: Stems already worked out: the lists share words, and this module loads on every `desk ask`.
_STEMS: dict[str, str] = {}


def _stems(words: str) -> frozenset[str]:
    out = set()
    for word in words.split():
        found = _STEMS.get(word)
        if found is None:
            found = _STEMS[word] = stem(word)
        out.add(found)
    return frozenset(out)


def _p(*steps: str, gap: int = 3, unless: str = "", benign: str = "", needs: str = "") -> Pattern:
    return Pattern(
        tuple(_stems(s) for s in steps), gap, _stems(unless), _stems(benign), _stems(needs)
    )


def _signs(sign: str, *patterns: Pattern) -> tuple[Pattern, ...]:
    """The patterns, each labelled with the warning sign it stands for (shown to staff)."""
    for pattern in patterns:
        pattern.sign = sign
    return patterns
