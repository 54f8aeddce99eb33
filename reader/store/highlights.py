"""Highlights with notes: range anchors into an article, with a colour and a note."""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from reader.anchoring import TextAnchor
from reader.errors import StoreError
from reader.store.notes import require_article
from reader.store.records import DEFAULT_COLOR, HIGHLIGHT_COLORS, Highlight
from reader.store.rows import (
    ANCHOR_ASSIGN,
    ANCHOR_COLUMNS,
    anchor_from,
    anchor_values,
    now,
    to_time_required,
)

if TYPE_CHECKING:
    from reader.store.db import Store

NOTE_MAX = 100_000
"""Longest note kept, in characters."""

_SQL = (
    "SELECT id, uid, article_id, color, note, created_at, updated_at, orphaned, "
    f"{ANCHOR_COLUMNS} FROM highlights"
)


def _highlight(row: tuple[Any, ...]) -> Highlight:
    anchor = anchor_from(row, 8)
    assert anchor is not None
    return Highlight(
        id=row[0],
        uid=row[1],
        article_id=row[2],
        color=row[3],
        note=row[4],
        created_at=to_time_required(row[5]),
        updated_at=to_time_required(row[6]),
        orphaned=bool(row[7]),
        anchor=anchor,
    )


def check_color(color: str) -> str:
    if color not in HIGHLIGHT_COLORS:
        known = ", ".join(HIGHLIGHT_COLORS)
        raise ValueError(f"unknown highlight colour {color!r} (one of {known})")
    return color


def _clean_note(note: str) -> str:
    # Notes are the user's own words: kept as typed, bar line-ending noise and size.
    return note.replace("\r\n", "\n").replace("\r", "\n")[:NOTE_MAX]


def new_uid() -> str:
    return f"urn:uuid:{uuid.uuid4()}"


@dataclass(frozen=True, slots=True)
class HighlightImport:
    """A highlight read from an export, already placed (or orphaned) in its article."""

    uid: str
    anchor: TextAnchor
    color: str
    note: str
    created: datetime | None
    modified: datetime | None
    orphaned: bool


class HighlightRepository:
    def __init__(self, store: Store) -> None:
        self._store = store

    def add(
        self, article_id: int, anchor: TextAnchor, color: str = DEFAULT_COLOR, note: str = ""
    ) -> Highlight:
        """Highlight ``anchor`` (from ``anchoring.range_anchor`` on the current text)."""
        check_color(color)
        if anchor.end <= anchor.start:
            raise ValueError("a highlight needs a non-empty range")

        def work(conn: sqlite3.Connection) -> Highlight:
            require_article(conn, article_id)
            found = conn.execute(
                "SELECT substr(text, ?, ?) FROM articles WHERE id = ?",
                (anchor.start + 1, anchor.end - anchor.start, article_id),
            ).fetchone()[0]
            if found != anchor.exact:
                raise StoreError("the highlight does not match the article's current text")
            stamp = now()
            values = (color, _clean_note(note), *anchor_values(anchor), stamp, stamp)
            cursor = conn.execute(
                f"INSERT INTO highlights (uid, article_id, color, note, {ANCHOR_COLUMNS}, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (new_uid(), article_id, *values),
            )
            return _highlight(conn.execute(f"{_SQL} WHERE id = ?", (cursor.lastrowid,)).fetchone())

        return self._store.write(work)

    def get(self, highlight_id: int) -> Highlight | None:
        row = self._store.fetchone(f"{_SQL} WHERE id = ?", (highlight_id,))
        return _highlight(row) if row else None

    def list(self, article_id: int) -> list[Highlight]:
        """In article order; orphaned ones (not found in the current text) last."""
        rows = self._store.fetchall(
            f"{_SQL} WHERE article_id = ? ORDER BY orphaned, anchor_start, anchor_end, id",
            (article_id,),
        )
        return [_highlight(row) for row in rows]

    def set_note(self, highlight_id: int, note: str) -> Highlight | None:
        return self._update(highlight_id, "note = ?", _clean_note(note))

    def recolor(self, highlight_id: int, color: str) -> Highlight | None:
        return self._update(highlight_id, "color = ?", check_color(color))

    def _update(self, highlight_id: int, assign: str, value: object) -> Highlight | None:
        def work(conn: sqlite3.Connection) -> Highlight | None:
            cursor = conn.execute(
                f"UPDATE highlights SET {assign}, updated_at = ? WHERE id = ?",
                (value, now(), highlight_id),
            )
            if not cursor.rowcount:
                return None
            return _highlight(conn.execute(f"{_SQL} WHERE id = ?", (highlight_id,)).fetchone())

        return self._store.write(work)

    def delete(self, highlight_id: int) -> bool:
        return self._store.change("DELETE FROM highlights WHERE id = ?", (highlight_id,)) > 0

    def merge(self, article_id: int, items: list[HighlightImport]) -> tuple[int, int]:
        """Insert imported highlights, or update the ones already here (same ``uid``),
        in one transaction. Returns ``(added, updated)``."""
        return self._store.write(lambda conn: merge_highlights(conn, article_id, items))


def merge_highlights(
    conn: sqlite3.Connection, article_id: int, items: list[HighlightImport]
) -> tuple[int, int]:
    """:meth:`HighlightRepository.merge` inside the caller's transaction."""
    require_article(conn, article_id)
    added = updated = 0
    for item in items:
        stamp = now()
        created = item.created.isoformat() if item.created else stamp
        modified = item.modified.isoformat() if item.modified else created
        values = (item.color, _clean_note(item.note), *anchor_values(item.anchor))
        cursor = conn.execute(
            f"UPDATE highlights SET color = ?, note = ?, {ANCHOR_ASSIGN}, "
            "updated_at = ?, orphaned = ? WHERE uid = ? AND article_id = ?",
            (*values, modified, int(item.orphaned), item.uid, article_id),
        )
        if cursor.rowcount:
            updated += 1
            continue
        taken = conn.execute("SELECT 1 FROM highlights WHERE uid = ?", (item.uid,))
        uid = new_uid() if taken.fetchone() else item.uid
        conn.execute(
            f"INSERT INTO highlights (uid, article_id, color, note, {ANCHOR_COLUMNS}, "
            "created_at, updated_at, orphaned) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (uid, article_id, *values, created, modified, int(item.orphaned)),
        )
        added += 1
    return added, updated
