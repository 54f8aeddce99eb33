"""What the library screen's workers report back (small dataclasses)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from reader.store.library import LibraryFilter, LibraryItem
from reader.store.records import LibraryEntry, SearchHit


@dataclass
class Listed(Message):
    entries: list[LibraryEntry]
    total: int | None
    filter: LibraryFilter
    keep: int | None
    """Put the cursor on this article."""
    complete: bool
    """False for the first screenful of a longer list."""
    items: dict[int, LibraryItem]
    """The listed articles' state and tags, by id."""


@dataclass
class Opened(Message):
    """A queued page was fetched into the library: read it."""

    source: str


@dataclass
class StateChanged(Message):
    """An article's tags or read/archived/starred state changed."""

    article_id: int
    said: str


@dataclass
class Found(Message):
    query: str
    hits: list[SearchHit]


@dataclass
class LibraryChanged(Message):
    """An article was deleted, restored or added (``already``: it was there)."""

    action: str
    article_id: int
    title: str
    already: bool = False
