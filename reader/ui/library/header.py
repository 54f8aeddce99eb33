"""The library's top line: how many articles and in what order (or what the search
found), and on the right what is going on (keys typed so far, a page being added)."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from reader.sanitize import clean_line


class LibraryHeader(Widget):
    DEFAULT_CSS = """
    LibraryHeader {
        height: 1;
        dock: top;
        background: $panel;
        color: $foreground;
        padding: 0 1;
    }
    """

    summary: reactive[str] = reactive("")
    """E.g. "10,000 articles · by title"."""
    status: reactive[str] = reactive("")
    """E.g. "Adding page.html …" or the keys of a sequence being typed."""
    warning: reactive[str] = reactive("")
    """Shown while the library is read-only or missing."""

    def set_summary(self, text: str) -> None:
        self.summary = clean_line(text)

    def set_status(self, text: str) -> None:
        self.status = clean_line(text)

    def set_warning(self, text: str) -> None:
        self.warning = clean_line(text)

    def render(self) -> Content:
        width = self.content_region.width
        left = Content.assemble(("Library", "bold"), ("  ", ""), (self.summary, "$text-muted"))
        right_parts: list[tuple[str, str]] = []
        if self.status:
            right_parts.append((self.status, "bold $accent"))
        if self.warning:
            right_parts.extend([("  ", ""), (self.warning, "$warning")])
        right = Content.assemble(*right_parts)
        room = max(0, width - right.cell_length - 2)
        if left.cell_length > room:
            left = left.truncate(room, ellipsis=True)
        gap = max(1, width - left.cell_length - right.cell_length)
        return Content.assemble(left, " " * gap, right).truncate(width)
