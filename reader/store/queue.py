"""The reading queue: pages known by URL only (from read-later exports), fetched and
extracted when first opened or with ``reader import --fetch``.

An entry keeps what the export said (title, tags, when it was added, read/archived/
starred); once fetched it points at its library article, which inherits tags and state.
A failed fetch keeps the entry, with the reason, for a later try.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from reader.sanitize import clean_line
from reader.store.library import add_tags, clean_tag, set_state
from reader.store.rows import now, to_time, to_time_required

if TYPE_CHECKING:
    from reader.store.db import Store

_SEP = "\x1f"


@dataclass(frozen=True, slots=True)
class QueueItem:
    """An entry to add (``id`` 0) or one in the queue."""

    url: str
    title: str = ""
    tags: tuple[str, ...] = ()
    added_at: datetime | None = None
    origin: str = ""
    """Which export it came from (``pocket``, ``instapaper``, ``raindrop``)."""
    is_read: bool = False
    archived: bool = False
    starred: bool = False
    id: int = 0
    article_id: int | None = None
    fetched_at: datetime | None = None
    error: str | None = None

    @property
    def display_title(self) -> str:
        """The title (else the URL), one line with no control sequences: the other
        fields hold the export's data as it is."""
        return clean_line(self.title).strip() or clean_line(self.url)


_COLUMNS = (
    "url, title, tags, added_at, origin, is_read, archived, starred, id, article_id, "
    "fetched_at, error"
)


def _item(row: tuple[Any, ...]) -> QueueItem:
    return QueueItem(
        url=row[0],
        title=row[1],
        tags=tuple(t for t in row[2].split(_SEP) if t),
        added_at=to_time_required(row[3]),
        origin=row[4],
        is_read=bool(row[5]),
        archived=bool(row[6]),
        starred=bool(row[7]),
        id=row[8],
        article_id=row[9],
        fetched_at=to_time(row[10]),
        error=row[11],
    )


class QueueRepository:
    def __init__(self, store: Store) -> None:
        self._store = store

    def add(self, items: list[QueueItem]) -> tuple[int, int]:
        """Queue URLs; a URL already queued or already in the library is not added
        twice. Returns ``(added, already there)``."""

        def work(conn: sqlite3.Connection) -> tuple[int, int]:
            added = known = 0
            for item in items:
                in_library = conn.execute(
                    "SELECT id FROM articles WHERE source = ? AND deleted_at IS NULL",
                    (item.url,),
                ).fetchone()
                tags = _SEP.join(t for t in map(clean_tag, item.tags) if t)
                when = (item.added_at.isoformat() if item.added_at else None) or now()
                cursor = conn.execute(
                    "INSERT OR IGNORE INTO queue (url, title, tags, added_at, origin, is_read, "
                    "archived, starred, article_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        item.url,
                        item.title,
                        tags,
                        when,
                        item.origin,
                        int(item.is_read),
                        int(item.archived),
                        int(item.starred),
                        in_library[0] if in_library else None,
                    ),
                )
                if cursor.rowcount:
                    added += 1
                    if in_library:
                        _carry_over(conn, in_library[0], item)
                else:
                    known += 1
            return added, known

        return self._store.write(work)

    def pending(self, limit: int | None = None) -> list[QueueItem]:
        """Entries not fetched yet, oldest first (failed ones included)."""
        rows = self._store.fetchall(
            f"SELECT {_COLUMNS} FROM queue WHERE article_id IS NULL ORDER BY added_at, id LIMIT ?",
            (-1 if limit is None else limit,),
        )
        return [_item(row) for row in rows]

    def all(self) -> list[QueueItem]:
        rows = self._store.fetchall(f"SELECT {_COLUMNS} FROM queue ORDER BY added_at DESC, id")
        return [_item(row) for row in rows]

    def get(self, url: str) -> QueueItem | None:
        row = self._store.fetchone(f"SELECT {_COLUMNS} FROM queue WHERE url = ?", (url,))
        return _item(row) if row else None

    def fetched(self, item_id: int, article_id: int) -> None:
        """The entry's page is now library article ``article_id``: it takes the entry's
        tags and state."""

        def work(conn: sqlite3.Connection) -> None:
            row = conn.execute(f"SELECT {_COLUMNS} FROM queue WHERE id = ?", (item_id,)).fetchone()
            if row is None:
                return
            conn.execute(
                "UPDATE queue SET article_id = ?, fetched_at = ?, error = NULL WHERE id = ?",
                (article_id, now(), item_id),
            )
            _carry_over(conn, article_id, _item(row))

        self._store.write(work)

    def failed(self, item_id: int, reason: str) -> None:
        self._store.change(
            "UPDATE queue SET error = ?, fetched_at = ? WHERE id = ?",
            (reason[:500], now(), item_id),
        )


def _carry_over(conn: sqlite3.Connection, article_id: int, item: QueueItem) -> None:
    add_tags(conn, article_id, item.tags)
    set_state(
        conn,
        article_id,
        is_read=item.is_read or None,
        archived=item.archived or None,
        starred=item.starred or None,
    )
