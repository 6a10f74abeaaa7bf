"""Search: latency on the bundled and a generated 10,000-topic policy, top-1, `desk ask` start-up.

Latency is per question over the caller questions in tests/data/caller_questions.yaml, every
question searched in turn, several rounds (the first round has a cold typo cache). The baseline,
timed in the same loop, is `str.lower().split()` plus one dict lookup per word: the least any
search must do. The generated policy repeats the bundled topics with filler drawn from a
Zipf-distributed vocabulary, so common words have long postings, as in a real large policy.
`desk ask` runs as a whole process against `python -c "import yaml"`, alternating, median of
several runs, with bytecode caching on (as in an installed copy), with its validated-policy cache
in place (every run after the first) and with none (the first, or the first after the policy
files change); the cache lives in a fresh temporary folder. Goals: p95 <= 1 ms (bundled),
p95 <= 10 ms (10,000 topics), top-1 >= 90% with every crisis question first, ask <= 2x.

    python -m bench search [-- --rounds N --runs N --topics N]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import yaml

from desk.core.policy.book import PolicyBook, Topic
from desk.core.policy.loader import load_policy
from desk.core.search.ranking import SearchIndex
from desk.paths import bundled_policy_dir

QUESTIONS = Path(__file__).resolve().parent.parent / "tests" / "data" / "caller_questions.yaml"
P95_BUNDLED_MS = 1.0
P95_LARGE_MS = 10.0
TOP1_GOAL = 0.90
OUT_OF_SCOPE = "out-of-scope"
ASK_GOAL = 2.0


KEPT_APART = QUESTIONS.with_name("kept_apart.yaml")


def kept_apart(index: SearchIndex, path: Path = KEPT_APART) -> dict[str, tuple[int, int]]:
    """(count, out of) for each goal over the questions kept apart from all tuning."""
    items = yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]
    counts: dict[str, list[int]] = {}

    def add(name: str, hit: bool) -> None:
        pair = counts.setdefault(name, [0, 0])
        pair[0] += hit
        pair[1] += 1

    for item in items:
        answer = index.answer(str(item["q"]), top=3)
        ids = [h.topic_id for h in answer.hits]
        first = ids[0] if ids else None
        if item["danger"]:
            add("in danger: crisis first", first == "crisis")
            add("in danger: flagged as danger", answer.danger is not None)
            add("in danger: crisis in the top 3", "crisis" in ids)
            continue
        add("not in danger: crisis first", first == "crisis")
        if item["topic"] == OUT_OF_SCOPE:
            add("out of scope: not covered", not answer.covered)
        else:
            add("in scope: top-1", first == item["topic"])
            add("in scope: covered", answer.covered)
    return {name: (hit, total) for name, (hit, total) in counts.items()}


def load_questions(path: Path = QUESTIONS) -> list[tuple[str, str]]:
    """(question, expected topic) pairs from the evaluation set."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(str(item["q"]), str(item["topic"])) for item in data["questions"]]


def _percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _latencies(fn: Callable[[str], object], queries: Sequence[str], rounds: int) -> list[float]:
    timer = time.perf_counter_ns
    samples: list[float] = []
    for _ in range(rounds):
        for query in queries:
            start = timer()
            fn(query)
            samples.append((timer() - start) / 1e6)
    return samples


def latency(
    index: SearchIndex, queries: Sequence[str], *, rounds: int, top: int | None
) -> dict[str, float]:
    """Search and baseline latency in ms (p50, p95), search first round (cold typo cache)."""
    vocabulary = {w: i for i, w in enumerate({w for q in queries for w in q.lower().split()})}

    def baseline(query: str) -> object:
        return [vocabulary.get(w) for w in query.lower().split()]

    def search(query: str) -> object:
        return index.search(query, top=top)

    cold = _latencies(search, queries, 1)
    base = _latencies(baseline, queries, rounds)
    warm = _latencies(search, queries, rounds)
    return {
        "p50": statistics.median(warm),
        "p95": _percentile(warm, 0.95),
        "max": max(warm),
        "cold_p95": _percentile(cold, 0.95),
        "base_p50": statistics.median(base),
        "base_p95": _percentile(base, 0.95),
    }


