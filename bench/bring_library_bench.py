"""Bringing a library in: web archives, read-later exports, and searching all notes.

    python bench/bring_library_bench.py [--captures 1000] [--big-mb 200] [--items 5000]
        [--highlights 100000] [--jobs 2] [--only warc,stream,export,search]

Everything is generated on the spot (no network, no user data). Each import runs in a
fresh child process with its own data directory, so its wall time and peak RSS (the
child and its extraction workers: ``ru_maxrss`` of the child and of its children) are
its own.

- warc: ``reader import`` of a WARC holding N HTML captures (plus an image and a
  request record each) against importing the same N pages as HTML files, in the same
  run: pages/s of each and the ratio archive/files; peak RSS of each.
- stream: listing every capture of a large WARC (``--big-mb``, mostly non-HTML payloads
  that must be read through) and importing it: MB/s and peak RSS, which must stay far
  below the size.
- export: a wallabag export of ``--items`` items with 4 highlights each (20,000 for
  5,000 items): items/s, the anchored rate and peak RSS, against importing the same
  articles as HTML files in the same run (ratio).
- search: the all-notes search over ``--highlights`` highlights: median and p95 ms of
  a set of one-word, prefix and two-word queries. Target: median <= 50 ms.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = [
    "harbour",
    "tide",
    "clock",
    "storm",
    "volunteer",
    "workshop",
    "granite",
    "lighthouse",
    "keeper",
    "mason",
    "beam",
    "quay",
    "net",
    "loft",
    "mechanism",
    "pendulum",
    "council",
    "winter",
    "spring",
    "evening",
    "ferry",
    "channel",
    "current",
    "shingle",
    "breakwater",
    "gull",
    "anchor",
    "rope",
    "tar",
    "lantern",
    "chart",
    "compass",
    "fog",
    "signal",
    "river",
    "mouth",
    "estuary",
    "sandbank",
    "pilot",
    "cargo",
    "crane",
    "warehouse",
    "market",
    "fisher",
    "boat",
]


def sentence(rng: random.Random, words: int = 14) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def page(rng: random.Random, n: int, paragraphs: int = 8) -> tuple[str, list[str]]:
    """An article page, and a few sentences from it (to highlight)."""
    body = [" ".join(sentence(rng) for _ in range(4)) for _ in range(paragraphs)]
    quotes = [p.split(". ")[1] for p in body[:4]]
    html = (
        f"<!doctype html><html><head><title>Harbour report {n}</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>Harbour report {n}</h1>"
        + "".join(f"<p>{p}</p>" for p in body)
        + f"<img src='https://bench.example/{n}.png' alt='photo'></article></body></html>"
    )
    return html, quotes


# --- child runs (each measured in its own process) -----------------------------------


def _rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def child(kind: str, target: str, data_dir: str, jobs: int) -> None:
    os.environ["READER_DATA_DIR"] = data_dir
    from reader.config import Limits
    from reader.store import open_store

    start = time.perf_counter()
    result: dict[str, object] = {}
    if kind == "stream":
        from reader.loaders.webarchive import list_pages

        listing = list_pages(target)
        result["pages"] = len(listing.pages)
    else:
        with open_store(Path(data_dir)) as store:
            if kind == "warc":
                from reader.importing.archives import import_archive

                done = import_archive(store, target, jobs=jobs, limits=Limits())
                result["pages"] = sum(r.outcome.value == "added" for r in done.report.results)
            elif kind == "files":
                from reader.store.importer import import_pages

                report = import_pages(store, [target], jobs=jobs, limits=Limits())
                result["pages"] = sum(r.outcome.value == "added" for r in report.results)
            elif kind == "export":
                from reader.importing.exports import import_export

                exported = import_export(store, target, jobs=jobs, limits=Limits())
                result["pages"] = exported.added
                result["anchored"] = exported.highlights.anchored
                result["moved"] = exported.highlights.moved
                result["orphaned"] = exported.highlights.orphaned
    result["seconds"] = time.perf_counter() - start
    result["rss_mb"] = _rss_mb()
    print(json.dumps(result))


def measure(kind: str, target: Path, jobs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as data_dir:
        out = subprocess.run(
            [sys.executable, __file__, "--child", kind, str(target), data_dir, str(jobs)],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        ).stdout
    return json.loads(out.strip().splitlines()[-1])


# --- generators ----------------------------------------------------------------------


def write_captures(folder: Path, count: int) -> tuple[Path, Path]:
    """The same pages as a WARC and as a folder of HTML files."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(1)
    pages = folder / "pages"
    pages.mkdir()
    warc = folder / "captures.warc.gz"
    with open(warc, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for n in range(count):
            html, _ = page(rng, n)
            (pages / f"page{n:05}.html").write_text(html)
            url = f"https://bench.example/report/{n}"
            request = StatusAndHeaders(f"GET /report/{n} HTTP/1.1", [], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(html.encode()), http_headers=http
                )
            )
            image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    f"https://bench.example/{n}.png",
                    "response",
                    payload=io.BytesIO(b"\x89PNG" + rng.randbytes(2000)),
                    http_headers=image,
                )
            )
    return warc, pages


