"""The Notes tab: highlighted passages in article order, each with its note.

Passages that could not be found in the current text (the page changed) are listed
last, under "Could not be placed", with their quote: never dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding
from textual.content import Content
from textual.message import Message

from reader.passages import shorten
from reader.sanitize import clean, clean_line
from reader.ui.reading.notes.items import NoteItem, swatch_style
from reader.ui.reading.sidebar.annotation_pane import AnnotationPane, Row, item_rows

EMPTY = "No highlights. In the article, h highlights the passage under the cursor, a adds a note."
QUOTE_CHARS = 140
NOTE_LINES = 3
NOTE_CHARS = 200


def note_preview(note: str) -> str:
    """The first lines of a note, each one line, the whole kept short."""
    lines = [" ".join(line.split()) for line in clean(note).strip().splitlines()]
    lines = [line for line in lines if line]
    shown = "\n".join(shorten(line, NOTE_CHARS) for line in lines[:NOTE_LINES])
    return shown + ("\n…" if len(lines) > NOTE_LINES else "")


def note_row(item: NoteItem) -> Content:
    quote = shorten(clean_line(item.quote), QUOTE_CHARS) or "(empty passage)"
    parts: list[str | tuple[str, str]] = [("▌ ", swatch_style(item.color)), quote]
    if item.has_note:
        parts += ["\n", (note_preview(item.note), "italic $text-accent")]
    return Content.assemble(*parts)


def note_rows(items: Sequence[NoteItem]) -> list[Row]:
    return item_rows(items, note_row, EMPTY)


class NotesPane(AnnotationPane):
    BINDING_GROUP_TITLE = "Notes"
    BINDINGS = [
        Binding("e", "request('edit')", "Edit note", id="notes.edit", tooltip="Write the note"),
        Binding(
            "c",
            "request('recolour')",
            "Colour",
            id="notes.recolour",
            tooltip="Next highlighter colour for this passage",
        ),
        Binding(
            "d,delete",
            "request('delete')",
            "Delete",
            id="notes.delete",
            tooltip="Delete the highlight and its note (u brings it back)",
        ),
        Binding(
            "u",
            "request('undo')",
            "Undo",
            id="notes.undo",
            tooltip="Bring back the highlight deleted last",
        ),
    ]

    @dataclass
    class JumpRequested(Message):
        item: NoteItem

    @dataclass
    class EditRequested(Message):
        item: NoteItem

    @dataclass
    class RecolourRequested(Message):
        item: NoteItem

    @dataclass
    class DeleteRequested(Message):
        item: NoteItem

    @dataclass
    class UndoRequested(Message):
        """Bring back the highlight deleted last."""

    REQUESTS: ClassVar[dict[str, type[Message]]] = {
        "jump": JumpRequested,
        "edit": EditRequested,
        "recolour": RecolourRequested,
        "delete": DeleteRequested,
        "undo": UndoRequested,
    }

    def __init__(self) -> None:
        super().__init__("Notes", id="notes")

    def show_notes(self, items: Sequence[NoteItem]) -> None:
        kept = list(items)
        self.set_items(kept, lambda: note_rows(kept))
