"""The library as a collection: tags, read/archived/starred state, filters, settings.

``store.library.items(LibraryFilter(...))`` is what a library screen lists: entries with
their tags and state, filtered and sorted in SQL. The filter last used can be kept with
``save_filter`` and read back with ``saved_filter`` (a small settings record).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from reader.sanitize import clean_line
from reader.store.articles import _ENTRY_COLUMNS, _ORDER, _entry
from reader.store.notes import require_article
from reader.store.records import LibraryEntry, SortOrder
from reader.store.rows import to_time

if TYPE_CHECKING:
    from reader.store.db import Store

TAG_MAX = 100
"""Longest tag name kept, in characters."""
MAX_TAGS_PER_ARTICLE = 200
_FILTER_KEY = "library.filter"


STATE_FIELDS = {"read": "is_read", "archived": "archived", "starred": "starred"}
"""The article flags the reader marks by name, and their columns."""
STATE_SAID = {
    ("read", True): "Marked as read.",
    ("read", False): "Marked as unread.",
    ("archived", True): "Archived.",
    ("archived", False): "Back from the archive.",
    ("starred", True): "Starred.",
    ("starred", False): "Unstarred.",
}
"""What the reader is told when a flag is set (True) or taken off."""


class StateFilter(StrEnum):
    QUEUE = "queue"
    """Unread and not archived: what is left to read."""
    ALL = "all"
    READ = "read"
    UNREAD = "unread"
    ARCHIVED = "archived"
    STARRED = "starred"


_STATE_SQL = {
    StateFilter.QUEUE: "a.is_read = 0 AND a.archived = 0",
    StateFilter.ALL: "1",
    StateFilter.READ: "a.is_read = 1",
    StateFilter.UNREAD: "a.is_read = 0",
    StateFilter.ARCHIVED: "a.archived = 1",
    StateFilter.STARRED: "a.starred = 1",
}


@dataclass(frozen=True, slots=True)
class LibraryFilter:
    state: StateFilter = StateFilter.ALL
    tag: str | None = None
    sort: SortOrder = SortOrder.RECENT

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> LibraryFilter:
        """The saved filter; anything unreadable gives the default."""
        try:
            data = json.loads(text)
            tag = data.get("tag")
            return cls(
                state=StateFilter(data.get("state", "all")),
                tag=tag if isinstance(tag, str) and tag else None,
                sort=SortOrder(data.get("sort", "recent")),
            )
        except (ValueError, TypeError, AttributeError):
            return cls()


@dataclass(frozen=True, slots=True)
class LibraryItem:
    """A library entry with its state and tags."""

    entry: LibraryEntry
    is_read: bool
    archived: bool
    starred: bool
    captured_at: datetime | None
    tags: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class TagCount:
    name: str
    count: int


def clean_tag(name: str) -> str:
    """One line, single spaces, bounded; an empty result is no tag."""
    return " ".join(clean_line(name).split())[:TAG_MAX].strip(" ,#")


def add_tags(conn: sqlite3.Connection, article_id: int, names: Iterable[str]) -> int:
    """Tag an article inside the caller's transaction; the number of tags added."""
    added = 0
    for name in list(dict.fromkeys(t for t in map(clean_tag, names) if t))[:MAX_TAGS_PER_ARTICLE]:
        conn.execute("INSERT OR IGNORE INTO tags (name) VALUES (?)", (name,))
        tag_id = conn.execute("SELECT id FROM tags WHERE name = ?", (name,)).fetchone()[0]
        added += conn.execute(
            "INSERT OR IGNORE INTO article_tags VALUES (?, ?)", (article_id, tag_id)
        ).rowcount
    return added


def set_state(
    conn: sqlite3.Connection,
    article_id: int,
    *,
    is_read: bool | None = None,
    archived: bool | None = None,
    starred: bool | None = None,
) -> None:
    values = {"is_read": is_read, "archived": archived, "starred": starred}
    assign = {k: int(v) for k, v in values.items() if v is not None}
    if assign:
        sql = ", ".join(f"{k} = :{k}" for k in assign)
        conn.execute(f"UPDATE articles SET {sql} WHERE id = :id", {**assign, "id": article_id})


