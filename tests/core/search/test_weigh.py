"""Weak signs added up: two kinds together are danger, one keeps crisis in view, calm words
explain a kind away, and who is at risk counts only where it matters."""

from __future__ import annotations

import pytest

from desk.core.danger.detect import detect
from desk.core.danger.weigh import FIRST, NEAR, WORDS, reassured, weigh
from desk.core.language.text import normalize, stem
from desk.core.search.ranking import CRISIS_TOPIC, SearchIndex


def _total(question: str) -> float:
    words = normalize(question)
    found = weigh(words, [stem(w) for w in words])
    return 0.0 if found is None else found.total


@pytest.fixture(scope="module")
def index(book) -> SearchIndex:  # type: ignore[no-untyped-def]
    return SearchIndex(book)


@pytest.mark.parametrize(
    ("question", "sign"),
    [
        ("my aunt is 91 and has been sitting on the bathroom floor since lunch", "medical"),
        ("a boy of maybe five is wandering the car park by himself, crying for his mum", "alone"),
        ("my stepson's tutor gives him presents and told him it's their secret", "secret"),
        ("my uncle left me his watch and his truck keys and said he won't need them", "farewell"),
        ("i swallowed a handful of my sleeping pills, can you tell dr cole", "swallowed"),
    ],
)
def test_two_kinds_together_are_danger_and_name_a_sign(question: str, sign: str) -> None:
    """Two kinds of weak sign together put crisis first, and staff read which sign it was."""
    assert _total(question) >= FIRST or detect(question) is not None
    danger = detect(question)
    assert danger is not None
    assert danger.phrase
    assert danger.phrase in " ".join(normalize(question))


def test_one_kind_alone_keeps_crisis_in_view_without_alarm(index: SearchIndex) -> None:
    """One weak sign (low mood) is no alarm, but crisis stays in the first three."""
    question = "my brother has been really down lately, can i email his counselor"
    assert NEAR <= _total(question) < FIRST
    answer = index.answer(question)
    ids = [h.topic_id for h in answer.hits]
    assert answer.danger is None
    assert ids[0] == "email" and CRISIS_TOPIC in ids[:3]


@pytest.mark.parametrize(
    "question",
    [
        "my son hurt his wrist at hockey and has bruises, he's fine, can he text his counselor",
        "home alone with the kids today, totally normal, can my session be by phone",
        "we're moving for good next month so cancel all my sessions, can i email her",
        "i'm 70 and on lots of medication, can i leave a voicemail for dr ray",
    ],
)
def test_an_ordinary_story_is_no_alarm(index: SearchIndex, question: str) -> None:
    """Sports bruises, a calm day with the kids, a move, an older caller's pills: no alarm."""
    answer = index.answer(question)
    assert answer.danger is None
    assert answer.hits and answer.hits[0].topic_id != CRISIS_TOPIC


def test_reassurance_in_the_callers_voice_only() -> None:
    """ "He's fine" reassures; "he says he's fine" reports a claim, and does not."""
    assert reassured(normalize("he fell off his bike but he's fine"))
    assert not reassured(normalize("he gave away his dog and he says he's fine"))
    assert detect("my dad gave his guns to a neighbour and wrote us letters, he says he's fine")


def test_a_farewell_told_with_words_between() -> None:
    """ "Gave his tools away" is giving things away; the kids' old toys, with no other sign, are
    not."""
    danger = detect("my dad gave his tools away and says he won't need his appointments")
    assert danger is not None and danger.phrase == "gave his tools away"
    assert detect("the kids gave their old toys away to the church, can i email her") is None


def test_a_threat_made_by_a_person_is_weighed(index: SearchIndex) -> None:
    """ "Kill me if" said by a person counts as a threat beside another sign; said in jest it
    keeps crisis in view without an alarm; said of traffic it is a figure of speech."""
    threat = "my nephew said he will kill me if i dont sign the cheque, he is in the next room"
    assert detect(threat) is not None
    joke = index.answer("my wife will murder me if she finds out about the party lol, can i email")
    assert joke.danger is None and CRISIS_TOPIC in [h.topic_id for h in joke.hits[:3]]
    assert joke.hits[0].topic_id == "email"
    traffic = index.answer("this traffic will kill me if it does not move, can i text her")
    assert traffic.danger is None and traffic.hits[0].topic_id == "texting"


def test_a_number_of_pills_taken_is_not_a_daily_dose() -> None:
    """ "Took 30 of my pills" is danger; "I take 2 pills a day" is not."""
    assert detect("i took 30 of my pills an hour ago, can i still come in") is not None
    assert detect("i take 2 pills a day, can i email my counselor about side effects") is None


def test_ruled_out_words_do_not_count() -> None:
    """ "Not alone" and "no pills" are not signs."""
    assert _total("she's not alone, her sister is with her, can she text") < NEAR
    assert _total("there are no pills in the house now, can we do a phone session") < NEAR


def test_who_is_at_risk_adds_only_to_signs_where_it_matters() -> None:
    """A grandchild named beside a farewell adds nothing; beside being alone it does."""
    farewell = _total("my granddaughter said goodbye at her last visit")
    alone = _total("my granddaughter has been alone since this morning")
    assert _total("someone said goodbye at their last visit") == pytest.approx(farewell)
    assert alone > _total("someone has been alone since this morning")


def test_the_lists_words_are_real_words() -> None:
    """Every word the lists name is known, so the search never reads one as a typo."""
    assert {"swallowed", "wandering", "goodbye", "bruises"} <= WORDS


def test_a_pasted_giant_word_is_not_checked_letter_by_letter(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A 100,000-letter paste is no typo of a danger word: its deletions (seconds of work on
    every keystroke) are never computed. Short misspellings ("suicde") still are."""
    from desk.core.danger import detect as detect_module

    real = detect_module._deletes

    def guarded(word: str) -> set[str]:
        assert len(word) <= 20, f"deletions computed for a {len(word)}-letter word"
        return real(word)

    monkeypatch.setattr(detect_module, "_deletes", guarded)
    assert detect("x" * 100_000) is None
    assert detect("my friend is suicdal") is not None
