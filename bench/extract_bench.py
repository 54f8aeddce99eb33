"""Extraction quality and speed: ours, bare readability-lxml and trafilatura, one run.

Mozilla readability test corpus (``--corpus``): for every page (``source.html``,
``expected.html``, ``expected-metadata.json``) the body text we extract is scored
against the text of ``expected.html`` with the metric of the public
article-extraction benchmark: tokens are ``\\w+`` matches, shingles are runs
of 4 tokens counted as a multiset, precision and recall per page, corpus P and R their
means, F1 their harmonic mean. Bare readability-lxml (the text of
``Document(html).summary()``) is scored on the same pages in the same run, and titles
are compared with ``Document.short_title()``. trafilatura (``extract(html)`` with its
defaults) is scored on the same pages. Before tokenising, both sides lose wiki edit
links ("[edit]", page furniture the reader drops) and citation marks become plain
tokens ("[1]" and the reader's "¹" both count as "1"), so showing a citation as a
superscript is neither a loss nor a gain.

trafilatura-eval-dev (``--tdev``; ``html/`` and ``evaldata.json``): each page's
``with`` snippets must appear in the extracted text, its ``without`` snippets must not;
whitespace is normalised in both, and F1 = 2tp / (2tp + fp + fn) over the whole set
(the set's own convention), overall and per page language (the ``<html lang>`` of the
page, else a guess from its text) for languages with at least ``--min-pages`` pages.

Time: whole-batch time of ``extract`` (everything: parse, metadata, link groups,
blocks, Markdown) against ``Document(html).summary()``, wall clock and CPU, the two
interleaved page by page, median of ``--repeat`` batches.

    python bench/extract_bench.py [--corpus DIR] [--tdev DIR] [--repeat N] [--json OUT]
        [--baseline OUT] [--tdev-baseline OUT]
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import lxml.html
from readability import Document

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.config import Limits  # noqa: E402
from reader.extract.pipeline import extract  # noqa: E402
from reader.loaders.base import DocumentKind, RawDocument  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "mozilla"
DEFAULT_TDEV = ROOT.parent / "shared" / "corpus" / "trafilatura-eval-dev"
_TOKEN = re.compile(r"\w+")
_HTML_LANG = re.compile(rb"<html[^>]*?\slang\s*=\s*[\"']?([a-zA-Z]{2,3})", re.IGNORECASE)


_EDIT_LABEL = re.compile(
    r"\[\s*(?:edit|edit source|bearbeiten|quelltext bearbeiten|modifier|editar|modifica)"
    r"(?:\s*\|\s*[^\]]{1,30})?\s*\]",
    re.IGNORECASE,
)
_RAISED_CHARS = "⁰¹²³⁴⁵⁶⁷⁸⁹ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ"
_RAISED = str.maketrans(_RAISED_CHARS, "0123456789abcdefghijklmnoprstuvwxyz")
_RAISED_RUN = re.compile(f"[{_RAISED_CHARS}]+")
_LETTER_DIGIT = re.compile(r"(?<=[a-z])(?=\d)")


def _plain_mark(match: re.Match[str]) -> str:
    return " " + _LETTER_DIGIT.sub(" ", match.group().translate(_RAISED)) + " "


def comparable(text: str) -> str:
    """``text`` without wiki edit links, a superscript mark as the plain token(s) a
    bracketed one makes ("¹²" as "[12]", "ⁿ³" as "[n 3]")."""
    return _RAISED_RUN.sub(_plain_mark, _EDIT_LABEL.sub(" ", text))


def shingles(text: str, n: int = 4) -> Counter[str]:
    tokens = _TOKEN.findall(comparable(text or ""))
    return Counter(" ".join(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


def precision_recall(truth: str, predicted: str) -> tuple[float, float]:
    expected, found = shingles(truth), shingles(predicted)
    expected.pop("", None)
    found.pop("", None)
    true_positive = sum((expected & found).values())
    false_positive = sum((found - expected).values())
    false_negative = sum((expected - found).values())
    if false_positive == false_negative == 0:
        return 1.0, 1.0
    if true_positive == 0:
        return 0.0, 0.0
    return (
        true_positive / (true_positive + false_positive),
        true_positive / (true_positive + false_negative),
    )


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def html_text(html: str) -> str:
    if not html.strip():
        return ""
    return lxml.html.fromstring(html).text_content()


@dataclass
class Page:
    name: str
    source: str
    expected_text: str
    expected_title: str | None


def load_corpus(corpus: Path) -> list[Page]:
    pages = []
    for folder in sorted(p for p in corpus.iterdir() if (p / "source.html").is_file()):
        metadata = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
        pages.append(
            Page(
                name=folder.name,
                source=(folder / "source.html").read_text(encoding="utf-8", errors="replace"),
                expected_text=html_text((folder / "expected.html").read_text(encoding="utf-8")),
                expected_title=metadata.get("title"),
            )
        )
    return pages


def ours(page: Page, limits: Limits) -> tuple[str, str]:
    doc = RawDocument(source=page.name, kind=DocumentKind.HTML, text=page.source)
    article = extract(doc, limits)
    return article.text, article.title


def bare(page: Page) -> str:
    return Document(page.source).summary()


def trafilatura_text(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def score(pages: list[Page], limits: Limits) -> dict[str, dict[str, float | bool]]:
    results: dict[str, dict[str, float | bool]] = {}
    for page in pages:
        text, title = ours(page, limits)
        p, r = precision_recall(page.expected_text, text)
        bp, br = precision_recall(page.expected_text, html_text(bare(page)))
        short_title = Document(page.source).short_title()
        tp, tr = precision_recall(page.expected_text, trafilatura_text(page.source))
        results[page.name] = {
            "traf_p": tp,
            "traf_r": tr,
            "traf_f1": f1(tp, tr),
            "p": p,
            "r": r,
            "f1": f1(p, r),
            "bare_p": bp,
            "bare_r": br,
            "bare_f1": f1(bp, br),
            "title": title == page.expected_title,
            "bare_title": short_title == page.expected_title,
        }
    return results


def time_batches(
    pages: list[Page], limits: Limits, repeat: int
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Median (wall, CPU) seconds per whole batch, ours and bare readability.

    The two are interleaved page by page (alternating which goes first), so a burst
    of load on a shared machine hits both sides alike; a batch time is the sum over
    its pages, and the median is taken over ``repeat`` batches."""
    sides: list[list[list[float]]] = [[], []]  # side -> batch -> [wall, cpu]

    def work(side: int, page: Page) -> None:
        if side == 0:
            ours(page, limits)
        else:
            bare(page)

    for index in range(repeat):
        totals = [[0.0, 0.0], [0.0, 0.0]]
        for number, page in enumerate(pages):
            order = (0, 1) if (index + number) % 2 == 0 else (1, 0)
            for side in order:
                wall, cpu = time.perf_counter(), time.process_time()
                work(side, page)
                totals[side][0] += time.perf_counter() - wall
                totals[side][1] += time.process_time() - cpu
        for side in (0, 1):
            sides[side].append(totals[side])

    def median(batches: list[list[float]]) -> tuple[float, float]:
        return statistics.median(b[0] for b in batches), statistics.median(b[1] for b in batches)

    return median(sides[0]), median(sides[1])


