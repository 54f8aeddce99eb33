"""How often counted groups of people are found, and how often something else is
taken for one.

    python bench/enumeration_recall.py [--before DIR] [--passages FILE] [--show]

On hand-written passages (``tests/fixtures/analysis/enumeration_passages.json``):
recall is the share of positive passages where the analysis finds a group whose
members are exactly the expected names; false positives are the negative passages
where it finds any group, plus groups on positive passages whose members are wrong.
``--before DIR`` runs the same passages with the code of another checkout (a child
process with ``PYTHONPATH=DIR``) in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PASSAGES = ROOT / "tests" / "fixtures" / "analysis" / "enumeration_passages.json"
PUBLISHED = datetime(2025, 4, 13)


def groups_of(text: str) -> list[dict[str, Any]]:
    """The groups the code on ``sys.path`` finds in ``text``."""
    from reader.analysis import analyse
    from reader.analysis.plaintext import article_from_paragraphs

    article = article_from_paragraphs(text.split("\n\n"), published=PUBLISHED, source="passage")
    analysis = analyse(article, use_cache=False)
    return [{"title": e.title, "names": [m.name for m in e.members]} for e in analysis.enumerations]


def dump(passages: dict[str, Any]) -> dict[str, list[list[dict[str, Any]]]]:
    return {
        kind: [groups_of(p["text"]) for p in passages[kind]] for kind in ("positive", "negative")
    }


def dump_with(code: Path, passages: Path) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=str(code))
    command = [sys.executable, __file__, "--dump", "--passages", str(passages)]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"analysis with {code} failed: {result.stderr.strip().splitlines()[-1:]}")
    return json.loads(result.stdout)


def score(found: dict[str, Any], passages: dict[str, Any]) -> dict[str, Any]:
    hits, wrong = 0, 0
    missed: list[int] = []
    for k, (passage, groups) in enumerate(
        zip(passages["positive"], found["positive"], strict=True)
    ):
        expected = sorted(passage["names"])
        right = [g for g in groups if sorted(g["names"]) == expected]
        hits += bool(right)
        wrong += len(groups) - len(right)
        if not right:
            missed.append(k)
    fired = [k for k, groups in enumerate(found["negative"]) if groups]
    return {
        "recall": hits / len(passages["positive"]),
        "hits": hits,
        "positives": len(passages["positive"]),
        "false_positives": len(fired) + wrong,
        "negatives_fired": fired,
        "wrong_groups": wrong,
        "missed": missed,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="checkout of the code to compare with")
    parser.add_argument("--passages", type=Path, default=PASSAGES)
    parser.add_argument("--show", action="store_true", help="list missed and fired passages")
    parser.add_argument("--dump", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    passages = json.loads(args.passages.read_text(encoding="utf-8"))
    if args.dump:
        json.dump(dump(passages), sys.stdout)
        return
    runs = [("before", args.before)] if args.before else []
    runs.append(("after", ROOT))
    print(f"{len(passages['positive'])} positive and {len(passages['negative'])} negative passages")
    for name, code in runs:
        found = dump_with(code, args.passages)
        scored = score(found, passages)
        print(
            f"{name:7} recall {scored['recall']:.2f} ({scored['hits']}/{scored['positives']}); "
            f"false positives {scored['false_positives']} "
            f"({len(scored['negatives_fired'])} negatives fired, "
            f"{scored['wrong_groups']} wrong groups on positives)"
        )
        if args.show:
            for k in scored["missed"]:
                print(
                    f"  missed {k}: {found['positive'][k]} {passages['positive'][k]['text'][:90]!r}"
                )
            for k in scored["negatives_fired"]:
                print(
                    f"  fired {k}: {found['negative'][k]} {passages['negative'][k]['text'][:90]!r}"
                )


if __name__ == "__main__":
    main()
