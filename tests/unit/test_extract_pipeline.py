"""The whole pipeline on a hand-made page, Markdown input, limits and failures."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.config import Limits
from reader.errors import ExtractError, LimitExceeded
from reader.extract import pipeline
from reader.extract.invariants import violations
from reader.extract.pipeline import extract
from reader.loaders.base import DocumentKind, RawDocument
from reader.models import Article, BlockKind, SectionKind

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "extract"
PAGE_URL = "https://gazette.example/walks/tide-tables"


def fixture_article(limits: Limits | None = None) -> Article:
    text = (FIXTURES / "article.html").read_text(encoding="utf-8")
    doc = RawDocument(source="article.html", kind=DocumentKind.HTML, text=text, base_url=PAGE_URL)
    article = extract(doc, limits or Limits())
    assert violations(article) == []
    return article


def html_doc(body: str, head: str = "") -> RawDocument:
    return RawDocument(
        source="page.html",
        kind=DocumentKind.HTML,
        text=f"<html><head>{head}</head><body>{body}</body></html>",
    )


def test_the_hand_made_page_matches_its_golden_file() -> None:
    """Regenerate on purpose only: UPDATE_GOLDEN=1 pytest -k golden."""
    golden = FIXTURES / "article.golden.json"
    data = fixture_article().to_dict()
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert data == json.loads(golden.read_text(encoding="utf-8"))


def test_metadata_body_and_furniture_of_the_hand_made_page() -> None:
    article = fixture_article()
    meta = article.metadata
    assert (meta.title, meta.site, meta.byline) == (
        "Tide tables for the curious walker",
        "The Harbour Gazette",
        "Morwenna Tregear",
    )
    assert meta.published is not None and meta.published.isoformat() == "2024-03-09T07:45:00+00:00"
    assert meta.tags == ("Coast", "Walking", "tides")
    assert meta.language == "en-GB"
    assert meta.canonical_url == "https://gazette.example/walks/tide-tables?id=7"
    assert article.text.startswith("Every coastal path has a moment")
    assert article.text.endswith("before the table says the water will cover it.")
    for furniture in ("Home", "cookies", "Tweet", "View", "veryGood", "newsletter", "©"):
        assert furniture not in article.text
    assert {b.kind for b in article.blocks} == set(BlockKind)


def test_link_groups_and_sections_of_the_hand_made_page() -> None:
    article = fixture_article()
    assert [(g.title, len(g.links)) for g in article.link_groups] == [
        ("Related stories", 3),
        ("Most read", 2),
    ]
    headings = [s for s in article.sections if s.kind is SectionKind.HEADING]
    assert [(s.title, s.level, s.parent_id is None) for s in headings] == [
        ("Reading the columns", 2, True),
        ("Before you set out", 3, False),
    ]
    assert headings[1].parent_id == headings[0].id
    words = len(article.text[article.block(headings[0].block_ids[0]).end : headings[0].end].split())
    assert headings[0].summary == f"{words} words"
    links = [s for s in article.sections if s.kind is SectionKind.LINKS]
    assert [(s.summary, s.start, s.end) for s in links] == [
        ("3 links", len(article.text), len(article.text)),
        ("2 links", len(article.text), len(article.text)),
    ]


def test_whole_article_markdown_has_title_metadata_body_and_groups() -> None:
    article = fixture_article()
    md = article.markdown
    assert md.startswith("# Tide tables for the curious walker\n\n*The Harbour Gazette · by ")
    assert "\n\n## Reading the columns\n\n" in md
    assert "[today's tides](https://harbour.example/tides?day=9)" in md
    assert "utm_" not in md and "fbclid" not in md and "javascript" not in md
    assert "[](" not in md and "pop-up map" in md and "[pop-up map]" not in md
    assert md.index("## Related stories") > md.index("well before the table")
    assert md.endswith(
        "- [Lifeboat crew rescue two stranded kayakers](https://gazette.example/news/lifeboat)\n"
    )
    assert md == fixture_article().markdown


def test_block_ids_are_stable_and_unique_and_survive_unrelated_edits() -> None:
    first = fixture_article()
    text = (FIXTURES / "article.html").read_text(encoding="utf-8")
    edited = text.replace(
        "<p>If you like to check", "<p>A new paragraph was added here.</p><p>If you like to check"
    )
    second = extract(RawDocument(source="x", kind=DocumentKind.HTML, text=edited), Limits())
    before = {b.id for b in first.blocks}
    after = {b.id for b in second.blocks}
    assert len(after - before) == 1
    assert before <= after


def test_repeated_blocks_get_numbered_ids() -> None:
    body = "<article>" + "<p>The same sentence, said again and again in this page.</p>" * 3
    article = extract(html_doc(body + "<p>" + "Other text. " * 30 + "</p></article>"), Limits())
    ids = [b.id for b in article.blocks][:3]
    assert ids[1] == ids[0] + "-2" and ids[2] == ids[0] + "-3"


def test_markdown_input_keeps_structure_front_matter_and_groups() -> None:
    text = (
        "---\ntitle: Notes on tides\nauthor: M. T.\ndate: 2024-05-01\ntags: [coast, tides]\n---\n"
        "# Notes on tides\n\nThe *first* paragraph, with [a link](https://x.example/?utm_source=a).\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n```sh\necho hi\n```\n\n"
        "## Related\n\n- [A related note on currents](https://x.example/c)\n"
        "- [Another note about the moon](https://x.example/m)\n"
    )
    doc = RawDocument(source="notes.md", kind=DocumentKind.MARKDOWN, text=text)
    article = extract(doc, Limits())
    assert violations(article) == []
    meta = article.metadata
    assert (meta.title, meta.byline, meta.tags) == ("Notes on tides", "M. T.", ("coast", "tides"))
    assert meta.published is not None and meta.published.date().isoformat() == "2024-05-01"
    assert [b.kind for b in article.blocks] == [
        BlockKind.PARAGRAPH,
        BlockKind.TABLE,
        BlockKind.CODE,
    ]
    assert article.blocks[2].language == "sh"
    assert [g.title for g in article.link_groups] == ["Related"]
    assert "https://x.example/)" in article.markdown


def test_text_limit_truncates_at_a_block_boundary() -> None:
    article = fixture_article(Limits(max_text_chars=600))
    assert article.truncated
    assert 0 < len(article.text) <= 600
    assert article.text == fixture_article().text[: len(article.text)]


def test_node_limit_truncates_the_page() -> None:
    body = "<article>" + "".join(f"<p>Paragraph number {i} of a long page.</p>" for i in range(300))
    article = extract(html_doc(body + "</article>"), Limits(max_nodes=120))
    assert article.truncated
    assert "Paragraph number 150 " not in article.text


def test_depth_limit_flattens_deep_nesting_but_keeps_the_text() -> None:
    deep = (
        "<div>" * 60 + "Deep text that is long enough to be the article body. " * 5 + "</div>" * 60
    )
    article = extract(html_doc(deep), Limits(max_depth=20))
    assert "Deep text" in article.text
    assert article.truncated


def test_link_limit_leaves_further_links_as_plain_text() -> None:
    links = "".join(f'<a href="/p{i}">link number {i}</a>, ' for i in range(20))
    article = extract(html_doc(f"<article><p>{links}</p></article>"), Limits(max_links=5))
    assert sum(len(b.marks) for b in article.blocks) == 5
    assert "link number 19" in article.text


def test_a_page_without_text_is_an_extract_error() -> None:
    for body in ("", "<script>var x = 1;</script>", "<div><img src='a.png'></div>"):
        with pytest.raises(ExtractError):
            extract(html_doc(body), Limits())


def test_running_out_of_time_is_a_limit_error(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter(float(n) for n in range(1000))
    monkeypatch.setattr(pipeline.time, "perf_counter", lambda: next(clock))
    with pytest.raises(LimitExceeded, match="longer than 2 s"):
        fixture_article(Limits(extract_seconds=2))


def test_links_without_a_base_stay_relative() -> None:
    body = (
        "<article><p>"
        + "Words of the body. " * 20
        + '<a href="page_files/x.html">saved</a></p></article>'
    )
    article = extract(html_doc(body), Limits())
    (mark,) = article.blocks[0].marks
    assert mark.href == "page_files/x.html"


def test_language_is_guessed_when_the_page_does_not_say() -> None:
    body = (
        "<article><p>" + "Der Hafen ist nicht mehr das, was er war, und die Stadt auch nicht. " * 5
    )
    article = extract(html_doc(body + "</p></article>"), Limits())
    assert article.metadata.language == "de"


def test_references_to_characters_xml_cannot_hold_become_replacement_characters() -> None:
    body = "<article><p>" + "Body words here. " * 10 + "&#0;a&#x1b;b&#xFFFF;c&#55296;d"
    body += "&#x110000;e&#99999999999;f&#65;</p></article>"
    article = extract(html_doc(body), Limits())
    assert article.text.endswith("\ufffda\ufffdb\ufffdc\ufffdd\ufffde\ufffdfA")


def test_nesting_beyond_the_parsers_cap_keeps_the_article() -> None:
    paragraphs = "".join(f"<p>Paragraph {i} of the deeply buried article.</p>" for i in range(5))
    article = extract(html_doc("<div>" * 100_000 + paragraphs + "</div>" * 100_000), Limits())
    assert article.text.count("deeply buried") == 5
    assert article.truncated


def test_a_huge_attribute_does_not_end_the_parse() -> None:
    image = '<img src="data:image/png;base64,' + "A" * 10_500_000 + '">'
    body = (
        "<article><p>" + "Text before the image. " * 10 + f"</p>{image}<p>After it.</p></article>"
    )
    article = extract(html_doc(body), Limits())
    assert article.text.endswith("After it.")
