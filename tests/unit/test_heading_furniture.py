"""Edit links and permalinks leave headings, contents and text; citation marks become
superscripts. On hand-written pages in several languages, and on the saved Wikipedia
pages of the development corpus where it is there."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.config import Limits
from reader.extract.heading_furniture import (
    heading_furniture,
    strip_heading_edges,
    superscript,
)
from reader.extract.invariants import violations
from reader.extract.pipeline import extract
from reader.loaders.base import DocumentKind, RawDocument
from reader.models import Article, BlockKind, MarkKind

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "mozilla"
PROSE = (
    "The harbour wall has kept the winter storms out of the old town for two hundred "
    "years, and the council met on Tuesday to decide how it should be repaired."
)


def _page(body: str, text_kind: DocumentKind = DocumentKind.HTML) -> Article:
    text = body if text_kind is not DocumentKind.HTML else f"<html><body>{body}</body></html>"
    doc = RawDocument(
        source="page", kind=text_kind, text=text, base_url="https://wiki.example/wiki/Harbour"
    )
    article = extract(doc, Limits())
    assert violations(article) == []
    return article


def _headings(article: Article) -> list[str]:
    return [article.text[b.start : b.end] for b in article.blocks if b.kind is BlockKind.HEADING]


def _wiki_heading(title: str, label: str) -> str:
    return (
        f'<h2><span class="mw-headline">{title}</span><span class="mw-editsection">'
        f'<span class="mw-editsection-bracket">[</span><a href="/w/index.php?title=Harbour'
        f'&amp;action=edit&amp;section=1">{label}</a><span class="mw-editsection-bracket">]'
        f"</span></span></h2>"
    )


@pytest.mark.parametrize(
    ("title", "label"),
    [
        ("History", "edit"),
        ("Geschichte", "Bearbeiten"),
        ("Histoire", "modifier"),
        ("Historia", "editar"),
        ("Storia", "modifica"),
    ],
)
def test_wiki_edit_links_leave_headings_contents_and_text(title: str, label: str) -> None:
    article = _page(f"<p>{PROSE}</p>{_wiki_heading(title, label)}<p>{PROSE}</p>")
    assert _headings(article) == [title]
    assert label not in article.text
    assert [s.title for s in article.sections if s.title] == [title]
    assert not [m for b in article.blocks for m in b.marks if m.kind is MarkKind.LINK]


def test_edit_links_without_the_wiki_class_are_recognised_by_text_and_address() -> None:
    body = (
        f'<p>{PROSE}</p><h2>Geschichte <a href="/w/index.php?action=edit&amp;section=2">'
        f"[Bearbeiten | Quelltext bearbeiten]</a></h2><p>{PROSE}</p>"
    )
    assert _headings(_page(body)) == ["Geschichte"]


@pytest.mark.parametrize(
    "anchor",
    [
        '<a class="headerlink" href="#setup" title="Permalink to this headline">¶</a>',
        '<a href="#setup">#</a>',
        '<a href="#setup" aria-label="Permalink">🔗</a>',
        '<a href="#setup">Permalink</a>',
        '<a href="#setup" class="anchor"><svg viewBox="0 0 16 16"></svg></a>',
    ],
)
def test_heading_permalinks_are_dropped(anchor: str) -> None:
    for heading in (f"<h2>Setting up {anchor}</h2>", f"<h2>{anchor} Setting up</h2>"):
        article = _page(f"<p>{PROSE}</p>{heading}<p>{PROSE}</p>")
        assert _headings(article) == ["Setting up"], heading


def test_a_heading_that_only_mentions_editing_keeps_its_words() -> None:
    body = f"<p>{PROSE}</p><h2>How to edit a photo</h2><p>{PROSE}</p><h2>C# in a week</h2>"
    assert _headings(_page(body)) == ["How to edit a photo", "C# in a week"]


@pytest.mark.parametrize(
    ("heading", "rule", "kept"),
    [
        ("History[edit]", "edit-link", "History"),
        ("History [ edit | edit source ]", "edit-link", "History"),
        ("Geschichte[Bearbeiten | Quelltext bearbeiten]", "edit-link", "Geschichte"),
        ("Histoire [modifier | modifier le code]", "edit-link", "Histoire"),
        ("Historia[editar]", "edit-link", "Historia"),
        ("Storia[modifica | modifica wikitesto]", "edit-link", "Storia"),
        ("Installation ¶", "permalink", "Installation"),
        ("🔗 Installation", "permalink", "Installation"),
        ("Installation #", "permalink", "Installation"),
        ("Usage", None, "Usage"),
        ("C#", None, "C#"),
        ("[edit]", "edit-link", "[edit]"),
    ],
)
def test_the_heading_rule_names_what_it_takes_off(
    heading: str, rule: str | None, kept: str
) -> None:
    assert heading_furniture(heading) == rule
    start, end = strip_heading_edges(heading)
    assert heading[start:end] == kept


def test_edit_links_in_a_markdown_copy_of_a_wiki_page() -> None:
    text = f"# Harbour\n\n## History[edit]\n\n{PROSE}\n\n## Repairs [edit]\n\n{PROSE}\n"
    article = _page(text, DocumentKind.MARKDOWN)
    assert "[edit]" not in article.text
    assert _headings(article)[-2:] == ["History", "Repairs"]


@given(st.text(max_size=40))
def test_stripping_keeps_a_non_empty_slice_of_the_heading(heading: str) -> None:
    start, end = strip_heading_edges(heading)
    assert 0 <= start <= end <= len(heading)
    if heading:
        assert end > start
        left = heading[start:end]
        # Stripping what is left again takes nothing more off the end.
        assert strip_heading_edges(left)[1] in (len(left), len(left.rstrip()))


def test_citation_marks_become_superscripts_with_consistent_offsets() -> None:
    body = (
        f"<p>The wall is old.<sup class='reference'><a href='#cite_note-1'>[1]</a></sup> "
        f"It was built in 1820.<sup><a href='#cite_note-12'>[12]</a></sup>"
        f"<sup><a href='#cite_note-13'>[13]</a></sup> Repairs start soon"
        f"<sup class='reference'><a href='#cite_note-a'>[a]</a></sup>, the council said "
        f"(<a href='https://news.example/wall'>report</a>). {PROSE}</p>"
    )
    article = _page(body)
    assert "The wall is old.¹ It was built in 1820.¹²,¹³ Repairs start soonᵃ," in article.text
    assert "[1]" not in article.text and "[12]" not in article.text
    links = [m for b in article.blocks for m in b.marks if m.kind is MarkKind.LINK]
    assert [article.text[m.start : m.end] for m in links] == ["report"]


def test_bracketed_numbers_that_are_not_citations_stay() -> None:
    body = f"<p>Array index <code>a[1]</code> and <sup>[2]</sup> plain. x<sup>2</sup> {PROSE}</p>"
    text = _page(body).text
    assert "a[1]" in text and "[2]" in text


@pytest.mark.parametrize(
    ("label", "raised"),
    [("1", "¹"), ("12", "¹²"), ("a", "ᵃ"), ("n 3", "ⁿ³"), ("q", None), ("", None)],
)
def test_superscript_forms(label: str, raised: str | None) -> None:
    assert superscript(label) == raised


@pytest.mark.parametrize("name", ["wikipedia", "wikipedia-2", "wikipedia-3", "wikipedia-4"])
def test_saved_wikipedia_pages_have_no_edit_links_or_bracketed_citations(name: str) -> None:
    path = CORPUS / name / "source.html"
    if not path.exists():
        pytest.skip("development corpus not present")
    doc = RawDocument(
        source=str(path), kind=DocumentKind.HTML, text=path.read_text(encoding="utf-8")
    )
    article = extract(doc, Limits())
    for heading in _headings(article):
        assert heading_furniture(heading) is None, heading
        assert not heading.endswith(("edit]", "]")), heading
    assert "[edit]" not in article.text
    assert "[1]" not in article.text


def test_a_container_named_like_a_permalink_keeps_its_text() -> None:
    # A site may class its whole article page "permalink".
    body = f'<div class="permalink"><h2>Repairs</h2><p>{PROSE}</p><p>{PROSE}</p></div>'
    article = _page(body)
    assert PROSE in article.text and _headings(article) == ["Repairs"]
