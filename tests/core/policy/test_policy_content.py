"""Invariants of the shipped policy: faithful to the source, guidance marked, scripts render."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desk.core.policy.book import TOPIC_IDS, PolicyBook, Topic, placeholder_names
from desk.core.policy.fields import placeholder_choices

#: Headings of the source policy ("Social Media and Communication Policy" is its title).
SOURCE_SECTIONS = {
    "Social Media and Communication Policy",
    "Social Media “Friending” (and similar)",
    "Instant Messaging (IM)",
    "Email",
    "Texting",
    "Phone calls",
}

#: Verdicts the source policy states outright.
SOURCE_VERDICTS = {
    "social-media": "no",
    "facebook-group": "yes",
    "website": "yes",
    "instant-messaging": "no",
    "email": "conditional",
    "texting": "no",
    "phone-calls": "yes",
    "phone-sessions": "conditional",
    "voicemail": "yes",
    "crisis": "act-now",
    "policy-basis": "why",
}

#: Things the source policy never mentions; text saying them must be marked as guidance.
GUIDANCE_ONLY = re.compile(r"911|988|741741|request log|confirm (you|who|a couple)", re.I)


def _texts(book: PolicyBook, topic: Topic) -> list[tuple[str, bool]]:
    """Every piece of text staff see or say, with whether it is marked as guidance."""
    marked = [(book.render(s.text), s.guidance) for s in topic.scripts]
    marked += [(c.text, c.guidance) for c in topic.checklist]
    return [(text, flag or topic.guidance) for text, flag in marked]


def test_every_topic_present_in_order(book: PolicyBook) -> None:
    """The shipped book has every required row, in the agreed order; added rows come by `order`."""
    ids = [t.id for t in book.topics]
    assert [i for i in ids if i in TOPIC_IDS] == list(TOPIC_IDS)


def test_one_file_per_topic(bundled_dir: Path, book: PolicyBook) -> None:
    """Each topic sits in its own file named after its id, with comments for the editor."""
    files = sorted(p.stem for p in (bundled_dir / "topics").glob("*.yaml"))
    assert files == sorted(t.id for t in book.topics)
    for path in [bundled_dir / "practice.yaml", *(bundled_dir / "topics").glob("*.yaml")]:
        assert path.read_text(encoding="utf-8").startswith("#"), path


@pytest.mark.parametrize(("topic_id", "verdict"), sorted(SOURCE_VERDICTS.items()))
def test_verdicts_match_source(book: PolicyBook, topic_id: str, verdict: str) -> None:
    """Each channel's verdict is what the source policy says."""
    assert book.topic(topic_id).verdict == verdict


def test_conditions_say_who_decides(book: PolicyBook) -> None:
    """Email needs the counselor's permission; phone sessions need prior approval, from
    whoever gives it: the source does not say the counselor does."""
    email = book.topic("email").verdict_label
    sessions = book.topic("phone-sessions")
    assert email.startswith("Only if") and "counselor" in email
    assert sessions.verdict_label == "Only if approved in advance"
    spoken = " ".join([sessions.answer, *(s.text for s in sessions.scripts)])
    spoken += " ".join(c.text for c in sessions.checklist if not c.guidance)
    assert "counselor's approval" not in spoken and "counselor approves" not in spoken


def test_practice_details(book: PolicyBook) -> None:
    """Practice data matches the source policy."""
    practice = book.practice
    assert practice.name == "Caring Counseling"
    assert practice.office_phone == "(618) 997-2129"
    assert practice.website == "www.ccmrocks.com"
    assert practice.policy_title == "Social Media and Communication Policy"
    assert "Facebook group" in practice.facebook_group
    assert practice.policy_version and practice.effective_date
    # The source gives neither: they stay marked to be confirmed, never invented.
    assert practice.policy_version == practice.effective_date == "to be confirmed"
    assert practice.not_covered.startswith("Not in the communication policy")


