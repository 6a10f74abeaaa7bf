"""Ranking policy topics for a caller's question, as typed by staff mid-call.

The index is built once per policy book and answers in well under a millisecond, so the window
can search on every keystroke. Question words are matched by stem, slang and typo to the
policy's own words, after setting aside the practice's own name and idioms ("sick of phone
tag"); topics are scored BM25-like over weighted fields with a bonus for word pairs ("leave a
message"); see `desk.core.search.index`. Danger is its own signal (`desk.core.danger`): when
the question shows a sign of it, the crisis topic comes first whatever else matched, and the
answer says why. A question the policy is silent on is marked not covered
(`desk.core.search.scope`), so its weak matches read as "maybe", not as the answer.
"""

from __future__ import annotations

import heapq
from operator import itemgetter

from desk.core.danger import reader
from desk.core.danger.cues import CLOSE, NEAR_DANGER, nearness
from desk.core.danger.detect import Danger, detect
from desk.core.danger.reader import is_crisis, judge
from desk.core.danger.weigh import WORDS as DANGER_WORDS
from desk.core.language.common import common_words
from desk.core.language.text import drop_idioms, merge_compounds, normalize, stem
from desk.core.language.words import (
    GENERIC_WEIGHT,
    GENERIC_WORDS,
    REASON_TERMS,
    SELF_WORDS,
    STOPWORDS,
    SYNONYMS,
    WEAK_WEIGHT,
    WEAK_WORDS,
)
from desk.core.policy.book import PolicyBook
from desk.core.search.answer import (
    CRISIS_TOPIC,
    Answer,
    Hit,
    asked_from,
    asks_about_the_line,
    crisis_in_view,
    crisis_second,
    not_wanted,
    question_end,
    told_from,
)
from desk.core.search.index import (
    PAIR_SPAN,
    PHRASE_FIELDS,
    TypoFinder,
    build_pair_postings,
    build_postings,
    topic_fields,
)
from desk.core.search.scope import WEAK_SCORE, learned_out_of_scope, off_policy_subject

__all__ = ["CRISIS_TOPIC", "Answer", "Danger", "Hit", "SearchIndex", "detect", "is_crisis"]


#: Trust in a typo reading by edit distance; 0 is a misspelt form of a known word ("phonee").
_TYPO_WEIGHT = {0: 0.8, 1: 0.8, 2: 0.55}
_STEM_CACHE_LIMIT = 200_000
_WORD_CACHE_LIMIT = 4_096

_Resolved = tuple[tuple[str, float], ...]
#: One question word (or pair) as scored: its ceiling, postings size, and topic -> value.
_Group = tuple[float, int, dict[int, float]]
_value = itemgetter(1)
#: How much the crisis topic's score counts when the question shows no sign of danger.
_CALM_CRISIS_WEIGHT = 0.4
#: How much the story before a caller's question counts against the question itself.
_STORY_WEIGHT = 0.5


def _by_score(hit: Hit) -> float:
    return -hit.score


