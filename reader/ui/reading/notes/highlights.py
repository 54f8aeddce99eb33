"""Highlights and their notes: ``h`` highlights, ``a`` writes a note, ``H`` changes
the pen; the Notes tab jumps to, edits, recolours and deletes them (``u`` brings the
last one deleted back, as the same annotation)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from reader.anchoring import range_anchor
from reader.app_state import load_state, save_state
from reader.models import Span
from reader.store import DEFAULT_COLOR, Highlight
from reader.store.highlights import HighlightImport
from reader.ui.reading.notes.items import PEN_COLORS, NoteItem, next_color

if TYPE_CHECKING:
    from reader.store import Store
    from reader.ui.dialogs.note_editor import NoteEditor
    from reader.ui.reading.notes.book import NotesBook

Change = Callable[["Store", Highlight], "Highlight | None"]


class HighlightControl:
    def __init__(self, notes: NotesBook) -> None:
        self.notes = notes
        self._records: dict[int, Highlight] = {}
        """The library row of each item (by key) as the store jobs know it. Only the
        jobs (one at a time, in order, on the store queue's thread) touch it: a job
        queued right after another one (a note just after its highlight) finds the
        row the first one wrote before the UI thread hears of it. The UI's copy,
        ``NoteItem.record``, is set on the UI thread when a job's reply arrives."""
        self.deleted: NoteItem | None = None
        pen = load_state(self._data_dir()).get("highlight_color")
        self.pen: str = pen if pen in PEN_COLORS else DEFAULT_COLOR
        """The colour ``h`` and ``a`` use (remembered between runs)."""

    def _data_dir(self) -> Path:
        return self.notes.data_dir

    def _target(self) -> Span | None:
        notes = self.notes
        span = notes.cursor.target()
        if span is None or notes.article is None:
            notes.feedback.bell()
            return None
        return span

    def highlight(self) -> None:
        """``h``: highlight the selection, or the sentence under the cursor, with the
        pen; a passage highlighted already takes the pen's colour."""
        notes = self.notes
        span = self._target()
        if span is None:
            return
        notes.cursor.done_with_target()
        existing = self.note_at(span)
        if existing is None:
            self._store(self._new(span, ""))
        elif existing.color != self.pen:
            self.recolour(existing, self.pen)
        else:
            notes.feedback.say("Already highlighted.", timeout=2)

    def annotate(self) -> None:
        """``a``: write a note on the selection (or the sentence under the cursor),
        highlighting it; a highlighted passage has its note edited."""
        notes = self.notes
        span = self._target()
        if span is None:
            return
        existing = self.note_at(span)
        if existing is not None:
            notes.cursor.done_with_target()
            self.edit(existing)
            return
        generation = notes.generation

        def written(note: str | None) -> None:
            if note is None or generation != notes.generation:
                return  # the selection stays, for h or another try
            notes.cursor.done_with_target()
            self._store(self._new(span, note))

        quote = notes.text[span.start : span.end]
        notes.feedback.ask(_note_editor(quote, title="New note"), written)

    def note_at(self, span: Span) -> NoteItem | None:
        return next(
            (
                n
                for n in self.notes.notes
                if not n.orphaned and (n.start, n.end) == (span.start, span.end)
            ),
            None,
        )

    def _new(self, span: Span, note: str) -> NoteItem:
        quote = self.notes.text[span.start : span.end]
        return NoteItem(self.notes.next_key(), span.start, span.end, quote, self.pen, note)

    def _store(self, item: NoteItem) -> None:
        notes = self.notes
        notes.notes.append(item)
        notes.refresh()
        article_id, anchor = notes.article_id, range_anchor(notes.text, item.start, item.end)
        color, note = item.color, item.note

        key = item.key

        def add(store: Store) -> Highlight:
            record = store.highlights.add(article_id, anchor, color, note)
            self._records[key] = record
            return record

        notes.submit(add, "save the highlight", partial(_saved, item))

    def edit(self, item: NoteItem) -> None:
        notes = self.notes

        def written(note: str | None) -> None:
            if note is None or item not in notes.notes:
                return
            item.note = note
            notes.refresh()
            self._update(item, lambda store, record: store.highlights.set_note(record.id, note))

        title = "Note" if item.has_note else "New note"
        notes.feedback.ask(_note_editor(item.quote, item.note, title=title), written)

    def recolour(self, item: NoteItem, color: str | None = None) -> None:
        item.color = chosen = color or next_color(item.color)
        self.notes.refresh()
        self._update(item, lambda store, record: store.highlights.recolor(record.id, chosen))

    def _update(self, item: NoteItem, change: Change) -> None:
        key, known = item.key, item.record

        def job(store: Store) -> Highlight | None:
            record = self._records.get(key, known)
            if record is None:  # saving it failed, and that was said
                return None
            record = self._records[key] = change(store, record) or record
            return record

        self.notes.submit(job, "save the change", partial(_saved, item))

    def delete(self, item: NoteItem) -> None:
        notes = self.notes
        notes.notes.remove(item)
        self.deleted = item
        notes.refresh()
        notes.feedback.say("Highlight deleted; u brings it back.", timeout=4)

        key, known = item.key, item.record

        def delete(store: Store) -> None:
            record = self._records.get(key, known)
            if record is not None:
                store.highlights.delete(record.id)

        notes.submit(delete, "delete the highlight")

    def undo(self) -> None:
        notes = self.notes
        item, self.deleted = self.deleted, None
        if item is None:
            notes.feedback.say("Nothing to bring back.", timeout=2)
            return
        notes.notes.append(item)
        notes.refresh()
        article_id, key, known = notes.article_id, item.key, item.record
        color, note, orphaned = item.color, item.note, item.orphaned

        def restore(store: Store) -> Highlight | None:
            record = self._records.get(key, known)
            if record is None:
                return None
            # The same annotation again (its id, dates and anchor), not a new one.
            again = HighlightImport(
                uid=record.uid,
                anchor=record.anchor,
                color=color,
                note=note,
                created=record.created_at,
                modified=None,
                orphaned=orphaned,
            )
            store.highlights.merge(article_id, [again])
            found = [h for h in store.highlights.list(article_id) if h.uid == record.uid]
            record = self._records[key] = found[0] if found else record
            return record

        notes.submit(restore, "bring the highlight back", partial(_saved, item))

    def next_pen(self) -> None:
        self.pen = next_color(self.pen)
        save_state(self._data_dir(), highlight_color=self.pen)
        self.notes.feedback.say(f"Highlighter: {self.pen}.", timeout=2)

    def jump(self, item: NoteItem) -> None:
        self.notes.go_to(None if item.orphaned else item.start, center=True)


def _note_editor(quote: str, note: str = "", *, title: str) -> NoteEditor:
    # The editor's TextArea loads tree-sitter: on the first note, not before the first paint.
    from reader.ui.dialogs.note_editor import NoteEditor

    return NoteEditor(quote, note, title=title)


def _saved(item: NoteItem, record: Highlight | None) -> None:
    """A store job's reply, on the UI thread: the library's row of ``item``."""
    if record is not None:
        item.record = record