def test_crisis_resources_are_guidance(book: PolicyBook) -> None:
    """911, 988 and the Crisis Text Line are listed and marked as guidance."""
    resources = book.practice.crisis_resources
    contacts = {r.contact for r in resources}
    assert {"911", "988", "741741"} <= contacts
    assert all(r.guidance for r in resources)
    assert any("HOME" in r.how for r in resources)


def test_every_script_renders_completely(book: PolicyBook) -> None:
    """No script leaves a brace or an empty gap after filling in practice data."""
    for topic in book.topics:
        for script in topic.scripts:
            text = book.render(script.text)
            assert "{" not in text and "}" not in text, (topic.id, script.label)
            assert text.strip() and script.label.strip()
            assert "  " not in text and " ," not in text, (topic.id, script.label)


def test_scripts_use_practice_placeholders_only(book: PolicyBook) -> None:
    """Scripts draw on practice data only, never on client data."""
    allowed = set(placeholder_choices())
    used: set[str] = set()
    for topic in book.topics:
        for script in topic.scripts:
            names = set(placeholder_names(script.text))
            assert names <= allowed, (topic.id, names - allowed)
            assert not any("client" in n or "caller" in n for n in names)
            used |= names
    assert {"office_phone", "website", "facebook_group"} <= used


def test_scripts_are_short_enough_to_say(book: PolicyBook) -> None:
    """A script is a few sentences a receptionist can read aloud, not a paragraph."""
    for topic in book.topics:
        for script in topic.scripts:
            assert len(book.render(script.text)) <= 360, (topic.id, script.label)


def test_crisis_topic(book: PolicyBook) -> None:
    """The crisis row names 911 and 988 and is marked as practice guidance throughout."""
    crisis = book.topic("crisis")
    assert crisis.guidance
    spoken = " ".join(book.render(s.text) for s in crisis.scripts)
    assert "911" in spoken and "988" in spoken and "741741" in spoken
    assert "911" in crisis.answer and "988" in crisis.answer
    assert "not a crisis line" in crisis.answer


def test_crisis_script_keeps_the_caller_on_the_line(book: PolicyBook) -> None:
    """The danger script says stay on the line while 911 is called, as the checklist does."""
    crisis = book.topic("crisis")
    first = book.render(crisis.scripts[0].text).lower()
    assert "stay on the line" in first and "911" in first
    assert "hang up" not in first
    assert "stay on the line" in crisis.checklist[1].text and "911" in crisis.checklist[1].text


def test_crisis_numbers_script_is_speech_not_a_list(book: PolicyBook) -> None:
    """Every crisis script reads as sentences to say, not a list of name: number (how)."""
    for script in book.topic("crisis").scripts:
        text = book.render(script.text)
        assert ";" not in text and "(" not in text, script.label
        assert text.endswith((".", "?")), script.label


def test_not_a_crisis_line_is_said_in_the_source_scripts(book: PolicyBook) -> None:
    """Source policy says the office line is not a crisis line: the untagged scripts that offer
    a call back say so; only the crisis numbers are guidance."""
    for topic_id in ("phone-calls", "voicemail"):
        first = book.topic(topic_id).scripts[0]
        assert not first.guidance, topic_id
        assert "isn't a crisis line" in book.render(first.text), topic_id


#: Words a front desk cannot stand behind: a time, a delivery, or a counselor's feelings.
PROMISES = re.compile(
    r"as soon as they can|get help to you|get it to you|would prefer|make sure your counselor",
    re.I,
)


def test_scripts_promise_nothing_the_desk_cannot_keep(book: PolicyBook) -> None:
    """No script promises a time, a delivery or a counselor's preference; call backs are at
    the counselor's earliest possible convenience, as the source says."""
    for topic in book.topics:
        for script in topic.scripts:
            assert not PROMISES.search(book.render(script.text)), (topic.id, script.label)
        assert not PROMISES.search(topic.answer), topic.id


def test_texting_and_messaging_are_practice_policy(book: PolicyBook) -> None:
    """The source makes texting and instant messaging the practice's policy, not a habit of
    the counselors."""
    for topic_id in ("texting", "instant-messaging"):
        topic = book.topic(topic_id)
        assert "practice" in topic.answer, topic_id
        assert "practice" in book.render(topic.scripts[0].text), topic_id