class LibraryRepository:
    def __init__(self, store: Store) -> None:
        self._store = store

    # --- tags ------------------------------------------------------------------

    def add_tags(self, article_id: int, names: Iterable[str]) -> int:
        names = list(names)

        def work(conn: sqlite3.Connection) -> int:
            require_article(conn, article_id)
            return add_tags(conn, article_id, names)

        return self._store.write(work)

    def remove_tags(self, article_id: int, names: Iterable[str]) -> int:
        """Untag; a tag no article carries any more is forgotten (completion stays tidy)."""
        names = [clean_tag(n) for n in names]

        def work(conn: sqlite3.Connection) -> int:
            removed = 0
            for name in names:
                removed += conn.execute(
                    "DELETE FROM article_tags WHERE article_id = ? AND tag_id = "
                    "(SELECT id FROM tags WHERE name = ?)",
                    (article_id, name),
                ).rowcount
            conn.execute(
                "DELETE FROM tags WHERE id NOT IN (SELECT DISTINCT tag_id FROM article_tags)"
            )
            return removed

        return self._store.write(work)

    def tags_of(self, article_id: int) -> list[str]:
        rows = self._store.fetchall(
            "SELECT t.name FROM article_tags AS x JOIN tags AS t ON t.id = x.tag_id "
            "WHERE x.article_id = ? ORDER BY t.name COLLATE NOCASE",
            (article_id,),
        )
        return [row[0] for row in rows]

    def tags(self, prefix: str = "") -> list[TagCount]:
        """Every tag with how many (not deleted) articles carry it, for completion."""
        rows = self._store.fetchall(
            "SELECT t.name, count(a.id) FROM tags AS t "
            "LEFT JOIN article_tags AS x ON x.tag_id = t.id "
            "LEFT JOIN articles AS a ON a.id = x.article_id AND a.deleted_at IS NULL "
            "WHERE t.name LIKE ? ESCAPE '\\' GROUP BY t.id ORDER BY t.name COLLATE NOCASE",
            (_like_prefix(prefix),),
        )
        return [TagCount(name, int(count)) for name, count in rows]

    # --- state -----------------------------------------------------------------

    def set_state(
        self,
        article_id: int,
        *,
        is_read: bool | None = None,
        archived: bool | None = None,
        starred: bool | None = None,
    ) -> None:
        def work(conn: sqlite3.Connection) -> None:
            require_article(conn, article_id)
            set_state(conn, article_id, is_read=is_read, archived=archived, starred=starred)

        self._store.write(work)

    def set_captured(self, article_id: int, when: datetime | None, earliest: bool = False) -> None:
        """When the page was captured (archived); with ``earliest``, only an earlier
        date replaces the one kept."""
        value = when.isoformat() if when else None
        sql = "UPDATE articles SET captured_at = ? WHERE id = ?"
        if earliest:
            sql += " AND (captured_at IS NULL OR captured_at > ?)"
        self._store.change(sql, (value, article_id, value) if earliest else (value, article_id))

    def item(self, article_id: int) -> LibraryItem | None:
        found = self._items("a.id = ?", (article_id,), "a.id", None, 0)
        return found[0] if found else None

    # --- listing ---------------------------------------------------------------

    def items(
        self, filter: LibraryFilter | None = None, limit: int | None = None, offset: int = 0
    ) -> list[LibraryItem]:
        """The library's rows under ``filter`` (deleted articles excluded)."""
        filter = filter or LibraryFilter()
        where = [_STATE_SQL[filter.state]]
        params: list[Any] = []
        if filter.tag:
            where.append(
                "a.id IN (SELECT x.article_id FROM article_tags AS x JOIN tags AS t "
                "ON t.id = x.tag_id WHERE t.name = ?)"
            )
            params.append(clean_tag(filter.tag))
        return self._items(" AND ".join(where), tuple(params), _ORDER[filter.sort], limit, offset)

    def queue_count(self) -> int:
        """Unread, unarchived articles plus queued pages not fetched yet."""
        row = self._store.fetchone(
            "SELECT (SELECT count(*) FROM articles WHERE deleted_at IS NULL AND is_read = 0 "
            "AND archived = 0) + (SELECT count(*) FROM queue WHERE article_id IS NULL "
            "AND archived = 0 AND is_read = 0)"
        )
        return int(row[0]) if row else 0

    def _items(
        self, where: str, params: tuple[Any, ...], order: str, limit: int | None, offset: int
    ) -> list[LibraryItem]:
        sql = (
            f"SELECT {_ENTRY_COLUMNS}, a.is_read, a.archived, a.starred, a.captured_at, "
            "(SELECT group_concat(t.name, char(31)) FROM article_tags AS x "
            "JOIN tags AS t ON t.id = x.tag_id WHERE x.article_id = a.id) "
            f"FROM articles AS a WHERE a.deleted_at IS NULL AND ({where}) "
            f"ORDER BY {order} LIMIT ? OFFSET ?"
        )
        rows = self._store.fetchall(sql, (*params, -1 if limit is None else limit, offset))
        return [
            LibraryItem(
                entry=_entry(row),
                is_read=bool(row[13]),
                archived=bool(row[14]),
                starred=bool(row[15]),
                captured_at=to_time(row[16]),
                tags=tuple(sorted(row[17].split("\x1f"), key=str.lower)) if row[17] else (),
            )
            for row in rows
        ]

    # --- settings --------------------------------------------------------------

    def setting(self, key: str) -> str | None:
        row = self._store.fetchone("SELECT value FROM settings WHERE key = ?", (key,))
        return row[0] if row else None

    def set_setting(self, key: str, value: str) -> None:
        self._store.change(
            "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, value)
        )

    def saved_filter(self) -> LibraryFilter:
        text = self.setting(_FILTER_KEY)
        return LibraryFilter.from_json(text) if text else LibraryFilter()

    def save_filter(self, filter: LibraryFilter) -> None:
        self.set_setting(_FILTER_KEY, filter.to_json())


def _like_prefix(prefix: str) -> str:
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"
