"""Library speed: list and full-text search over 10,000 articles, parallel import of the
Mozilla corpus, and reopening a stored article against extracting it again.

    python bench/store_bench.py [--articles 10000] [--corpus ../shared/corpus/mozilla]

Articles are generated from the corpus's own paragraphs (real words, real lengths) and
inserted in one transaction. Every ratio compares two runs of this same script, on
this machine, one after the other. Targets: library list <= 0.5 s, full-text query
median <= 50 ms, import >= 1.6x faster with 2 workers than one by one, reopening >= 3x
faster than extracting again.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.anchoring import range_anchor  # noqa: E402
from reader.models import MODEL_VERSION, Article, Block, BlockKind, Metadata  # noqa: E402
from reader.service import open_article, read_article  # noqa: E402
from reader.store import SortOrder, Store, open_store  # noqa: E402
from reader.store.importer import collect_pages, import_pages  # noqa: E402
from reader.store.packed import pack_article  # noqa: E402
from reader.store.rows import anchor_values, now  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "mozilla"
SITES = ["example.org", "news.example.com", "blog.example.net", "journal.example", None]


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def corpus_articles(pages: list[str]) -> list[Article]:
    articles = []
    for page in pages:
        try:
            articles.append(read_article(page))
        except Exception as error:
            print(f"  (cannot extract {page}: {error})")
    return articles


def generate(count: int, paragraphs: list[str], rng: random.Random) -> list[Article]:
    articles: list[Article] = []
    seen: set[str] = set()
    start = datetime(2005, 1, 1, tzinfo=UTC)
    while len(articles) < count:
        body = rng.sample(paragraphs, rng.randint(4, 24))
        text = "\n\n".join(body)
        blocks, offset = [], 0
        for number, paragraph in enumerate(body):
            blocks.append(Block(f"b{number}", BlockKind.PARAGRAPH, offset, offset + len(paragraph)))
            offset += len(paragraph) + 2
        words = body[0].split()[: rng.randint(3, 9)]
        article = Article(
            source=f"generated-{len(articles)}.html",
            metadata=Metadata(
                title=" ".join(words).strip(".,;:") or "Untitled",
                site=rng.choice(SITES),
                published=start + timedelta(days=rng.randint(0, 7000))
                if rng.random() < 0.8
                else None,
            ),
            text=text,
            blocks=tuple(blocks),
        )
        if article.content_hash not in seen:
            seen.add(article.content_hash)
            articles.append(article)
    return articles


def bulk_insert(store: Store, articles: list[Article], rng: random.Random) -> None:
    """All articles (and some highlights) in one transaction."""

    def work(conn) -> None:  # type: ignore[no-untyped-def]
        stamp = now()
        rows = []
        for number, article in enumerate(articles):
            meta = article.metadata
            rows.append(
                (
                    f"/generated/{number}.html",
                    article.content_hash,
                    meta.title,
                    meta.site,
                    meta.published.isoformat() if meta.published else None,
                    article.word_count(),
                    article.text,
                    pack_article(article),
                    MODEL_VERSION,
                    stamp,
                )
            )
        conn.executemany(
            "INSERT INTO articles (source, content_hash, title, site, published, word_count, "
            "text, article, model_version, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        highlights = []
        for article_id, article in enumerate(articles, 1):
            if rng.random() < 0.3:
                for _ in range(rng.randint(1, 4)):
                    start = rng.randrange(max(1, len(article.text) - 60))
                    anchor = range_anchor(article.text, start, start + 40)
                    note = "a note" if rng.random() < 0.5 else ""
                    highlights.append(
                        (f"urn:bench:{len(highlights)}", article_id, note, *anchor_values(anchor))
                    )
        conn.executemany(
            "INSERT INTO highlights (uid, article_id, color, note, anchor_start, anchor_end, "
            "anchor_exact, anchor_prefix, anchor_suffix, created_at, updated_at) "
            f"VALUES (?, ?, 'yellow', ?, ?, ?, ?, ?, ?, '{stamp}', '{stamp}')",
            highlights,
        )

    store.write(work)


def search_queries(articles: list[Article], rng: random.Random) -> list[str]:
    """Words of every frequency, pairs, prefixes (as typed) and phrases."""
    frequency: Counter[str] = Counter()
    for article in articles[:2000]:
        frequency.update({w.lower() for w in re.findall(r"[^\W\d_]{4,}", article.text)})
    ranked = [word for word, _ in frequency.most_common()]
    third = max(1, len(ranked) // 3)
    common, middle, rare = ranked[:third], ranked[third : 2 * third], ranked[2 * third :]
    queries = [rng.choice(band) for band in (common, middle, rare) for _ in range(20)]
    queries += [f"{rng.choice(common)} {rng.choice(middle)}" for _ in range(10)]
    queries += [rng.choice(middle)[:4] for _ in range(10)]
    for _ in range(5):
        words = rng.choice(articles).text.split()
        at = rng.randrange(max(1, len(words) - 3))
        queries.append('"' + " ".join(words[at : at + 3]) + '"')
    return queries


def timed(work, repeat: int = 1) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def bench_library(count: int, corpus: list[Article], rng: random.Random) -> None:
    paragraphs = [p for a in corpus for p in a.text.split("\n\n") if len(p) > 80]
    print(f"\n== library of {count:,} articles ({len(paragraphs):,} corpus paragraphs) ==")
    started = time.perf_counter()
    articles = generate(count, paragraphs, rng)
    print(f"generated in {time.perf_counter() - started:.1f} s")
    with tempfile.TemporaryDirectory() as folder:
        with open_store(Path(folder)) as store:
            started = time.perf_counter()
            bulk_insert(store, articles, rng)
            print(f"inserted in one transaction: {time.perf_counter() - started:.1f} s")
        size = (Path(folder) / "library.db").stat().st_size
        print(f"database: {size / 2**20:.0f} MiB")
        started = time.perf_counter()
        with open_store(Path(folder)) as store:
            entries = store.articles.list()
            first = time.perf_counter() - started
            print(
                f"library screen data (open store + list {len(entries):,} rows): "
                f"{first * 1000:.0f} ms  [target <= 500 ms: {verdict(first <= 0.5)}]"
            )
            for order in SortOrder:
                seconds = timed(lambda o=order: store.articles.list(o), repeat=5)
                print(f"  list sorted by {order.value:<6}: {seconds * 1000:6.1f} ms")
            seconds = timed(lambda: store.articles.list(limit=200), repeat=5)
            print(f"  first 200 rows        : {seconds * 1000:6.1f} ms")
            queries = search_queries(articles, rng)
            times, hits = [], []
            for query in queries:
                started = time.perf_counter()
                found = store.articles.search(query, limit=50)
                times.append(time.perf_counter() - started)
                hits.append(len(found))
            median = statistics.median(times)
            p90 = statistics.quantiles(times, n=10)[-1]
            print(
                f"full-text search, {len(queries)} queries: median {median * 1000:.1f} ms, "
                f"p90 {p90 * 1000:.1f} ms, max {max(times) * 1000:.1f} ms "
                f"[target median <= 50 ms: {verdict(median <= 0.05)}]; "
                f"median {statistics.median(hits):.0f} hits (limit 50)"
            )


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def machine_parallelism(jobs: int) -> float:
    """What `jobs` processes gain on pure CPU work right now (other load included)."""
    from concurrent.futures import ProcessPoolExecutor

    work = [2_000_000] * (jobs * 4)
    serial = timed(lambda: [_burn(n) for n in work])
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(_burn, [1] * jobs))  # workers started
        parallel = timed(lambda: list(pool.map(_burn, work)))
    return serial / parallel


def bench_import(corpus_dir: Path, jobs: int, rounds: int) -> None:
    """The real command, `reader import --jobs N`, in a fresh process each time (so both
    sides pay their start-up and imports), alternating, best of `rounds`."""
    import subprocess

    pages, _ = collect_pages([str(corpus_dir)])
    print(f"\n== reader import of {len(pages)} pages ({os.cpu_count()} CPUs) ==")
    for page in pages:  # the same warm page cache for every run
        Path(page).read_bytes()
    best: dict[int, float] = {1: float("inf"), jobs: float("inf")}
    for _ in range(rounds):
        for workers in (1, jobs):
            with tempfile.TemporaryDirectory() as folder:
                command = [sys.executable, "-m", "reader", "import", "--data-dir", folder]
                command += ["--jobs", str(workers), str(corpus_dir)]
                started = time.perf_counter()
                done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
                seconds = time.perf_counter() - started
                best[workers] = min(best[workers], seconds)
                print(f"--jobs {workers}: {seconds:5.2f} s  {done.stdout.strip()}")
    ratio = best[1] / best[jobs]
    control = machine_parallelism(jobs)
    print(
        f"parallel speed-up (best of {rounds}): {ratio:.2f}x  "
        f"[target >= 1.6x: {verdict(ratio >= 1.6)}]"
    )
    print(f"  at the same moment, pure CPU work gains {control:.2f}x with {jobs} processes")
    serial, parallel = import_cpu(corpus_dir, 1), import_cpu(corpus_dir, jobs)
    busiest = max(parallel["parent"], parallel["workers"] / jobs)
    print(
        f"  CPU seconds: one process {serial['parent'] + serial['workers']:.2f}; "
        f"--jobs {jobs}: writer {parallel['parent']:.2f} + workers {parallel['workers']:.2f}"
        f" -> on {jobs} idle cores the busiest process needs {busiest:.2f} s, "
        f"{(serial['parent'] + serial['workers']) / busiest:.2f}x less than one process"
    )


_CPU_PROBE = """
import json, resource, sys, tempfile
from pathlib import Path
from reader.store import open_store
from reader.store.importer import import_pages
with tempfile.TemporaryDirectory() as folder, open_store(Path(folder)) as store:
    import_pages(store, [sys.argv[1]], jobs=int(sys.argv[2]))
