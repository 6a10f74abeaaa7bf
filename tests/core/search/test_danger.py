"""Danger as its own signal: situations, figures of speech, negation, and the reason shown."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from desk.core.danger.cues import possible_danger
from desk.core.danger.detect import detect
from desk.core.policy.book import PolicyBook
from desk.core.search.ranking import CRISIS_TOPIC, SearchIndex

QUESTIONS = Path(__file__).resolve().parents[2] / "data" / "caller_questions.yaml"


@pytest.fixture(scope="module")
def index(book: PolicyBook) -> SearchIndex:
    return SearchIndex(book)


def _crisis_questions() -> list[str]:
    data = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    return [
        str(item["q"])
        for item in data["questions"]
        if item["topic"] == "crisis" and item.get("danger", True)
    ]


def test_every_crisis_question_is_detected_as_danger(index: SearchIndex) -> None:
    """Every caller in danger in the set is detected, not only ranked: the strip changes."""
    missed = [q for q in _crisis_questions() if not index.answer(q).crisis_first]
    assert not missed


@pytest.mark.parametrize(
    ("question", "sign", "phrase"),
    [
        ("my 5 year old has been home alone all weekend", "a child alone", "home alone"),
        ("she told me her uncle touches her", "a child telling", "touches her"),
        ("he thinks the radio is talking to him", "beliefs", "radio is talking"),
        ("i won't be needing any more appointments, thank you", "finality", "any more"),
        ("cancel my session, i took all my sleeping pills", "pills", "took all my sleeping"),
        ("i'm afraid of what i might do tonight", "fear", "what i might"),
        ("i'm scared i'm going to shake the baby", "fear", "going to shake"),
        ("i want to kill myself", "suicide", "kill myself"),
    ],
)
def test_situations_are_danger_with_their_reason(question: str, sign: str, phrase: str) -> None:
    """Danger told as a situation is caught, and the reason names the sign and the words."""
    danger = detect(question)
    assert danger is not None
    assert sign in danger.sign
    assert phrase in danger.phrase


@pytest.mark.parametrize(
    "question",
    [
        "this billing is killing me, can i email her",
        "i could die of embarrassment, i friended my therapist",
        "i'm dying to know your website",
        "i'd kill to do my session by zoom",
        "you'll be the death of me, where's the voicemail",
        "i nearly had a heart attack when she liked my post",
        "i'm sick to death of phone tag, can i text her",
        "my boss would murder me if he saw me in the group",
        "my mom will kill me if i don't ask, is voicemail private",
        "i'm at the end of my rope with phone tag",
        "i'm not suicidal, i just want to text her",
        "it's not an emergency, can she call me back",
    ],
)
def test_figures_of_speech_and_ruled_out_words_are_not_danger(
    index: SearchIndex, question: str
) -> None:
    """Dramatic idioms and "not suicidal" raise no alarm, and crisis does not come first."""
    answer = index.answer(question)
    assert answer.danger is None
    assert answer.hits and answer.hits[0].topic_id != CRISIS_TOPIC


@pytest.mark.parametrize(
    "question",
    [
        "he's killing me, he won't stop",
        "my husband will kill me if i leave him",
        "i'm at the end of my rope with everything",
        "i'm not ok, i'm suicidal",
        "this billing is killing me and i want to die",
    ],
)
def test_a_figure_does_not_hide_a_real_sign(question: str) -> None:
    """A person doing it, a threat, or another sign in the question is still danger."""
    assert detect(question) is not None


def test_danger_puts_crisis_first_and_keeps_the_asked_for_answer_next(index: SearchIndex) -> None:
    """With danger, crisis leads and the topic the caller asked about is right below it."""
    answer = index.answer("can you leave her a message, i took a bunch of my sleeping tablets")
    assert answer.crisis_first
    assert [h.topic_id for h in answer.hits[:2]] == [CRISIS_TOPIC, "voicemail"]


def test_asking_about_the_crisis_line_is_not_danger(index: SearchIndex) -> None:
    """ "Is this a crisis line?" gets the crisis topic, without calling it danger."""
    answer = index.answer("is this number a crisis line")
    assert answer.hits[0].topic_id == CRISIS_TOPIC
    assert answer.danger is None and not answer.crisis_first


def test_a_calm_question_never_gets_crisis_first(index: SearchIndex) -> None:
    """A near-miss spelling of "crisis" ("blue cross") does not put crisis first."""
    answer = index.answer("do you take blue cross insurance")
    assert not answer.hits or answer.hits[0].topic_id != CRISIS_TOPIC
    scores = [h.score for h in answer.hits]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize(
    "question",
    [
        "can i leave her a voicemail, there are bruises on my arm",
        "my son is scared, can his counselor call",
        "what's her email, i found my dad's pills",
    ],
)
def test_words_near_danger_keep_crisis_in_view_without_alarm(
    index: SearchIndex, question: str
) -> None:
    """A word from the world of danger without a clear sign keeps crisis among the first three
    rows, never first and never as an alarm."""
    answer = index.answer(question)
    ids = [h.topic_id for h in answer.hits]
    assert answer.danger is None and not answer.crisis_first
    assert CRISIS_TOPIC in ids[:3] and ids[0] != CRISIS_TOPIC
    scores = [h.score for h in answer.hits]
    assert scores == sorted(scores, reverse=True)


def test_ordinary_words_are_not_near_danger() -> None:
    """'Hurt her feelings', a voice message or hitting follow are not cues; bruises are."""
    assert not possible_danger("i don't want to hurt her feelings, can i unfollow her")
    assert not possible_danger("can i leave a voice message")
    assert not possible_danger("she wants to hit follow on her counselor's page")
    assert possible_danger("there are bruises on my arm")


@pytest.mark.parametrize(
    ("question", "sign"),
    [
        ("my cousin sent a pic of her meds in rows on the table, now her phone is off", "pills"),
        ("my brother posted that he was done, and he has not answered since", "not answering"),
        ("a girl about four is in the lobby and her dad left two hours ago", "a child alone"),
        ("please tell my counselor i will not need her anymore", "finality"),
        ("can you tell dr lee i appreciated him, he tried his best with me", "a goodbye"),
        ("my uncle is handing out his watch and his guitars to everyone", "a goodbye"),
        ("i have it all planned for tonight, can you just pass on a message", "a plan"),
        ("i keep imagining myself driving off the overpass", "a plan"),
        ("he swears he is going to burn down the house with us in it", "violence"),
        ("my partner threw a bottle at me and locked the door", "violence"),
        ("my grandpa has not slept and is wandering the street confused", "beliefs"),
        ("i swallowed most of my klonopin, can you put me through", "pills"),
    ],
)
def test_danger_told_in_pieces_is_caught(question: str, sign: str) -> None:
    """Signs that mean little alone (pills set out, a silence; a child, a carer gone) are
    danger together, in any order, and the reason names the sign."""
    danger = detect(question)
    assert danger is not None
    assert sign in danger.sign
    assert danger.phrase


@pytest.mark.parametrize(
    "question",
    [
        "i take all my meds every morning, can i text her the list",
        "my wife is not answering my texts, she is mad at me, can i message her counselor",
        "can i bring my baby to my session, there is no one to watch her",
        "my son is by himself a lot since the divorce, can he text his counselor",
        "i will not be needing a reminder call anymore, just email me",
        "can you let her know i appreciated the reminder",
        "i'm giving my old couch away, does the office need furniture",
        "i have everything ready for tonight's session by zoom",
        "he says he is going to take the kids to his mom's this weekend",
        "sorry i missed her call and now she is not answering",
        "i said goodbye to my old therapist last month, can i still email her",
        "i'm saving up for sessions, my insurance ran out",
    ],
)
def test_pieces_that_do_not_add_up_are_not_danger(question: str) -> None:
    """Everyday questions that share one piece of a danger (pills taken as prescribed, a
    silence after a missed call, no one to babysit) raise no alarm."""
    assert detect(question) is None
