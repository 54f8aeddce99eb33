"""What a loader hands to the extractor: decoded text of one page, and what kind it is."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.images.sources import ImageSources


class DocumentKind(StrEnum):
    HTML = "html"
    """HTML (a browser save, the HTML part of an MHTML archive, an http(s) response)."""
    TEXT = "text"
    """A plain-text dump of a web page."""
    MARKDOWN = "markdown"


@dataclass(frozen=True, slots=True)
class RawDocument:
    source: str
    """What the user named: a path, ``-`` or a URL (for display and the library)."""
    kind: DocumentKind
    text: str
    """The decoded content (never bytes: encoding is settled by the loader)."""
    base_url: str | None = None
    """Where relative links resolve: the page's URL (MHTML Content-Location, a saved page's
    canonical/og:url, or the fetched URL)."""
    encoding: str | None = None
    """The encoding the bytes were decoded from, as detected."""
    truncated: bool = False
    """A size limit cut the input short."""
    notes: tuple[str, ...] = field(default=())
    """Anything worth telling the user about how the input was read."""
    images: ImageSources | None = field(default=None, compare=False)
    """Where the page's pictures are locally (its folder, archive parts, data: URIs)."""