# --- trafilatura-eval-dev -----------------------------------------------------------


@dataclass
class SnippetPage:
    name: str
    source: str
    language: str
    with_: list[str]
    without: list[str]


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def page_language(data: bytes, text: str) -> str:
    """The page's declared language (``<html lang>``), else a guess from its text."""
    from reader.extract.language import guess_language

    match = _HTML_LANG.search(data[:20_000])
    if match:
        return match.group(1).decode("ascii").lower()[:2]
    try:
        body = lxml.html.fromstring(text).text_content()
    except Exception:  # an unparseable page has no language either
        return "?"
    return guess_language(body) or "?"


def load_tdev(corpus: Path, limits: Limits) -> list[SnippetPage]:
    from reader.loaders.document import document_from_bytes

    evaldata = json.loads((corpus / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    for entry in sorted(evaldata.values(), key=lambda e: e["file"]):
        path = corpus / "html" / entry["file"]
        if not path.is_file():
            continue
        data = path.read_bytes()
        doc = document_from_bytes(
            data, source=entry["file"], name=entry["file"], filename=path.name, limits=limits
        )
        pages.append(
            SnippetPage(
                entry["file"],
                doc.text,
                page_language(data, doc.text),
                [_squeeze(t) for t in entry.get("with") or [] if t.strip()],
                [_squeeze(t) for t in entry.get("without") or [] if t.strip()],
            )
        )
    return pages


def snippet_counts(page: SnippetPage, text: str) -> tuple[int, int, int, int]:
    """(tp, fn, fp, tn) of ``text`` on the page's snippets."""
    text = _squeeze(text)
    found = sum(1 for s in page.with_ if s in text)
    leaked = sum(1 for s in page.without if s in text)
    return found, len(page.with_) - found, leaked, len(page.without) - leaked


def snippet_f1(counts: list[tuple[int, int, int, int]]) -> tuple[float, float, float]:
    tp, fn, fp, _ = (sum(c[i] for c in counts) for i in range(4))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, (2 * tp / (2 * tp + fp + fn) if tp else 0.0)


def ours_text(name: str, source: str, limits: Limits) -> str:
    from reader.errors import ReaderError

    try:
        return extract(RawDocument(source=name, kind=DocumentKind.HTML, text=source), limits).text
    except ReaderError:
        return ""


def score_tdev(pages: list[SnippetPage], limits: Limits) -> dict[str, dict]:
    results: dict[str, dict] = {}
    for page in pages:
        try:
            bare_html = Document(page.source).summary()
        except Exception:  # readability gives up on some pages: it found nothing
            bare_html = ""
        results[page.name] = {
            "language": page.language,
            "ours": snippet_counts(page, ours_text(page.name, page.source, limits)),
            "bare": snippet_counts(page, html_text(bare_html)),
            "traf": snippet_counts(page, trafilatura_text(page.source)),
        }
    return results


def report_tdev(results: dict[str, dict], min_pages: int) -> None:
    by_language: dict[str, list[dict]] = {}
    for r in results.values():
        by_language.setdefault(r["language"], []).append(r)
    rows = [("all", list(results.values()))]
    rows += sorted(
        ((lang, rs) for lang, rs in by_language.items() if len(rs) >= min_pages),
        key=lambda item: -len(item[1]),
    )
    print(f"trafilatura-eval-dev: {len(results)} pages (snippet P / R / F1)")
    for label, rs in rows:
        cells = []
        for side in ("ours", "bare", "traf"):
            p, r, f = snippet_f1([x[side] for x in rs])
            cells.append(f"{side} {p:.3f}/{r:.3f}/{f:.4f}")
        print(f"  {label:4s} n={len(rs):3d}  " + "  ".join(cells))


def page_f1(counts: tuple[int, int, int, int]) -> float:
    return snippet_f1([counts])[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--tdev", type=Path, default=DEFAULT_TDEV)
    parser.add_argument("--only", choices=("mozilla", "tdev"), help="score one corpus only")
    parser.add_argument("--repeat", type=int, default=5, help="timed batches per side")
    parser.add_argument("--json", type=Path, help="write per-page scores here")
    parser.add_argument(
        "--baseline", type=Path, help="write per-page F1 here (the Mozilla corpus test's)"
    )
    parser.add_argument(
        "--tdev-baseline", type=Path, help="write per-page snippet F1 here (its corpus test's)"
    )
    parser.add_argument("--min-pages", type=int, default=20, help="smallest language reported")
    parser.add_argument("--worst", type=int, default=10, help="pages to list by F1 delta")
    args = parser.parse_args(argv)
    logging.disable(logging.CRITICAL)
    limits = Limits()
    out: dict[str, object] = {}
    if args.only != "tdev":
        if not args.corpus.is_dir():
            print(f"corpus not found: {args.corpus}", file=sys.stderr)
            return 2
        out["mozilla"] = report_mozilla(args, limits)
    if args.only != "mozilla":
        if not args.tdev.is_dir():
            print(f"corpus not found: {args.tdev}", file=sys.stderr)
            return 2
        tdev = score_tdev(load_tdev(args.tdev, limits), limits)
        report_tdev(tdev, args.min_pages)
        out["tdev"] = tdev
        if args.tdev_baseline:
            baseline = {name: round(page_f1(r["ours"]), 4) for name, r in tdev.items()}
            args.tdev_baseline.write_text(json.dumps(baseline, indent=1, sort_keys=True) + "\n")
    if args.json:
        args.json.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n")
    return 0


def report_mozilla(args: argparse.Namespace, limits: Limits) -> dict:
    pages = load_corpus(args.corpus)
    results = score(pages, limits)

    def mean(key: str) -> float:
        return statistics.mean(float(r[key]) for r in results.values())

    print(f"mozilla: {len(pages)} pages (shingle P / R / F1)")
    for side, prefix in (("ours", ""), ("bare", "bare_"), ("traf", "traf_")):
        p, r = mean(prefix + "p"), mean(prefix + "r")
        print(f"  {side}  P={p:.4f} R={r:.4f} F1={f1(p, r):.4f}")
    deltas = sorted(results.items(), key=lambda item: item[1]["f1"] - item[1]["bare_f1"])
    print(f"worst per-page F1 deltas (ours - bare), {args.worst} lowest:")
    for name, r in deltas[: args.worst]:
        print(f"  {name:45s} {r['f1']:.4f} vs {r['bare_f1']:.4f} ({r['f1'] - r['bare_f1']:+.4f})")
    below = [name for name, r in results.items() if r["f1"] < r["bare_f1"] - 0.02]
    print(f"pages more than 0.02 below bare: {len(below)} {below if below else ''}")
    titled = [r for r in results.values() if r["title"] is not None]
    print(
        f"title exact match: ours {sum(bool(r['title']) for r in titled)}/{len(titled)}, "
        f"short_title() {sum(bool(r['bare_title']) for r in titled)}/{len(titled)}"
    )
    if args.repeat > 0:
        (ours_wall, ours_cpu), (bare_wall, bare_cpu) = time_batches(pages, limits, args.repeat)
        print(
            f"batch wall time (median of {args.repeat}): ours {ours_wall:.3f} s, "
            f"bare {bare_wall:.3f} s, ratio {ours_wall / bare_wall:.3f}"
        )
        print(
            f"batch CPU time  (median of {args.repeat}): ours {ours_cpu:.3f} s, "
            f"bare {bare_cpu:.3f} s, ratio {ours_cpu / bare_cpu:.3f}"
        )
    if args.baseline:
        baseline = {name: round(float(r["f1"]), 4) for name, r in results.items()}
        args.baseline.write_text(json.dumps(baseline, indent=1, sort_keys=True) + "\n")
    return results


if __name__ == "__main__":
    sys.exit(main())
