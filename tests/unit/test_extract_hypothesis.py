"""Arbitrary HTML, text and Markdown: an Article that keeps every offset promise, or a
ReaderError — never another exception."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.config import Limits
from reader.errors import ReaderError
from reader.extract.invariants import violations
from reader.extract.pipeline import extract
from reader.loaders.base import DocumentKind, RawDocument

TAGS = [
    *("p", "div", "span", "a", "em", "strong", "b", "i", "code", "pre", "ul", "ol", "li"),
    *("dl", "dt", "dd", "table", "thead", "tbody", "tr", "td", "th", "caption"),
    *("blockquote", "h1", "h2", "h3", "h6", "figure", "figcaption", "img", "br", "hr"),
    *("section", "article", "aside", "nav", "header", "footer", "main", "form", "input"),
    *("button", "script", "style", "noscript", "svg", "iframe", "template", "font"),
    *("center", "sup", "sub", "picture", "source", "video", "title", "meta", "link"),
    *("base", "html", "body", "head"),
]
ATTRIBUTES = st.sampled_from(
    [
        "",
        ' class="share-bar"',
        ' class="content article-body"',
        ' class="related"',
        ' id="breadcrumb"',
        ' href="javascript:alert(1)"',
        ' href="/a?utm_source=x&amp;b=1"',
        ' href="#top"',
        ' href="http://[::1"',
        ' src="data:image/png;base64,AAAA"',
        ' src="x.png" alt="Alt text"',
        ' data-src="/lazy.jpg"',
        ' style="display:none"',
        " hidden",
        ' aria-hidden="true"',
        ' class="language-python"',
        ' type="application/ld+json"',
        ' colspan="3"',
        ' start="-4"',
        ' value="99999999999"',
        ' lang="xx_INVALID"',
        ' property="og:title" content="T | Site"',
    ]
)
WORDS = st.sampled_from(
    [
        "Related",
        "Most read",
        "View",
        "veryGood! (945)",
        "Home > News",
        "We use cookies",
        "Sign up for our newsletter",
        "The tide came in slowly over the sand, and the walkers turned back.",
        "Date:2025-04-13 22:32:16",
        "- list item",
        "1. numbered",
        "# heading",
        "| a | b |",
        "```",
        '{"@type": "Article", "headline": "H", "author": [1, null, {"name": 2}]}',
        "&amp; &lt; &#0; &#x110000; &bogus;",
        "<![CDATA[ x ]]>",
        "<!-- comment -->",
        "\t\n\r ",
    ]
)
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",))
    | st.sampled_from("\x00\x1b\x9b\u202e\ud800"),
    max_size=40,
)


@st.composite
def tag_soup(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 60))):
        kind = draw(st.integers(0, 5))
        tag = draw(st.sampled_from(TAGS))
        if kind == 0:
            parts.append(f"<{tag}{draw(ATTRIBUTES)}>")
        elif kind == 1:
            parts.append(f"</{tag}>")
        elif kind == 2:
            parts.append(draw(WORDS))
        elif kind == 3:
            parts.append(draw(TEXT))
        elif kind == 4:
            depth = draw(st.integers(1, 40))
            parts.append(f"<{tag}>" * depth)
        else:
            parts.append(f"<{tag}{draw(ATTRIBUTES)}/>")
    return "".join(parts)


def check(doc: RawDocument, limits: Limits | None = None) -> None:
    try:
        article = extract(doc, limits or Limits())
    except ReaderError as error:
        assert str(error).strip(), "a ReaderError must say what went wrong"
        assert "\n" not in str(error)
        return
    assert violations(article) == []
    assert article.markdown.endswith("\n")


# EXTRACT_FUZZ_EXAMPLES=5000 for a long run; the default keeps the suite quick.
EXAMPLES = int(os.environ.get("EXTRACT_FUZZ_EXAMPLES", "100"))
COMMON = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@COMMON
@given(tag_soup())
def test_arbitrary_html(html: str) -> None:
    check(RawDocument(source="soup.html", kind=DocumentKind.HTML, text=html))


@COMMON
@given(tag_soup(), st.integers(1, 50), st.integers(1, 200), st.integers(1, 300))
def test_arbitrary_html_under_tight_limits(html: str, depth: int, nodes: int, chars: int) -> None:
    limits = Limits(max_depth=depth, max_nodes=nodes, max_text_chars=chars, max_links=3)
    check(RawDocument(source="soup.html", kind=DocumentKind.HTML, text=html), limits)


@COMMON
@given(st.lists(st.one_of(WORDS, TEXT), max_size=40).map("\n".join))
def test_arbitrary_text_dumps(text: str) -> None:
    check(RawDocument(source="dump.txt", kind=DocumentKind.TEXT, text=text))


@COMMON
@given(st.lists(st.one_of(WORDS, TEXT, tag_soup()), max_size=20).map("\n".join))
def test_arbitrary_markdown(text: str) -> None:
    check(RawDocument(source="notes.md", kind=DocumentKind.MARKDOWN, text=text))


@settings(max_examples=max(EXAMPLES // 2, 10), deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_decoded_leniently(data: bytes) -> None:
    text = data.decode("utf-8", "surrogateescape")
    for kind in DocumentKind:
        check(RawDocument(source="bytes", kind=kind, text=text))