def test_social_media_no_carries_the_blurring_clause(book: PolicyBook) -> None:
    """The "no" covers current clients and any case a counselor believes would blur the
    relationship, so a former client's question does not read as a yes."""
    topic = book.topic("social-media")
    assert "blur" in topic.answer
    assert any("former client" in s.label.lower() for s in topic.scripts)
    assert any("blurred" in c.text for c in topic.checklist if not c.guidance)


def test_not_a_crisis_line_wherever_callers_leave_messages(book: PolicyBook) -> None:
    """Phone and voicemail rows remind staff the office line is not a crisis line."""
    for topic_id in ("phone-calls", "voicemail"):
        topic = book.topic(topic_id)
        assert any("not a crisis line" in c.text for c in topic.checklist), topic_id


def test_things_the_source_never_says_are_marked_guidance(book: PolicyBook) -> None:
    """Crisis numbers, identity checks and the request log are marked as guidance."""
    for topic in book.topics:
        for text, guidance in _texts(book, topic):
            if GUIDANCE_ONLY.search(text):
                assert guidance, (topic.id, text)


def test_email_topic_carries_the_request_workflow(book: PolicyBook) -> None:
    """Email says: log the request, get approval, confirm identity; all as guidance."""
    email = book.topic("email")
    guidance = " ".join(c.text for c in email.checklist if c.guidance)
    assert "request log" in guidance and "approval" in guidance and "confirm" in guidance
    source_items = [c.text for c in email.checklist if not c.guidance]
    assert any("permission" in text for text in source_items)


def test_voicemail_keeps_confidentiality_caveat(book: PolicyBook) -> None:
    """Voicemail is a yes, with the limits of confidentiality and no crisis use."""
    voicemail = book.topic("voicemail")
    assert "confidential" in voicemail.answer and "crisis" in voicemail.answer
    assert any("limits of confidentiality" in book.render(s.text) for s in voicemail.scripts)


def test_rationale_cites_the_codes_where_the_source_does(book: PolicyBook) -> None:
    """Friending and the policy basis cite the ACA and NASW codes."""
    for topic_id in ("social-media", "policy-basis"):
        rationale = book.topic(topic_id).rationale
        assert "ACA" in rationale and "NASW" in rationale


def test_source_sections_are_real_headings(book: PolicyBook) -> None:
    """Each row points at a heading that exists in the source policy."""
    for topic in book.topics:
        assert topic.source_section in SOURCE_SECTIONS, topic.id


def test_answers_are_one_short_line(book: PolicyBook) -> None:
    """The one-line answer fits the checklist row."""
    for topic in book.topics:
        assert "\n" not in topic.answer and len(topic.answer) <= 140, topic.id
        assert topic.title and len(topic.title) <= 50, topic.id


def test_callers_words_are_covered(book: PolicyBook) -> None:
    """Each topic has caller phrasings and keywords, including the slang callers use."""
    for topic in book.topics:
        assert len(topic.phrasings) >= 6, topic.id
        assert len(topic.keywords) >= 6, topic.id
    keywords = {k.lower() for t in book.topics for k in t.keywords}
    slang = {"fb", "insta", "ig", "dm", "txt", "zoom", "telehealth", "facetime", "snapchat"}
    assert slang <= keywords
    assert {"whatsapp", "linkedin", "twitter", "groupme", "counsler", "therapist"} <= keywords


def test_related_topics_are_other_topics(book: PolicyBook) -> None:
    """Every related id is a different, existing topic."""
    for topic in book.topics:
        assert topic.related, topic.id
        for other in topic.related:
            assert other != topic.id and book.has_topic(other)


def test_every_topic_has_what_staff_need(book: PolicyBook) -> None:
    """Each row has at least one script, one checklist step and a rationale."""
    for topic in book.topics:
        assert topic.scripts and topic.checklist and topic.rationale, topic.id
