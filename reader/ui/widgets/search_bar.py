"""The search line at the bottom: ``/`` opens it; the match count sits on its right."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label

from reader.ui.widgets.bottom_bar import BottomBar


class SearchBar(BottomBar):
    """Posts Changed while typing, Submitted on Enter, Cancelled on Esc.

    Stays on screen after Enter (showing the query and "3/17") while matches are
    highlighted, so ``n``/``N`` have something to report against."""

    DEFAULT_CSS = """
    SearchBar {
        #search-prompt { width: 3; padding: 0 1; color: $accent; text-style: bold; }
        #search-input { width: 1fr; }
        #search-count { width: auto; min-width: 12; padding: 0 1; color: $text-muted;
                        text-align: right; }
        &.-no-match #search-count { color: $error; }
    }
    """

    # Priority, so they act before the keys typed after them are handed out.
    BINDINGS = [
        Binding(
            "enter",
            "submit",
            "Search",
            id="search.submit",
            show=False,
            priority=True,
            tooltip="Keep the search and go back to the article (n and N step through it)",
        ),
        Binding(
            "escape",
            "cancel",
            "Close search",
            id="search.cancel",
            show=False,
            priority=True,
            tooltip="Drop the search and go back to the article",
        ),
    ]

    submitting = False
    """Enter was pressed and its Submitted is not handled yet (keys typed before it may
    still be on their way to the input); whoever handles it sets this back."""

    @dataclass
    class Changed(Message):
        query: str

    @dataclass
    class Submitted(Message):
        query: str

    class Cancelled(Message):
        pass

    def compose(self) -> ComposeResult:
        yield Label("/", id="search-prompt")
        yield Input(
            placeholder="search (smart case)",
            id="search-input",
            select_on_focus=False,
            compact=True,
        )
        yield Label(Content(""), id="search-count", markup=False)

    @property
    def query_text(self) -> str:
        return self.input.value

    def open(self) -> bool:
        """Show the bar with the cursor at the end of the last query."""
        if not self.reveal():
            return False
        self.input.action_end()
        return True

    def close(self) -> None:
        if self.hide():
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

    def action_submit(self) -> None:
        self.submitting = True
        self.give_focus_back()
        self.after_typed(self._submit)

    def _submit(self) -> None:
        self.post_message(self.Submitted(self.input.value))

    def action_cancel(self) -> None:
        self.give_focus_back()
        self.after_typed(lambda: self.post_message(self.Cancelled()))
