"""What the library screen's workers report back (small dataclasses)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from reader.store.records import LibraryEntry, SearchHit, SortOrder


@dataclass
class Listed(Message):
    entries: list[LibraryEntry]
    total: int
    sort: SortOrder
    keep: int | None
    """Put the cursor on this article."""
    complete: bool
    """False for the first screenful of a longer list."""


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
