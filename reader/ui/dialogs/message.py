"""A modal that states one thing that went wrong (or needs saying) and waits for a key."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from reader.ui.dialogs.dialog import Dialog


class MessageScreen(Dialog[None]):
    DEFAULT_CSS = """
    MessageScreen {
        #message-keys { width: 100%; color: $text-muted; margin-top: 1; text-align: right; }
    }
    """

    BINDING_GROUP_TITLE = "Message"
    BINDINGS = [
        Binding(
            "escape,enter,q,space",
            "close",
            "Close",
            id="message.close",
            tooltip="Close the message",
        ),
    ]

    def __init__(self, title: str, text: str, detail: str = "", *, error: bool = True) -> None:
        super().__init__(title, text, detail, tone="error" if error else "info")

    def compose_below(self) -> ComposeResult:
        yield Static(Content("Enter or Esc to close"), id="message-keys", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
