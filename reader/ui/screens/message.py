"""A modal that states one thing that went wrong (or needs saying) and waits for a key."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.sanitize import clean_line


class MessageScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    MessageScreen {
        align: center middle;
        background: $background 60%;
        #message-box {
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
        &.-info #message-box { border: round $primary; border-title-color: $primary; }
        #message-text { width: auto; max-width: 100%; }
        #message-detail { width: auto; max-width: 100%; color: $text-muted; margin-top: 1; }
        #message-keys { width: 100%; color: $text-muted; margin-top: 1; text-align: right; }
    }
    """

    BINDING_GROUP_TITLE = "Message"
    BINDINGS = [
        Binding("escape,enter,q,space", "close", "Close", id="message-close"),
    ]

    def __init__(self, title: str, text: str, detail: str = "", *, error: bool = True) -> None:
        super().__init__(classes="" if error else "-info")
        self._title = clean_line(title)
        self._text = clean_line(text)
        self._detail = clean_line(detail)

    def compose(self) -> ComposeResult:
        with Vertical(id="message-box") as box:
            box.border_title = Content(self._title)  # a str would be parsed as markup
            yield Static(Content(self._text), id="message-text", markup=False)
            if self._detail:
                yield Static(Content(self._detail), id="message-detail", markup=False)
            yield Static(Content("Enter or Esc to close"), id="message-keys", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
