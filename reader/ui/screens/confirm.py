"""A yes/no question (following a link that could be dangerous)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from reader.sanitize import clean_line


class ConfirmScreen(ModalScreen[bool]):
    """Dismisses with True only on an explicit yes; Esc and "No" (the default) say no."""

    DEFAULT_CSS = """
    ConfirmScreen {
        align: center middle;
        background: $background 60%;
        #confirm-box {
            width: auto;
            min-width: 44;
            max-width: 90%;
            height: auto;
            padding: 1 2;
            background: $panel;
            border: round $warning;
            border-title-color: $warning;
            border-title-style: bold;
        }
        #confirm-question { width: auto; max-width: 100%; }
        #confirm-detail { width: auto; max-width: 100%; color: $text-muted; margin-top: 1; }
        #confirm-buttons { height: auto; margin-top: 1; align-horizontal: right; }
        #confirm-buttons Button { margin-left: 2; min-width: 8; }
    }
    """

    BINDING_GROUP_TITLE = "Question"
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm-yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm-no"),
        Binding("left,h", "app.focus_previous", "Previous button", show=False),
        Binding("right,l", "app.focus_next", "Next button", show=False),
    ]

    def __init__(self, title: str, question: str, detail: str = "") -> None:
        super().__init__()
        self._title = clean_line(title)
        self._question = clean_line(question)
        self._detail = clean_line(detail)

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box") as box:
            box.border_title = Content(self._title)  # a str would be parsed as markup
            yield Static(Content(self._question), id="confirm-question", markup=False)
            if self._detail:
                yield Static(Content(self._detail), id="confirm-detail", markup=False)
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
