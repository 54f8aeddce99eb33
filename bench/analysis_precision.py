"""How often the entities and dates the sidebar shows as facts are right.

    python bench/analysis_precision.py [--before DIR] [--labels FILE] [--corpus DIR]
                                       [--unlabelled]

Each page of the hand-checked set (``tests/fixtures/analysis/precision_labels.json``,
pages named by their path under ``../shared/corpus``) is extracted and analysed; every
entity (name and sidebar group) and every calendar date (the text of a point in time)
the analysis shows is looked up in the page's labels, which say whether a reader of the
page would call it right. Precision = right / labelled. The publication date chosen by
the metadata is compared with the labelled one.

``--before DIR`` analyses the same pages with the code of another checkout (run in a
child process with ``PYTHONPATH=DIR``) in the same run, so the two figures compare
like with like. ``--unlabelled`` lists what the labels do not cover yet.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "fixtures" / "analysis" / "precision_labels.json"
CORPUS = ROOT.parent / "shared" / "corpus"


def dump(corpus: Path, pages: list[str]) -> dict[str, Any]:
    """What the code on ``sys.path`` shows for each page: entities, calendar dates and
    the publication date."""
    from reader.analysis import analyse
    from reader.config import Limits
    from reader.extract.pipeline import extract
    from reader.loaders.base import DocumentKind, RawDocument

    logging.disable(logging.CRITICAL)
    out: dict[str, Any] = {}
    for page in pages:
        source = (corpus / page).read_text(encoding="utf-8", errors="replace")
        article = extract(RawDocument(source=page, kind=DocumentKind.HTML, text=source), Limits())
        analysis = analyse(article, use_cache=False)
        published = article.metadata.published
        out[page] = {
            "published": published.date().isoformat() if published else None,
            "entities": sorted({f"{e.group.value}|{e.name}" for e in analysis.entities}),
            "dates": sorted({d.text for d in analysis.dates if d.kind.value == "point"}),
        }
    return out


def dump_with(code: Path, corpus: Path, labels: Path) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=str(code))
    command = [sys.executable, __file__, "--dump", "--corpus", str(corpus), "--labels", str(labels)]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"analysis with {code} failed: {result.stderr.strip().splitlines()[-1:]}")
    return json.loads(result.stdout)


def score(found: dict[str, Any], labels: dict[str, Any]) -> dict[str, Any]:
    tally = {"entities": [0, 0, 0], "dates": [0, 0, 0], "published": [0, 0]}
    missing: dict[str, dict[str, list[str]]] = {}
    for page, label in labels.items():
        shown = found[page]
        for kind in ("entities", "dates"):
            if label.get(kind) is None:
                continue  # not checked on this page
            for item in shown[kind]:
                verdict = label[kind].get(item)
                if verdict is None:
                    tally[kind][2] += 1
                    missing.setdefault(page, {}).setdefault(kind, []).append(item)
                else:
                    tally[kind][0 if verdict else 1] += 1
        if "published" in label:
            tally["published"][0 if shown["published"] == label["published"] else 1] += 1
    return {"tally": tally, "missing": missing}


def report(name: str, scored: dict[str, Any]) -> None:
    tally = scored["tally"]
    parts = []
    for kind in ("entities", "dates"):
        right, wrong, unknown = tally[kind]
        precision = right / (right + wrong) if right + wrong else 0.0
        parts.append(f"{kind} {precision:.3f} ({right}/{right + wrong}, {unknown} unlabelled)")
    right, wrong = tally["published"]
    parts.append(f"publication date {right}/{right + wrong}")
    print(f"{name:7} " + "; ".join(parts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="checkout of the code to compare with")
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--unlabelled", action="store_true", help="list unlabelled items")
    parser.add_argument("--dump", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    labels = json.loads(args.labels.read_text(encoding="utf-8"))["pages"]
    if args.dump:
        json.dump(dump(args.corpus, sorted(labels)), sys.stdout)
        return
    if not args.corpus.is_dir():
        sys.exit(f"{args.corpus} is absent")
    runs = [("before", args.before)] if args.before else []
    runs.append(("after", ROOT))
    print(f"{len(labels)} pages from {args.corpus}")
    for name, code in runs:
        scored = score(dump_with(code, args.corpus, args.labels), labels)
        report(name, scored)
        if args.unlabelled and scored["missing"]:
            print(json.dumps(scored["missing"], indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
