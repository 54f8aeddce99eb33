"""Marks, bookmarks, highlights and notes of the page being read.

The reading screen hands its keys and the Bookmarks/Notes tabs' requests to this
controller. Every change shows at once (the screen's copies in
``reader.ui.reading.notes.items``), then goes to the library as one store call in the
background (``StoreQueue``, in order, one transaction each); a failure is a one-line
notification. A page the library does not hold (standard input, the demo page, no
usable library) keeps its notes for the session, and says so once. A read-only
library keeps them in its in-memory copy (the library session says so).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.anchoring import point_anchor
from reader.models import Article
from reader.passages import first_words
from reader.sanitize import clean_line
from reader.ui.dialogs.text_prompt import TextPrompt
from reader.ui.feedback import Feedback
from reader.ui.reading.notes.bookmarks import BookmarkControl
from reader.ui.reading.notes.cursor import PassageCursor
from reader.ui.reading.notes.highlights import HighlightControl
from reader.ui.reading.notes.items import (
    NOTE_SIGN,
    BookmarkItem,
    NoteItem,
    bookmark_from_record,
    highlight_role,
    note_from_record,
)
from reader.ui.reading.sidebar.annotation_pane import AnnotationPane
from reader.ui.reading.sidebar.bookmarks import BookmarksPane
from reader.ui.reading.sidebar.notes import NotesPane
from reader.ui.store_queue import StoreQueue

if TYPE_CHECKING:
    from reader.config import Settings
    from reader.store import Bookmark, Highlight, Mark, Store
    from reader.ui.article_view.view import ArticleView
    from reader.ui.library.session import LibrarySession

    Loaded = tuple[list[Mark], list[Bookmark], list[Highlight]]

HIGHLIGHT_LAYER = "highlights"
SNIPPET_CHARS = 120


class Annotations:
    """Bound to one reading screen; ``bookmark`` and ``highlight`` do the work of
    their own kind, on the lists kept here."""

    def __init__(
        self,
        view: ArticleView,
        feedback: Feedback,
        session: LibrarySession | None,
        settings: Settings,
    ) -> None:
        self.view = view
        self.feedback = feedback
        self.session = session
        self.data_dir = settings.resolved_data_dir()
        self.cursor_blink = settings.reading.cursor_blink
        self.cursor = PassageCursor(view)
        self.queue = StoreQueue(view)
        self.bookmarks_pane = BookmarksPane()
        self.notes_pane = NotesPane()
        self.article: Article | None = None
        self.article_id: int | None = None
        self.notes: list[NoteItem] = []
        self.bookmarks: list[BookmarkItem] = []
        self.marks: dict[str, int] = {}
        self.loaded = True
        """False while the page's notes are being read from the library."""
        self._store: Store | None = None
        self._keys = itertools.count(1)
        self.generation = 0
        self._watching = False
        self._told_unsaved = False
        self.bookmark = BookmarkControl(self)
        self.highlight = HighlightControl(self)

    @property
    def panes(self) -> tuple[AnnotationPane, ...]:
        return (self.bookmarks_pane, self.notes_pane)

    @property
    def text(self) -> str:
        return self.article.text if self.article is not None else ""

    def next_key(self) -> int:
        """A new item's key (for the tabs), unique for the screen's life."""
        return next(self._keys)

    # --- the page -------------------------------------------------------------------

    def show(self, article: Article, article_id: int | None) -> None:
        """``article`` is now on screen (``article_id``: its library id, if any)."""
        self.generation += 1
        self.article, self.article_id = article, article_id
        session = self.session
        self._store = session.store if session is not None and article_id is not None else None
        self.notes, self.bookmarks, self.marks = [], [], {}
        self.bookmark.deleted = self.highlight.deleted = None
        # The highlights layer first: the passage and the selection paint over it.
        self.view.set_overlay(HIGHLIGHT_LAYER, [])
        self.cursor.reset(article)
        if not self._watching:
            self._watching = True
            self.view.watch(self.view, "cursor", self.cursor.cursor_moved, init=False)
        self.refresh()
        self.loaded = self._store is None
        if self._store is not None:
            generation = self.generation
            self.submit(
                partial(_read_notes, article_id),
                "read this page's notes",
                lambda found: self._loaded(generation, found),
            )

    def _loaded(self, generation: int, found: Loaded) -> None:
        if generation != self.generation:
            return
        marks, bookmarks, highlights = found
        text = self.text
        self.marks = {m.letter: min(m.anchor.start, len(text)) for m in marks} | self.marks
        known = {item.record_id for item in self.bookmarks}
        for record in bookmarks:
            if record.id not in known:
                snippet = self.snippet(record.anchor.start, record.anchor.exact, record.orphaned)
                key = self.next_key()
                self.bookmarks.append(bookmark_from_record(key, record, text, snippet))
        known = {item.record.id for item in self.notes if item.record is not None}
        for highlight in highlights:
            if highlight.id not in known:
                self.notes.append(note_from_record(self.next_key(), highlight, text))
        self.loaded = True
        self.refresh()

    def snippet(self, offset: int, quote: str, orphaned: bool) -> str:
        passage = quote if orphaned else self.text[offset : offset + SNIPPET_CHARS * 2]
        return first_words(passage, 24, SNIPPET_CHARS)

    def refresh(self) -> None:
        """Draw the highlights and note signs, and refill the tabs."""
        self.notes.sort(key=NoteItem.sort_key)
        self.bookmarks.sort(key=BookmarkItem.sort_key)
        placed = [note for note in self.notes if not note.orphaned]
        self.view.set_overlay(
            HIGHLIGHT_LAYER, [(n.start, n.end, highlight_role(n.color)) for n in placed]
        )
        self.view.set_signs([(n.end - 1, NOTE_SIGN, "note-sign") for n in placed if n.has_note])
        self.bookmarks_pane.show_bookmarks(self.bookmarks)
        self.notes_pane.show_notes(self.notes)

    # --- writing -----------------------------------------------------------------------

    def submit(
        self, job: Callable[[Store], Any], what: str, done: Callable[[Any], None] | None = None
    ) -> None:
        """Queue ``job(store)``; a page outside the library only says, once, that its
        notes last for the session."""
        store = self._store
        if store is None:
            self._tell_unsaved()
            return
        self.queue.submit(partial(job, store), done, what)

    def _tell_unsaved(self) -> None:
        session = self.session
        if self._told_unsaved or (session is not None and session.problem):
            return  # the library session has said why already
        self._told_unsaved = True
        self.feedback.say(
            "This page is not in the library: its marks, bookmarks and notes last until "
            "you quit (E exports the notes).",
            severity="warning",
            timeout=8,
        )

    def wait(self, timeout: float = 2.0) -> bool:
        """Let queued writes finish (the screen is closing)."""
        return self.queue.wait(timeout)

    def here(self) -> int:
        """Where marks and bookmarks go: the passage under the cursor, else the top of
        the view (the reading position)."""
        if self.cursor.shown:
            sentence = self.cursor.current()
            if sentence is not None:
                return sentence.start
        return self.view.top_offset()

    # --- marks -------------------------------------------------------------------------

    def set_mark(self, letter: str) -> None:
        if self.article is None:
            return
        offset = self.here()
        self.marks[letter] = offset
        self.feedback.say(f"Mark {letter} set.", timeout=2)
        anchor, article_id = point_anchor(self.text, offset), self.article_id
        self.submit(
            lambda store: store.marks.set(article_id, letter, anchor), f"save mark {letter}"
        )

    def jump_to_mark(self, letter: str) -> None:
        if self.article is None:
            return
        offset = self.marks.get(letter)
        if offset is None:
            waiting = "" if self.loaded else " (still reading this page's marks)"
            self.feedback.say(f"No mark {letter}{waiting}.", timeout=3)
            return
        self.cursor.jump(offset)

    def jump_back(self) -> None:
        if not self.cursor.jump_back():
            self.feedback.say("No jump to go back from yet.", timeout=2)

    def go_to(self, offset: int | None, *, center: bool = False) -> None:
        """Jump to an item chosen in a tab (None: its passage is gone from the page),
        and give the article the keys."""
        if offset is None:
            self.feedback.say("This passage is not in the page any more.", timeout=5)
            return
        self.cursor.jump(offset, center=center)
        self.view.focus()

    # --- export --------------------------------------------------------------------------

    def ask_export(self) -> None:
        """``E``: write the page's highlights to a file (Markdown, or JSON)."""
        # The export renderers load on first use, not before the first paint.
        from reader.notes_export import checked_path, default_path

        if self.article is None:
            return
        path = default_path(Path.cwd(), self.article).absolute()
        prompt = TextPrompt(
            "Export notes",
            "Markdown, or W3C Web Annotation JSON when the name ends in .json.",
            str(path),
            check=lambda typed: str(checked_path(typed)),
            select=False,
            cursor_blink=self.cursor_blink,
        )
        self.feedback.ask(prompt, self._export)

    def _export(self, typed: str | None) -> None:
        from reader.notes_export import counted, export_notes

        if typed is None or self.article is None:
            return
        path, store, article_id = Path(typed), self._store, self.article_id
        article, notes, marks = self.article, list(self.notes), list(self.bookmarks)

        def done(counts: tuple[int, int]) -> None:
            shown = clean_line(str(path.absolute()))
            if counts == (0, 0):
                self.feedback.say(
                    f"No highlights or bookmarks on this page yet (h highlights a passage): "
                    f"wrote only its title and source to {shown}",
                    timeout=8,
                    severity="warning",
                )
                return
            self.feedback.say(f"{counted(*counts)} written to {shown}", timeout=5)

        job = partial(export_notes, path, store, article_id, article, notes, marks)
        self.queue.submit(job, done, "export the notes")


def _read_notes(article_id: int | None, store: Store) -> Loaded:
    assert article_id is not None
    return (
        store.marks.list(article_id),
        store.bookmarks.list(article_id),
        store.highlights.list(article_id),
    )
