"""The library list's columns: which fit a width, and each entry's cells (plain Python).

Cells hold page data made safe to show (one line, no control sequences); the widget
draws them as plain text, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from urllib.parse import urlsplit

from rich.cells import cell_len, set_cell_size

from reader.sanitize import clean_line
from reader.store.library import LibraryItem
from reader.store.records import LibraryEntry, SortOrder

GAP = 2
"""Blank cells between two columns."""
MIN_TITLE = 16
TAGS_FROM = 135
"""The tags column shows in this many cells or more (it would squeeze the title)."""
"""The title column never gets narrower than this; other columns go first."""
SORT_LABELS: dict[SortOrder, str] = {
    SortOrder.RECENT: "recently read",
    SortOrder.TITLE: "title",
    SortOrder.DATE: "date",
}


class Align(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    TAIL = "tail"
    """Left-aligned, but a text too long loses its start, not its end (a file path
    keeps its file name)."""


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    title: str
    width: int
    align: Align = Align.LEFT
    muted: bool = True


# Left to right; the ones dropped first on a narrow screen come last in DROP_ORDER.
_FIXED: tuple[Column, ...] = (
    Column("state", "", 3),
    Column("tags", "Tags", 20),
    Column("site", "Site", 20),
    # Where the copy came from: tells two copies of one article apart.
    Column("source", "Source", 20, Align.TAIL),
    Column("date", "Date", 11, Align.RIGHT),
    Column("read", "Read", 4, Align.RIGHT),
    Column("highlights", "Highl.", 6, Align.RIGHT),
    Column("notes", "Notes", 5, Align.RIGHT),
)
DROP_ORDER = ("tags", "highlights", "site", "source", "date", "notes")
"""Columns given up, in this order, when the title would get too narrow."""
ROOM_TITLE = 30
ROOM_ORDER = ("tags", "site")
"""Columns given up first, in this order, to leave the title this many cells (the
source names the site too, and tells two copies of one article apart)."""


def columns_for(width: int) -> list[Column]:
    """The columns shown in ``width`` cells: the title takes what the others leave."""
    shown = [c for c in _FIXED if c.key != "tags" or width >= TAGS_FROM]
    for key in ROOM_ORDER:
        if width - sum(column.width + GAP for column in shown) >= ROOM_TITLE:
            break
        shown = [column for column in shown if column.key != key]
    for key in (None, *DROP_ORDER):
        if key is not None:
            shown = [column for column in shown if column.key != key]
        used = sum(column.width + GAP for column in shown)
        if width - used >= MIN_TITLE:
            break
    title = Column("title", "Title", max(1, width - sum(c.width + GAP for c in shown)))
    # The state marks lead the row, before the title.
    lead = [column for column in shown if column.key == "state"]
    rest = [column for column in shown if column.key != "state"]
    return [*lead, Column(title.key, title.title, title.width, muted=False), *rest]


def format_date(when: datetime | None) -> str:
    return f"{when.day} {when:%b %Y}" if when else "—"


def site_of(entry: LibraryEntry) -> str:
    """The site's name, else a URL's host; saved files without one show nothing."""
    if entry.site and entry.site.strip():
        return clean_line(entry.site).strip()
    if entry.source.lower().startswith(("http://", "https://")):
        try:
            return clean_line(urlsplit(entry.source).hostname or "")
        except ValueError:
            return ""
    return ""


def source_text(entry: LibraryEntry) -> str:
    """Where the entry was read from: a URL's host and path, a file's path (``~`` for
    the home folder); standard input shows nothing."""
    source = clean_line(entry.source).strip()
    if source.lower().startswith(("http://", "https://")):
        try:
            parts = urlsplit(source)
            host = (parts.hostname or "").removeprefix("www.")
            port = f":{parts.port}" if parts.port else ""
        except ValueError:
            return source
        return host + port + parts.path.rstrip("/")
    if source in ("", "-"):
        return ""
    home = str(Path.home())
    if home not in ("", "/") and source.startswith(home + "/"):
        return "~" + source[len(home) :]
    return source


def format_progress(progress: float) -> str:
    if progress <= 0:
        return ""
    return f"{min(100, max(1, round(progress * 100)))}%"


def _count(value: int) -> str:
    return str(value) if value else ""


def state_marks(item: LibraryItem | None) -> str:
    """Starred, read, archived, in three fixed places (blank when not)."""
    if item is None:
        return ""
    return (
        ("★" if item.starred else " ")
        + ("✓" if item.is_read else " ")
        + ("▪" if item.archived else " ")
    )


def tag_text(item: LibraryItem | None) -> str:
    return ", ".join(clean_line(tag) for tag in item.tags) if item else ""


QUEUED_MARK = "↓"
"""In the state column of a reading-queue entry not fetched yet."""


def cells(entry: LibraryEntry, item: LibraryItem | None = None) -> dict[str, str]:
    """Every column's text for ``entry`` (with its state and tags, when known; an
    entry with a negative id is a queued page not fetched yet)."""
    return {
        "state": QUEUED_MARK if entry.id < 0 else state_marks(item),
        "tags": tag_text(item),
        "title": entry.display_title,
        "site": site_of(entry),
        "source": source_text(entry),
        "date": format_date(entry.published),
        "read": format_progress(entry.progress),
        "highlights": _count(entry.highlight_count),
        "notes": _count(entry.note_count),
    }


def fit(text: str, width: int, align: Align = Align.LEFT) -> str:
    """``text`` in exactly ``width`` cells: cut with an ellipsis, padded to align."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        if width <= 1:
            return "…"
        if align is Align.TAIL:
            return "…" + _last_cells(text, width - 1)
        return set_cell_size(text, width - 1) + "…"
    pad = " " * (width - cell_len(text))
    return pad + text if align is Align.RIGHT else text + pad


def _last_cells(text: str, width: int) -> str:
    """The end of ``text`` in at most ``width`` cells (padded where a wide character
    would not fit)."""
    tail = text
    while cell_len(tail) > width:
        tail = tail[1:]
    return " " * (width - cell_len(tail)) + tail


def row_text(values: dict[str, str], columns: list[Column]) -> list[tuple[Column, str]]:
    """Each column with its fitted text, in order (the gap goes before each column but
    the first)."""
    return [
        (column, fit(values.get(column.key, ""), column.width, column.align)) for column in columns
    ]


def count_label(count: int) -> str:
    return f"{count:,} article{'s' if count != 1 else ''}"
