"""Marks (``m`` + letter) and named bookmarks: point anchors into an article."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from reader.anchoring import TextAnchor
from reader.errors import StoreError
from reader.sanitize import clean_line
from reader.store.records import Bookmark, Mark
from reader.store.rows import ANCHOR_COLUMNS, anchor_from, anchor_values, now, to_time_required

if TYPE_CHECKING:
    from reader.store.db import Store

NAME_MAX = 200


def require_article(conn: sqlite3.Connection, article_id: int) -> None:
    if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
        raise StoreError(f"no article {article_id} in the library")


def check_letter(letter: str) -> str:
    if len(letter) != 1 or not (letter.isascii() and letter.isalnum()):
        raise ValueError(f"a mark is one letter or digit, not {letter!r}")
    return letter


def clean_name(name: str, anchor: TextAnchor) -> str:
    """One line, bounded; an empty name becomes the start of the passage."""
    name = " ".join(clean_line(name).split())[:NAME_MAX]
    if not name:
        name = " ".join(clean_line(anchor.exact).split())[:40] or "Bookmark"
    return name


class MarkRepository:
    def __init__(self, store: Store) -> None:
        self._store = store

    def set(self, article_id: int, letter: str, anchor: TextAnchor) -> Mark:
        """Set (or move) mark ``letter`` to a point anchor."""
        check_letter(letter)

        def work(conn: sqlite3.Connection) -> None:
            require_article(conn, article_id)
            conn.execute(
                f"INSERT OR REPLACE INTO marks (article_id, letter, {ANCHOR_COLUMNS}, set_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (article_id, letter, *anchor_values(anchor), now()),
            )

        self._store.write(work)
        return Mark(article_id, letter, anchor)

    def get(self, article_id: int, letter: str) -> Mark | None:
        check_letter(letter)
        row = self._store.fetchone(
            f"SELECT {ANCHOR_COLUMNS} FROM marks WHERE article_id = ? AND letter = ?",
            (article_id, letter),
        )
        anchor = anchor_from(row, 0) if row else None
        return Mark(article_id, letter, anchor) if anchor else None

    def list(self, article_id: int) -> list[Mark]:
        rows = self._store.fetchall(
            f"SELECT letter, {ANCHOR_COLUMNS} FROM marks WHERE article_id = ? ORDER BY letter",
            (article_id,),
        )
        return [Mark(article_id, row[0], anchor_from(row, 1)) for row in rows]  # type: ignore[arg-type]

    def delete(self, article_id: int, letter: str) -> bool:
        check_letter(letter)
        sql = "DELETE FROM marks WHERE article_id = ? AND letter = ?"
        return self._store.change(sql, (article_id, letter)) > 0


_BOOKMARK_SQL = (
    f"SELECT id, article_id, name, created_at, orphaned, {ANCHOR_COLUMNS} FROM bookmarks"
)


def _bookmark(row: tuple[Any, ...]) -> Bookmark:
    anchor = anchor_from(row, 5)
    assert anchor is not None
    return Bookmark(
        id=row[0],
        article_id=row[1],
        name=row[2],
        created_at=to_time_required(row[3]),
        orphaned=bool(row[4]),
        anchor=anchor,
    )


class BookmarkRepository:
    def __init__(self, store: Store) -> None:
        self._store = store

    def add(self, article_id: int, name: str, anchor: TextAnchor) -> Bookmark:
        """A named bookmark at a point anchor; an empty name becomes the passage's start."""
        name = clean_name(name, anchor)

        def work(conn: sqlite3.Connection) -> Bookmark:
            require_article(conn, article_id)
            cursor = conn.execute(
                f"INSERT INTO bookmarks (article_id, name, {ANCHOR_COLUMNS}, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (article_id, name, *anchor_values(anchor), now()),
            )
            row = conn.execute(f"{_BOOKMARK_SQL} WHERE id = ?", (cursor.lastrowid,)).fetchone()
            return _bookmark(row)

        return self._store.write(work)

    def get(self, bookmark_id: int) -> Bookmark | None:
        row = self._store.fetchone(f"{_BOOKMARK_SQL} WHERE id = ?", (bookmark_id,))
        return _bookmark(row) if row else None

    def rename(self, bookmark_id: int, name: str) -> Bookmark | None:
        """The renamed bookmark, or None when it no longer exists."""

        def work(conn: sqlite3.Connection) -> Bookmark | None:
            row = conn.execute(f"{_BOOKMARK_SQL} WHERE id = ?", (bookmark_id,)).fetchone()
            if row is None:
                return None
            fresh = clean_name(name, _bookmark(row).anchor)
            conn.execute("UPDATE bookmarks SET name = ? WHERE id = ?", (fresh, bookmark_id))
            return _bookmark((*row[:2], fresh, *row[3:]))

        return self._store.write(work)

    def delete(self, bookmark_id: int) -> bool:
        return self._store.change("DELETE FROM bookmarks WHERE id = ?", (bookmark_id,)) > 0

    def list(self, article_id: int) -> list[Bookmark]:
        """In article order; orphaned ones last."""
        rows = self._store.fetchall(
            f"{_BOOKMARK_SQL} WHERE article_id = ? ORDER BY orphaned, anchor_start, id",
            (article_id,),
        )
        return [_bookmark(row) for row in rows]
