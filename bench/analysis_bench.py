"""How fast the analysis is: model load, the sample page, a 20,000-word article.

    python bench/analysis_bench.py [--runs 5] [--words 20000] [--json]

Baseline, measured in the same run: spaCy's own ``nlp.pipe`` with the model's full
pipeline over the same paragraphs. The analysis is reported as a ratio to it (it runs
the entity recogniser everywhere but parses only where dates or counted groups need
it, and skips the lemmatizer and attribute ruler). Targets: sample page ≤ 0.4 s and
20,000 words ≤ 5 s after the model is loaded.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.analysis import analyse, cache, nlp  # noqa: E402
from reader.analysis.plaintext import article_from_paragraphs  # noqa: E402
from reader.models import Article  # noqa: E402

SAMPLE = ROOT.parent / "shared" / "pages" / "000_a2600e6869feb62b.txt"
PUBLISHED = datetime(2025, 4, 13, 22, 32, 16)

PEOPLE = [
    "Antony Blinken",
    "Maria Lopez",
    "Ahmed Karim",
    "Priya Natarajan",
    "Jonas Weber",
    "Amara Osei",
    "Lisa Chang",
    "Tom Reyes",
    "Hannah Berg",
    "Daniel Okafor",
    "Ruth Adler",
]
PLACES = ["Beijing", "Geneva", "Nairobi", "Lisbon", "Texas", "Ottawa", "Jakarta", "Lima"]
ORGS = ["the World Bank", "Reuters", "the State Department", "Siemens", "the United Nations"]
WHEN = [
    "on Friday",
    "early Sunday",
    "last year",
    "in May",
    "earlier this month",
    "next week",
    "on June 3, 2024",
    "in 2016",
    "three years ago",
    "over the next several months",
]
TEMPLATES = [
    "{p} said {w} that {o} would review the plan in {pl}.",
    "Officials in {pl} met {p} {w} to discuss trade, energy and security.",
    "{o} has spent two days studying the proposal, {p} told reporters {w}.",
    "The 48-year-old economist {p} will travel to {pl} {w} for talks.",
    "Critics in {pl} argued that the decision, announced {w}, came too late.",
    "According to {o}, prices rose sharply {w} before easing slightly.",
    "{p}, who has worked in {pl} since 2012, declined to comment {w}.",
    "Three analysts, including {p}, warned that growth could slow {w}.",
    "The agreement is part of an 18-month-old partnership between {pl} and {o}.",
    "Residents of {pl} said the storm {w} was the worst in five years.",
    "{p} and {q} are expected to sign the accord in {pl} {w}.",
    "A spokesperson for {o} said the talks in {pl} were productive.",
]


def long_article(words: int, seed: int = 7) -> Article:
    """A reproducible article of about ``words`` words from the templates above."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    count = 0
    while count < words:
        sentences = []
        for _ in range(rng.randint(3, 6)):
            sentence = rng.choice(TEMPLATES).format(
                p=rng.choice(PEOPLE),
                q=rng.choice(PEOPLE),
                pl=rng.choice(PLACES),
                o=rng.choice(ORGS),
                w=rng.choice(WHEN),
            )
            sentences.append(sentence[0].upper() + sentence[1:])
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return article_from_paragraphs(paragraphs, title="Generated", published=PUBLISHED)


def sample_article() -> Article | None:
    if not SAMPLE.exists():
        return None
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")[4:34]
    return article_from_paragraphs(lines, title=lines[0], published=PUBLISHED)