def write_big_warc(path: Path, megabytes: int) -> int:
    """Mostly big media payloads (uncompressed, so the size is what is read), a page
    every few records."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(2)
    blob = rng.randbytes(4 << 20)
    pages = 0
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=False)
        n = 0
        while stream.tell() < megabytes << 20:
            n += 1
            media = StatusAndHeaders("200 OK", [("Content-Type", "video/mp4")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    f"https://bench.example/v{n}.mp4",
                    "response",
                    payload=io.BytesIO(blob),
                    http_headers=media,
                )
            )
            html, _ = page(rng, n)
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    f"https://bench.example/p{n}",
                    "response",
                    payload=io.BytesIO(html.encode()),
                    http_headers=http,
                )
            )
            pages += 1
    return pages


def write_export(path: Path, items: int, per_item: int = 4, pages: Path | None = None) -> None:
    """A wallabag export; with ``pages``, the same articles as HTML files there too."""
    rng = random.Random(3)
    entries = []
    for n in range(items):
        html, quotes = page(rng, n, paragraphs=6)
        if pages is not None:
            (pages / f"item{n:05}.html").write_text(html)
        entries.append(
            {
                "is_archived": n % 3 == 0,
                "is_starred": n % 7 == 0,
                "tags": [rng.choice(WORDS), rng.choice(WORDS)],
                "id": n,
                "title": f"Harbour report {n}",
                "url": f"https://bench.example/export/{n}",
                "content": html.split("<body>", 1)[1].split("</body>")[0],
                "created_at": "2024-02-10T12:00:00+01:00",
                "annotations": [
                    {"quote": quote, "text": f"note {n}.{k} {rng.choice(WORDS)}", "ranges": []}
                    for k, quote in enumerate(quotes[:per_item])
                ],
            }
        )
    path.write_text(json.dumps(entries))


# --- the notes search ------------------------------------------------------------------


def search_bench(count: int) -> dict[str, float]:
    from reader.anchoring import range_anchor
    from reader.store import open_store
    from reader.store.highlights import HighlightImport, new_uid

    sys.path.insert(0, str(ROOT / "tests" / "unit"))
    from test_store_support import make_article

    rng = random.Random(4)
    per_article = 100
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder)) as store:
        started = time.perf_counter()
        for n in range(count // per_article):
            text = "\n\n".join(" ".join(sentence(rng) for _ in range(3)) for _ in range(40))
            article_id = store.articles.add(
                make_article(text, title=f"Article {n}", source=f"/bench/{n}.html"),
                source=f"/bench/{n}.html",
            ).article_id
            placed = []
            for k in range(per_article):
                start = rng.randrange(0, len(text) - 120)
                anchor = range_anchor(text, start, start + rng.randrange(30, 110))
                note = sentence(rng, 8) if k % 2 else ""
                placed.append(HighlightImport(new_uid(), anchor, "yellow", note, None, None, False))
            store.highlights.merge(article_id, placed)
        fill = time.perf_counter() - started
        queries = [*WORDS[:20], "harb", "light", "storm ferry", "quay market", "zzzz"]
        store.notes.list(search="warm up")
        times = []
        hits = []
        for _ in range(5):
            for query in queries:
                start = time.perf_counter()
                found = store.notes.list(search=query, limit=50)
                times.append((time.perf_counter() - start) * 1000)
                hits.append(len(found))
        listing = []
        for _ in range(20):
            start = time.perf_counter()
            store.notes.list(limit=50)
            listing.append((time.perf_counter() - start) * 1000)
        total = store.notes.count()
    times.sort()
    return {
        "highlights": total,
        "fill_s": fill,
        "median_ms": statistics.median(times),
        "p95_ms": times[int(len(times) * 0.95) - 1],
        "newest_first_median_ms": statistics.median(listing),
        "mean_hits": statistics.mean(hits),
    }


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--captures", type=int, default=1000)
    parser.add_argument("--big-mb", type=int, default=200)
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--highlights", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", default="warc,stream,export,search")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        if "warc" in parts:
            warc, pages = write_captures(folder, args.captures)
            size = warc.stat().st_size / 1e6
            as_warc = measure("warc", warc, args.jobs)
            as_files = measure("files", pages, args.jobs)
            ratio = (as_warc["pages"] / as_warc["seconds"]) / (
                as_files["pages"] / as_files["seconds"]
            )
            print(f"WARC import, {args.captures} captures ({size:.1f} MB), jobs={args.jobs}:")
            for name, run in (("archive", as_warc), ("HTML files", as_files)):
                print(
                    f"  {name:10}  {run['pages']:5} pages  {run['seconds']:6.1f} s  "
                    f"{run['pages'] / run['seconds']:6.1f} pages/s  peak RSS {run['rss_mb']:.0f} MB"
                )
            print(f"  ratio archive/files (pages/s): {ratio:.2f}")
        if "stream" in parts:
            big = folder / "big.warc"
            count = write_big_warc(big, args.big_mb)
            run = measure("stream", big, 1)
            mb = big.stat().st_size / 1e6
            print(
                f"Listing a {mb:.0f} MB WARC ({count} pages among 4 MiB media records): "
                f"{run['seconds']:.1f} s, {mb / run['seconds']:.0f} MB/s, "
                f"peak RSS {run['rss_mb']:.0f} MB"
            )
            run = measure("warc", big, args.jobs)
            print(
                f"Importing it: {run['pages']} pages in {run['seconds']:.1f} s, "
                f"peak RSS {run['rss_mb']:.0f} MB"
            )
        if "export" in parts:
            export = folder / "wallabag.json"
            same_pages = folder / "export-pages"
            same_pages.mkdir()
            write_export(export, args.items, pages=same_pages)
            run = measure("export", export, args.jobs)
            files = measure("files", same_pages, args.jobs)
            total = run["anchored"] + run["moved"] + run["orphaned"]
            print(
                f"Export import, {args.items} items / {total} highlights "
                f"({export.stat().st_size / 1e6:.0f} MB): {run['seconds']:.1f} s, "
                f"{args.items / run['seconds']:.1f} items/s, anchored {run['anchored']} "
                f"moved {run['moved']} orphaned {run['orphaned']}, peak RSS {run['rss_mb']:.0f} MB"
            )
            print(
                f"  the same articles as HTML files (no highlights): {files['seconds']:.1f} s, "
                f"{files['pages'] / files['seconds']:.1f} pages/s; "
                f"ratio export/files (items/s): "
                f"{(args.items / run['seconds']) / (files['pages'] / files['seconds']):.2f}"
            )
        if "search" in parts:
            found = search_bench(args.highlights)
            print(
                f"Notes search over {found['highlights']} highlights: median "
                f"{found['median_ms']:.1f} ms, p95 {found['p95_ms']:.1f} ms "
                f"(mean {found['mean_hits']:.0f} hits, newest-first page "
                f"{found['newest_first_median_ms']:.1f} ms; filled in {found['fill_s']:.0f} s)"
            )


if __name__ == "__main__":
    main()
