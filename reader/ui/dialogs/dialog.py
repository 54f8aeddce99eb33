"""The look shared by the reader's small modal boxes: a titled box in the middle of
the screen with a line of text, an optional detail line, then what each kind adds
(buttons, an input, a hint)."""

from __future__ import annotations

from typing import TypeVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.sanitize import clean_line

Result = TypeVar("Result")


class Dialog(ModalScreen[Result]):
    """``tone`` colours the box: "error", "warning" or "info". Every text is page data
    or comes from it: cleaned to one line and drawn as ``Content``, never as markup."""

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
        background: $background 60%;
        #dialog-box {
            width: auto;
            min-width: 40;
            max-width: 90%;
            height: auto;
            padding: 1 2;
            background: $panel;
            border: round $error;
            border-title-color: $error;
            border-title-style: bold;
        }
        &.-warning #dialog-box { border: round $warning; border-title-color: $warning; }
        &.-info #dialog-box { border: round $primary; border-title-color: $primary; }
        #dialog-text { width: auto; max-width: 100%; }
        #dialog-detail { width: auto; max-width: 100%; color: $text-muted; margin-top: 1; }
    }
    """

    def __init__(self, title: str, text: str, detail: str = "", *, tone: str = "error") -> None:
        super().__init__(classes=f"-{tone}")
        self._title = clean_line(title)
        self._text = clean_line(text)
        self._detail = clean_line(detail)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog-box") as box:
            box.border_title = Content(self._title)  # a str would be parsed as markup
            if self._text:
                yield Static(Content(self._text), id="dialog-text", markup=False)
            if self._detail:
                yield Static(Content(self._detail), id="dialog-detail", markup=False)
            yield from self.compose_below()

    def compose_below(self) -> ComposeResult:
        """What goes under the text (nothing here)."""
        yield from ()
