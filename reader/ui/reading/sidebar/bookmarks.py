"""The Bookmarks tab: named places in the article, in article order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding
from textual.content import Content
from textual.message import Message

from reader.sanitize import clean_line
from reader.ui.reading.notes.items import BookmarkItem
from reader.ui.reading.sidebar.annotation_pane import AnnotationPane, Row, item_rows, muted

EMPTY = "No bookmarks. Press B in the article to add one here."


def bookmark_row(item: BookmarkItem) -> Content:
    snippet = muted(clean_line(item.snippet))
    return Content.assemble((clean_line(item.name), "bold"), "\n", snippet)


def bookmark_rows(items: Sequence[BookmarkItem]) -> list[Row]:
    return item_rows(items, bookmark_row, EMPTY)


class BookmarksPane(AnnotationPane):
    BINDING_GROUP_TITLE = "Bookmarks"
    BINDINGS = [
        Binding(
            "r",
            "request('rename')",
            "Rename",
            id="bookmarks.rename",
            tooltip="Rename the bookmark",
        ),
        Binding(
            "d,delete",
            "request('delete')",
            "Delete",
            id="bookmarks.delete",
            tooltip="Delete the bookmark (u brings it back)",
        ),
        Binding(
            "u",
            "request('undo')",
            "Undo",
            id="bookmarks.undo",
            tooltip="Bring back the bookmark deleted last",
        ),
    ]

    @dataclass
    class JumpRequested(Message):
        item: BookmarkItem

    @dataclass
    class RenameRequested(Message):
        item: BookmarkItem

    @dataclass
    class DeleteRequested(Message):
        item: BookmarkItem

    @dataclass
    class UndoRequested(Message):
        """Bring back the bookmark deleted last."""

    REQUESTS: ClassVar[dict[str, type[Message]]] = {
        "jump": JumpRequested,
        "rename": RenameRequested,
        "delete": DeleteRequested,
        "undo": UndoRequested,
    }

    def __init__(self) -> None:
        super().__init__("Bookmarks", id="bookmarks")

    def show_bookmarks(self, items: Sequence[BookmarkItem]) -> None:
        kept = list(items)
        self.set_items(kept, lambda: bookmark_rows(kept))
