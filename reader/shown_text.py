"""Text the reader shows that is not part of ``Article.text``, addressable like it.

Beside the article's own text the reader shows text it generates or keeps apart: the
links of the page's link groups ("Related", …) and their addresses, the member lists
of enumerated groups (``Section.lines``), and a figure's alt text where it has no
caption. Search, overlays and jumps work on character offsets, so each of these
pieces gets offsets of its own *past the end* of the text: the first at
``len(text) + 1``, the next one further on. They never collide with a text offset,
so a span says by its position alone which it addresses, and everything already
keyed by offsets (overlays, the search's matches) takes them unchanged.

Each piece also knows where it stands in the article (``at``: the figure's block,
the enumerated passage, the end of the text for link groups), so search results
can be stepped through in reading order.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from reader.models import Article, BlockKind, Section, Span
from reader.sanitize import clean_line
from reader.search import find


class PieceKind(StrEnum):
    FIGURE = "figure"
    """A figure's alt text, shown where it has no caption."""
    LINE = "line"
    """One line of a section's list (an enumerated group's member)."""
    LINK = "link"
    """A link of a link group: its text."""
    LINK_URL = "link-url"
    """A link of a link group: its address (after a space, as shown)."""


PieceKey = tuple[str, str, int]
"""(kind, owner, index): (figure, block id, 0), (line, section id, line index),
(link or link-url, group id, link index)."""


@dataclass(frozen=True, slots=True)
class Piece:
    key: PieceKey
    text: str
    start: int
    """Its first character's offset (past the end of the article's text)."""
    at: int
    """Where it stands in the article: a text offset (for reading order)."""

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def kind(self) -> PieceKind:
        return PieceKind(self.key[0])


def figure_alt(alt: str) -> str:
    """A figure's alt text as the reader shows it."""
    return clean_line(alt)


def link_text(text: str, href: str | None) -> str:
    """A link group's link as the reader shows it (its address when it has no text)."""
    return clean_line(text) or clean_line(href or "") or "link"


class ShownText:
    """The pieces of one article. The article's own ones (figures, link groups) are
    listed on first use; sections with lines join when the view gets them. Safe to
    read from a layout thread (listing is done under a lock)."""

    def __init__(self, article: Article) -> None:
        self._article = article
        self.base = len(article.text) + 1
        """The first offset past the article's text (one apart, so no span of the
        text ends where a piece begins)."""
        self._lock = threading.Lock()
        self._pieces: dict[PieceKey, Piece] | None = None
        self._in_order: list[Piece] = []
        """Every piece ever given offsets, by offset (replaced ones too)."""
        self._starts: list[int] = []
        self._next = self.base

    def is_shown(self, offset: int) -> bool:
        """Whether ``offset`` addresses a piece rather than the article's text."""
        return offset >= self.base

    def _listed(self) -> dict[PieceKey, Piece]:
        pieces = self._pieces
        if pieces is None:
            with self._lock:
                if self._pieces is None:
                    self._pieces = {}
                    self._list_article()
                pieces = self._pieces
        return pieces

    def _put(self, key: PieceKey, text: str, at: int) -> None:
        """Give ``text`` offsets (the same ones again when ``key`` already shows it)."""
        assert self._pieces is not None
        known = self._pieces.get(key)
        if known is not None and known.text == text:
            return
        piece = Piece(key, text, self._next, at)
        self._pieces[key] = piece
        self._in_order.append(piece)
        self._starts.append(piece.start)
        self._next += len(text) + 1

    def _list_article(self) -> None:
        article = self._article
        for block in article.blocks:
            if block.kind is BlockKind.FIGURE and block.end <= block.start:
                alt = figure_alt(block.alt)
                if alt:
                    self._put((PieceKind.FIGURE.value, block.id, 0), alt, block.start)
        self._list_sections(article.sections)
        end = len(article.text)
        for group in article.link_groups:
            for index, link in enumerate(group.links):
                key = (PieceKind.LINK.value, group.id, index)
                self._put(key, link_text(link.text, link.href), end)
                href = clean_line(link.href or "")
                if href:
                    # As shown: one space after the link's number, then the address.
                    self._put((PieceKind.LINK_URL.value, group.id, index), f" {href}", end)

    def _list_sections(self, sections: Iterable[Section]) -> None:
        for section in sections:
            for index, line in enumerate(section.lines):
                text = clean_line(line)
                if text:
                    self._put((PieceKind.LINE.value, section.id, index), text, section.start)

    def add_sections(self, sections: Iterable[Section]) -> None:
        """Sections the view got after the article (enumerated groups): their lines."""
        self._listed()
        with self._lock:
            self._list_sections(sections)

    def offset(self, key: PieceKey) -> int | None:
        """Where the piece ``key`` starts, or None when there is no such piece."""
        piece = self._listed().get(key)
        return piece.start if piece is not None else None

    def piece_at(self, offset: int) -> Piece | None:
        """The piece that ``offset`` falls in."""
        if offset < self.base:
            return None
        pieces = self._listed()
        index = bisect.bisect_right(self._starts, offset) - 1
        if index < 0:
            return None
        piece = self._in_order[index]
        # A piece replaced (its section got new lines) addresses nothing any more.
        if offset > piece.end or pieces.get(piece.key) is not piece:
            return None
        return piece

    def pieces(self) -> list[Piece]:
        return list(self._listed().values())

    def find(self, query: str) -> list[Span]:
        """Every match of ``query`` in the pieces (as ``reader.search.find`` matches
        the text), at the pieces' offsets."""
        if not query:
            return []
        spans: list[Span] = []
        for piece in self._listed().values():
            for span in find(piece.text, query):
                spans.append(Span(piece.start + span.start, piece.start + span.end))
        return spans

    def position(self, offset: int) -> int:
        """Where ``offset`` stands in the article: itself for the text, the piece's
        place for a piece's."""
        if offset < self.base:
            return offset
        piece = self.piece_at(offset)
        return piece.at if piece is not None else len(self._article.text)
