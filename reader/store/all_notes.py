"""Every highlight and note across the library: newest first, by article, by tag, and
full-text search over quotes and notes (FTS5, with the same safe query building as the
article search). Highlights imported without their article (``loose``) are listed here
too, so nothing imported is lost from sight.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from reader.models import Span
from reader.store.highlights import _highlight
from reader.store.library import clean_tag
from reader.store.records import Highlight
from reader.store.rows import ANCHOR_COLUMNS, now, to_time_required
from reader.store.search import build_match, split_marked

if TYPE_CHECKING:
    from reader.store.db import Store

_OPEN, _CLOSE = "\x02", "\x03"


@dataclass(frozen=True, slots=True)
class NoteRow:
    """One highlight with the article it belongs to (title and source as stored)."""

    highlight: Highlight
    article_title: str
    article_source: str
    quote_spans: tuple[Span, ...] = ()
    """Search matches in ``highlight.anchor.exact`` (offsets into the quote)."""
    note_spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class LooseHighlight:
    """A highlight whose article is not in the library (e.g. from a highlights CSV)."""

    id: int
    uid: str
    url: str
    title: str
    quote: str
    note: str
    tags: tuple[str, ...]
    origin: str
    created_at: datetime


_HIGHLIGHT_COLUMNS = (
    "id, uid, article_id, color, note, created_at, updated_at, orphaned, " + ANCHOR_COLUMNS
)


def _columns(prefix: str) -> str:
    return ", ".join(f"{prefix}.{name.strip()}" for name in _HIGHLIGHT_COLUMNS.split(","))


_ROW_SQL = (
    f"SELECT {_columns('h')}, a.title, a.source FROM highlights AS h "
    "JOIN articles AS a ON a.id = h.article_id WHERE a.deleted_at IS NULL"
)


class NotesRepository:
    def __init__(self, store: Store) -> None:
        self._store = store

    def list(
        self,
        *,
        article_id: int | None = None,
        tag: str | None = None,
        search: str | None = None,
        limit: int = 200,
        offset: int = 0,
    ) -> list[NoteRow]:
        """Highlights newest first, narrowed by article, tag and searched words."""
        where: list[str] = []
        params: list[Any] = []
        if article_id is not None:
            where.append("h.article_id = ?")
            params.append(article_id)
        if tag:
            where.append(
                "h.article_id IN (SELECT x.article_id FROM article_tags AS x JOIN tags AS t "
                "ON t.id = x.tag_id WHERE t.name = ?)"
            )
            params.append(clean_tag(tag))
        if search is not None and search.strip():
            query = build_match(search)
            if query is None:
                return []
            return self._search(query, where, params, limit, offset)
        extra = "".join(f" AND {w}" for w in where)
        sql = f"{_ROW_SQL}{extra} ORDER BY h.created_at DESC, h.id DESC LIMIT ? OFFSET ?"
        rows = self._store.fetchall(sql, (*params, limit, offset))
        return [NoteRow(_highlight(row[:13]), row[13], row[14]) for row in rows]

    def _search(
        self, query: str, where: list[str], params: list[Any], limit: int, offset: int
    ) -> list[NoteRow]:
        extra = "".join(f" AND {w}" for w in where)
        # Newest first by highlight id (ids grow as highlights are made or imported):
        # FTS5 walks its index in rowid order and stops at the limit, where sorting by
        # a date would first collect every match (a common word matches thousands).
        sql = (
            f"SELECT {_columns('h')}, a.title, a.source, "
            f"highlight(notes_fts, 0, '{_OPEN}', '{_CLOSE}'), "
            f"highlight(notes_fts, 1, '{_OPEN}', '{_CLOSE}') "
            "FROM notes_fts JOIN highlights AS h ON h.id = notes_fts.rowid "
            "JOIN articles AS a ON a.id = h.article_id "
            f"WHERE notes_fts MATCH ? AND a.deleted_at IS NULL{extra} "
            "ORDER BY notes_fts.rowid DESC LIMIT ? OFFSET ?"
        )

        def work(conn: sqlite3.Connection) -> list[NoteRow]:
            rows = conn.execute(sql, (query, *params, limit, offset)).fetchall()
            found = []
            for row in rows:
                _, quote_spans = split_marked(row[15] or "")
                _, note_spans = split_marked(row[16] or "")
                found.append(
                    NoteRow(_highlight(row[:13]), row[13], row[14], quote_spans, note_spans)
                )
            return found

        return self._store.read(work)

    def count(self) -> int:
        row = self._store.fetchone(
            "SELECT count(*) FROM highlights AS h JOIN articles AS a ON a.id = h.article_id "
            "WHERE a.deleted_at IS NULL"
        )
        return int(row[0]) if row else 0

    # --- highlights without their article ----------------------------------------

    def add_loose(self, items: list[LooseHighlight]) -> int:
        """Keep highlights whose article is not in the library; same ``uid`` = same one."""

        def work(conn: sqlite3.Connection) -> int:
            added = 0
            for item in items:
                added += conn.execute(
                    "INSERT OR IGNORE INTO loose_highlights (uid, url, title, quote, note, "
                    "tags, origin, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        item.uid,
                        item.url,
                        item.title,
                        item.quote,
                        item.note,
                        "\x1f".join(item.tags),
                        item.origin,
                        item.created_at.isoformat() if item.created_at else now(),
                    ),
                ).rowcount
            return added

        return self._store.write(work)

    def loose(self, url: str | None = None) -> list[LooseHighlight]:
        sql = (
            "SELECT id, uid, url, title, quote, note, tags, origin, created_at "
            "FROM loose_highlights"
        )
        params: tuple[Any, ...] = ()
        if url is not None:
            sql += " WHERE url = ?"
            params = (url,)
        rows = self._store.fetchall(sql + " ORDER BY created_at DESC, id DESC", params)
        return [
            LooseHighlight(
                id=r[0],
                uid=r[1],
                url=r[2],
                title=r[3],
                quote=r[4],
                note=r[5],
                tags=tuple(t for t in r[6].split("\x1f") if t),
                origin=r[7],
                created_at=to_time_required(r[8]),
            )
            for r in rows
        ]

    def drop_loose(self, ids: list[int]) -> None:
        def work(conn: sqlite3.Connection) -> None:
            conn.executemany("DELETE FROM loose_highlights WHERE id = ?", [(i,) for i in ids])

        self._store.write(work)
