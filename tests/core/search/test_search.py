"""Search: caller questions find the right policy topic, and danger always finds crisis first."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desk.core.language.common import common_words
from desk.core.language.text import merge_compounds, normalize
from desk.core.policy.book import TOPIC_IDS, ChecklistItem, PolicyBook, Practice, Script, Topic
from desk.core.search.ranking import Hit, SearchIndex, is_crisis

QUESTIONS = Path(__file__).resolve().parents[2] / "data" / "caller_questions.yaml"
TOP1_GOAL = 0.90


#: The label of a question no topic answers (the communication policy is silent on it).
OUT_OF_SCOPE = "out-of-scope"


def _questions() -> list[tuple[str, str]]:
    data = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    return [(str(item["q"]), str(item["topic"])) for item in data["questions"]]


def _in_scope() -> list[tuple[str, str]]:
    return [(q, topic) for q, topic in _questions() if topic != OUT_OF_SCOPE]


@pytest.fixture(scope="module")
def index(book: PolicyBook) -> SearchIndex:
    return SearchIndex(book)


def _top(index: SearchIndex, question: str) -> str | None:
    hits = index.search(question, top=1)
    return hits[0].topic_id if hits else None


# -- the evaluation set -------------------------------------------------------------------------


def test_evaluation_set_is_large_varied_and_valid(book: PolicyBook) -> None:
    """The set has 300+ questions, 100+ crisis and 20+ out-of-scope ones, every topic, and
    only real topic ids.

    A new topic needs caller questions here too: search quality is measured per topic.
    """
    questions = _questions()
    topics = [topic for _, topic in questions]
    assert len(questions) >= 300
    assert topics.count("crisis") >= 100
    assert topics.count(OUT_OF_SCOPE) >= 20
    assert set(topics) == {t.id for t in book.topics} | {OUT_OF_SCOPE}
    assert len({q.lower() for q, _ in questions}) == len(questions), "duplicate question"


def test_kept_apart_questions_are_valid_and_apart(book: PolicyBook) -> None:
    """The questions kept apart from tuning use real topics and 0/1 danger, and none is also in
    the evaluation set (it would then be tuned on)."""
    kept = yaml.safe_load(QUESTIONS.with_name("kept_apart.yaml").read_text(encoding="utf-8"))
    items = kept["questions"]
    assert len(items) >= 240
    assert {i["topic"] for i in items} <= {t.id for t in book.topics} | {OUT_OF_SCOPE}
    assert {i["danger"] for i in items} == {0, 1}
    assert not {i["q"].lower() for i in items} & {q.lower() for q, _ in _questions()}


def test_evaluation_questions_are_not_the_policy_phrasings(book: PolicyBook) -> None:
    """No evaluation question is one of the policy's own example phrasings."""
    phrasings = {tuple(normalize(p)) for t in book.topics for p in t.phrasings}
    copied = [q for q, _ in _questions() if tuple(normalize(q)) in phrasings]
    assert not copied


def test_top1_on_caller_questions(index: SearchIndex) -> None:
    """At least 90% of caller questions a topic answers rank that topic first."""
    questions = _in_scope()
    misses = [
        f"{q!r}: expected {want}, got {got}"
        for q, want in questions
        if (got := _top(index, q)) != want
    ]
    share = 1 - len(misses) / len(questions)
    assert share >= TOP1_GOAL, f"top-1 {share:.1%}; misses:\n" + "\n".join(misses)


def test_every_crisis_question_ranks_crisis_first(index: SearchIndex) -> None:
    """Every crisis question, however indirect, puts the crisis topic first."""
    missed = [q for q, want in _questions() if want == "crisis" and _top(index, q) != "crisis"]
    assert not missed


def test_ordinary_questions_raise_no_crisis() -> None:
    """No ordinary question in the set is mistaken for danger."""
    alarms = [q for q, want in _questions() if want != "crisis" and is_crisis(q)]
    assert not alarms


# -- words, stems, slang, typos -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("can i txt my counslor", "texting"),
        ("whats her emial adress", "email"),
        ("facbook groop", "facebook-group"),
        ("voicemial", "voicemail"),
        ("telehelth session", "phone-sessions"),
        ("webiste", "website"),
        ("is this an ethcis thing", "policy-basis"),
        ("is textin ok", "texting"),
    ],
)
def test_typos_still_find_the_topic(index: SearchIndex, question: str, topic: str) -> None:
    """Misspelled words are matched to the policy's words within a few edits."""
    assert _top(index, question) == topic


