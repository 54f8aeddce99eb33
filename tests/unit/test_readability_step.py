"""readability on our tree: its cleaner's work done by ours, links left to the walker."""

from __future__ import annotations

import lxml.html

from reader.config import Limits
from reader.extract.pipeline import extract
from reader.extract.readability_step import _scripted, _TreeCleaner
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
