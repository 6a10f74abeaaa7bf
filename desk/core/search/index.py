"""Building the search index: weighted postings for words and word pairs, and a typo finder.

Scoring is BM25-like over weighted fields. A word's weight in a topic saturates (a keyword
repeated in five phrasings is not five times as strong), and document frequency is weighted
by field, so a word a topic only mentions in passing barely lowers its weight for the topic
whose keywords carry it.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from typing import TypeVar

from desk.core.language.text import edit_distance_within, trigrams, typo_limit
from desk.core.policy.book import Topic

#: How much a word counts in each field of a topic. Keywords and titles are written to be
#: searched; script labels and the rationale mention other channels in passing. A word that
#: is only part of a longer keyword ("running late", "over the phone") is worth less alone than
#: a keyword of its own: the situation a caller mentions in passing should not outweigh the
#: channel they ask about, and the pair still carries the phrase.
FIELD_WEIGHTS: dict[str, float] = {
    "title": 3.0,
    "keywords": 3.0,
    "keyword_phrases": 1.2,
    "phrasings": 2.0,
    "answer": 0.8,
    "condition": 1.0,
    "source": 0.5,
    "scripts": 0.5,
    "rationale": 0.3,
}
#: Fields where a word counts once however often it appears, by the group it counts in: a
#: keyword list that says "facebook", "facebook group" and "fb group" is not three times as
#: much about Facebook.
PRESENCE_GROUPS: dict[str, str] = {
    "title": "title",
    "keywords": "keywords",
    "keyword_phrases": "keywords",
}
#: Fields whose word pairs earn the phrase bonus ("leave a message", "friend request"), and
#: how much a pair from each counts.
PAIR_WEIGHTS: dict[str, float] = {
    "title": 3.0,
    "keywords": 3.0,
    "keyword_phrases": 3.0,
    "phrasings": 2.0,
}
PHRASE_FIELDS = tuple(PAIR_WEIGHTS)
#: Words at most this far apart (stopwords aside) make a pair.
PAIR_SPAN = 2

_MAX_WEIGHT = max(FIELD_WEIGHTS.values())
_K1 = 5.0
_IDF_POWER = 0.75
_DF_POWER = 2.0
_PHRASE_WEIGHT = 0.7
_TYPO_CANDIDATES = 48

K = TypeVar("K", str, tuple[str, str])
Postings = dict[K, dict[int, float]]
Fields = dict[str, list[list[str]]]


def topic_fields(topic: Topic) -> dict[str, list[str]]:
    """The searchable text of a topic, as entries per field.

    Script texts and checklist steps are left out: they name other channels in passing ("call
    us and leave a message") and would blur every topic into every other.
    """
    return {
        "title": [topic.title],
        "keywords": list(topic.keywords),
        "phrasings": list(topic.phrasings),
        "answer": [topic.answer],
        "condition": [topic.condition or ""],
        "source": [topic.source_section],
        "scripts": [s.label for s in topic.scripts],
        "rationale": [topic.rationale],
    }


def build_postings(docs: list[Fields]) -> tuple[Postings[str], dict[str, float]]:
    """Term -> {topic index: contribution}, and each term's highest contribution.

    Args:
        docs: per topic, per field, the entries as lists of stemmed content words.
    """
    weighted_tf: dict[str, dict[int, float]] = {}
    soft_df: dict[str, float] = {}
    for doc, fields in enumerate(docs):
        tf: dict[str, float] = {}
        strongest: dict[str, float] = {}
        present: dict[str, dict[str, float]] = {}
        for field, entries in fields.items():
            weight = FIELD_WEIGHTS[field]
            group = PRESENCE_GROUPS.get(field)
            if group is not None:
                once = present.setdefault(group, {})
                for term in {t for entry in entries for t in entry}:
                    once[term] = max(once.get(term, 0.0), weight)
                continue
            for term, n in Counter(t for entry in entries for t in entry).items():
                tf[term] = tf.get(term, 0.0) + (weight if n == 1 else weight * (1.0 + math.log(n)))
                strongest[term] = max(strongest.get(term, 0.0), weight)
        for once in present.values():
            for term, weight in once.items():
                tf[term] = tf.get(term, 0.0) + weight
                strongest[term] = max(strongest.get(term, 0.0), weight)
        for term, value in tf.items():
            weighted_tf.setdefault(term, {})[doc] = value
            soft_df[term] = soft_df.get(term, 0.0) + _presence(strongest[term])
    return _finish(weighted_tf, soft_df, len(docs), 1.0)


def build_pair_postings(
    docs: list[Fields],
) -> tuple[Postings[tuple[str, str]], dict[tuple[str, str], float]]:
    """Pairs of words that sit close together in titles, keywords and phrasings."""
    weighted_tf: dict[tuple[str, str], dict[int, float]] = {}
    soft_df: dict[tuple[str, str], float] = {}
    for doc, fields in enumerate(docs):
        best: dict[tuple[str, str], float] = {}
        for field in PHRASE_FIELDS:
            weight = PAIR_WEIGHTS[field]
            for entry in fields.get(field, ()):
                for i, a in enumerate(entry):
                    for b in entry[i + 1 : i + 1 + PAIR_SPAN]:
                        if a != b and weight > best.get((a, b), 0.0):
                            best[(a, b)] = weight
        for pair, weight in best.items():
            weighted_tf.setdefault(pair, {})[doc] = weight
            soft_df[pair] = soft_df.get(pair, 0.0) + _presence(weight)
    return _finish(weighted_tf, soft_df, len(docs), _PHRASE_WEIGHT)


def _finish(
    weighted_tf: dict[K, dict[int, float]], soft_df: dict[K, float], n: int, scale: float
) -> tuple[Postings[K], dict[K, float]]:
    postings: dict[K, dict[int, float]] = {}
    maxima: dict[K, float] = {}
    for key, per_doc in weighted_tf.items():
        idf = _idf(soft_df[key], n) * scale
        if idf <= 0.0:
            continue
        # BM25 saturation: tf * (k1 + 1) / (k1 + tf), scaled by idf.
        top = idf * (_K1 + 1.0)
        postings[key] = {doc: top * tf / (_K1 + tf) for doc, tf in per_doc.items()}
        maxima[key] = max(postings[key].values())
    return postings, maxima


def _presence(weight: float) -> float:
    """How much one topic adds to a word's document frequency, by its strongest field."""
    return float((weight / _MAX_WEIGHT) ** _DF_POWER)


def _idf(df: float, n: int) -> float:
    return float(math.log(1.0 + (n - df + 0.5) / (df + 0.5)) ** _IDF_POWER)


class TypoFinder:
    """Finds vocabulary words a few edits from a misspelled one, through a trigram index.

    The trigram filter keeps a lookup to a few dozen edit-distance checks however large the
    policy, so typo tolerance stays fast on a 10,000-topic book.
    """

    def __init__(self, vocabulary: set[str]) -> None:
        self._terms = sorted(t for t in vocabulary if len(t) >= 4 and t.isalpha())
        self._grams: dict[str, list[int]] = {}
        for i, term in enumerate(self._terms):
            for gram in trigrams(term):
                self._grams.setdefault(gram, []).append(i)

    def matches(self, word: str) -> list[tuple[str, int]]:
        """The closest vocabulary words within the typo limit for this length, with distance."""
        limit = typo_limit(word)
        if limit == 0:
            return []
        grams = trigrams(word)
        shared: dict[int, int] = {}
        for gram in grams:
            for i in self._grams.get(gram, ()):
                shared[i] = shared.get(i, 0) + 1
        need = max(1, len(grams) - 3 * limit - 1)
        candidates = heapq.nlargest(
            _TYPO_CANDIDATES, (i for i, n in shared.items() if n >= need), key=shared.__getitem__
        )
        found: list[tuple[str, int]] = []
        best = limit
        for i in candidates:
            term = self._terms[i]
            if term[0] != word[0] and term[:2] != word[1::-1]:
                # Callers rarely get the first letter wrong; "next" is not a typo of "text".
                continue
            distance = edit_distance_within(word, term, best)
            if distance is None:
                continue
            if distance < best:
                found, best = [], distance
            found.append((term, distance))
        return found
