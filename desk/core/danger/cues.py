"""Words that may point at danger without showing it: enough to keep the crisis row in view.

When no sign of danger is found, a question can still carry a word from the world of danger
(pills, a rope, a bruise, voices, goodbye) or a child with fear. Such a question does not
raise the alarm, and the crisis row does not lead; it is kept among the first three rows, so
staff can see it if the caller's next words change the picture. Data for
`desk.core.search.ranking`.
"""

from __future__ import annotations

from desk.core.danger.detect import mask_figures
from desk.core.danger.weigh import NEAR, reassured, weigh
from desk.core.language.text import normalize, stem
from desk.core.language.words import word_list

_CUES: dict[str, list[str]] = {
    "person": word_list("""
        kid kids child children baby toddler infant son daughter boy girl myself himself herself
    """),
    "finality": word_list("""
        goodbye goodbyes forever farewell testament lethal fault heaven beneficiaries
        unresponsive
    """),
    "means": word_list("""
        pills pill meds tablets rope gun guns pistol rifle knife knives razor ledge tylenol bleach
        overdose bleach detergent charcoal antifreeze revolver bullets ammo
    """),
    "substance": word_list("drunk vodka whiskey liquor drugs alcohol"),
    "distress": word_list("scared afraid terrified hopeless worthless desperate panicking"),
    "harm": word_list("""
        hurting hits hitting burns burned bruise bruises choke choked beat beats punched slapped
        kicked threatened threatening shoved choking unconscious fainted seizure
    """),
    "unreal": word_list("""
        voices cameras signals chip devil demons spying imposter possessed exorcism paranoid
        hallucinating
    """),
}
_STRONG = frozenset(("finality", "means", "substance", "harm", "unreal"))
#: Matched as written, not by stem: "hurting" is a cue, "hurt her feelings" is not.
_CUE: dict[str, str] = {word: kind for kind, words in _CUES.items() for word in words}


def possible_danger(query: str) -> bool:
    """Whether the words come near danger: one telling word, or a child and fear together."""
    return nearness(query) > 0


#: How near danger a question comes: a child and fear together, a telling word or weak sign,
#: or weak signs adding up to most of the way to danger.
FAINT, NEAR_DANGER, CLOSE = 1, 2, 3
#: Weak signs adding up to at least this come close to danger.
_CLOSE = 1.5


def nearness(query: str) -> int:
    """0 when the words do not come near danger; `FAINT` for a child and fear together ("my
    son is scared"), which keeps the crisis row in view beside an answer; `NEAR_DANGER` for a
    telling word or a weak sign, which keeps it even when nothing else answers; `CLOSE` when
    weak signs add up most of the way to danger, which shows it even when nothing matched."""
    words = normalize(query)
    if reassured(words):
        # "Her 7yo is scared of the dark, nothing serious": told calm, no cue.
        return 0
    stems = [stem(w) for w in words]
    mask_figures(words, stems)  # "nerf gun wars" names no gun
    weighed = weigh(words, stems)
    if weighed is not None:
        if weighed.total >= NEAR:
            return CLOSE if weighed.total >= _CLOSE else NEAR_DANGER
        if weighed.total > 0:
            # Signs weighed and explained ("bruises from rugby"): in view beside an answer.
            return FAINT
    kinds = set()
    for word in words:
        kind = _CUE.get(word)
        if kind is not None:
            kinds.add(kind)
    if kinds & _STRONG:
        return NEAR_DANGER
    return FAINT if {"person", "distress"} <= kinds else 0
