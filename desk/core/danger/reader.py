"""The second reader for danger: weights learned from thousands of labelled caller questions
(`desk.core.language.learned`), read beside the rules.

The rules (`detect`, `weigh`) say why in words staff know; they miss phrasings no list has
seen, and now and then take a figure of speech for a sign. The learned reader has seen how
callers in danger speak and how everyone else does. Together:

- a question of some length (`ALONE_WORDS`) that the reader finds likely enough (`FIRST`) is
  danger even when no rule fired, and the strip quotes the words that weighed most;
- one of that length it finds unlikely (below `CALM`) sets aside what a rule read from a
  situation or weak signs ("a surprise party... it's a secret"), never the caller's own words
  of dying or harm (`detect.ALWAYS`): the reader has learned that a request for an email or a
  text is ordinary, and reads "my son cut himself again, can I email his counselor the photos"
  as all but safe, so it must never overrule those;
- in between (`VIEW`), the crisis row stays among the first three, not first.

The weights are `learned.tsv` beside this module, made by `make learned`; without the file
the rules work alone.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from desk.core.danger.cues import CLOSE, FAINT, NEAR_DANGER
from desk.core.danger.detect import ALWAYS, Danger, detect, mask_figures
from desk.core.danger.signs import NEGATABLE, NEGATIONS
from desk.core.danger.weigh import mask_benign
from desk.core.language.learned import Reader, enough, read
from desk.core.language.text import normalize, stem

_FILE = Path(__file__).with_name("learned.tsv")
#: At or above this likelihood the crisis row leads, with the DANGER strip.
FIRST = 0.9
#: The reader raises or sets aside the alarm on its own only for a question this long: what it
#: catches that the rules miss is danger told inside a long story ("calling re the copay... his
#: truck is outside"); a short question ("my feelings got hurt when she didn't call back") gives
#: it too little to go on, and the rules judge it.
ALONE_WORDS = 12
#: At or above this the crisis row is kept among the first three.
VIEW = 0.1
#: Below this, a sign read from a situation or from weak signs is set aside.
CALM = 0.01
#: At or above this, a calm question shows the crisis row even when nothing else matched.
_ALONE = 0.5
#: Words quoted when no word stands out.
_QUOTE = 8
#: The sign staff read when only the learned reader found danger.
SIGN = "words like those of callers in danger"


@cache
def _reader() -> Reader | None:
    return read(_FILE)


def read_words(words: list[str]) -> list[str]:
    """The normalized words as the reader reads them, in learning and at work: figures of
    speech ("this billing is killing me", "hurt her feelings") and ruled-out danger words
    ("not suicidal") blanked, as the rules set them aside."""
    words = list(words)
    stems = [stem(w) for w in words]
    mask_figures(words, stems)
    mask_benign(words)
    for i, word in enumerate(words):
        if word in NEGATABLE and not NEGATIONS.isdisjoint(words[max(0, i - 3) : i]):
            words[i] = ""
    return words


def likelihood(words: list[str]) -> float | None:
    """How likely the normalized words are a caller in danger; None without the weights or
    with too few words to judge (the rules judge those alone)."""
    reader = _reader()
    read = read_words(words)
    return reader.probability(read) if reader is not None and enough(read) else None


def reconsider(danger: Danger | None, words: list[str], likely: float | None) -> Danger | None:
    """The rules' finding after the learned reader's: raised, kept or set aside."""
    if likely is None:
        return danger
    if danger is None:
        if likely < FIRST or len(words) < ALONE_WORDS:
            return None
        reader = _reader()
        spans = reader.strongest(read_words(words)) if reader is not None else []
        quote = " \u2026 ".join(" ".join(words[start:end]) for start, end in spans)
        return Danger(quote or " ".join(words[:_QUOTE]), SIGN)
    if likely < CALM and danger.sign not in ALWAYS and len(words) >= ALONE_WORDS:
        return None
    return danger


def nearer(near: int, likely: float | None, words: list[str]) -> int:
    """How near danger a calm question comes (`cues.nearness`), once the reader has read it:
    likely enough keeps the crisis row in view, even when it is the only row that matched ("an
    adult from fortnite keeps asking my son for pics"; "Merry Christmas to all you girls at the
    desk!" gets it too: a needless row costs a glance, a missing one can cost a life); in a
    question long enough to judge, likelier still shows it when nothing matched at all, and
    unlikely, weak signs alone do not lead."""
    if likely is None:
        return near
    judged = len(words) >= ALONE_WORDS
    if likely >= _ALONE and judged:
        return CLOSE
    if likely >= VIEW:
        return max(near, NEAR_DANGER)
    return min(near, FAINT) if likely < CALM and judged else near


def judge(query: str) -> tuple[Danger | None, float | None]:
    """Desk's finding on a caller's words: the rules' (`detect`) after the learned reader's,
    and how likely the reader found danger (None when it did not judge)."""
    words = normalize(query)
    likely = likelihood(words)
    return reconsider(detect(query), words, likely), likely


def is_crisis(query: str) -> bool:
    """True when Desk finds any sign of danger to the caller or to someone else."""
    return judge(query)[0] is not None
