"""Articles in the library: add, look up, list, search, delete (with undo), position."""

from __future__ import annotations

import sqlite3
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.anchoring import TextAnchor
from reader.errors import StoreError
from reader.models import MODEL_VERSION, Article
from reader.store import images
from reader.store import search as fts
from reader.store.packed import PackedArticle, storable, unpack_article
from reader.store.reanchor import reanchor_article
from reader.store.records import (
    AddResult,
    AddStatus,
    LibraryEntry,
    SearchHit,
    SortOrder,
    StoredArticle,
)
from reader.store.rows import (
    ANCHOR_ASSIGN,
    ANCHOR_COLUMNS,
    anchor_from,
    anchor_values,
    now,
    to_time,
    to_time_required,
)
from reader.store.sources import STDIN, is_url, normalize_source, raw_hash

if TYPE_CHECKING:
    from reader.store.db import Store

TRASH_DAYS = 30
"""Deleted articles stay restorable this long, then are purged at start."""

# Per-row counts through the highlights index: as fast as a join for the whole list,
# and a single lookup does not count every highlight in the library.
_ENTRY_COLUMNS = """a.id, a.source, a.title, a.site, a.byline, a.published, a.language,
    a.word_count, a.added_at, a.opened_at, a.progress,
    (SELECT count(*) FROM highlights AS h WHERE h.article_id = a.id),
    (SELECT count(*) FROM highlights AS h WHERE h.article_id = a.id AND trim(h.note) != '')"""
_STORED_SQL = f"""SELECT {_ENTRY_COLUMNS}, a.content_hash, a.raw_hash, a.model_version,
    a.deleted_at, {", ".join("a." + c.strip() for c in ANCHOR_COLUMNS.split(","))}
    FROM articles AS a"""
_ORDER = {
    SortOrder.RECENT: "coalesce(a.opened_at, a.added_at) DESC, a.id DESC",
    SortOrder.TITLE: "a.title COLLATE NOCASE, a.id",
    SortOrder.DATE: "a.published IS NULL, a.published DESC, a.id DESC",
}


def _entry(row: tuple[Any, ...]) -> LibraryEntry:
    return LibraryEntry(
        id=row[0],
        source=row[1],
        title=row[2],
        site=row[3],
        byline=row[4],
        published=to_time(row[5]),
        language=row[6],
        word_count=row[7],
        added_at=to_time_required(row[8]),
        opened_at=to_time(row[9]),
        progress=row[10],
        highlight_count=row[11],
        note_count=row[12],
    )


def _stored(row: tuple[Any, ...]) -> StoredArticle:
    return StoredArticle(
        entry=_entry(row),
        content_hash=row[13],
        raw_hash=row[14],
        model_version=row[15],
        deleted=row[16] is not None,
        position=anchor_from(row, 17),
    )


