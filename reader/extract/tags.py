"""The HTML vocabulary the block walker works with: which tags carry marks, start
blocks, or hold nothing a reader reads."""

from __future__ import annotations

from reader.models import MarkKind

HEADING_LEVELS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
MARK_TAGS = {
    **dict.fromkeys(("a",), MarkKind.LINK),
    **dict.fromkeys(("em", "i", "cite", "dfn", "var"), MarkKind.EMPHASIS),
    **dict.fromkeys(("strong", "b"), MarkKind.STRONG),
    **dict.fromkeys(("code", "kbd", "samp", "tt"), MarkKind.CODE),
}
# Nothing a reader reads: controls, media players, vector drawings, document head.
SKIPPED_TAGS = frozenset(
    {
        *("script", "style", "noscript", "template", "svg", "button", "input", "select"),
        *("option", "textarea", "form", "iframe", "frame", "object", "embed", "video"),
        *("audio", "canvas", "map", "area", "head", "title", "meta", "link", "base"),
        *("source", "track", "param", "dialog"),
    }
)
BLOCK_TAGS = frozenset(
    {
        *HEADING_LEVELS,
        *("p", "div", "section", "article", "main", "header", "footer", "aside", "nav"),
        *("address", "center", "details", "summary", "fieldset", "legend", "hgroup"),
        *("body", "html", "li", "dd", "dt", "tr", "td", "th", "tbody", "thead", "tfoot"),
        *("caption", "figcaption", "ul", "ol", "dl", "pre", "blockquote", "table"),
        *("figure", "hr"),
    }
)
