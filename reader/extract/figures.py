"""Figures: which address of an ``<img>`` to draw, and what its caption and credit are.

A page offers several addresses for one picture: ``src`` (often a one-pixel
placeholder on lazy-loading pages), lazy-loading attributes, ``srcset`` and the
``<source>`` elements of a ``<picture>``, and a ``<noscript>`` copy (kept by
:mod:`reader.extract.html_clean`). The picture drawn is the best candidate whose bytes
are on this machine (:class:`reader.images.sources.ImageSources`); the address shown
for it is the page's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html

from reader.extract.html_clean import NOSCRIPT_SRC
from reader.extract.inline import collapse
from reader.images.sources import ImageSources

LAZY_ATTRS = (
    "data-src",
    "data-original",
    "data-lazy-src",
    "data-url",
    "data-hi-res-src",
    NOSCRIPT_SRC,
)
_SRCSET_ATTRS = ("srcset", "data-srcset", "data-lazy-srcset")
TARGET_WIDTH = 1200
"""Pixels wide worth decoding for a terminal: the smallest ``srcset`` candidate at
least this wide is chosen, else the widest."""
_DESCRIPTOR = re.compile(r"^(\d{1,6}(?:\.\d+)?)([wx])$", re.IGNORECASE)
# A lazy-loading page's stand-in: a tiny inline GIF or SVG in ``src``.
_PLACEHOLDER_DATA = 512
_CREDIT_HINTS = ("credit", "copyright", "attribution", "photographer", "byline", "source")


@dataclass(frozen=True, slots=True)
class Candidate:
    address: str
    width: float | None = None
    """Width in pixels from a ``w`` descriptor (``x`` descriptors count 1000 per 1x)."""


@dataclass(frozen=True, slots=True)
class ChosenImage:
    address: str | None
    """The page's address for the picture (the first candidate), for links and
    Markdown; None when the image has no address at all."""
    local: str | None
    """Its local reference, when the bytes are on this machine."""


def parse_srcset(value: str | None) -> list[Candidate]:
    """The candidates of a ``srcset`` value ("a.jpg 480w, b.jpg 2x", data: URIs with
    commas included)."""
    found: list[Candidate] = []
    if not value:
        return found
    rest = value.strip()
    while rest and len(found) < 64:
        rest = rest.lstrip(" \t\n,")
        if not rest:
            break
        if rest[:5].lower() == "data:":
            # A data: URI holds commas of its own: it runs to the next white space.
            end = len(rest.split(None, 1)[0])
        else:
            end = len(re.split(r"[\s,]", rest, maxsplit=1)[0])
        address, rest = rest[:end], rest[end:]
        descriptor_end = rest.find(",")
        descriptor = (rest if descriptor_end < 0 else rest[:descriptor_end]).strip()
        rest = "" if descriptor_end < 0 else rest[descriptor_end + 1 :]
        width = None
        match = _DESCRIPTOR.match(descriptor)
        if match:
            number = float(match.group(1))
            width = number if match.group(2).lower() == "w" else number * 1000
        if address:
            found.append(Candidate(address.rstrip(","), width))
    return found


def candidates(image: lxml.html.HtmlElement) -> list[Candidate]:
    """Every address ``image`` offers, the likeliest real picture first."""
    lazy = [Candidate(v) for name in LAZY_ATTRS if (v := image.get(name))]
    sets: list[Candidate] = []
    parent = image.getparent()
    if parent is not None and isinstance(parent.tag, str) and parent.tag.lower() == "picture":
        for source in parent.iter("source"):
            sets.extend(parse_srcset(source.get("srcset") or source.get("data-srcset")))
    for name in _SRCSET_ATTRS:
        sets.extend(parse_srcset(image.get(name)))
    src = image.get("src")
    plain: list[Candidate] = []
    if src:
        stand_in = (lazy or sets) and src.strip()[:5].lower() == "data:"
        if not (stand_in and len(src) < _PLACEHOLDER_DATA):
            plain.append(Candidate(src))
    return lazy + sets + plain


def choose(
    image: lxml.html.HtmlElement, sources: ImageSources | None, base: str | None
) -> ChosenImage:
    """The address shown for ``image`` and the local picture drawn for it."""
    offered = candidates(image)
    # The address shown is the page's main one: a lazy attribute's, else src's.
    by_rank = [Candidate(a) for n in (*LAZY_ATTRS, "src") if (a := image.get(n))] + offered
    shown = next((c.address for c in by_rank if c.address.strip()[:5].lower() != "data:"), None)
    if sources is None:
        return ChosenImage(shown, None)
    local: list[tuple[Candidate, str]] = []
    for candidate in offered[:32]:
        reference = sources.locate(candidate.address, base)
        if reference is not None:
            local.append((candidate, reference))
    if not local:
        return ChosenImage(shown, None)
    sized = [(c, r) for c, r in local if c.width is not None]
    if sized:
        wide = [(c, r) for c, r in sized if (c.width or 0) >= TARGET_WIDTH]
        pick = (
            min(wide, key=lambda cr: cr[0].width or 0)
            if wide
            else max(sized, key=lambda cr: cr[0].width or 0)
        )
        return ChosenImage(shown or pick[0].address, pick[1])
    return ChosenImage(shown or local[0][0].address, local[0][1])


def caption_element(figure: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """A figure's caption: its ``<figcaption>``, else an element classed as one."""
    caption = next(figure.iter("figcaption"), None)
    if caption is not None:
        return caption
    for element in figure.iterdescendants():
        if (
            isinstance(element.tag, str)
            and element.tag != "img"
            and "caption" in (element.get("class") or "").lower()
        ):
            return element
    return None


def is_credit(element: lxml.html.HtmlElement) -> bool:
    """An element that names who made or owns a picture ("Photo: Reuters")."""
    names = " ".join(
        element.get(attribute) or "" for attribute in ("class", "itemprop", "id", "rel")
    ).lower()
    return any(hint in names for hint in _CREDIT_HINTS)


def credit_elements(figure: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The outermost credit elements of a figure (in its caption or beside it)."""
    found: list[lxml.html.HtmlElement] = []
    for element in figure.iter():
        if not isinstance(element.tag, str) or element is figure or not is_credit(element):
            continue
        if any(ancestor in found for ancestor in element.iterancestors()):
            continue
        if collapse(element.text_content()):
            found.append(element)
    return found
