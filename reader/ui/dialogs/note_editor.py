"""Writes or edits the note of a highlighted passage (several lines).

Ctrl+S (or the Save button) gives the note; Esc gives None, after asking when the
note was changed, so a stray key never throws away what was typed.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from reader.passages import shorten
from reader.sanitize import clean, clean_line
from reader.ui.dialogs.confirm import ConfirmScreen

QUOTE_CHARS = 240
"""How much of the passage is shown above the note."""


def quote_preview(text: str, limit: int = QUOTE_CHARS) -> str:
    return shorten(clean_line(text), limit)


class NoteEditor(ModalScreen[str | None]):
    DEFAULT_CSS = """
    NoteEditor {
        align: center middle;
        background: $background 60%;
        #note-box {
            width: 80%;
            max-width: 100;
            height: auto;
            max-height: 90%;
            padding: 1 2;
            background: $panel;
            border: round $primary;
            border-title-color: $primary;
            border-title-style: bold;
        }
        #note-quote {
            color: $text-muted;
            text-style: italic;
            border-left: outer $primary;
            padding-left: 1;
            margin-bottom: 1;
            max-height: 5;
        }
        #note-text { height: 10; }
        #note-buttons { height: auto; margin-top: 1; align-horizontal: right; }
        #note-buttons Button { margin-left: 2; min-width: 10; }
    }
    """

    BINDING_GROUP_TITLE = "Note"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="note.save", priority=True, tooltip="Keep the note"),
        Binding("escape", "cancel", "Cancel", id="note.cancel", tooltip="Leave without saving"),
    ]

    def __init__(self, quote: str, note: str = "", *, title: str = "Note") -> None:
        super().__init__()
        self._quote = quote_preview(quote)
        self._note = clean(note)
        self._title = clean_line(title)

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box") as box:
            box.border_title = Content(self._title)
            yield Static(Content(self._quote), id="note-quote")
            area = TextArea(self._note, id="note-text", soft_wrap=True, tab_behavior="focus")
            area.show_line_numbers = False
            yield area
            with Horizontal(id="note-buttons"):
                yield Button(Content("Save (^s)"), id="note-save", compact=True)
                yield Button(Content("Cancel (esc)"), id="note-cancel", compact=True)

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    @on(Button.Pressed, "#note-save")
    def action_save(self) -> None:
        self.dismiss(self.text)

    @on(Button.Pressed, "#note-cancel")
    def action_cancel(self) -> None:
        if self.text == self._note:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen("Unsaved note", "Throw away the changes to this note?"), answered
        )