def test_a_common_word_is_not_taken_for_a_typo(index: SearchIndex) -> None:
    """'next' is not read as 'text': typo matching keeps the first letter."""
    assert _top(index, "can i email her before my next session") != "texting"


@pytest.mark.parametrize("word", ["text", "texts", "texted", "texting"])
def test_word_forms_share_a_stem(index: SearchIndex, word: str) -> None:
    """Every form of a word finds the same topic."""
    assert _top(index, f"can i {word} my counselor") == "texting"


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("can i dm her on insta", "instant-messaging"),
        ("add him on fb", "social-media"),
        ("follow her on ig", "social-media"),
        ("can we do zoom this week", "phone-sessions"),
        ("facetime for my appointment", "phone-sessions"),
        ("can i skype my counselor for the session", "phone-sessions"),
        ("whats his gmail", "email"),
        ("can i leave a vm", "voicemail"),
        ("shoot her an sms", "texting"),
        ("fb grp link", "facebook-group"),
        ("can i lvm for her", "voicemail"),
    ],
)
def test_slang_and_brand_names_are_understood(
    index: SearchIndex, question: str, topic: str
) -> None:
    """Slang and app names stand for the plain words the policy uses."""
    assert _top(index, question) == topic


def test_a_split_word_is_joined(index: SearchIndex) -> None:
    """'face book' and 'e mail' read as one word."""
    assert _top(index, "can i join the face book group") == "facebook-group"
    assert _top(index, "what is her e mail") == "email"


def test_two_real_words_are_not_joined() -> None:
    """'i message' is two words ('can i message her'), not the app iMessage."""
    known = {"imessage", "message", "howcome"}
    assert merge_compounds(normalize("can i message her"), known) == ["can", "i", "message", "her"]
    assert merge_compounds(normalize("how come"), known) == ["howcome"]


def test_an_idiom_does_not_name_a_topic(index: SearchIndex) -> None:
    """'sick of phone tag' is not illness, so the question is about texting, not a session."""
    assert _top(index, "i am so sick of phone tag, can i text her instead") == "texting"


def test_the_practice_name_is_not_a_topic(index: SearchIndex) -> None:
    """'Caring Counseling' names the practice; 'online counseling' asks for a session."""
    assert _top(index, "is caring counseling on facebook") == "facebook-group"
    assert _top(index, "do you do online counseling") == "phone-sessions"


def test_a_situation_does_not_outweigh_the_channel(index: SearchIndex) -> None:
    """Words from a longer keyword ('running late') count less than the channel asked about."""
    assert _top(index, "can i send her a messenger msg if i'm running late") == (
        "instant-messaging"
    )


# -- results ------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["", "   ", "\n\t", "?!...", "'"])
def test_blank_question_gives_no_results(index: SearchIndex, query: str) -> None:
    """A question with no words returns an empty list, not every topic."""
    assert index.search(query) == []


def test_top_limits_the_number_of_hits(index: SearchIndex) -> None:
    """`top` caps the list; None returns every matching topic; 0 returns nothing."""
    question = "can i text or email or call my counselor"
    everything = index.search(question)
    assert len(everything) > 3
    assert index.search(question, top=3) == everything[:3]
    assert len(index.search(question, top=1)) == 1
    assert index.search(question, top=0) == []


def test_scores_are_in_range_and_best_first(index: SearchIndex) -> None:
    """Scores lie in (0, 1], never increase down the list, and the best is 1."""
    for question, _ in _questions():
        hits = index.search(question)
        scores = [h.score for h in hits]
        assert all(0.0 < s <= 1.0 for s in scores), question
        assert scores == sorted(scores, reverse=True), question
        assert len({h.topic_id for h in hits}) == len(hits), question


def test_repeated_search_gives_the_same_answer(index: SearchIndex) -> None:
    """The word cache changes speed, never results."""
    first = index.search("can i txt my counslor about zoom")
    assert index.search("can i txt my counslor about zoom") == first


# -- crisis -------------------------------------------------------------------------------------


def test_crisis_comes_first_even_when_the_question_is_about_texting(index: SearchIndex) -> None:
    """A danger sign puts crisis first, ahead of the channel the caller asked about."""
    hits = index.search("can i text my counselor? i want to kill myself")
    assert hits[0] == Hit("crisis", 1.0)
    assert "texting" in [h.topic_id for h in hits[1:3]]
    assert index.search("can i text my counselor? i want to kill myself", top=1) == [
        Hit("crisis", 1.0)
    ]


