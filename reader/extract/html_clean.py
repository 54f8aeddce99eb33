"""Parse untrusted HTML once, safely, and cut it down to what extraction needs.

lxml's HTML parser never fetches anything and never expands entities beyond HTML's own.
It runs in libxml2's "huge" mode, so that a 5 MB title or a long data URI does not end
the parse early; the size of the input is bounded by the loader. Nesting is the one
thing libxml2 still caps (2048 levels), silently dropping whatever lies deeper, so a
page that reaches the cap is parsed again with its runs of bare opening tags shortened.
Then the configured limits apply: pages with more than ``max_nodes`` elements are cut,
nesting deeper than ``max_depth`` (or than the walkers downstream can recurse into) is
flattened into text, and either marks the page truncated.
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass
from itertools import islice

import lxml.html
from lxml import etree

from reader.config import Limits
from reader.errors import ExtractError
from reader.extract.embeds import normalize_embeds

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
_PARSER_DEPTH = 2048
# The block walker recurses once per level; real articles nest a few dozen deep.
WALKABLE_DEPTH = 160
_VOID = "area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr"
_OPENING_TAG = rf"<(?!/|(?:{_VOID})\b)[a-zA-Z][^<>]*+>"
_OPENING_RUN = re.compile(rf"(?:{_OPENING_TAG}\s*+){{64,}}+")
_OPENING_TAGS = re.compile(_OPENING_TAG)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CHAR_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]++)|([0-9]++));?")
_local = threading.local()
_CLASS_LOOKUP = etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement,
    comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity,
)


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
            huge_tree=True,
        )
        # lxml.html picks each element's class by its tag in Python, on every access to
        # an element (millions per batch); every element of ours is a plain HtmlElement
        # (no form, input or label helpers are used), which lxml picks in C.
        parser.set_element_class_lookup(_CLASS_LOOKUP)
        _local.parser = parser
    return parser


@dataclass(slots=True)
class ParsedPage:
    root: lxml.html.HtmlElement
    """The ``<html>`` element, scripts and embeds removed."""
    jsonld: tuple[str, ...]
    """The text of each ``application/ld+json`` script, read before scripts go."""
    truncated: bool = False


def xml_safe(text: str) -> str:
    """``text`` without the characters XML cannot hold: libxml2 parses them, but lxml
    refuses them as soon as anything (readability included) writes a text node back."""
    return _NOT_XML.sub("", text)


def parse_html(text: str, limits: Limits) -> ParsedPage:
    """Parse ``text``; ExtractError when there is nothing to parse."""
    text = xml_safe(text)
    if "&#" in text:
        text = _CHAR_REFERENCE.sub(_safe_reference, text)
    root = _parse(text)
    truncated = False
    max_depth = min(limits.max_depth, WALKABLE_DEPTH)
    deep = _deeper_than(root, max_depth)
    if deep and _deeper_than(root, _PARSER_DEPTH - 1):
        root = _parse(_OPENING_RUN.sub(_shorten_run, text))
        truncated = True
    truncated = _cap_nodes(root, limits.max_nodes) or truncated
    if deep:
        truncated = _flatten_deeper_than(root, max_depth) or truncated
    _keep_hidden_images(root)
    normalize_embeds(root)  # before iframes go: some posts are embedded as one
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


NOSCRIPT_SRC = "data-reader-noscript"
"""Where a lazy-loaded image keeps the address of its ``<noscript>`` copy."""


def _keep_hidden_images(root: lxml.html.HtmlElement) -> None:
    """Save the pictures that the dropped elements would take with them: a lazy-loading
    page's ``<noscript>`` copy of an image (its address moves onto the scripted image,
    or the copy itself takes the place of the ``<noscript>``), and the ``<img>`` that
    libxml2 nests inside a ``<picture>``'s ``<source>`` (an element it does not know to
    be empty)."""
    for source in list(root.iter("source")):
        parent = source.getparent()
        if parent is None or not len(source):
            continue
        at = parent.index(source) + 1
        for child in reversed(list(source)):
            parent.insert(at, child)
    for noscript in list(root.iter("noscript")):
        copy = next(noscript.iter("img"), None)
        parent = noscript.getparent()
        if copy is None or parent is None:
            continue
        scripted = next(
            (
                img
                for img in parent.iter("img")
                if next(img.iterancestors("noscript"), None) is None
            ),
            None,
        )
        if scripted is not None:
            if copy.get("src"):
                scripted.set(NOSCRIPT_SRC, copy.get("src", ""))
            if copy.get("srcset") and not scripted.get("srcset"):
                scripted.set("data-srcset", copy.get("srcset", ""))
        else:
            copy.tail = noscript.tail
            noscript.tail = None
            noscript.addprevious(copy)


def _safe_reference(match: re.Match[str]) -> str:
    """A numeric character reference, or U+FFFD when it names a character XML cannot
    hold (NUL, C0 controls, surrogates, U+FFFE/U+FFFF, beyond U+10FFFF)."""
    hex_digits, decimal = match.groups()
    digits = (hex_digits or decimal).lstrip("0")
    if len(digits) > 8:
        return "\ufffd"
    code = int(digits or "0", 16 if hex_digits else 10)
    if (
        code > 0x10FFFF
        or 0xD800 <= code <= 0xDFFF
        or code in (0xFFFE, 0xFFFF)
        or (code < 0x20 and code not in (0x9, 0xA, 0xD))
    ):
        return "\ufffd"
    return match.group(0)


def _parse(text: str) -> lxml.html.HtmlElement:
    # Bytes with a fixed encoding: a str carrying an XML encoding declaration would be
    # refused, and lone surrogates from a lenient decoder must not reach libxml2.
    data = text.encode("utf-8", "replace")
    if not data.strip():
        raise ExtractError("the page is empty")
    try:
        return lxml.html.document_fromstring(data, parser=_parser())
    except (etree.ParserError, ValueError) as error:
        raise ExtractError(f"the page cannot be parsed as HTML ({error})") from None


def _shorten_run(match: re.Match[str]) -> str:
    """The first few tags of a run of thousands of opening tags (whose closing tags,
    left without partners, the parser then ignores)."""
    return "".join(_OPENING_TAGS.findall(match.group(0), 0, 4096)[:32])


def _deeper_than(root: lxml.html.HtmlElement, depth: int) -> bool:
    return bool(_depth_probe(depth)(root))


@functools.lru_cache(maxsize=8)
def _depth_probe(depth: int) -> etree.XPath:
    """Whether an element has ``depth`` elements above it: a path of ``depth + 1`` child
    steps from the top visits each element once (counting every element's ancestors
    visits each once per level)."""
    return etree.XPath("boolean(/*" + "/*" * depth + ")")


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