def top1(index: SearchIndex, questions: Sequence[tuple[str, str]]) -> tuple[int, int, int, int]:
    """(right, total, crisis first, crisis total) over the questions a topic answers."""
    right = crisis_first = crisis_total = total = 0
    for question, expected in questions:
        if expected == OUT_OF_SCOPE:
            continue
        total += 1
        hits = index.search(question, top=1)
        got = hits[0].topic_id if hits else None
        right += got == expected
        if expected == "crisis":
            crisis_total += 1
            crisis_first += got == "crisis"
    return right, total, crisis_first, crisis_total


def signals(index: SearchIndex, questions: Sequence[tuple[str, str]]) -> dict[str, tuple[int, int]]:
    """(count, out of) for the danger and coverage goals over the evaluation set."""
    alarms = calm = not_covered = outside = covered = inside = 0
    for question, expected in questions:
        answer = index.answer(question)
        if expected == OUT_OF_SCOPE:
            outside += 1
            not_covered += not answer.covered
        else:
            inside += 1
            covered += answer.covered
        if expected != "crisis":
            calm += 1
            alarms += bool(answer.hits) and answer.hits[0].topic_id == "crisis"
    return {
        "crisis first, not in danger": (alarms, calm),
        "out-of-scope marked not covered": (not_covered, outside),
        "in-scope covered": (covered, inside),
    }


def generate_book(base: PolicyBook, count: int, *, seed: int = 7) -> PolicyBook:
    """A policy of `count` topics: the bundled ones repeated, each with Zipf-drawn filler."""
    rng = random.Random(seed)
    syllables = [a + b for a in "bcdfghjklmnprstvwz" for b in ("a", "e", "i", "o", "u", "ou")]
    synthetic = sorted({"".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(30000)})
    english = sorted(
        {
            w.strip(".,?!'\"()").lower()
            for t in base.topics
            for text in (t.title, t.answer, t.rationale, *t.phrasings, *t.keywords)
            for w in text.split()
        }
        - {""}
    )
    vocabulary = english + synthetic
    rng.shuffle(vocabulary)
    weights = [1.0 / (rank + 1) for rank in range(len(vocabulary))]
    cumulative: list[float] = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total)

    def words(n: int) -> str:
        return " ".join(rng.choices(vocabulary, cum_weights=cumulative, k=n))

    topics: list[Topic] = []
    for i in range(count):
        template = base.topics[i % len(base.topics)]
        topic_id = template.id if i < len(base.topics) else f"{template.id}-{i}"
        topics.append(
            replace(
                template,
                id=topic_id,
                title=f"{template.title} {words(2)}",
                answer=f"{template.answer} {words(12)}",
                rationale=words(40),
                phrasings=(*template.phrasings[:4], *(words(rng.randint(5, 10)) for _ in range(6))),
                keywords=(*template.keywords[:8], *(words(1) for _ in range(12))),
                related=(),
            )
        )
    return PolicyBook(practice=base.practice, topics=tuple(topics), source_dir=Path("<generated>"))


def ask_startup(runs: int) -> tuple[list[float], list[float], list[float]]:
    """Seconds per run: `desk ask`, `python -c "import yaml"`, `desk ask` with no cache."""
    env = dict(os.environ)
    env.pop("DESK_POLICY_DIR", None)
    # An installed copy has its bytecode compiled; so does the yaml baseline.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    ask = [sys.executable, "-m", "desk", "ask", "can i txt my counslor"]
    bare = [sys.executable, "-c", "import yaml"]

    def once(argv: list[str]) -> float:
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, env=env, timeout=60)
        return time.perf_counter() - start

    desk_times: list[float] = []
    bare_times: list[float] = []
    cold_times: list[float] = []
    with tempfile.TemporaryDirectory(prefix="desk-bench-") as name:
        cache = Path(name) / "cache"
        env["DESK_CACHE_DIR"] = str(cache)
        once(ask)
        once(bare)
        for _ in range(runs):
            desk_times.append(once(ask))
            bare_times.append(once(bare))
            shutil.rmtree(cache, ignore_errors=True)
            cold_times.append(once(ask))
    return desk_times, bare_times, cold_times


