"""The reader's own notes on the page being read, as the screen keeps them.

These are the screen's copies: changed at once when the reader acts, then written to
the library in the background (``record``/``record_id`` say which library row they
are, once known). Offsets point into the ``Article.text`` on screen. No Textual here.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.store import DEFAULT_COLOR, Bookmark, Highlight
from reader.ui.article_view.roles import Role

PEN_COLORS: tuple[str, ...] = ("yellow", "green", "blue", "pink")
"""The highlighter pens offered (each has a theme colour); the library also knows
purple (from imported notes), which is shown but not offered."""
NOTE_SIGN = "✎"

_HIGHLIGHT_ROLES: dict[str, str] = {
    color: Role(f"highlight-{color}").value for color in (*PEN_COLORS, "purple")
}


def highlight_role(color: str) -> str:
    return _HIGHLIGHT_ROLES.get(color, Role.HIGHLIGHT_YELLOW.value)


def swatch_style(color: str) -> str:
    """A Content style that paints a colour swatch from the theme."""
    return f"$highlight-{color}" if color in PEN_COLORS else "$secondary"


def next_color(color: str) -> str:
    """The pen after ``color`` (round the pens; other colours start from the first)."""
    if color not in PEN_COLORS:
        return PEN_COLORS[0]
    return PEN_COLORS[(PEN_COLORS.index(color) + 1) % len(PEN_COLORS)]


@dataclass(eq=False)
class NoteItem:
    """A highlighted passage and its note."""

    key: int
    start: int
    end: int
    quote: str
    color: str = DEFAULT_COLOR
    note: str = ""
    orphaned: bool = False
    """Not found in the current text: listed with its quote, not drawn."""
    record: Highlight | None = None
    """The library's row, once written (set by the writer thread)."""

    @property
    def has_note(self) -> bool:
        return bool(self.note.strip())

    def sort_key(self) -> tuple[bool, int, int, int]:
        return (self.orphaned, self.start, self.end, self.key)


@dataclass(eq=False)
class BookmarkItem:
    key: int
    offset: int
    name: str
    snippet: str
    orphaned: bool = False
    record_id: int | None = None

    def sort_key(self) -> tuple[bool, int, int]:
        return (self.orphaned, self.offset, self.key)


def note_from_record(key: int, record: Highlight, text: str) -> NoteItem:
    anchor = record.anchor
    placed = not record.orphaned and 0 <= anchor.start < anchor.end <= len(text)
    return NoteItem(
        key=key,
        start=anchor.start if placed else 0,
        end=anchor.end if placed else 0,
        quote=anchor.exact,
        color=record.color,
        note=record.note,
        orphaned=not placed,
        record=record,
    )


def bookmark_from_record(key: int, record: Bookmark, text: str, snippet: str) -> BookmarkItem:
    offset = min(max(0, record.anchor.start), len(text))
    return BookmarkItem(
        key=key,
        offset=offset,
        name=record.name,
        snippet=snippet,
        orphaned=record.orphaned,
        record_id=record.id,
    )
