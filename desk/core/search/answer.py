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


#: Words before a channel the caller does not want ("instead of calling").
_NOT_WANTED = frozenset((("instead", "of"), ("rather", "than")))


def not_wanted(words: list[str], i: int) -> bool:
    """Whether words[i] names a way the caller does not want ("... instead of calling")."""
    return tuple(words[max(0, i - 2) : i]) in _NOT_WANTED


_OPENERS = ("can ", "could ", "may ", "is ", "does ", "do ", "will ", "would ", "should ")


def question_end(query: str) -> int:
    """Where the caller's question ends in the text: its question mark, or the first comma
    when the text opens with the question ("can I WhatsApp her instead, my phone plan...");
    -1 when neither."""
    mark = query.find("?")
    if mark >= 0:
        return mark
    if query.lstrip().lower().startswith(_OPENERS):
        return query.find(",")
    return -1


def told_from(asked: int, count: int) -> int:
    """Where the words after the caller's question start ("can I WhatsApp her? I'm terrible
    on the phone"), given `asked` words before its question mark; `count` when none follow.

    A question of at least three words, followed by at least three more, is closed by its
    question mark; what follows explains it.
    """
    return asked if 3 <= asked <= count - 3 else count


def asked_from(words: list[str]) -> int:
    """Where the caller's own question starts ("... can I text her instead"), or 0.

    The last "can / could / may / should / will I (we, my ...)" after some story words; a
    question that opens with it has no story.
    """
    for i in range(len(words) - 2, 1, -1):
        if words[i] in _ASKING and words[i + 1] in _ASKERS:
            return i
    return 0


#: A calm question's crisis row, when it would lead, scores just under the row it follows.
_SECOND = 0.999


def crisis_second(hits: list[Hit]) -> list[Hit]:
    """Hits in score order with the crisis row, if it leads without danger, second."""
    if len(hits) > 1 and hits[0].topic_id == CRISIS_TOPIC:
        return [hits[1], Hit(CRISIS_TOPIC, hits[1].score * _SECOND), *hits[2:]]
    return hits


def crisis_in_view(hits: list[Hit], top: int | None, *, alone: bool) -> list[Hit]:
    """The crisis row among the first three, never first, when the words come near danger;
    the only row when nothing else matched and `alone` (a telling word or weak sign)."""
    if any(h.topic_id == CRISIS_TOPIC for h in hits[:3]):
        return hits
    others = [h for h in hits if h.topic_id != CRISIS_TOPIC]
    if not others:
        return [Hit(CRISIS_TOPIC, 1.0)] if alone and top != 0 else hits
    at = min(2, len(others))
    # Scored between its neighbours, so the ranking stays in score order.
    below = others[at].score if at < len(others) else 0.0
    crisis = Hit(CRISIS_TOPIC, max(below, others[at - 1].score * _SECOND))
    placed = [*others[:at], crisis, *others[at:]]
    return placed if top is None else placed[:top]