def _print_latency(title: str, figures: dict[str, float], goal: float) -> None:
    ratio = figures["p50"] / figures["base_p50"] if figures["base_p50"] else float("inf")
    verdict = "ok" if figures["p95"] <= goal else "OVER GOAL"
    print(f"  {title}")
    print(
        f"    search    p50 {figures['p50'] * 1000:8.1f} us   p95 {figures['p95'] * 1000:8.1f} us"
        f"   max {figures['max'] * 1000:8.1f} us   (goal p95 <= {goal:g} ms: {verdict})"
    )
    print(f"    cold cache p95 {figures['cold_p95'] * 1000:8.1f} us (first round)")
    print(
        f"    baseline  p50 {figures['base_p50'] * 1000:8.1f} us   "
        f"p95 {figures['base_p95'] * 1000:8.1f} us   (lower().split() + dict lookups)"
    )
    print(f"    ratio p50 {ratio:8.1f}x baseline")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench search", description=__doc__)
    parser.add_argument("--rounds", type=int, default=20, help="passes over the questions")
    parser.add_argument("--runs", type=int, default=9, help="`desk ask` process runs")
    parser.add_argument("--topics", type=int, default=10_000, help="size of generated policy")
    args, _ = parser.parse_known_args(argv)

    questions = load_questions()
    queries = [q for q, _ in questions]
    book = load_policy(bundled_policy_dir())

    start = time.perf_counter()
    index = SearchIndex(book)
    build_ms = (time.perf_counter() - start) * 1000
    print(f"search: {len(queries)} caller questions, {args.rounds} rounds")
    figures = latency(index, queries, rounds=args.rounds, top=None)
    right, total, crisis_first, crisis_total = top1(index, questions)
    verdict = "ok" if right / total >= TOP1_GOAL and crisis_first == crisis_total else "UNDER GOAL"
    print(
        f"  eval top-1 {right}/{total} = {right / total:.1%}; crisis first "
        f"{crisis_first}/{crisis_total}   (goal >= {TOP1_GOAL:.0%}, all crisis: {verdict})"
    )
    for name, (count, out_of) in signals(index, questions).items():
        print(f"  {name} {count}/{out_of} = {count / max(1, out_of):.1%}")
    print("  kept apart from all tuning (tests/data/kept_apart.yaml):")
    for name, (count, out_of) in kept_apart(index).items():
        print(f"    {name} {count}/{out_of} = {count / max(1, out_of):.1%}")
    _print_latency(
        f"bundled policy ({len(book.topics)} topics, index built in {build_ms:.1f} ms), all hits",
        figures,
        P95_BUNDLED_MS,
    )

    large = generate_book(book, args.topics)
    start = time.perf_counter()
    large_index = SearchIndex(large)
    build_s = time.perf_counter() - start
    _print_latency(
        f"generated policy ({len(large.topics)} topics, index built in {build_s:.1f} s), top 10",
        latency(large_index, queries, rounds=max(1, args.rounds // 4), top=10),
        P95_LARGE_MS,
    )

    desk_times, bare_times, cold_times = ask_startup(max(1, args.runs))
    d, b = statistics.median(desk_times), statistics.median(bare_times)
    c = statistics.median(cold_times)
    verdict = "ok" if d / b <= ASK_GOAL else "OVER GOAL"
    print(f"  `desk ask` whole process, median of {len(desk_times)} runs each")
    print(f"    desk ask            {d * 1000:8.1f} ms   (min {min(desk_times) * 1000:.1f})")
    print(
        f"    desk ask, no cache  {c * 1000:8.1f} ms   (min {min(cold_times) * 1000:.1f}; "
        "first run)"
    )
    print(f"    python -c 'import yaml' {b * 1000:4.1f} ms   (min {min(bare_times) * 1000:.1f})")
    print(f"    ratio               {d / b:8.2f}x   (goal <= {ASK_GOAL:g}x: {verdict})")
    print(f"    ratio, no cache     {c / b:8.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