me = resource.getrusage(resource.RUSAGE_SELF)
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"parent": me.ru_utime + me.ru_stime, "workers": kids.ru_utime + kids.ru_stime}))
"""


def import_cpu(corpus_dir: Path, jobs: int) -> dict[str, float]:
    """CPU time of the importing process and of its workers (a contention-free view)."""
    import json
    import subprocess

    done = subprocess.run(
        [sys.executable, "-c", _CPU_PROBE, str(corpus_dir), str(jobs)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_reopen(corpus_dir: Path) -> None:
    pages, _ = collect_pages([str(corpus_dir)])
    print(f"\n== reopening {len(pages)} stored pages vs extracting them again ==")
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder)) as store:
        import_pages(store, [str(corpus_dir)], jobs=2)
        openable = [p for p in pages if store.articles.find(p) is not None]

        def reopen() -> None:
            for page in openable:
                open_article(page, store=store)

        def extract() -> None:
            for page in openable:
                read_article(page)

        reopened = timed(reopen, repeat=3)
        extracted = timed(extract, repeat=3)
    ratio = extracted / reopened
    per = 1000 / len(openable)
    print(f"extract again: {extracted:5.2f} s ({extracted * per:.1f} ms/page)")
    print(f"reopen stored: {reopened:5.2f} s ({reopened * per:.1f} ms/page)")
    print(f"reopening is {ratio:.1f}x faster  [target >= 3x: {verdict(ratio >= 3)}]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=2, help="import runs per side")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"no corpus at {args.corpus}")
    rng = random.Random(args.seed)
    pages, _ = collect_pages([str(args.corpus)])
    started = time.perf_counter()
    corpus = corpus_articles(pages)
    print(f"{len(corpus)} corpus articles extracted in {time.perf_counter() - started:.1f} s")
    bench_library(args.articles, corpus, rng)
    bench_import(args.corpus, args.jobs, args.rounds)
    bench_reopen(args.corpus)


if __name__ == "__main__":
    main()
