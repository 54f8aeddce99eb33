"""The library: articles, reading positions, marks, bookmarks and highlights (SQLite).

One `Store` per process, opened at start and closed at exit::

    store = open_library(settings)            # store.read_only: say read_only_reason
    article, article_id = service.open_article(path, settings, store)   # cached reopen
    entries = store.articles.list(SortOrder.RECENT)     # title, site, date, %, notes
    hits = store.articles.search(user_text)             # plain snippets + match spans
    store.articles.delete(article_id); store.articles.restore(article_id)   # undo

Positions are anchors, not line numbers (``reader.anchoring``)::

    store.articles.save_position(article_id, point_anchor(article.text, offset), 0.4)
    offset = store.articles.get(article_id).position.start      # resume here
    store.marks.set(article_id, "a", point_anchor(article.text, offset))
    store.bookmarks.add(article_id, "", point_anchor(article.text, offset))
    store.highlights.add(article_id, range_anchor(article.text, start, end), "green", note)

The library as a collection, and everything brought into it::

    store.library.add_tags(article_id, ["sea"]); store.library.tags("se")  # with counts
    store.library.set_state(article_id, is_read=True, starred=True)
    store.library.items(LibraryFilter(StateFilter.QUEUE, tag="sea"))  # + saved_filter()
    store.notes.list(search="tide", tag="sea")      # every highlight, newest first
    store.queue.pending()                           # links to fetch (reader.importing)

When a page's text changes, ``articles.add`` (and so ``open_article``) re-anchors its
notes: their offsets always refer to the current ``Article.text``; highlights and
bookmarks that could not be placed come back with ``orphaned=True`` and keep their
quote. Every method may be called from any thread (each thread gets its own
connection), raises StoreError with one clear line, and returns plain records
(`reader.store.records`) holding page data as it is: pass titles, quotes and sources
through ``reader.sanitize`` before showing them (``display_title`` and search hits are
already clean). Nothing here imports Textual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.store.db import DB_NAME, Store, open_store
from reader.store.records import (
    DEFAULT_COLOR,
    HIGHLIGHT_COLORS,
    AddResult,
    AddStatus,
    Bookmark,
    Highlight,
    LibraryEntry,
    Mark,
    ReanchorReport,
    SearchHit,
    SortOrder,
    StoredArticle,
)

if TYPE_CHECKING:
    from reader.config import Settings


def open_library(settings: Settings | None = None) -> Store:
    """The library in the configured data directory (``--data-dir``, ``READER_DATA_DIR``,
    the config file, else the platform's user data directory)."""
    if settings is None:
        from reader.config import load_settings

        settings = load_settings()
    return open_store(settings.resolved_data_dir())


__all__ = [
    "DB_NAME",
    "DEFAULT_COLOR",
    "HIGHLIGHT_COLORS",
    "AddResult",
    "AddStatus",
    "Bookmark",
    "Highlight",
    "LibraryEntry",
    "Mark",
    "ReanchorReport",
    "SearchHit",
    "SortOrder",
    "Store",
    "StoredArticle",
    "open_library",
    "open_store",
]
