"""LibraryTable: the library's articles, one row each, on Textual's Line API.

Only the rows on screen are drawn (``render_line``), so 10,000 articles cost no more
to show or scroll than ten; the column header is the widget's first row and stays put
while the rows scroll under it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.sanitize import clean_line
from reader.store.library import LibraryItem
from reader.store.records import LibraryEntry
from reader.ui.library.keys import TABLE_BINDINGS
from reader.ui.library.rows import GAP, Column, cells, columns_for, fit, row_text

MARGIN = 1
"""Blank cells left and right of the columns."""


class LibraryTable(ScrollView, can_focus=True, inherit_bindings=False):
    """Title, site, date, progress and note counts of each article; a row cursor."""

    BINDING_GROUP_TITLE = "Library list"
    BINDINGS = TABLE_BINDINGS
    COMPONENT_CLASSES = {
        "library-table--header",
        "library-table--cursor",
        "library-table--muted",
        "library-table--empty",
    }
    DEFAULT_CSS = """
    LibraryTable {
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
        overflow-y: auto;
        background: $background;
        color: $foreground;
        & > .library-table--header { color: $text-muted; text-style: bold; }
        & > .library-table--muted { color: $text-muted; }
        & > .library-table--empty { color: $text-muted; }
        & > .library-table--cursor { background: $boost; }
        &:focus > .library-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """

    cursor: reactive[int] = reactive(0, repaint=False, init=False)
    """Index of the highlighted row."""

    class Chosen(Message):
        """Enter (or a double click) on a row."""

        def __init__(self, table: LibraryTable, entry: LibraryEntry) -> None:
            self.table = table
            self.entry = entry
            super().__init__()

        @property
        def control(self) -> LibraryTable:
            return self.table

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._entries: Sequence[LibraryEntry] = ()
        self._items: Mapping[int, LibraryItem] = {}
        self._strips: LRUCache[tuple[int, int, bool, int], Strip] = LRUCache(512)
        self._version = 0
        self._empty_lines: tuple[str, ...] = ()

    # --- data ------------------------------------------------------------------------

    @property
    def entries(self) -> Sequence[LibraryEntry]:
        return self._entries

    @property
    def current(self) -> LibraryEntry | None:
        """The entry under the cursor."""
        if 0 <= self.cursor < len(self._entries):
            return self._entries[self.cursor]
        return None

    def item(self, article_id: int) -> LibraryItem | None:
        """The state and tags of a listed article, when they were listed with it."""
        return self._items.get(article_id)

    def set_entries(
        self,
        entries: Sequence[LibraryEntry],
        keep: int | None = None,
        items: Mapping[int, LibraryItem] | None = None,
    ) -> None:
        """Show ``entries`` (with their state and tags from ``items``, by id); the
        cursor stays on article ``keep`` when it is among them, else on the same row
        (or the last one)."""
        self._entries = entries
        if items is not None:
            self._items = items
        self._version += 1
        self._strips.clear()
        self.virtual_size = Size(self._content_width, len(entries) + 1)
        index = self.index_of(keep) if keep is not None else None
        target = index if index is not None else min(self.cursor, max(0, len(entries) - 1))
        self.set_reactive(LibraryTable.cursor, target)
        self._scroll_to_cursor()
        self.refresh()

    def set_empty_text(self, *lines: str) -> None:
        """What the table says when it has no rows."""
        self._empty_lines = tuple(clean_line(line) for line in lines)
        if not self._entries:
            self.refresh()

    def index_of(self, article_id: int) -> int | None:
        for index, entry in enumerate(self._entries):
            if entry.id == article_id:
                return index
        return None

    def select(self, article_id: int) -> bool:
        index = self.index_of(article_id)
        if index is None:
            return False
        self.cursor = index
        return True

    # --- geometry --------------------------------------------------------------------

    @property
    def _content_width(self) -> int:
        return self.scrollable_content_region.width

    @property
    def _rows_shown(self) -> int:
        """Rows of articles visible under the header."""
        return max(1, self.scrollable_content_region.height - 1)

    def columns(self) -> list[Column]:
        return columns_for(max(1, self._content_width - 2 * MARGIN))

    def row_at(self, y: int) -> int | None:
        """The entry index drawn ``y`` rows below the widget's top (None: the header
        or below the last row)."""
        if y < 1:
            return None
        index = self.scroll_offset.y + y - 1
        return index if 0 <= index < len(self._entries) else None

    # --- cursor ----------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        clamped = max(0, min(new, len(self._entries) - 1))
        if clamped != new:
            self.cursor = clamped
            return
        self._refresh_row(old)
        self._refresh_row(new)
        self._scroll_to_cursor()

    def _refresh_row(self, index: int) -> None:
        y = index - self.scroll_offset.y + 1
        if 1 <= y < self.scrollable_content_region.height:
            self.refresh_line(y)

    def _scroll_to_cursor(self) -> None:
        top = round(self.scroll_y)
        rows = self._rows_shown
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + rows:
            self.scroll_to(y=self.cursor - rows + 1, animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor = max(0, self.cursor - 1)

    def action_page_down(self) -> None:
        self.cursor += self._rows_shown

    def action_page_up(self) -> None:
        self.cursor = max(0, self.cursor - self._rows_shown)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = max(0, len(self._entries) - 1)

    def action_choose(self) -> None:
        entry = self.current
        if entry is not None:
            self.post_message(self.Chosen(self, entry))

    def on_click(self, event: events.Click) -> None:
        index = self.row_at(event.y)
        if index is None:
            return
        self.cursor = index
        if event.chain >= 2:
            self.action_choose()

    # --- painting --------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._strips.clear()
        self.virtual_size = Size(self._content_width, len(self._entries) + 1)
        self._scroll_to_cursor()

    def on_focus(self) -> None:
        self._strips.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._strips.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        self._strips.clear()
        super().notify_style_update()

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"library-table--{name}", partial=True)

    def render_line(self, y: int) -> Strip:
        width = self._content_width
        base = self.rich_style
        if y == 0:
            return self._header(width, base)
        if not self._entries:
            return self._empty_line(y, width, base)
        index = self.scroll_offset.y + y - 1
        if index >= len(self._entries):
            return Strip.blank(width, base)
        is_cursor = index == self.cursor
        key = (index, width, is_cursor, self._version)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._row(index, width, base, is_cursor)
            self._strips[key] = strip
        return strip

    def _paint(
        self, parts: list[tuple[Column, str]], width: int, base: Style, text: Style, muted: Style
    ) -> Strip:
        segments = [Segment(" " * MARGIN, base)]
        for number, (column, shown) in enumerate(parts):
            if number:
                segments.append(Segment(" " * GAP, base))
            segments.append(Segment(shown, muted if column.muted else text))
        return Strip(segments).adjust_cell_length(width, base)

    def _header(self, width: int, base: Style) -> Strip:
        header = base + self._style("header")
        columns = self.columns()
        parts = row_text({column.key: column.title for column in columns}, columns)
        return self._paint(parts, width, header, header, header)

    def _row(self, index: int, width: int, base: Style, is_cursor: bool) -> Strip:
        entry = self._entries[index]
        parts = row_text(cells(entry, self._items.get(entry.id)), self.columns())
        text = base
        muted = base + self._style("muted")
        if is_cursor:
            cursor = self._style("cursor")
            base, text, muted = base + cursor, text + cursor, muted + cursor
        return self._paint(parts, width, base, text, muted)

    def _empty_line(self, y: int, width: int, base: Style) -> Strip:
        row = y - 2
        if not 0 <= row < len(self._empty_lines):
            return Strip.blank(width, base)
        text = fit(self._empty_lines[row], max(0, width - 2 * MARGIN))
        style = base + self._style("empty")
        return Strip([Segment(" " * MARGIN, base), Segment(text, style)]).adjust_cell_length(
            width, base
        )
