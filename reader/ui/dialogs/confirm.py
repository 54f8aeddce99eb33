"""A yes/no question (following a link that could be dangerous)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button

from reader.ui.dialogs.dialog import Dialog


class ConfirmScreen(Dialog[bool]):
    """Dismisses with True only on an explicit yes; Esc and "No" (the default) say no."""

    DEFAULT_CSS = """
    ConfirmScreen {
        #dialog-box { min-width: 44; }
        #confirm-buttons { height: auto; margin-top: 1; align-horizontal: right; }
        #confirm-buttons Button { margin-left: 2; min-width: 8; }
    }
    """

    BINDING_GROUP_TITLE = "Question"
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes", tooltip="Answer yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no", tooltip="Answer no"),
        Binding("left,h", "app.focus_previous", "Previous button", show=False),
        Binding("right,l", "app.focus_next", "Next button", show=False),
    ]

    def __init__(self, title: str, question: str, detail: str = "") -> None:
        super().__init__(title, question, detail, tone="warning")

    def compose_below(self) -> ComposeResult:
        with Horizontal(id="confirm-buttons"):
            yield Button(Content("Yes (y)"), id="confirm-yes", compact=True)
            yield Button(Content("No (n)"), id="confirm-no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