@pytest.mark.parametrize(
    "question",
    [
        "my son said he doesnt want to be here anymore",
        "she's been cutting again",
        "he took a whole bottle of pills",
        "i just want it all to end",
        "everyone would be better off without me",
        "my friend od'd",
        "i dont feel safe at home",
        "he's hitting me again",
        "she says she wants to go to sleep and never wake up",
        "i keep thinking about sucide",
        "self-harm",
        "is this an emergency line",
        "it's not an emergency but he says he wants to die",
    ],
)
def test_indirect_danger_is_recognised(question: str) -> None:
    """Danger said indirectly, or misspelled, still counts as crisis."""
    assert is_crisis(question)


@pytest.mark.parametrize(
    "question",
    [
        # can't go on, trapped, hopeless, a burden
        "i cannot keep going",
        "i can't carry on like this",
        "i dont know how much longer i can hold on",
        "there is no way out for me",
        "i feel so trapped",
        "my dad says he's just a burden now",
        "nothing matters anymore",
        "she's tired of living",
        "i'm not in a good place",
        "i'm not okay",
        "i hate myself",
        "i can't do this",
        # saying goodbye, giving things away, a will
        "my son posted goodbye on snapchat",
        "she keeps saying goodbye to everyone",
        "he texted me sorry for everything",
        "my aunt is giving all her jewelry away",
        "my brother gave his dog to a friend out of nowhere",
        "my wife just wrote a new will",
        # the means
        "i have a bottle of pills in front of me",
        "i've been saving up my pills",
        "she drank some bleach",
        "he's got a rope",
        "my friend is up on the roof",
        "he's walking along the train tracks",
        "i took too many",
        # self-harm
        "my daughter has been burning her arms",
        "he carves into his skin",
        # violence and control, a child in danger
        "my husband grabbed me by the neck",
        "he laid his hands on my son",
        "my partner won't let me see my family",
        "he locked me in the basement",
        "she threatened to jump",
        "my stepdad beats my little sister",
        "my kid is missing",
        "the baby is locked in a hot car",
        # voices, unreal fears
        "my brother is hearing voices",
        "she says someone put thoughts in her head",
        "he thinks they're out to get him",
        # medical emergencies
        "my mom collapsed",
        "he isn't breathing",
        "she stopped breathing",
        "my dad is having chest pains",
        "he passed out and won't wake up",
    ],
)
def test_each_kind_of_warning_sign_is_recognised(question: str) -> None:
    """Every kind of warning sign, in its everyday wording, counts as crisis."""
    assert is_crisis(question)


@pytest.mark.parametrize(
    "question",
    [
        "can i shoot him a txt",
        "she said hit her up on insta",
        "it's not an emergency, i just need her to call me back",
        "non-emergency question about my appointment",
        "i dont want to hurt her feelings",
        "can we cut the session short",
        "im cutting back on sessions",
        "my phone died so i couldnt text",
        "is there any harm in following her",
        "is email safe",
        "can i go on facebook",
        "can you push me back a week",
        "i need to get in touch with her",
        "i'm not sure if it's ok to text her",
        "i'm not ok with my counselor posting about me",
        "she's not doing well in school, can she have a phone session",
        "my counselor said goodbye at our last session, can i still email her",
        "can i give away my appointment slot to my wife",
        "the voicemail won't let me leave a message",
        "i locked my keys in the car, can we do the session by phone",
        "can you take my phone number",
        "my son is missing his appointment today",
        "i'm tired of playing phone tag",
        "what's the point of the facebook group",
        "is there a way out of the group chat",
        "i can't go on facebook at work",
        "i can't keep going to sessions every week",
        "i can't do this week's session",
        "i'd kill for an earlier appointment",
        "my feelings got hurt when she didn't call back",
        "my counselor liked my post",
    ],
)
def test_everyday_phrases_are_not_danger(question: str) -> None:
    """Idioms that borrow danger words ('shoot a text', 'hit me up') are not crisis."""
    assert not is_crisis(question)


def test_a_thing_killing_me_is_a_figure_a_person_is_not() -> None:
    """ "The traffic is killing me" is a figure of speech; "he is killing me" is danger."""
    assert not is_crisis("ugh the traffic is killing me")
    assert is_crisis("he is killing me")
    assert is_crisis("my husband will kill me if i leave")


@pytest.mark.parametrize(
    "question",
    [
        "i don't want to hurt her feelings, can i unfollow her",
        "my counselor liked my post is that ok",
        "what's the point of the facebook group",
    ],
)
def test_crisis_topic_is_first_only_on_a_sign_of_danger(index: SearchIndex, question: str) -> None:
    """Without a sign of danger, words the crisis topic shares with idioms don't put it first."""
    assert not is_crisis(question)
    hits = index.search(question)
    assert hits[0].topic_id != "crisis"
    assert index.search(question, top=1) == hits[:1]


