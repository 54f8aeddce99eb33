"""What each input kind hands to the shared back half of the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field

import lxml.html

from reader.extract.link_groups import GroupDraft
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
