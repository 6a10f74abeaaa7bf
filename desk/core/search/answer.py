"""What a search answers: ranked hits with the danger and coverage signals, and how a caller's
question is told apart from the story around it. Plain data and word tests; no index here.
"""

from __future__ import annotations

from dataclasses import dataclass

from desk.core.danger.detect import Danger

CRISIS_TOPIC = "crisis"
_ASKING = frozenset(("can", "could", "may", "should", "will", "would"))
_ASKERS = frozenset(("i", "we", "my", "she", "he", "you"))
#: Words that ask about the crisis line itself, with or without danger.
_CRISIS_LINE = frozenset(("crisis", "hotline", "hotlines"))
_EMERGENCY = frozenset(("emergency", "emergencies"))


@dataclass(frozen=True)
class Hit:
    """One ranked topic. `score` is in (0, 1]: how much of the question the topic explains."""

    topic_id: str
    score: float


@dataclass(frozen=True)
class Answer:
    """What a question gets: ranked topics, and two signals apart from the ranking.

    Attributes:
        hits: topics best first (the crisis topic first when `danger` put it there).
        danger: why the words suggest someone may be in danger, or None.
        covered: whether a topic answers the question; when False, `hits` are only "maybe".
    """

    hits: tuple[Hit, ...]
    danger: Danger | None
    covered: bool
    #: The word that named a subject the policy is silent on ("cancel"), if any.
    subject: str | None = None

    @property
    def crisis_first(self) -> bool:
        """True exactly when the crisis topic leads because of danger."""
        return self.danger is not None and bool(self.hits) and self.hits[0].topic_id == CRISIS_TOPIC


def asks_about_the_line(words: list[str]) -> bool:
    """ "Is this a crisis line?", "what if it's an emergency after hours?": the crisis topic
    answers these even without danger."""
    if not _CRISIS_LINE.isdisjoint(words):
        return True
    return "if" in words and not _EMERGENCY.isdisjoint(words)


def asked_from(words: list[str]) -> int:
    """Where the caller's own question starts ("... can I text her instead"), or 0.

    The last "can / could / may / should / will I (we, my ...)" after some story words; a
    question that opens with it has no story.
    """
    for i in range(len(words) - 2, 1, -1):
        if words[i] in _ASKING and words[i + 1] in _ASKERS:
            return i
    return 0
