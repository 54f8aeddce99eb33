"""Named bookmarks: ``B`` adds one at the passage, the Bookmarks tab jumps to,
renames and deletes them (``u`` brings the last one deleted back)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from reader.anchoring import point_anchor
from reader.passages import first_words
from reader.sanitize import clean_line
from reader.ui.dialogs.text_prompt import TextPrompt
from reader.ui.reading.notes.items import BookmarkItem

if TYPE_CHECKING:
    from reader.store import Store
    from reader.ui.reading.notes.book import NotesBook

NAME_MAX = 200


def bookmark_name(typed: str, text: str, offset: int) -> str:
    """A bookmark name on one line; nothing typed: the passage's first words."""
    name = " ".join(clean_line(typed).split())[:NAME_MAX]
    return name or first_words(text[offset : offset + 400]) or "Bookmark"


class BookmarkControl:
    def __init__(self, notes: NotesBook) -> None:
        self.notes = notes
        self._record_ids: dict[int, int] = {}
        """Each item's library row id (by key) as the store jobs know it: only they
        touch it (see ``HighlightControl._records``); ``BookmarkItem.record_id`` is
        the UI thread's copy, set when a job's reply arrives."""
        self.deleted: BookmarkItem | None = None

    def _prompt(self, title: str, help: str, value: str) -> TextPrompt:
        blink = self.notes.cursor_blink
        return TextPrompt(title, help, value, placeholder="bookmark name", cursor_blink=blink)

    def ask(self) -> None:
        """``B``: name a bookmark at the passage (the prompt holds its first words)."""
        notes = self.notes
        if notes.article is None:
            return
        offset = notes.here()
        name = first_words(notes.text[offset : offset + 400])
        prompt = self._prompt("Add a bookmark", "Name this place; Enter saves, Esc cancels.", name)
        generation = notes.generation
        notes.feedback.ask(prompt, lambda typed: self._add(generation, offset, typed))

    def _add(self, generation: int, offset: int, typed: str | None) -> None:
        notes = self.notes
        if typed is None or generation != notes.generation:
            return
        name = bookmark_name(typed, notes.text, offset)
        item = BookmarkItem(notes.next_key(), offset, name, notes.snippet(offset, "", False))
        self._store(item)
        notes.feedback.say(f"Bookmark added: {item.name}", timeout=3)

    def _store(self, item: BookmarkItem) -> None:
        notes = self.notes
        notes.bookmarks.append(item)
        notes.refresh()
        anchor, article_id = point_anchor(notes.text, item.offset), notes.article_id

        key, name = item.key, item.name

        def add(store: Store) -> int:
            record_id = self._record_ids[key] = store.bookmarks.add(article_id, name, anchor).id
            return record_id

        notes.submit(add, "save the bookmark", partial(_saved, item))

    def rename(self, item: BookmarkItem) -> None:
        notes = self.notes
        prompt = self._prompt(
            "Rename the bookmark", "Enter saves the new name, Esc keeps the old one.", item.name
        )

        def renamed(typed: str | None) -> None:
            if typed is None or item not in notes.bookmarks:
                return
            item.name = name = bookmark_name(typed, notes.text, item.offset)
            notes.refresh()

            key, known = item.key, item.record_id

            def rename(store: Store) -> None:
                record_id = self._record_ids.get(key, known)
                if record_id is not None:
                    store.bookmarks.rename(record_id, name)

            notes.submit(rename, "rename the bookmark")

        notes.feedback.ask(prompt, renamed)

    def delete(self, item: BookmarkItem) -> None:
        notes = self.notes
        notes.bookmarks.remove(item)
        self.deleted = item
        notes.refresh()
        notes.feedback.say("Bookmark deleted; u brings it back.", timeout=4)

        key, known = item.key, item.record_id

        def delete(store: Store) -> None:
            record_id = self._record_ids.pop(key, known)
            if record_id is not None:
                store.bookmarks.delete(record_id)

        notes.submit(delete, "delete the bookmark")

    def undo(self) -> None:
        item, self.deleted = self.deleted, None
        if item is None:
            self.notes.feedback.say("Nothing to bring back.", timeout=2)
            return
        item.record_id = None
        self._store(item)

    def jump(self, item: BookmarkItem) -> None:
        self.notes.go_to(None if item.orphaned else item.offset)


def _saved(item: BookmarkItem, record_id: int) -> None:
    """A store job's reply, on the UI thread: the library's row of ``item``."""
    item.record_id = record_id
