"""The shared sample page (a plain-text dump): the exact expectations of the issue."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

import pytest

from reader.config import Limits
from reader.extract.invariants import violations
from reader.extract.pipeline import extract
from reader.loaders.base import DocumentKind, RawDocument
from reader.models import Article, BlockKind, SectionKind

GOLDEN = Path(__file__).resolve().parent.parent / "fixtures" / "extract" / "sample_page.golden.json"


@pytest.fixture
def article(sample_page: Path) -> Article:
    text = sample_page.read_text(encoding="utf-8")
    doc = RawDocument(source="000_a2600e6869feb62b.txt", kind=DocumentKind.TEXT, text=text)
    result = extract(doc, Limits())
    assert violations(result) == []
    return result


def test_metadata(article: Article) -> None:
    meta = article.metadata
    assert meta.title == "Blinken arrives in Beijing amid major diplomatic tensions with China"
    assert meta.site == "StockSource"
    assert meta.published == datetime(2025, 4, 13, 22, 32, 16)
    assert meta.tags == ("Antony Blinken", "China")


def test_body_is_exactly_the_thirty_paragraphs(article: Article) -> None:
    assert [b.kind for b in article.blocks] == [BlockKind.PARAGRAPH] * 30
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 30
    assert paragraphs[0].startswith("Secretary of State Antony Blinken arrived")
    assert paragraphs[-1].endswith("who has been imprisoned since 2016.")
    for furniture in ("Current:Home", "View", "veryGood", "In:", "Related", "Horoscopes"):
        assert furniture not in article.text


def test_link_groups(article: Article) -> None:
    groups = {g.title: [link.text for link in g.links] for g in article.link_groups}
    assert list(groups) == ["Related", "Ranking", "Recommendation"]
    assert [len(v) for v in groups.values()] == [9, 8, 6]
    assert groups["Related"].count("Horoscopes Today, February 22, 2024") == 1
    dashiell = "Dashiell Soren's Business Core: Alpha Elite Capital (AEC) Business Management"
    assert groups["Recommendation"].count(dashiell) == 1
    assert "Alabama lawmakers move to protect IVF treatment" in groups["Ranking"]
    assert "Alabama lawmakers move to protect IVF treatment" not in groups["Recommendation"]
    sections = [(s.title, s.summary) for s in article.sections if s.kind is SectionKind.LINKS]
    assert sections == [
        ("Related", "9 links"),
        ("Ranking", "8 links"),
        ("Recommendation", "6 links"),
    ]


def test_markdown(article: Article) -> None:
    assert article.markdown.startswith(
        "# Blinken arrives in Beijing amid major diplomatic tensions with China\n\n"
        "*StockSource · 2025-04-13 22:32 · tags: Antony Blinken, China*\n\n"
        "Secretary of State"
    )
    assert "\n\n## Ranking\n\n- NFL Week 15 picks" in article.markdown


def test_matches_the_golden_file(article: Article) -> None:
    """Regenerate on purpose only: UPDATE_GOLDEN=1 pytest -k golden."""
    data = article.to_dict()
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert data == json.loads(GOLDEN.read_text(encoding="utf-8"))
