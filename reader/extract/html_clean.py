"""Parse untrusted HTML once, safely, and cut it down to what extraction needs.

lxml's HTML parser never fetches anything and never expands entities beyond HTML's own;
libxml2 also caps nesting at 255 levels. On top of that the configured limits apply:
pages with more than ``max_nodes`` elements are cut (and marked truncated), deeper
nesting than ``max_depth`` is flattened into text.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from itertools import islice

import lxml.html
from lxml import etree

from reader.config import Limits
from reader.errors import ExtractError

# Never part of an article: code, styling, embedded documents and plug-ins.
DROPPED_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
)
_PARSER_DEPTH = 255
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_local = threading.local()


def _parser() -> lxml.html.HTMLParser:
    # lxml parsers must not be shared between threads; the UI extracts in workers.
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = lxml.html.HTMLParser(
            encoding="utf-8",
            remove_comments=True,
            remove_pis=True,
            no_network=True,
            collect_ids=False,
            default_doctype=False,
        )
        _local.parser = parser
    return parser


@dataclass(slots=True)
class ParsedPage:
    root: lxml.html.HtmlElement
    """The ``<html>`` element, scripts and embeds removed."""
    jsonld: tuple[str, ...]
    """The text of each ``application/ld+json`` script, read before scripts go."""
    truncated: bool = False


def parse_html(text: str, limits: Limits) -> ParsedPage:
    """Parse ``text``; ExtractError when there is nothing to parse."""
    # Characters XML cannot hold: libxml2 parses them, but lxml refuses them as soon
    # as anything (readability included) writes a text node back.
    text = _NOT_XML.sub("", text)
    # Bytes with a fixed encoding: a str carrying an XML encoding declaration would be
    # refused, and lone surrogates from a lenient decoder must not reach libxml2.
    data = text.encode("utf-8", "replace")
    if not data.strip():
        raise ExtractError("the page is empty")
    try:
        root = lxml.html.document_fromstring(data, parser=_parser())
    except (etree.ParserError, ValueError) as error:
        raise ExtractError(f"the page cannot be parsed as HTML ({error})") from None
    truncated = _cap_nodes(root, limits.max_nodes)
    if limits.max_depth < _PARSER_DEPTH:
        truncated = _flatten_deeper_than(root, limits.max_depth) or truncated
    jsonld: list[str] = []
    doomed = []
    for element in root.iter(*DROPPED_TAGS):
        if element.tag == "script" and "ld+json" in (element.get("type") or "") and element.text:
            jsonld.append(element.text)
        doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()
    return ParsedPage(root=root, jsonld=tuple(jsonld), truncated=truncated)


def _cap_nodes(root: lxml.html.HtmlElement, max_nodes: int) -> bool:
    """Remove every element past the first ``max_nodes`` (document order)."""
    rest = list(islice(root.iter(), max(max_nodes, 1), None))
    for element in rest:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    return bool(rest)


def _flatten_deeper_than(root: lxml.html.HtmlElement, max_depth: int) -> bool:
    """Replace the children of elements at ``max_depth`` with their text; True when
    anything was flattened."""
    deepest = root.xpath("//*[count(ancestor::*) = $d][*]", d=max(max_depth - 1, 1))
    for element in deepest:
        text = element.text_content()
        for child in list(element):
            element.remove(child)
        element.text = text
    return bool(deepest)


def base_href(root: lxml.html.HtmlElement, base_url: str | None) -> str | None:
    """Where relative links resolve: the page's ``<base href>`` against ``base_url``."""
    from reader.extract.urls import clean_url

    for base in root.iter("base"):
        href = base.get("href")
        if href:
            resolved = clean_url(href, base_url)
            if resolved and "://" in resolved:
                return resolved
    return base_url
