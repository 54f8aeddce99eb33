"""readability on our tree: its cleaner's work done by ours, links left to the walker."""

from __future__ import annotations

import copy
import types

import lxml.html
import readability.readability as library
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml.etree import tounicode

from reader.config import Limits
from reader.extract.html_clean import parse_html
from reader.extract.pipeline import extract
from reader.extract.readability_step import (
    _GLOBALS,
    _ArticleDocument,
    _scripted,
    _TreeCleaner,
    _unlikely,
)
from reader.loaders.base import DocumentKind, RawDocument

STORY = "".join(
    f"<p>Paragraph {n}: the ferry left the harbour at seven, and the gulls followed it "
    "out past the breakwater until the rain began.</p>"
    for n in range(6)
)


def test_cleaner_copies_and_drops_what_lxml_cleaner_drops() -> None:
    root = lxml.html.fromstring(
        "<html><head><link rel='stylesheet' href='s.css'><style>p{}</style></head>"
        "<body onload='x()'><script>x()</script><p style='color:red' onclick='y()'>Kept"
        "</p><image src='a.png'><img src='data:image/svg+xml;base64,PHN2Zz4='>"
        "<img src='data:image/png;base64,iVBORw0='><img src='java\nscript:alert(1)'>"
        "</body></html>"
    )
    clean = _TreeCleaner().clean_html(root)
    assert clean is not root and root.find(".//script") is not None
    assert [e.tag for e in clean.iter("script", "style", "link")] == []
    assert not any(k.startswith("on") or k == "style" for e in clean.iter() for k in e.attrib)
    sources = [img.get("src") for img in clean.iter("img")]
    assert sources == ["a.png", "", "data:image/png;base64,iVBORw0=", ""]
    assert clean.findtext(".//p") == "Kept"


def test_scripted_links_follow_lxml() -> None:
    assert _scripted("javascript:alert(1)")
    assert _scripted("data:text/html,<b>x</b>")
    assert _scripted("data:image/svg+xml;utf8,<svg/>")
    assert not _scripted("data:image/jpeg;base64,/9j/")
    assert not _scripted("https://example.org/a.png")


def test_links_are_resolved_against_the_page_base() -> None:
    html = (
        "<html><head><base href='https://news.example/world/'></head><body><article>"
        + STORY
        + "<p>Read <a href='../story.html#'>the earlier story</a> and "
        "<a href='javascript:void(0)'>nothing</a> of the ferry strike in the harbour."
        "</p></article></body></html>"
    )
    doc = RawDocument(source="page.html", kind=DocumentKind.HTML, text=html)
    article = extract(doc, Limits())
    assert "](https://news.example/story.html)" in article.markdown
    assert "javascript" not in article.markdown


class _LibraryMethods(_ArticleDocument):
    """Our document with the library's own methods where our copy rewrites them (its
    parse step with our cleaner, as the rest of our copy has it)."""


for _name in ("remove_unlikely_candidates", "transform_misused_divs_into_paragraphs", "_parse"):
    _method = vars(library.Document)[_name]
    _globals = _GLOBALS if _name == "_parse" else vars(library)
    setattr(
        _LibraryMethods,
        _name,
        types.FunctionType(_method.__code__, _globals, _name, _method.__defaults__),
    )

_NAMES = [
    *("comment", "sidebar", "content", "main", "foot", "menu", "and", "article", "x"),
    *("ad-break", "Twitter", "SIDEBAR", "ſidebar", "column", "pager", "body", "é-menu"),
]
_TAGS = [
    *("div", "p", "span", "a", "b", "em", "code", "pre", "img", "table", "td", "ul"),
    *("li", "section", "article", "main", "header", "br", "font", "param", "picture"),
    *("dl", "blockquote", "math", "ol", "u", "sup", "DIV", "o:p", "tablex", "nav"),
]


@st.composite
def _element(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(st.sampled_from(_TAGS))
    attributes = ""
    for attribute in ("class", "id"):
        names = draw(st.lists(st.sampled_from(_NAMES), max_size=2))
        if names:
            attributes += f' {attribute}="{" ".join(names)}"'
    attributes += draw(st.sampled_from(["", "", " hidden", ' style="display: none"', ' style="x"']))
    if tag == "a":
        attributes += draw(st.sampled_from(["", ' href="../up.html"', ' href="#top"']))
    text = draw(st.sampled_from(["", "Some words, here. ", "<p>", " " * 3, "A" * 30]))
    children = draw(st.lists(_element(depth + 1), max_size=4)) if depth < 3 and tag != "br" else []
    tail = draw(st.sampled_from(["", "tail text", "x" * 40 + ", y"]))
    inner = text.replace("<", "&lt;") + "".join(children)
    return f"<{tag}{attributes}>{inner}</{tag}>{tail}"


def _summary(document_class: type[_ArticleDocument], root: lxml.html.HtmlElement) -> str:
    document = document_class(copy.deepcopy(root), handle_failures="discard")
    try:
        document.summary(html_partial=True)
    except library.Unparseable as error:
        return repr(error)
    return "" if document.article is None else tounicode(document.article)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_element(), min_size=1, max_size=5))
def test_rewritten_methods_give_the_library_result(elements: list[str]) -> None:
    base = "<base href='https://a.example/b/c/'>" if len(elements) % 2 else ""
    page = f"<html><head>{base}</head><body>" + "".join(elements) + "</body></html>"
    root = parse_html(page, Limits()).root
    assert _summary(_ArticleDocument, root) == _summary(_LibraryMethods, root)


@given(
    st.lists(st.sampled_from([*_NAMES, "K", "İ", "ı", "Ä", " ", "pa", "ger"]), max_size=6).map(
        "".join
    )
    | st.text(max_size=12)
)
def test_unlikely_names_as_the_library_searches_them(names: str) -> None:
    patterns = library.REGEXES
    expected = bool(
        patterns["unlikelyCandidatesRe"].search(names)
        and not patterns["okMaybeItsACandidateRe"].search(names)
    )
    assert _unlikely(names) is expected


def test_its_parse_step_applies_the_base_and_drops_hidden_parts() -> None:
    page = (
        "<html><head><base href='https://news.example/world/'></head><body><article>"
        + STORY
        + "<p hidden>Hidden words of the ferry timetable, kept out of the article.</p>"
        "<div style='display: none'>More hidden words about the harbour and its gulls.</div>"
        "<p>Read <a href='../story.html'>the earlier story</a> of the ferry strike in the "
        "harbour, which began on a Tuesday.</p></article></body></html>"
    )
    root = parse_html(page, Limits()).root
    ours, library = _summary(_ArticleDocument, root), _summary(_LibraryMethods, root)
    assert ours == library
    assert 'href="https://news.example/story.html"' in ours and "hidden" not in ours.lower()
