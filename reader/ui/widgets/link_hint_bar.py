"""The link-number line for ``f``: type a link's number, Enter opens it, Esc cancels."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label


class LinkHintBar(Horizontal):
    """Opens the link as soon as the digits typed can only mean one link."""

    DEFAULT_CSS = """
    LinkHintBar {
        height: 1;
        background: $surface;
        display: none;
        #hint-prompt { width: auto; padding: 0 1; color: $link-number; text-style: bold; }
        #hint-input {
            width: 12;
            height: 1;
            border: none;
            padding: 0;
            background: $surface;
            &:focus { background: $surface; }
        }
        #hint-help { width: 1fr; color: $text-muted; padding: 0 1; text-align: right; }
    }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="hints-cancel", show=False),
    ]

    @dataclass
    class Chosen(Message):
        number: int

    class Cancelled(Message):
        pass

    def __init__(self, *, cursor_blink: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self._cursor_blink = cursor_blink
        self._count = 0

    def compose(self) -> ComposeResult:
        yield Label("Open link:", id="hint-prompt")
        yield Input(
            placeholder="number",
            id="hint-input",
            restrict=r"[0-9]*",
            max_length=6,
            compact=True,
        )
        yield Label(Content(""), id="hint-help", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = self._cursor_blink

    @property
    def input(self) -> Input:
        return self.query_one("#hint-input", Input)

    def open(self, count: int) -> bool:
        """Ask for one of ``count`` link numbers; False in the instant before mounting."""
        if not self.is_mounted:
            return False
        self._count = count
        with self.input.prevent(Input.Changed):
            self.input.value = ""
        self.query_one("#hint-help", Label).update(
            Content(f"1–{count} · Enter opens · Esc cancels")
        )
        self.display = True
        self.add_class("-open")
        # Focus now, not after the queued keys: "f12" typed fast must all land here.
        self.screen.set_focus(self.input)
        return True

    def close(self) -> None:
        if not self.is_mounted:  # mounted just after the first paint
            return
        self.display = False
        self.remove_class("-open")
        with self.input.prevent(Input.Changed):
            self.input.value = ""

    def unambiguous(self, digits: str) -> bool:
        """True when no other link number starts with ``digits`` (e.g. "3" of 1–12)."""
        if not digits or digits.startswith("0"):
            return False
        number = int(digits)
        return 1 <= number <= self._count and number * 10 > self._count

    @on(Input.Changed, "#hint-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.unambiguous(event.value):
            self.post_message(self.Chosen(int(event.value)))

    @on(Input.Submitted, "#hint-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value:
            self.post_message(self.Chosen(int(event.value)))
        else:
            self.post_message(self.Cancelled())

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())
