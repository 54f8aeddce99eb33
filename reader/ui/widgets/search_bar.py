"""The search line at the bottom: ``/`` opens it; the match count sits on its right."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label


class SearchBar(Horizontal):
    """Posts Changed while typing, Submitted on Enter, Cancelled on Esc.

    Stays on screen after Enter (showing the query and "3/17") while matches are
    highlighted, so ``n``/``N`` have something to report against."""

    DEFAULT_CSS = """
    SearchBar {
        height: 1;
        background: $surface;
        display: none;
        #search-prompt { width: 3; padding: 0 1; color: $accent; text-style: bold; }
        #search-input {
            width: 1fr;
            height: 1;
            border: none;
            padding: 0;
            background: $surface;
            &:focus { background: $surface; }
        }
        #search-count { width: auto; min-width: 12; padding: 0 1; color: $text-muted;
                        text-align: right; }
        &.-no-match #search-count { color: $error; }
    }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Close search", id="search-cancel", show=False),
    ]

    @dataclass
    class Changed(Message):
        query: str

    @dataclass
    class Submitted(Message):
        query: str

    class Cancelled(Message):
        pass

    def __init__(self, *, cursor_blink: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self._cursor_blink = cursor_blink

    def compose(self) -> ComposeResult:
        yield Label("/", id="search-prompt")
        yield Input(
            placeholder="search (smart case)",
            id="search-input",
            select_on_focus=False,
            compact=True,
        )
        yield Label(Content(""), id="search-count", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = self._cursor_blink

    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    @property
    def query_text(self) -> str:
        return self.input.value

    def open(self) -> bool:
        """Show the bar with the cursor in it; False in the instant before it is mounted."""
        if not self.is_mounted:
            return False
        self.display = True
        self.add_class("-open")
        # Focus now, not after the queued keys: "/" and "word" typed fast must all land
        # in the input.
        self.screen.set_focus(self.input)
        self.input.action_end()
        return True

    def close(self) -> None:
        if not self.is_mounted:  # mounted just after the first paint
            return
        self.display = False
        self.remove_class("-open")
        with self.input.prevent(Input.Changed):
            self.input.value = ""
        self.set_count(0, 0)

    def set_count(self, current: int, total: int) -> None:
        """``current`` is 1-based (0 before stepping onto a match)."""
        if not self.is_mounted:
            return
        query = self.input.value
        if not query:
            text = ""
        elif total == 0:
            text = "no match"
        elif current:
            text = f"{current}/{total}"
        else:
            text = f"{total} match{'es' if total != 1 else ''}"
        self.set_class(bool(query) and total == 0, "-no-match")
        self.query_one("#search-count", Label).update(Content(text))

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value))

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())
