"""Questions the communication policy is silent on are marked not covered, the rest covered."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from desk.core.policy.book import PolicyBook
from desk.core.search.ranking import SearchIndex

QUESTIONS = Path(__file__).resolve().parents[2] / "data" / "caller_questions.yaml"
NOT_COVERED_GOAL = 0.90
COVERED_GOAL = 0.98


@pytest.fixture(scope="module")
def index(book: PolicyBook) -> SearchIndex:
    return SearchIndex(book)


def _questions() -> list[tuple[str, str]]:
    data = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    return [(str(item["q"]), str(item["topic"])) for item in data["questions"]]


def test_out_of_scope_questions_are_marked_not_covered(index: SearchIndex) -> None:
    """At least 90% of questions the policy is silent on are marked not covered."""
    asked = [q for q, topic in _questions() if topic == "out-of-scope"]
    covered = [q for q in asked if index.answer(q).covered]
    assert 1 - len(covered) / len(asked) >= NOT_COVERED_GOAL, covered


def test_in_scope_questions_are_covered(index: SearchIndex) -> None:
    """At least 98% of questions a topic answers are covered."""
    asked = [q for q, topic in _questions() if topic != "out-of-scope"]
    missed = [q for q in asked if not index.answer(q).covered]
    assert 1 - len(missed) / len(asked) >= COVERED_GOAL, missed


@pytest.mark.parametrize(
    "question",
    [
        "i need to cancel tomorrow's appointment",
        "can i get a copy of my chart",
        "is my copay due at the visit",
        "where should i park",
    ],
)
def test_a_subject_the_policy_is_silent_on_is_not_covered(
    index: SearchIndex, question: str
) -> None:
    """Cancelling, records, bills and parking are not answered by a channel topic."""
    assert not index.answer(question).covered


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("can i text her to cancel my appointment", "texting"),
        ("can i email my counselor my insurance card", "email"),
    ],
)
def test_naming_a_channel_makes_it_a_channel_question(
    index: SearchIndex, question: str, topic: str
) -> None:
    """ "Can I text her to cancel?" is a texting question: the policy answers it."""
    answer = index.answer(question)
    assert answer.covered and answer.hits[0].topic_id == topic


def test_a_topic_naming_the_subject_covers_it(book: PolicyBook) -> None:
    """A practice whose policy has a topic for billing answers billing questions as usual."""
    from dataclasses import replace

    texting = book.topic("texting")
    billing = replace(texting, id="billing", title="Billing questions", keywords=("billing",))
    bigger = replace(book, topics=(*book.topics, billing))
    answer = SearchIndex(bigger).answer("i have a question about billing")
    assert answer.covered and answer.hits[0].topic_id == "billing"


def test_blank_question_is_covered_with_no_hits(index: SearchIndex) -> None:
    """Nothing typed yet is not a question the policy is silent on."""
    answer = index.answer("   ")
    assert answer.covered and not answer.hits and answer.danger is None
