"""The second-opinion gate: how many pages skip trafilatura, what that costs in
quality, and what the batch costs against bare readability-lxml, in one run.

Every page of both development corpora is extracted twice, with the gate
(``opinion_gate.cannot_change``) and with trafilatura asked on every page, and read
once by bare readability-lxml (``Document(html).summary()``). Quality is each corpus's
score from ``extract_bench`` (Mozilla: shingle F1; trafilatura-eval-dev: snippet F1);
time is the process CPU time per page summed over the batch (the three runs of a page
are interleaved, so a burst of load on a shared machine hits them alike).

    python bench/opinion_gate_bench.py [--corpus DIR] [--tdev DIR]
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import extract_bench as eb  # noqa: E402

from reader.config import Limits  # noqa: E402
from reader.extract import pipeline  # noqa: E402
from reader.extract.opinion_gate import cannot_change  # noqa: E402

_skipped: list[bool] = []


def _gate(drafts: list, page_chars: int) -> bool:
    skip = cannot_change(drafts, page_chars)
    _skipped.append(skip)
    return skip


def _timed(work: Callable[..., str], *args: object) -> tuple[str, float]:
    start = time.process_time()
    text = work(*args)
    return text, time.process_time() - start


def _bare_text(source: str) -> str:
    try:
        return eb.html_text(eb.Document(source).summary())
    except Exception:  # readability gives up on some pages: it found nothing
        return ""


def run(pages: list[tuple[str, str]], limits: Limits) -> tuple[list, list, list[float]]:
    """Per page: (gated text, always-asked text), and CPU seconds [gated, always, bare]."""
    gated: list[str] = []
    always: list[str] = []
    cpu = [0.0, 0.0, 0.0]
    for number, (name, source) in enumerate(pages):
        sides = [0, 1, 2]
        sides = sides[number % 3 :] + sides[: number % 3]
        for side in sides:
            pipeline.cannot_change = _gate if side == 0 else (lambda _d, _c: False)
            if side == 2:
                _, seconds = _timed(_bare_text, source)
            else:
                text, seconds = _timed(eb.ours_text, name, source, limits)
                (gated if side == 0 else always).append(text)
            cpu[side] += seconds
    pipeline.cannot_change = cannot_change
    return gated, always, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=eb.DEFAULT_CORPUS)
    parser.add_argument("--tdev", type=Path, default=eb.DEFAULT_TDEV)
    args = parser.parse_args(argv)
    for folder in (args.corpus, args.tdev):
        if not folder.is_dir():
            print(f"corpus not found: {folder}", file=sys.stderr)
            return 2
    logging.disable(logging.CRITICAL)
    limits = Limits()
    totals = [0.0, 0.0, 0.0]
    skipped_all = 0
    pages_all = 0

    mozilla = eb.load_corpus(args.corpus)
    _skipped.clear()
    gated, always, cpu = run([(p.name, p.source) for p in mozilla], limits)
    scores = []
    for texts in (gated, always):
        pr = [eb.precision_recall(p.expected_text, t) for p, t in zip(mozilla, texts, strict=True)]
        precision = statistics.mean(x[0] for x in pr)
        recall = statistics.mean(x[1] for x in pr)
        scores.append(eb.f1(precision, recall))
    report("mozilla (shingle F1)", len(mozilla), sum(_skipped), scores, cpu)
    skipped_all += sum(_skipped)
    pages_all += len(mozilla)
    totals = [a + b for a, b in zip(totals, cpu, strict=True)]

    tdev = eb.load_tdev(args.tdev, limits)
    _skipped.clear()
    gated, always, cpu = run([(p.name, p.source) for p in tdev], limits)
    scores = [
        eb.snippet_f1([eb.snippet_counts(p, t) for p, t in zip(tdev, texts, strict=True)])[2]
        for texts in (gated, always)
    ]
    report("trafilatura-eval-dev (snippet F1)", len(tdev), sum(_skipped), scores, cpu)
    skipped_all += sum(_skipped)
    pages_all += len(tdev)
    totals = [a + b for a, b in zip(totals, cpu, strict=True)]
    print(
        f"both: {skipped_all}/{pages_all} skipped; CPU ratio to bare: "
        f"gated {totals[0] / totals[2]:.3f}, always asked {totals[1] / totals[2]:.3f}"
    )
    return 0


def report(label: str, pages: int, skipped: int, scores: list[float], cpu: list[float]) -> None:
    print(f"{label}: {pages} pages, {skipped} skipped ({skipped / pages:.1%})")
    print(f"  F1 gated {scores[0]:.4f}, always asked {scores[1]:.4f}")
    print(
        f"  CPU s: gated {cpu[0]:.2f}, always asked {cpu[1]:.2f}, bare {cpu[2]:.2f} "
        f"(ratio {cpu[0] / cpu[2]:.3f} vs {cpu[1] / cpu[2]:.3f})"
    )


if __name__ == "__main__":
    sys.exit(main())
