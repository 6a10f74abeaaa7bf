"""A second reader learned from labelled caller questions: how likely a question is to be of
one kind (a caller in danger, a subject the policy is silent on), from its words and pairs of
words.

The rules elsewhere in `desk.core` read the phrasings they list. Callers find new ones every
day, and a reader that has weighed thousands of labelled questions catches many of them: each
word stem and each pair of neighbouring stems carries a weight, learned by logistic regression
(`train`), and a question's probability is the logistic of their sum. The weights are data, a
text file made by `python -m desk.tools.learn` from the evaluation questions and read on first
use. Pure Python: nothing to install, and `train` gives the same weights on every run.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise
from pathlib import Path

from desk.core.language.text import normalize, stem
from desk.core.language.words import STOPWORDS

#: The file's first line; a file without it is not read.
HEADER = "# desk learned weights 1"
#: Weights smaller than this are left out of the file: they change no decision.
_SMALLEST = 0.01
#: Questions shorter than this are left to the rules: a word or two is no evidence.
MIN_WORDS = 4
#: The comment line that names the topics the examples were answered by.
_TOPICS = "# topics "


def features(words: Sequence[str]) -> list[tuple[str, int, int]]:
    """Each feature of a question's words with the word span it covers: every stem, and
    every pair of neighbouring stems ("take" "pill" -> "take pill"). Blank words ("", set
    aside by the caller) are neither, and no pair reaches across them."""
    stems = [stem(w) if w else "" for w in words]
    out = [(s, i, i + 1) for i, s in enumerate(stems) if s]
    out.extend((f"{a} {b}", i, i + 2) for i, (a, b) in enumerate(pairwise(stems)) if a and b)
    return out


def enough(words: Sequence[str]) -> bool:
    """Whether a question has words enough for a reader to judge: "calm" alone does not."""
    return sum(1 for w in words if w) >= MIN_WORDS


class Reader:
    """Weights for one kind of question. A plain class: it loads on every `desk ask`."""

    __slots__ = ("bias", "topics", "weights")

    def __init__(
        self, bias: float, weights: dict[str, float], topics: frozenset[str] = frozenset()
    ) -> None:
        self.bias = bias
        self.weights = weights
        #: The policy topics the examples were answered by, when that matters to the kind.
        self.topics = topics

    def probability(self, words: Sequence[str]) -> float:
        """How likely the question is of the kind, in [0, 1]; each feature counts once."""
        weights = self.weights
        seen = {name for name, _, _ in features(words)}
        return _logistic(self.bias + sum(weights.get(name, 0.0) for name in seen))

    def strongest(self, words: Sequence[str], *, most: int = 3) -> list[tuple[int, int]]:
        """Where the words that weigh most towards the kind are, in reading order, for a short
        quote: at most `most` features that do not overlap, each with a word that says
        something (not "the", "to"); [] if none weighs towards the kind."""
        weights = self.weights
        found = sorted(
            ((weights.get(name, 0.0), start, end) for name, start, end in features(words)),
            reverse=True,
        )
        spans: list[tuple[int, int]] = []
        for weight, start, end in found:
            if weight <= 0 or len(spans) == most:
                break
            if all(w in STOPWORDS for w in words[start:end]):
                continue
            if all(end <= s or start >= e for s, e in spans):
                spans.append(_trimmed(words, start, end))
        return sorted(spans)


#: Words kept at the start of a quote though they say little alone ("not answering").
_KEEP_FIRST = frozenset(("not", "no", "never"))


def _trimmed(words: Sequence[str], start: int, end: int) -> tuple[int, int]:
    """The span without little words at its ends ("husband has" -> "husband")."""
    while end - start > 1 and words[end - 1] in STOPWORDS:
        end -= 1
    while end - start > 1 and words[start] in STOPWORDS and words[start] not in _KEEP_FIRST:
        start += 1
    return start, end


def _logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def read(path: Path) -> Reader | None:
    """The weights in `path`; None when the file is missing or not a weights file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    head, found, body = text.partition("\nbias\t")
    if not text.startswith(HEADER + "\n") or not found:
        return None
    topics: frozenset[str] = frozenset()
    for line in head.splitlines():
        if line.startswith(_TOPICS):
            topics = frozenset(line.removeprefix(_TOPICS).split())
    # "bias<TAB>w<NL>feature<TAB>w<NL>...": one split, pairs taken in turn (this is read on
    # every `desk ask`).
    parts = body.rstrip("\n").replace("\n", "\t").split("\t")
    if len(parts) % 2 != 1:
        return None
    try:
        return Reader(
            float(parts[0]), dict(zip(parts[1::2], map(float, parts[2::2]), strict=True)), topics
        )
    except ValueError:
        return None


def dump(reader: Reader, *, about: str) -> str:
    """The file text for `reader`: the header, a comment saying what it learned from, the
    topics, the bias, then one `feature<TAB>weight` line each, sorted, weights to four places."""
    lines = [HEADER, f"# {about}"]
    if reader.topics:
        lines.append(_TOPICS + " ".join(sorted(reader.topics)))
    lines.append(f"bias\t{reader.bias:.4f}")
    lines.extend(
        f"{name}\t{weight:.4f}"
        for name, weight in sorted(reader.weights.items())
        if abs(weight) >= _SMALLEST
    )
    return "\n".join(lines) + "\n"


def train(
    examples: Iterable[tuple[str, bool]],
    *,
    epochs: int = 12,
    rate: float = 0.3,
    decay: float = 1e-4,
    seed: int = 7,
    seen: int = 2,
    prepare: Callable[[list[str]], list[str]] = list,
) -> Reader:
    """Logistic regression over `features`, by AdaGrad, from (question, is of the kind)
    pairs. Only features found in at least `seen` questions are learned: one question's odd
    pair teaches nothing about the next. `prepare` turns a question's normalized words into
    those the reader reads, as it will at work (blanking figures of speech). The order is
    shuffled with `seed`, so the same examples give the same weights."""
    named = [({name for name, _, _ in features(prepare(normalize(q)))}, y) for q, y in examples]
    counts = Counter(name for names, _ in named for name in names)
    rows = [({n for n in names if counts[n] >= seen}, 1.0 if y else 0.0) for names, y in named]
    weights: dict[str, float] = {}
    squares: dict[str, float] = {}
    bias, bias_square = 0.0, 1e-8
    order = list(range(len(rows)))
    shuffle = random.Random(seed).shuffle
    for _ in range(epochs):
        shuffle(order)
        for i in order:
            names, label = rows[i]
            error = _logistic(bias + sum(weights.get(n, 0.0) for n in names)) - label
            for name in names:
                grad = error + decay * weights.get(name, 0.0)
                squares[name] = squares.get(name, 1e-8) + grad * grad
                weights[name] = weights.get(name, 0.0) - rate * grad / math.sqrt(squares[name])
            bias_square += error * error
            bias -= rate * error / math.sqrt(bias_square)
    return Reader(bias, weights)
