"""The library: articles, reading positions, marks, bookmarks and highlights (SQLite).

    store = open_library(settings)          # or open_store(data_dir)
    result = store.articles.add(article, source=path)
    store.highlights.add(result.article_id, range_anchor(article.text, 10, 42), "green")
    store.articles.list(SortOrder.TITLE); store.articles.search("tax reform")

Every method is safe to call from any thread (each thread gets its own connection) and
returns plain records (`reader.store.records`). Nothing here imports Textual.
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