class SearchIndex:
    """An inverted index over one policy book; build once, search on every keystroke."""

    def __init__(self, book: PolicyBook) -> None:
        self._ids = tuple(t.id for t in book.topics)
        self._crisis = self._ids.index(CRISIS_TOPIC) if CRISIS_TOPIC in self._ids else None
        self._stems: dict[str, str] = {}
        words = [
            {f: [normalize(e) for e in entries] for f, entries in topic_fields(t).items()}
            for t in book.topics
        ]
        self._known = {w for doc in words for entries in doc.values() for e in entries for w in e}
        self._known |= set(SYNONYMS)
        for doc in words:
            # A keyword of several words counts as a phrase ("over the phone"), not as words.
            entries = doc.pop("keywords")
            alone = [len(e) == 1 or len(merge_compounds(e, self._known)) == 1 for e in entries]
            doc["keywords"] = [e for e, one in zip(entries, alone, strict=True) if one]
            doc["keyword_phrases"] = [e for e, one in zip(entries, alone, strict=True) if not one]
        content = [
            {f: [self._content(e) for e in entries] for f, entries in doc.items()} for doc in words
        ]
        self._postings, self._term_max = build_postings(content)
        self._pairs, self._pair_max = build_pair_postings(
            [{f: doc[f] for f in PHRASE_FIELDS} for doc in content]
        )
        self._synonyms = self._build_synonyms()
        self._typos: TypoFinder | None = None
        self._name = tuple(normalize(book.practice.name))
        # Subject words a topic answers: its one-word keywords and its title's words.
        self._subjects = frozenset(
            w
            for t in book.topics
            for text in (*t.keywords, t.title)
            for w in normalize(text)
            if len(normalize(text)) == 1 or text == t.title
        )
        self._cache: dict[str, _Word] = {}

    def _stem(self, word: str) -> str:
        found = self._stems.get(word)
        if found is None:
            if len(self._stems) >= _STEM_CACHE_LIMIT:
                self._stems.clear()
            found = self._stems[word] = stem(word)
        return found

    def _content(self, words: list[str]) -> list[str]:
        merged = merge_compounds(words, self._known)
        return [self._stem(w) for w in merged if w not in STOPWORDS]

    def _build_synonyms(self) -> dict[str, tuple[str, ...]]:
        """Slang keys (and their stems) to the index terms they stand for."""
        table: dict[str, tuple[str, ...]] = {}
        for key, phrase in SYNONYMS.items():
            targets = tuple(
                t
                for t in (stem(w) for w in normalize(phrase) if w not in STOPWORDS)
                if t in self._postings
            )
            if targets:
                table[key] = targets
                table.setdefault(stem(key), targets)
        return table

    def search(self, query: str, *, top: int | None = None) -> list[Hit]:
        """Topics for a caller's question, best first; [] for a blank question.

        Args:
            query: the caller's words as typed, typos and slang included.
            top: at most this many hits (None: every topic that matched).
        """
        return list(self.answer(query, top=top).hits)

    def answer(self, query: str, *, top: int | None = None) -> Answer:
        """The ranked topics for a question, whether it suggests danger, and whether a topic
        answers it. A blank question has no hits, no danger, and counts as covered.
        """
        if top is not None and top <= 0:
            return Answer((), None, True)
        words = normalize(query)
        if not words:
            return Answer((), None, True)
        said = words
        plain = self._without_name(words)
        words = merge_compounds(drop_idioms(plain), self._known)
        mark = question_end(query)
        told = len(words)
        if mark >= 0:
            asked = merge_compounds(
                drop_idioms(self._without_name(normalize(query[:mark]))), self._known
            )
            told = told_from(len(asked), len(words))
        danger, likely = judge(query)
        hits: list[Hit]
        if self._crisis is None:
            hits = [Hit(self._ids[doc], score) for doc, score in self._rank(words, top, told)]
        elif danger is None and not asks_about_the_line(plain):
            hits = self._calm(self._rank(words, None if top is None else top + 1, told), top)
            near = reader.nearer(nearness(query), likely, said)
            if hits and hits[0].topic_id == CRISIS_TOPIC and near < NEAR_DANGER:
                # Only the crisis topic matched, on words with no sign of danger ("we fight
                # like cats and dogs", "scared stiff about an interview"): it is no answer,
                # and leading would be a false alarm.
                hits = hits[1:]
            if near:
                hits = crisis_in_view(hits, top, alone=near >= CLOSE)
        elif danger is None:
            # "Is this a crisis line?" asks about the line: the crisis topic answers it.
            hits = [Hit(self._ids[doc], score) for doc, score in self._rank(words, top, told)]
        else:
            ranked = self._rank(words, top, told)
            others = [Hit(self._ids[doc], score) for doc, score in ranked if doc != self._crisis]
            hits = [Hit(CRISIS_TOPIC, 1.0), *others]
            if top is not None:
                hits = hits[:top]
        if danger is not None:
            return Answer(tuple(hits), danger, True)
        subject = None if asks_about_the_line(plain) else off_policy_subject(plain, self._subjects)
        calm = [h for h in hits if h.topic_id != CRISIS_TOPIC or h.score >= WEAK_SCORE]
        covered = subject is None and bool(calm) and calm[0].score >= WEAK_SCORE
        covered = covered and not learned_out_of_scope(said, calm[0].topic_id)
        return Answer(tuple(hits), None, covered, subject)

    def _without_name(self, words: list[str]) -> list[str]:
        """The words without the practice's own name: "Caring Counseling" is not a topic."""
        name = self._name
        n = len(name)
        if n < 2 or name[0] not in words:
            return words
        out: list[str] = []
        i = 0
        while i < len(words):
            if tuple(words[i : i + n]) == name:
                i += n
            else:
                out.append(words[i])
                i += 1
        return out

    def _calm(self, ranked: list[tuple[int, float]], top: int | None) -> list[Hit]:
        """Hits for a question with no sign of danger: the crisis topic counts for less.

        Its words are danger words, so when `is_crisis` finds none of them meant ("hurt her
        feelings"), it still competes (for "what if it's urgent") but rarely
        comes first; when it would, it goes second, so the crisis topic leads only for danger
        or a question about the crisis line. `ranked` holds one topic more than `top`, so the
        demotion stays exact.
        """
        hits = [
            Hit(self._ids[doc], score * _CALM_CRISIS_WEIGHT if doc == self._crisis else score)
            for doc, score in ranked
        ]
        hits.sort(key=_by_score)
        hits = crisis_second(hits)
        return hits if top is None else hits[:top]

    def _rank(
        self, words: list[str], limit: int | None, told: int | None = None
    ) -> list[tuple[int, float]]:
        """The best `limit` topics as (index, score), score normalised by the reachable best.

        Words that can add the most go first. Once a topic not yet seen could not reach the
        current `limit`-th best even with every remaining word, the remaining (often common,
        long) postings only update topics already seen, and hopeless topics drop out: exact,
        and fast on a large policy.
        """
        groups = self._groups(words, len(words) if told is None else told)
        if not groups:
            return []
        groups.sort(key=lambda g: -g[0])
        ideal = sum(g[0] for g in groups)
        remaining = ideal
        acc: dict[int, float] = {}
        for best, size, parts in groups:
            if limit is not None and len(acc) >= limit and size > len(acc):
                kth = heapq.nlargest(limit, acc.values())[-1]
                if remaining < kth:
                    # Topics that cannot reach the current k-th best even with every
                    # remaining word drop out; unseen topics cannot get in.
                    acc = {doc: v for doc, v in acc.items() if v + remaining >= kth}
                    _add_to_seen(acc, parts)
                    remaining -= best
                    continue
            _add_all(acc, parts)
            remaining -= best
        if limit is not None and limit < len(acc):
            top = heapq.nlargest(limit, acc.items(), key=_value)
        else:
            top = list(acc.items())
        top.sort(key=lambda item: (-item[1], item[0]))
        return [(doc, min(1.0, value / ideal)) for doc, value in top if value > 0.0]

    def _groups(self, words: list[str], told: int) -> list[_Group]:
        """The question's words and neighbouring pairs, each with the postings it reaches.

        Words that only name the people involved ("counselor", "therapist") count only when
        the question has nothing else: they fit every topic and cost the most to score.
        """
        slots: list[_Resolved] = []
        groups: list[_Group] = []
        generic: list[_Group] = []
        seen: set[_Resolved] = set()
        last_self = max((i for i, w in enumerate(words) if w in SELF_WORDS), default=-1)
        story_end = asked_from(words)
        for i, word in enumerate(words):
            if word in STOPWORDS:
                continue
            entry = self._resolve(word)
            terms, group = entry.terms, entry.group
            # "I left a message but she didn't call back, can I text her?": what came before
            # the question is the story; the question says which answer the caller wants.
            # "... instead of calling", "rather than email": the way the caller does not want.
            # What explains the question after it ("? I'm terrible on the phone") counts less too.
            if (i < story_end or i >= told or not_wanted(words, i)) and group:
                terms = tuple((t, w * _STORY_WEIGHT) for t, w in terms)
                group = _merge([(self._postings[t], self._term_max[t], w) for t, w in terms])
            # "why can't I ...": the caller wants to do something, not to debate the rule.
            if i < last_self and group is not None and any(t in REASON_TERMS for t, _ in terms):
                terms = tuple((t, w * WEAK_WEIGHT) for t, w in terms)
                group = _merge([(self._postings[t], self._term_max[t], w) for t, w in terms])
            slots.append(terms)
            if group is not None and terms not in seen:
                seen.add(terms)
                (generic if entry.generic else groups).append(group)
        for i in range(len(slots)):
            for j in range(i + 1, min(len(slots), i + 1 + PAIR_SPAN)):
                pairs = [
                    ((a, b), min(wa, wb))
                    for a, wa in slots[i]
                    for b, wb in slots[j]
                    if (a, b) in self._pairs
                ]
                if pairs:
                    groups.append(
                        _merge([(self._pairs[k], self._pair_max[k], w) for k, w in pairs])
                    )
        return groups or generic

    def _typo_matches(self, word: str, s: str) -> list[tuple[str, int]]:
        """Index words a few edits from the question word or its stem.

        Whole words are matched too: "ethcis" is one swap from "ethics" but two from "ethic".
        """
        if self._typos is None:
            vocabulary = set(self._postings) | set(self._synonyms)
            vocabulary |= {w for w in self._known if self._stem(w) in self._postings}
            self._typos = TypoFinder(vocabulary)
        found = self._typos.matches(s)
        if word != s:
            found += self._typos.matches(word)
        return found

    def _resolve(self, word: str) -> _Word:
        """What a question word stands for in the index, and its postings; cached."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        s = self._stem(word)
        terms: dict[str, float] = {}
        for candidate in (s, *self._synonyms.get(word, ()), *self._synonyms.get(s, ())):
            if candidate in self._postings:
                terms[candidate] = 1.0
        if not terms and word.endswith("in") and len(word) >= 5:
            # A dropped g ("textin", "callin") is the -ing form, not a typo.
            full = self._stem(word + "g")
            for candidate in (full, *self._synonyms.get(full, ())):
                if candidate in self._postings:
                    terms[candidate] = 1.0
        # A stem that is a stopword ("liked" -> "like") is known, not a typo of "life".
        # Real words are not typos: "died" is not "dmed", "calm" is not "call".
        if (
            not terms
            and word not in self._known
            and s not in STOPWORDS
            and not word.isdigit()
            and word not in DANGER_WORDS
            and word not in common_words()
        ):
            for candidate, distance in self._typo_matches(word, s):
                weight = _TYPO_WEIGHT[distance]
                reading = candidate if candidate in self._postings else self._stem(candidate)
                readings = (reading,) if reading in self._postings else ()
                for term in (*readings, *self._synonyms.get(candidate, ())):
                    terms[term] = max(terms.get(term, 0.0), weight)
        generic = word in GENERIC_WORDS or s in GENERIC_WORDS or "counselor" in terms
        if generic:
            terms = {t: w * GENERIC_WEIGHT for t, w in terms.items()}
        elif word in WEAK_WORDS:
            terms = {t: w * WEAK_WEIGHT for t, w in terms.items()}
        resolved = tuple(sorted(terms.items()))
        group = (
            _merge([(self._postings[t], self._term_max[t], w) for t, w in resolved])
            if resolved
            else None
        )
        entry = _Word(resolved, generic, group)
        if len(self._cache) >= _WORD_CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = entry
        return entry


class _Word:
    """A question word as the index reads it: terms with trust weights, and their postings."""

    __slots__ = ("generic", "group", "terms")

    def __init__(self, terms: _Resolved, generic: bool, group: _Group | None) -> None:
        self.terms = terms
        self.generic = generic
        self.group = group


def _merge(parts: list[tuple[dict[int, float], float, float]]) -> _Group:
    """One group from (postings, ceiling, weight) readings: each topic keeps its best reading."""
    best = max(ceiling * weight for _, ceiling, weight in parts)
    if len(parts) == 1 and parts[0][2] == 1.0:
        postings = parts[0][0]
        return best, len(postings), postings
    merged: dict[int, float] = {}
    for postings, _, weight in parts:
        for doc, value in postings.items():
            value *= weight
            if value > merged.get(doc, 0.0):
                merged[doc] = value
    return best, len(merged), merged


def _add_all(acc: dict[int, float], postings: dict[int, float]) -> None:
    get = acc.get
    for doc, value in postings.items():
        acc[doc] = get(doc, 0.0) + value


def _add_to_seen(acc: dict[int, float], postings: dict[int, float]) -> None:
    get = postings.get
    for doc in acc:
        value = get(doc)
        if value is not None:
            acc[doc] += value
