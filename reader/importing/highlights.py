"""Place highlights from an export in their article's text, and say how it went.

A highlight whose whole quote is found as it is (whitespace and typography aside) counts
as *anchored*; one found only approximately (words of it changed or missing in our text)
as *moved (fuzzy)*; one not found as *orphaned* (kept with its quote, never dropped).
Identifiers are derived from the article and the highlight, so importing the same export
again updates instead of duplicating.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from reader.anchoring import TextAnchor, TextIndex, range_anchor, whole_quote
from reader.loaders.readlater.records import ExportHighlight
from reader.store.highlights import HighlightImport
from reader.store.records import DEFAULT_COLOR, HIGHLIGHT_COLORS

_QUOTE_MAX = 20_000


@dataclass(slots=True)
class Tally:
    anchored: int = 0
    moved: int = 0
    orphaned: int = 0

    def add(self, other: Tally) -> None:
        self.anchored += other.anchored
        self.moved += other.moved
        self.orphaned += other.orphaned

    @property
    def total(self) -> int:
        return self.anchored + self.moved + self.orphaned

    def line(self) -> str:
        return f"{self.anchored} anchored, {self.moved} moved (fuzzy), {self.orphaned} orphaned"


def highlight_uid(url: str, highlight: ExportHighlight) -> str:
    created = highlight.created.isoformat() if highlight.created else ""
    key = f"{url}\n{highlight.quote}\n{created}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, key)}"


def _color(name: str | None) -> str:
    return name if name in HIGHLIGHT_COLORS else DEFAULT_COLOR


def place_highlights(
    url: str, text: str, highlights: tuple[ExportHighlight, ...]
) -> tuple[list[HighlightImport], Tally]:
    tally = Tally()
    placed: list[HighlightImport] = []
    index = TextIndex(text) if highlights else None
    for highlight in highlights:
        quote = highlight.quote[:_QUOTE_MAX]
        wanted = TextAnchor(-1, -1, quote, highlight.prefix[-64:], highlight.suffix[:64])
        found = index.locate(wanted) if index is not None and quote.strip() else None
        if found is None or found.end <= found.start:
            tally.orphaned += 1
            anchor, orphaned = TextAnchor(0, 0, quote, wanted.prefix, wanted.suffix), True
        else:
            if whole_quote(wanted, text, found):
                tally.anchored += 1
            else:
                tally.moved += 1
            anchor, orphaned = range_anchor(text, found.start, found.end), False
        placed.append(
            HighlightImport(
                uid=highlight_uid(url, highlight),
                anchor=anchor,
                color=_color(highlight.color),
                note=highlight.note,
                created=highlight.created,
                modified=highlight.created,
                orphaned=orphaned,
            )
        )
    return placed, tally
