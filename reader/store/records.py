"""What the library hands back: plain typed records, no database rows.

The UI reads these (from worker threads) and never sees SQL. Offsets in anchors are
character offsets into the current ``Article.text`` of the article they belong to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from reader.anchoring import AnchorMethod, TextAnchor
from reader.models import Span
from reader.sanitize import clean_line
from reader.store.sources import whole_page_base

HIGHLIGHT_COLORS: tuple[str, ...] = ("yellow", "green", "blue", "pink", "purple")
"""Highlight colours, in the order the UI offers them; the first is the default."""
DEFAULT_COLOR = HIGHLIGHT_COLORS[0]
WHOLE_PAGE_MARK = "(whole page)"
"""Follows the title of a page's whole-page entry wherever entries are listed."""


class SortOrder(StrEnum):
    RECENT = "recent"
    """Last opened (or added) first."""
    TITLE = "title"
    DATE = "date"
    """Publication date, newest first; undated pages last."""


class AddStatus(StrEnum):
    ADDED = "added"
    """A new page in the library."""
    UNCHANGED = "unchanged"
    """The page was already there with the same text (the cache may have been refreshed)."""
    UPDATED = "updated"
    """The page's text changed; its notes were re-anchored."""
    DUPLICATE = "duplicate"
    """Another library entry already holds the same text; nothing was added."""


@dataclass(frozen=True, slots=True)
class ReanchorReport:
    """What happened to an article's highlights and bookmarks when its text changed."""

    placed: int = 0
    orphaned: int = 0
    methods: dict[str, int] = field(default_factory=dict)
    """How many anchors each :class:`AnchorMethod` placed."""
    moved: int = 0
    """Of those placed, the highlights whose quote was not found whole (words changed or
    lost): placed approximately, so not counted as anchored."""

    def count(self, method: AnchorMethod) -> int:
        return self.methods.get(str(method), 0)

    @property
    def anchored(self) -> int:
        return self.placed - self.moved

    def line(self) -> str:
        """``"2 anchored, 1 moved (fuzzy), 0 orphaned"``."""
        return f"{self.anchored} anchored, {self.moved} moved (fuzzy), {self.orphaned} orphaned"


@dataclass(frozen=True, slots=True)
class AddResult:
    article_id: int
    status: AddStatus
    reanchored: ReanchorReport | None = None


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """One row of the library list."""

    id: int
    source: str
    title: str
    site: str | None
    byline: str | None
    published: datetime | None
    language: str | None
    word_count: int
    added_at: datetime
    opened_at: datetime | None
    progress: float
    """Share of the article read, 0–1."""
    highlight_count: int
    note_count: int
    """Highlights that carry a note."""

    @property
    def display_title(self) -> str:
        """The title (or the file/URL name when the page has none), safe to show: one
        line, no control sequences. The other fields hold the page's data as it is."""
        base = whole_page_base(self.source)
        source = base if base is not None else self.source
        title = clean_line(self.title).strip() or clean_line(
            source.rstrip("/").rsplit("/", 1)[-1] or source
        )
        # The whole page's entry sits beside its article's in the list: the same title
        # twice would leave the reader guessing which is which.
        return f"{title} {WHOLE_PAGE_MARK}" if base is not None else title


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """A library entry with its identity and reading state."""

    entry: LibraryEntry
    content_hash: str
    raw_hash: str | None
    model_version: int
    position: TextAnchor | None
    deleted: bool

    @property
    def id(self) -> int:
        return self.entry.id


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A full-text match. ``title`` and ``snippet`` are plain, sanitised text; the spans
    mark the matched words in them (never markup)."""

    article_id: int
    title: str
    title_spans: tuple[Span, ...]
    snippet: str
    snippet_spans: tuple[Span, ...]
    source: str
    site: str | None
    rank: float
    """Lower is better (bm25)."""


@dataclass(frozen=True, slots=True)
class Mark:
    article_id: int
    letter: str
    anchor: TextAnchor


@dataclass(frozen=True, slots=True)
class Bookmark:
    id: int
    article_id: int
    name: str
    anchor: TextAnchor
    created_at: datetime
    orphaned: bool


@dataclass(frozen=True, slots=True)
class Highlight:
    id: int
    uid: str
    """A stable identifier (``urn:uuid:…``), kept through export and import."""
    article_id: int
    color: str
    note: str
    anchor: TextAnchor
    created_at: datetime
    updated_at: datetime
    orphaned: bool
    """The passage could not be found in the current text; ``anchor`` keeps its quote."""

    @property
    def has_note(self) -> bool:
        return bool(self.note.strip())
