"""The link-number line for ``f``: type a link's number, Enter opens it, Esc cancels."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label

from reader.ui.widgets.bottom_bar import BottomBar


class LinkHintBar(BottomBar):
    """Opens the link as soon as the digits typed can only mean one link."""

    DEFAULT_CSS = """
    LinkHintBar {
        #hint-prompt { width: auto; padding: 0 1; color: $link-number; text-style: bold; }
        #hint-input { width: 12; }
        #hint-help { width: 1fr; color: $text-muted; padding: 0 1; text-align: right; }
    }
    """

    # Priority, so they act before the keys typed after them are handed out.
    BINDINGS = [
        Binding(
            "enter",
            "submit",
            "Open link",
            id="hints.submit",
            show=False,
            priority=True,
            tooltip="Open the link with the number typed",
        ),
        Binding(
            "escape",
            "cancel",
            "Cancel",
            id="hints.cancel",
            show=False,
            priority=True,
            tooltip="Hide the link numbers",
        ),
    ]

    @dataclass
    class Chosen(Message):
        number: int

    class Cancelled(Message):
        pass

    def __init__(self, *, cursor_blink: bool = True, id: str | None = None) -> None:
        super().__init__(cursor_blink=cursor_blink, id=id)
        self._count = 0
        self.in_browser = False
        """The link chosen goes to the system's browser (``F``), not the reader (``f``)."""

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

    def open(self, count: int, *, in_browser: bool = False) -> bool:
        """Ask for one of ``count`` link numbers; False in the instant before mounting."""
        if not self.is_mounted:
            return False
        self._count = count
        self.in_browser = in_browser
        self.clear()
        prompt = "Open in browser:" if in_browser else "Open link:"
        self.query_one("#hint-prompt", Label).update(Content(prompt))
        self.query_one("#hint-help", Label).update(
            Content(f"1–{count} · Enter opens · Esc cancels")
        )
        return self.reveal()

    def close(self) -> None:
        self.hide()

    def ask_again(self) -> None:
        """The number chosen was refused: take the keys again."""
        self.clear()
        self.screen.set_focus(self.input)

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
            self.give_focus_back()
            self.post_message(self.Chosen(int(event.value)))

    def action_submit(self) -> None:
        self.give_focus_back()
        self.after_typed(self._submit_typed)

    def _submit_typed(self) -> None:
        digits = self.input.value
        if not self.has_class("-open"):
            return  # the digits already opened a link
        if digits:
            self.post_message(self.Chosen(int(digits)))
        else:
            self.post_message(self.Cancelled())

    def action_cancel(self) -> None:
        self.give_focus_back()
        self.after_typed(lambda: self.post_message(self.Cancelled()))
