"""What the highlight and bookmark helpers use of the page's notes: the lists they
change, the way to the library, and the screen's feedback. ``Annotations`` is the one
implementation; the helpers know it by this protocol, so neither imports the other's
module both ways."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from reader.models import Article
from reader.store import Store
from reader.ui.feedback import Feedback
from reader.ui.reading.notes.cursor import PassageCursor
from reader.ui.reading.notes.items import BookmarkItem, NoteItem


class NotesBook(Protocol):
    article: Article | None
    article_id: int | None
    notes: list[NoteItem]
    bookmarks: list[BookmarkItem]
    generation: int
    """Counts the pages shown: a reply for an earlier page is dropped."""
    cursor: PassageCursor
    feedback: Feedback
    data_dir: Path
    cursor_blink: bool

    @property
    def text(self) -> str: ...

    def next_key(self) -> int: ...

    def refresh(self) -> None: ...

    def submit(
        self, job: Callable[[Store], Any], what: str, done: Callable[[Any], None] | None = None
    ) -> None: ...

    def here(self) -> int: ...

    def snippet(self, offset: int, quote: str, orphaned: bool) -> str: ...

    def go_to(self, offset: int | None, *, center: bool = False) -> None: ...
