"""What each input kind hands to the shared back half of the pipeline."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from reader.extract.link_groups import GroupDraft
from reader.extract.second_opinion import Opinion
from reader.models import Metadata


@dataclass(slots=True)
class PageParts:
    metadata: Metadata
    body: lxml.html.HtmlElement
    """The article body as a tree: blocks are read from it."""
    groups: list[GroupDraft] = field(default_factory=list)
    base: str | None = None
    """Where relative links in ``body`` resolve."""
    truncated: bool = False
    ask: Callable[[], Opinion | None] | None = None
    """Asks trafilatura's view of the article (HTML pages only; None where it is not to
    be asked), or None when the time budget ran low or it found nothing. Called once
    our blocks are known, as it is not needed on every page."""
    page_chars: int = 0
    """Readable text of the whole page (text outside links), to tell a cut article."""


# Plain strings: lxml's default "smart" ones each carry a link back to their element.
_TEXT_OUTSIDE_LINKS = etree.XPath(".//text()[not(ancestor::a)]", smart_strings=False)


def readable_chars(root: lxml.html.HtmlElement) -> int:
    """Characters of text on the whole page outside links (menus and link lists are
    mostly links): how much there is to read, to compare the article with."""
    body = root.find("body")
    if body is None:
        body = root
    return sum(len(t.strip()) for t in _TEXT_OUTSIDE_LINKS(body))
