"""Whether a caller's question is one the communication policy answers at all.

Front desks hear many questions a communication policy is silent on: cancelling or moving an
appointment, bills and insurance, records, parking, new clients. Such a question often shares
a word with a topic ("cancel my *appointment*" and sessions by phone), and ranking alone would
show that topic as if it were the answer. A question is *not covered* when it is about one of
these subjects and names no way of getting in touch that a topic answers ("can I text her to
cancel?" is a texting question), or when it matches only weakly. The subjects are words no
topic uses: a practice whose policy covers billing answers billing questions as usual.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from desk.core.language.learned import Reader, enough, read
from desk.core.language.text import stem
from desk.core.language.words import word_list

#: Subjects of front-desk calls that a communication policy does not answer.
OFF_POLICY = word_list("""
    cancel cancels canceled cancelled canceling cancelling cancellation reschedule
    rescheduling resched rebook book booking schedule scheduling opening openings availability
    bill bills billing billed charge charged charges copay copays deductible insurance insured
    fee fees cost costs price prices pay paying payment payments balance receipt receipts
    superbill refund invoice hsa fsa medicaid medicare aetna cigna humana tricare bcbs waive
    record records chart diagnosis letter disability fmla
    medication medications prescribe prescription refill psychiatrist
    park parking directions street building wheelchair accessible elevator
    new accepting waitlist waiting referral refer intake couples marriage family ages age
    switch different late dog pet move moving earlier evening evenings weekend weekends push
    bus male female adhd autism bring
    specialize specializes specialise specialises specializing specialty specialties
    specialist specialists grief hours open saturday saturdays sunday sundays holiday holidays
    located location uber lyft taxi afford sliding cxl retirement retiring party
    slot slots notice certificate certificates voucher vouchers gift sell sells buy workbook
    closed christmas thanksgiving easter cross shield anthem kaiser optum magellan
    pause form forms paperwork sign ramp walker teens teen teenagers adolescents play
""")
#: Words that name a way of getting in touch, or the policy itself: with one of these the
#: question is about the channel or the rule, whatever the subject ("can I email her my
#: insurance card?", "why does the policy say no contact on weekends?").
CHANNELS = word_list("""
    text texting texted txt sms email emailing emailed mail facebook fb instagram insta ig
    twitter tiktok linkedin snapchat snap social friend follow message messages messaging
    messenger dm dms chat chatting whatsapp voicemail voice website site zoom
    video telehealth facetime virtual group vm online callback
    policy policies rule rules law laws legal boundaries hipaa
""")

#: Subjects about money: the phone is only how the caller would pay ("pay over the phone").
MONEY = frozenset(
    word_list("""
    bill bills billing billed charge charged charges copay copays deductible insurance fee fees
    cost costs price prices pay paying payment payments balance receipt receipts refund invoice
""")
)
#: The phone names a channel only when the subject is not money.
_PHONE = frozenset(word_list("phone call calls calling telephone ring"))
#: Words whose stem is a subject, though they are not ("lately" is not "late").
_NOT_SUBJECTS = frozenset(("lately",))
_OFF_STEMS = frozenset(stem(w) for w in OFF_POLICY) | frozenset(OFF_POLICY)
_CHANNEL_STEMS = frozenset(stem(w) for w in CHANNELS) | frozenset(CHANNELS)
#: Below this share of the question explained by the best topic, the match is a "maybe".
WEAK_SCORE = 0.2


def off_policy_subject(words: list[str], known: frozenset[str] | set[str]) -> str | None:
    """The first word naming a subject the policy is silent on, unless a channel is named.

    `known` holds the policy's one-word keywords and its titles' words: a subject a topic
    names is covered, and so is a question naming a channel a topic names. Words are compared
    as written (singular or plural): "recording" in a topic does not cover "records".
    """
    subject = None
    phoned = False
    for word in words:
        s = stem(word)
        named = word in known or (len(word) > 3 and word.removesuffix("s") in known)
        if (word in _CHANNEL_STEMS or s in _CHANNEL_STEMS) and named:
            return None
        if (word in _PHONE or s in _PHONE) and named and (subject is None or subject not in MONEY):
            # "switch to a phone session" asks about the phone; "pay over the phone" does not.
            phoned = True
        off = word in _OFF_STEMS or (s in _OFF_STEMS and word not in _NOT_SUBJECTS)
        if subject is None and off and not named:
            subject = word
    if phoned and subject not in MONEY:
        return None
    return subject


_LEARNED = Path(__file__).with_name("learned.tsv")
#: At or above this likelihood of being out of scope, a matched question is a "maybe".
LIKELY_OUT = 0.5


@cache
def _reader() -> Reader | None:
    return read(_LEARNED)


def learned_out_of_scope(words: list[str], best: str) -> bool:
    """Whether the learned reader (`learned.tsv`, made by `make learned` from the evaluation
    questions) finds the question one the policy is silent on ("how much is a session for a
    student?", "is there a lift in your building?") though `best`, its best topic, matched.

    It judges only questions whose best topic it learned from: a practice whose policy adds a
    billing topic answers billing questions with it, and the reader keeps out of the way.
    """
    reader = _reader()
    if reader is None or best not in reader.topics or not enough(words):
        return False
    return reader.probability(words) >= LIKELY_OUT
