"""Re-anchor an article's notes after its text changed, inside the caller's transaction.

Highlights and bookmarks that cannot be placed are flagged orphaned and keep their old
quote (shown to the user, never dropped); a later text change gets them another try.
Marks and the reading position are best-effort: a lost one falls back to the nearest
sensible offset.
"""

from __future__ import annotations

import sqlite3
from collections import Counter

from reader.anchoring import TextAnchor, TextIndex, point_anchor, range_anchor, whole_quote
from reader.store.records import ReanchorReport
from reader.store.rows import ANCHOR_ASSIGN, ANCHOR_COLUMNS, anchor_from, anchor_values


def _anchors(
    conn: sqlite3.Connection, table: str, key: str, article_id: int
) -> list[tuple[object, TextAnchor]]:
    rows = conn.execute(
        f"SELECT {key}, {ANCHOR_COLUMNS} FROM {table} WHERE article_id = ?", (article_id,)
    ).fetchall()
    return [(row[0], anchor) for row in rows if (anchor := anchor_from(row, 1)) is not None]


def reanchor_article(
    conn: sqlite3.Connection, article_id: int, old_text: str, new_text: str
) -> ReanchorReport:
    index = TextIndex(new_text)
    methods: Counter[str] = Counter()

    moved = 0

    def place_range(anchor: TextAnchor) -> TextAnchor | None:
        nonlocal moved
        found = index.locate(anchor)
        if found is None:
            return None
        methods[str(found.method)] += 1
        if not whole_quote(anchor, new_text, found):
            moved += 1
        # The quote as it now reads: an export shows the words that are there.
        return range_anchor(new_text, found.start, found.end)

    def place_point(anchor: TextAnchor) -> TextAnchor | None:
        offset = index.locate_point(anchor)
        return None if offset is None else point_anchor(new_text, offset)

    placed = orphaned = 0
    for table, place in (("highlights", place_range), ("bookmarks", place_point)):
        for key, anchor in _anchors(conn, table, "id", article_id):
            fresh = place(anchor)
            if fresh is None:
                orphaned += 1
                conn.execute(f"UPDATE {table} SET orphaned = 1 WHERE id = ?", (key,))
            else:
                placed += 1
                conn.execute(
                    f"UPDATE {table} SET {ANCHOR_ASSIGN}, orphaned = 0 WHERE id = ?",
                    (*anchor_values(fresh), key),
                )

    for letter, anchor in _anchors(conn, "marks", "letter", article_id):
        fresh = point_anchor(new_text, _point(index, anchor, old_text, new_text))
        conn.execute(
            f"UPDATE marks SET {ANCHOR_ASSIGN} WHERE article_id = ? AND letter = ?",
            (*anchor_values(fresh), article_id, letter),
        )

    row = conn.execute(
        f"SELECT {ANCHOR_COLUMNS} FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    position = anchor_from(row, 0) if row else None
    if position is not None:
        fresh = point_anchor(new_text, _point(index, position, old_text, new_text))
        conn.execute(
            f"UPDATE articles SET {ANCHOR_ASSIGN} WHERE id = ?",
            (*anchor_values(fresh), article_id),
        )
    return ReanchorReport(placed=placed, orphaned=orphaned, methods=dict(methods), moved=moved)


def _point(index: TextIndex, anchor: TextAnchor, old_text: str, new_text: str) -> int:
    """A point's new offset; when lost, the same share of the way through the text."""
    offset = index.locate_point(anchor)
    if offset is not None:
        return offset
    share = anchor.start / len(old_text) if old_text else 0.0
    return min(len(new_text), round(share * len(new_text)))