class ArticleRepository:
    def __init__(self, store: Store) -> None:
        self._store = store

    # --- lookups ----------------------------------------------------------------

    def _one(self, where: str, params: tuple[Any, ...]) -> StoredArticle | None:
        sql = f"{_STORED_SQL} WHERE {where} ORDER BY a.deleted_at IS NOT NULL, a.id DESC LIMIT 1"
        row = self._store.fetchone(sql, params)
        return _stored(row) if row else None

    def get(self, article_id: int) -> StoredArticle | None:
        """The article (also when deleted and still restorable: see ``.deleted``)."""
        return self._one("a.id = ?", (article_id,))

    def get_by_source(self, source: str) -> StoredArticle | None:
        """The library entry for a path or URL (paths are matched absolute)."""
        key = storable(normalize_source(source))
        if key == STDIN:
            return None
        return self._one(
            "a.deleted_at IS NULL AND (a.source = ? OR a.id IN "
            "(SELECT article_id FROM article_sources WHERE source = ?))",
            (key, key),
        )

    def get_by_hash(self, content_hash: str) -> StoredArticle | None:
        """By the hash of the article text (``Article.content_hash``)."""
        return self._one("a.content_hash = ? AND a.deleted_at IS NULL", (content_hash,))

    def get_by_raw_hash(self, raw_hash: str) -> StoredArticle | None:
        """By the hash of the page file's bytes."""
        return self._one(
            "a.deleted_at IS NULL AND (a.raw_hash = ? OR a.id IN "
            "(SELECT article_id FROM article_sources WHERE raw_hash = ?))",
            (raw_hash, raw_hash),
        )

    def find(self, page: str, max_bytes: int = 1 << 30) -> StoredArticle | None:
        """The entry a user means by ``page``: its path or URL, else (for a file that
        moved or was copied) the entry holding the same file bytes."""
        stored = self.get_by_source(page)
        key = normalize_source(page)
        if stored is None and not is_url(key) and key != STDIN:
            path = Path(key)
            digest = raw_hash(path, max_bytes) if path.is_file() else None
            stored = self.get_by_raw_hash(digest) if digest else None
        return stored

    def load(self, article_id: int) -> Article | None:
        """The cached Article, or None when absent or extracted by an older model
        (``MODEL_VERSION``), in which case the page should be extracted again."""

        def work(conn: sqlite3.Connection) -> Article | None:
            row = conn.execute(
                "SELECT article, text, model_version FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            if row is None or row[2] != MODEL_VERSION:
                return None
            try:
                return unpack_article(row[0], row[1])
            except (zlib.error, ValueError, TypeError, KeyError):
                return None  # an unreadable cache is re-extracted, not fatal

        return self._store.read(work)

    def text(self, article_id: int) -> str | None:
        row = self._store.fetchone("SELECT text FROM articles WHERE id = ?", (article_id,))
        return row[0] if row else None

    def list(
        self, sort: SortOrder = SortOrder.RECENT, limit: int | None = None, offset: int = 0
    ) -> list[LibraryEntry]:
        """The library screen's rows (deleted articles excluded)."""
        sql = (
            f"SELECT {_ENTRY_COLUMNS} FROM articles AS a "
            f"WHERE a.deleted_at IS NULL ORDER BY {_ORDER[SortOrder(sort)]} LIMIT ? OFFSET ?"
        )
        params = (-1 if limit is None else limit, offset)
        return [_entry(row) for row in self._store.fetchall(sql, params)]

    def count(self) -> int:
        row = self._store.fetchone("SELECT count(*) FROM articles WHERE deleted_at IS NULL")
        return int(row[0]) if row else 0

    def search(self, text: str, limit: int = 50) -> list[SearchHit]:
        """Ranked full-text matches for what the user typed (title matches first)."""
        return self._store.read(lambda conn: fts.search(conn, text, limit))

    # --- adding ------------------------------------------------------------------

    def add(
        self,
        article: Article | PackedArticle,
        source: str | None = None,
        raw_hash: str | None = None,
    ) -> AddResult:
        """Record an extracted page. The same source with new text updates the entry
        and re-anchors its notes; the same text under another source is a duplicate,
        and that source then leads to the existing entry."""
        packed = article if isinstance(article, PackedArticle) else PackedArticle.of(article)
        key = storable(normalize_source(source if source is not None else packed.source)) or ""
        values = packed.columns()
        content_hash = packed.content_hash

        def work(conn: sqlite3.Connection) -> AddResult:
            same_text = conn.execute(
                "SELECT id, source, deleted_at FROM articles WHERE content_hash = ?",
                (content_hash,),
            ).fetchone()
            if same_text is not None and same_text[2] is not None:
                _purge(conn, same_text[0])  # re-adding a deleted page starts afresh
                same_text = None
            current = None
            if key != STDIN:
                current = conn.execute(
                    "SELECT id, text FROM articles WHERE source = ? AND deleted_at IS NULL "
                    "ORDER BY id DESC LIMIT 1",
                    (key,),
                ).fetchone()
            if current is not None and same_text is not None and same_text[0] == current[0]:
                _update(conn, current[0], values, content_hash, raw_hash)
                return AddResult(current[0], AddStatus.UNCHANGED)
            if same_text is not None:
                if key not in (STDIN, same_text[1]):
                    conn.execute(
                        "INSERT OR REPLACE INTO article_sources VALUES (?, ?, ?, ?)",
                        (key, same_text[0], raw_hash, now()),
                    )
                return AddResult(same_text[0], AddStatus.DUPLICATE)
            if current is not None:
                _update(conn, current[0], values, content_hash, raw_hash)
                report = reanchor_article(conn, current[0], current[1], packed.text)
                return AddResult(current[0], AddStatus.UPDATED, report)
            conn.execute("DELETE FROM article_sources WHERE source = ?", (key,))
            cursor = conn.execute(
                "INSERT INTO articles (source, raw_hash, content_hash, title, site, byline, "
                "published, language, word_count, text, article, model_version, added_at) "
                "VALUES (:source, :raw_hash, :content_hash, :title, :site, :byline, "
                ":published, :language, :word_count, :text, :article, :model_version, :now)",
                {
                    **values,
                    "source": key,
                    "raw_hash": raw_hash,
                    "content_hash": content_hash,
                    "now": now(),
                },
            )
            return AddResult(int(cursor.lastrowid or 0), AddStatus.ADDED)

        return self._store.write(work)

    # --- reading state -----------------------------------------------------------

    def mark_opened(self, article_id: int) -> None:
        self._store.change("UPDATE articles SET opened_at = ? WHERE id = ?", (now(), article_id))

    def save_position(self, article_id: int, anchor: TextAnchor | None, progress: float) -> None:
        """Where the reader is: a point anchor (``anchoring.point_anchor``) and 0–1."""
        progress = min(1.0, max(0.0, float(progress)))
        values = anchor_values(anchor) if anchor else (None,) * 5

        def work(conn: sqlite3.Connection) -> None:
            updated = conn.execute(
                f"UPDATE articles SET {ANCHOR_ASSIGN}, progress = ?, opened_at = ? WHERE id = ?",
                (*values, progress, now(), article_id),
            ).rowcount
            if not updated:
                raise StoreError(f"no article {article_id} in the library")

        self._store.write(work)

    # --- deleting ------------------------------------------------------------------

    def delete(self, article_id: int) -> bool:
        """Move to the trash (restorable with :meth:`restore` until purged)."""
        return self._set_deleted(article_id, now())

    def restore(self, article_id: int) -> bool:
        return self._set_deleted(article_id, None)

    def _set_deleted(self, article_id: int, when: str | None) -> bool:
        state = "deleted_at IS NULL" if when else "deleted_at IS NOT NULL"
        sql = f"UPDATE articles SET deleted_at = ? WHERE id = ? AND {state}"
        return self._store.change(sql, (when, article_id)) > 0

    def deleted(self) -> list[LibraryEntry]:
        """The trash, most recently deleted first."""
        sql = (
            f"SELECT {_ENTRY_COLUMNS} FROM articles AS a "
            "WHERE a.deleted_at IS NOT NULL ORDER BY a.deleted_at DESC"
        )
        return [_entry(row) for row in self._store.fetchall(sql)]

    def purge(self, article_id: int) -> bool:
        """Delete for good, with its marks, bookmarks, highlights and the pictures no
        other article uses."""

        def work(conn: sqlite3.Connection) -> tuple[bool, list[str]]:
            pictures = images.hashes_of(conn, "a.id = ?", (article_id,))
            return _purge(conn, article_id), images.unused(conn, pictures)

        purged, unused = self._store.write(work)
        images.remove_files(self._store.path.parent, unused)
        return purged

    def purge_deleted(self, older_than: timedelta = timedelta(days=TRASH_DAYS)) -> int:
        """Empty the trash of what was deleted before ``older_than`` ago."""
        count, unused = self._store.write(lambda conn: purge_deleted(conn, older_than))
        images.remove_files(self._store.path.parent, unused)
        return count


def purge_deleted(
    conn: sqlite3.Connection, older_than: timedelta = timedelta(days=TRASH_DAYS)
) -> tuple[int, list[str]]:
    """Purge what was deleted before ``older_than`` ago: how many articles, and the
    hashes of the pictures no article uses any more (for ``images.remove_files``)."""
    cutoff = (datetime.now(UTC) - older_than).isoformat(timespec="milliseconds")
    where = "a.deleted_at IS NOT NULL AND a.deleted_at <= ?"
    pictures = images.hashes_of(conn, where, (cutoff,))
    sql = "DELETE FROM articles WHERE deleted_at IS NOT NULL AND deleted_at <= ?"
    count = conn.execute(sql, (cutoff,)).rowcount
    return count, images.unused(conn, pictures)


def _purge(conn: sqlite3.Connection, article_id: int) -> bool:
    return conn.execute("DELETE FROM articles WHERE id = ?", (article_id,)).rowcount > 0


def _update(
    conn: sqlite3.Connection,
    article_id: int,
    values: dict[str, Any],
    content_hash: str,
    raw_hash: str | None,
) -> None:
    """Refresh the stored copy. Title and text are only written when they differ, as
    writing them re-indexes the article."""
    title, text = conn.execute(
        "SELECT title, text FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    columns = dict(values, content_hash=content_hash)
    if columns["title"] == title:
        del columns["title"]
    if columns["text"] == text:
        del columns["text"]
    if raw_hash is not None:
        columns["raw_hash"] = raw_hash
    assign = ", ".join(f"{name} = :{name}" for name in columns)
    conn.execute(f"UPDATE articles SET {assign} WHERE id = :id", {**columns, "id": article_id})