def cold_load_seconds() -> tuple[float, float]:
    """spaCy import and model load in a fresh interpreter (what the worker pays once)."""
    code = (
        f"import time, sys; sys.path.insert(0, {str(ROOT)!r}); t0 = time.perf_counter(); "
        "import spacy; t1 = time.perf_counter(); from reader.analysis import nlp; nlp.load(); "
        "print(t1 - t0, time.perf_counter() - t1)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    imported, loaded = (float(x) for x in out.stdout.split())
    return imported, loaded


def timed(function: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def compare(
    ours: Callable[[], object], theirs: Callable[[], object], runs: int
) -> tuple[list[float], list[float], float, float]:
    """Wall times of ``ours`` and ``theirs`` run alternately (so both see the same
    machine load), and the CPU seconds each used per run."""
    walls: tuple[list[float], list[float]] = ([], [])
    cpu = [0.0, 0.0]
    for _ in range(runs):
        for which, function in enumerate((ours, theirs)):
            cpu_start = time.process_time()
            start = time.perf_counter()
            function()
            walls[which].append(time.perf_counter() - start)
            cpu[which] += time.process_time() - cpu_start
    return walls[0], walls[1], cpu[0] / runs, cpu[1] / runs


def full_pipeline(article: Article) -> Callable[[], object]:
    """spaCy's full pipeline over the same paragraphs: the baseline."""
    import spacy

    full = spacy.load(nlp.DEFAULT_MODEL)
    texts = [article.text[b.start : b.end] for b in article.blocks]
    list(full.pipe(texts[:2]))
    return lambda: list(full.pipe(texts, batch_size=64))


def cancel_latency(article: Article, after: float) -> float:
    """Seconds from asking to stop until ``analyse`` gives up."""
    flag = threading.Event()
    asked: list[float] = []

    def ask() -> None:
        time.sleep(after)
        asked.append(time.perf_counter())
        flag.set()

    threading.Thread(target=ask).start()
    try:
        analyse(article, use_cache=False, cancelled=flag.is_set)
    except nlp.Cancelled:
        return time.perf_counter() - asked[0]
    return float("nan")


def report(
    results: dict[str, object],
    name: str,
    article: Article,
    measured: tuple[list[float], list[float], float, float],
) -> None:
    mine, base, cpu_mine, cpu_base = measured
    results[f"{name}_words"] = article.word_count()
    results[f"{name}_analyse_s_min"] = round(min(mine), 3)
    results[f"{name}_analyse_s_median"] = round(statistics.median(mine), 3)
    results[f"{name}_spacy_full_pipe_s_min"] = round(min(base), 3)
    results[f"{name}_ratio_wall_min"] = round(min(mine) / min(base), 2)
    results[f"{name}_analyse_cpu_s"] = round(cpu_mine, 3)
    results[f"{name}_spacy_full_pipe_cpu_s"] = round(cpu_base, 3)
    results[f"{name}_ratio_cpu"] = round(cpu_mine / cpu_base, 2)
    results[f"{name}_words_per_s"] = round(article.word_count() / min(mine))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--words", type=int, default=20_000)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    # Never touch the user's own cache.
    os.environ["READER_DATA_DIR"] = tempfile.mkdtemp(prefix="analysis-bench-")
    results: dict[str, object] = {}
    imported, loaded = cold_load_seconds()
    results["spacy_import_s"] = round(imported, 3)
    results["model_load_s"] = round(loaded, 3)
    nlp.load()

    sample = sample_article()
    if sample is not None:
        analyse(sample, use_cache=False)
        report(
            results,
            "sample",
            sample,
            compare(lambda: analyse(sample, use_cache=False), full_pipeline(sample), args.runs),
        )
        analyse(sample)
        results["sample_cached_reopen_s"] = round(min(timed(lambda: analyse(sample), args.runs)), 4)

    article = long_article(args.words)
    long_runs = max(1, min(args.runs, 3))
    report(
        results,
        "long",
        article,
        compare(lambda: analyse(article, use_cache=False), full_pipeline(article), long_runs),
    )
    results["cancel_latency_s"] = round(cancel_latency(article, after=0.5), 3)
    cache.clear()
    shutil.rmtree(os.environ["READER_DATA_DIR"], ignore_errors=True)

    if args.json:
        print(json.dumps(results, indent=2))
    else:
        width = max(len(k) for k in results)
        for key, value in results.items():
            print(f"{key:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
