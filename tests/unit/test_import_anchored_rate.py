"""How many highlights from a service's export land in our text, on real pages: the
Mozilla readability corpus saved as a wallabag export, each page with passages of its
expected article highlighted (as a reader would have done in the service)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import lxml.html
import pytest
from conftest import MOZILLA, need_shared

from reader.importing.exports import import_export
from reader.store import open_library

PAGES = 20
QUOTES_PER_PAGE = 3
MIN_ANCHORED = 0.9
"""Share of highlights that must be found (as quoted or approximately)."""


def _passages(expected_html: str, rng: random.Random) -> list[str]:
    root = lxml.html.fromstring(expected_html)
    paragraphs = [" ".join(p.text_content().split()) for p in root.iter("p")]
    paragraphs = [p for p in paragraphs if len(p) > 120]
    picked = rng.sample(paragraphs, min(QUOTES_PER_PAGE, len(paragraphs)))
    quotes = []
    for text in picked:
        words = text.split()
        start = rng.randrange(0, max(1, len(words) - 12))
        quotes.append(" ".join(words[start : start + rng.randrange(6, 12)]))
    return quotes


@pytest.mark.corpus
def test_highlights_from_an_export_of_real_pages_are_anchored(tmp_path: Path) -> None:
    corpus = need_shared(MOZILLA)
    rng = random.Random(7)
    entries = []
    for case in sorted(corpus.iterdir())[:PAGES]:
        source, expected = case / "source.html", case / "expected.html"
        if not (source.is_file() and expected.is_file()):
            continue
        quotes = _passages(expected.read_text(encoding="utf-8", errors="replace"), rng)
        entries.append(
            {
                "is_archived": 0,
                "url": f"https://corpus.example/{case.name}",
                "title": case.name,
                "content": source.read_text(encoding="utf-8", errors="replace"),
                "annotations": [{"quote": q, "text": "", "ranges": []} for q in quotes],
            }
        )
    path = tmp_path / "wallabag.json"
    path.write_text(json.dumps(entries))
    with open_library() as store:
        report = import_export(store, path, jobs=1)
    tally = report.highlights
    assert tally.total >= PAGES * 2
    found = (tally.anchored + tally.moved) / tally.total
    assert found >= MIN_ANCHORED, f"{tally.line()} ({found:.0%} found)"