def test_asking_about_the_crisis_line_finds_it(index: SearchIndex) -> None:
    """A question about the crisis line itself still finds the crisis topic first."""
    assert _top(index, "is this a crisis line") == "crisis"
    assert _top(index, "what's the number for the suicide hotline") == "crisis"


def test_a_stopword_is_not_read_as_a_typo(index: SearchIndex) -> None:
    """'liked' stems to the stopword 'like'; it is not a misspelled 'life' or 'line'."""
    assert index.search("liked") == []


@pytest.mark.parametrize("word", ["calm", "fees", "died", "dying", "lovely", "stove", "wifi"])
def test_a_real_word_is_not_read_as_a_typo(index: SearchIndex, word: str) -> None:
    """An everyday word ("calm", "died") is not a misspelled "call" or "dmed": alone it
    matches no topic."""
    assert index.search(word) == []


@pytest.mark.parametrize(
    ("question", "topic"),
    [("emial her", "email"), ("counsler phone number", "phone-calls"), ("txt her", "texting")],
)
def test_misspellings_and_slang_are_still_read(
    index: SearchIndex, question: str, topic: str
) -> None:
    """Words that are not everyday English are still read as typos or slang."""
    assert _top(index, question) == topic


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("could i just shoot him a dm on messenger instead of calling", "instant-messaging"),
        ("does she do whatsapp? i cant take phone calls at my job", "instant-messaging"),
        (
            "could i message my counselor on whatsapp, my phone is always on silent at work",
            "instant-messaging",
        ),
    ],
)
def test_the_channel_asked_for_beats_one_only_mentioned(
    index: SearchIndex, question: str, topic: str
) -> None:
    """A channel the caller does not want ("instead of calling") or names only to explain
    their question ("? I can't take phone calls") does not outrank the one asked for."""
    assert _top(index, question) == topic
    assert not index.answer(question).crisis_first


def test_the_word_list_holds_everyday_words_and_no_slang() -> None:
    """The everyday-word list is read, and holds no slang the search must read as a topic."""
    words = common_words()
    assert {"calm", "fees", "wifi", "took"} <= words
    assert len(words) > 5000
    assert words.isdisjoint({"txt", "dm", "ur", "pm", "vm", "fb", "insta", "emial"})


# -- any policy ---------------------------------------------------------------------------------


def _topic(topic_id: str, *, keywords: tuple[str, ...], title: str) -> Topic:
    return Topic(
        id=topic_id,
        title=title,
        verdict="yes",
        condition=None,
        answer="Ask at the desk.",
        scripts=(Script(label="Say", text="Ask at the desk."),),
        checklist=(ChecklistItem(text="Help the caller."),),
        rationale="",
        source_section="",
        keywords=keywords,
    )


def _small_book(*topics: Topic) -> PolicyBook:
    practice = Practice(
        name="Test Practice",
        office_phone="555-0100",
        website="example.org",
        facebook_group="the group",
        policy_title="Test policy",
        policy_version="1",
        effective_date="today",
    )
    return PolicyBook(practice=practice, topics=topics, source_dir=Path("."))


def test_topic_words_come_from_the_policy() -> None:
    """A practice's own keywords drive search; nothing is tied to the bundled topics."""
    book = _small_book(
        _topic("parking", keywords=("parking", "car park", "garage"), title="Parking"),
        _topic("fees", keywords=("fee", "cost", "insurance", "copay"), title="Fees"),
    )
    index = SearchIndex(book)
    assert index.search("where do i park my car")[0].topic_id == "parking"
    assert index.search("how much is the copay")[0].topic_id == "fees"
    assert index.search("zebra") == []


def test_a_policy_without_a_crisis_topic_still_answers() -> None:
    """Danger words in a policy with no crisis topic rank what matches, without failing."""
    book = _small_book(_topic("fees", keywords=("fee", "cost"), title="Fees"))
    assert [h.topic_id for h in SearchIndex(book).search("i want to die, what does it cost")] == [
        "fees"
    ]


# The autouse env fixture only points data folders at tmp_path; sharing it is harmless.
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=120))
def test_any_text_gives_a_valid_ranking(index: SearchIndex, text: str) -> None:
    """Whatever is typed, hits are real topics, unique, scored in (0, 1], best first."""
    hits = index.search(text)
    assert len({h.topic_id for h in hits}) == len(hits)
    assert all(h.topic_id in TOPIC_IDS and 0.0 < h.score <= 1.0 for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    if is_crisis(text):
        assert hits[0].topic_id == "crisis"
