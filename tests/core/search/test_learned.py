"""The learned readers: how they learn and are stored, and what they may and may not change in
what the rules found."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.core.danger import reader
from desk.core.danger.detect import Danger, detect
from desk.core.language.learned import dump, enough, features, read, train
from desk.core.language.text import normalize
from desk.core.search import scope
from desk.core.search.ranking import CRISIS_TOPIC, SearchIndex
from desk.tools.learn import main as learn_main

_TOY = [
    ("the kettle is boiling over", True),
    ("my kettle boils every morning", True),
    ("the kettle whistles at night", True),
    ("can i text my counselor", False),
    ("can i email my counselor", False),
    ("what is the website address", False),
]
_LONG = "my brother has not been seen by anyone since friday and his dog is barking inside"


@pytest.fixture(scope="module")
def index(book) -> SearchIndex:  # type: ignore[no-untyped-def]
    return SearchIndex(book)


def test_training_learns_the_kind_and_is_the_same_every_run() -> None:
    """Examples of a kind teach their words, and the same examples give the same weights."""
    first = train(_TOY, seen=1)
    assert first.probability(normalize("a kettle again")) > 0.5
    assert first.probability(normalize("text my counselor again")) < 0.5
    again = train(_TOY, seen=1)
    assert (again.bias, again.weights) == (first.bias, first.weights)


def test_a_feature_seen_once_is_not_learned() -> None:
    """A word in a single example teaches nothing about the next question."""
    learned = train(_TOY, seen=2)
    assert "kettl" in learned.weights
    assert "whistl" not in learned.weights and "address" not in learned.weights


def test_blanked_words_are_no_feature_and_no_pair_reaches_across_them() -> None:
    """Words set aside as a figure of speech ("") are neither read nor paired over."""
    names = [name for name, _, _ in features(["took", "", "pills"])]
    assert names == ["take", "pill"]


def test_weights_survive_the_file_and_a_broken_file_is_not_read(tmp_path: Path) -> None:
    """What `dump` writes, `read` reads back; a file that is not a weights file reads as None."""
    learned = train(_TOY, seen=1)
    learned.topics = frozenset(("email", "texting"))
    path = tmp_path / "learned.tsv"
    path.write_text(dump(learned, about="toy"), encoding="utf-8")
    back = read(path)
    assert back is not None and back.topics == learned.topics
    question = normalize("the kettle is on")
    assert back.probability(question) == pytest.approx(learned.probability(question), abs=1e-3)
    for broken in ("", "bias\t0.1\n", dump(learned, about="toy").replace("\t0.", "\tx.", 1)):
        path.write_text(broken, encoding="utf-8")
        assert read(path) is None, broken
    assert read(tmp_path / "missing.tsv") is None


def test_shipped_weights_are_what_the_questions_teach(capsys: pytest.CaptureFixture[str]) -> None:
    """`make learned` has been run since the evaluation questions last changed."""
    assert learn_main(["--check"]) == 0, capsys.readouterr().out


def test_a_short_question_is_left_to_the_rules() -> None:
    """A word or two is no evidence: the reader does not judge it."""
    assert not enough(normalize("calm"))
    assert reader.likelihood(normalize("calm")) is None
    assert enough(normalize("can i text her"))


def test_the_reader_raises_the_alarm_alone_only_on_a_long_question() -> None:
    """Likely danger with no rule fired: a long question raises it, quoting the caller's
    words; a short one does not."""
    words = normalize(_LONG)
    raised = reader.reconsider(None, words, 0.99)
    assert raised is not None and raised.sign == reader.SIGN
    assert raised.phrase and all(part.strip() in _LONG for part in raised.phrase.split("\u2026"))
    assert reader.reconsider(None, normalize("my feelings got hurt today"), 0.99) is None
    assert reader.reconsider(None, words, reader.FIRST - 0.01) is None


def test_unlikely_danger_sets_aside_a_situation_but_never_words_of_harm() -> None:
    """Below CALM, in a question long enough to judge, a weak sign or situation is set aside;
    in a short one it stands; the caller's words of harm stand whatever the reader says."""
    long = normalize(_LONG)
    short = normalize("she mustn't find out")
    situation = Danger("not find", "someone alone, missing or gone quiet")
    harm = Danger("cut himself", "self-harm")
    assert reader.reconsider(situation, long, reader.CALM / 2) is None
    assert reader.reconsider(situation, long, reader.CALM * 2) == situation
    assert reader.reconsider(situation, short, reader.CALM / 2) == situation
    assert reader.reconsider(harm, long, 0.0) == harm
    assert reader.reconsider(situation, long, None) == situation


@pytest.mark.parametrize(
    "question",
    [
        "i want to kill myself, can i text her",
        "i'm thinking about suicide lol, can you email me the website link",
        "he said he will kill me when he gets home, can i leave a voicemail for her",
        "my son cut himself again, can i email his counselor the photos so she can see",
        "my daughter took too many pills, can i email her counselor",
        "is it ok to message my therapist on whatsapp, i've been cutting again",
    ],
)
def test_words_of_own_death_and_threats_stay_danger(index: SearchIndex, question: str) -> None:
    """However ordinary the rest of the question (a request the reader has learned is safe),
    words of death, harm or a threat from a person put crisis first with the strip."""
    answer = index.answer(question)
    assert answer.crisis_first, answer


def test_without_the_weights_the_rules_work_alone(
    index: SearchIndex, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A missing weights file leaves danger and coverage to the rules: no error, same alarm."""
    monkeypatch.setattr(reader, "_FILE", tmp_path / "gone.tsv")
    monkeypatch.setattr(scope, "_LEARNED", tmp_path / "gone.tsv")
    reader._reader.cache_clear()
    scope._reader.cache_clear()
    try:
        assert reader.likelihood(normalize(_LONG)) is None
        question = "my 6 year old has been home alone since this morning"
        assert index.answer(question).danger == detect(question)
        assert index.answer("can i text my counselor").covered
    finally:
        reader._reader.cache_clear()
        scope._reader.cache_clear()


def test_the_scope_reader_keeps_out_of_topics_it_did_not_learn() -> None:
    """A policy's own topic (a practice that answers billing) is never judged by the reader."""
    words = normalize("how much is a session for a student, im broke as a joke")
    learned = scope._reader()
    assert learned is not None and "texting" in learned.topics
    assert "billing" not in learned.topics
    assert not scope.learned_out_of_scope(words, "billing")
    assert not scope.learned_out_of_scope(normalize("fees"), "texting")


def test_a_question_no_rule_knows_is_marked_not_covered(index: SearchIndex) -> None:
    """A question on a subject no rule lists (parking validation) that shares a word with a
    topic ("session") is marked not covered by the reader; the topic stays below as a maybe."""
    question = "do you validate for the garage next door when i come in for my session"
    answer = index.answer(question)
    assert answer.subject is None
    assert not answer.covered
    assert answer.danger is None
    assert answer.hits and answer.hits[0].topic_id != CRISIS_TOPIC
