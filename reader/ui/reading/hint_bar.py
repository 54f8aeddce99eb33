"""The link-number line for ``f``: type a link's number, Enter opens it, Esc cancels."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label

from reader.ui.reading.keys import HINT_BAR_KEYS
from reader.ui.widgets.bottom_bar import BottomBar

COPY_LETTER = "y"
"""Typed in the number line: copy the link's address instead of opening it. A letter
reaches the input before any binding (Textual leaves printable keys to an input), so
the line reads it as typed; ``ctrl+c`` is a binding (``hints.copy``)."""


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
        *HINT_BAR_KEYS,
    ]

    @dataclass
    class Chosen(Message):
        number: int
        copy: bool = False
        """Copy the link's address instead of opening it."""

    class Cancelled(Message):
        pass

    def __init__(self, *, cursor_blink: bool = True, id: str | None = None) -> None:
        super().__init__(cursor_blink=cursor_blink, id=id)
        self._count = 0
        self.copying = False
        """The number typed copies its link's address (``y``) rather than opening it."""
        self.in_browser = False
        """The link chosen goes to the system's browser (``F``), not the reader (``f``)."""

    def compose(self) -> ComposeResult:
        yield Label("Open link:", id="hint-prompt")
        yield Input(
            placeholder="number",
            id="hint-input",
            restrict=rf"[0-9{COPY_LETTER}]*",
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
        self._set_copying(False)
        return self.reveal()

    def _set_copying(self, copying: bool) -> None:
        self.copying = copying
        opening = "Open in browser:" if self.in_browser else "Open link:"
        prompt, verb = ("Copy address:", "copies") if copying else (opening, "opens")
        self.query_one("#hint-prompt", Label).update(Content(prompt))
        help_text = f"1–{self._count} · Enter {verb} · Esc cancels"
        if not copying:
            help_text = f"1–{self._count} · Enter opens · y copies · Esc cancels"
        self.query_one("#hint-help", Label).update(Content(help_text))

    def action_copy(self) -> None:
        """``y``/``ctrl+c``: copy the address of the link whose number is typed
        ("f12y"), or of the one typed next ("fy12")."""
        self._set_copying(True)
        self.after_typed(self._copy_typed)

    def _copy_typed(self) -> None:
        digits = self.input.value
        if self.has_class("-open") and digits and not digits.startswith("0"):
            self.give_focus_back()
            self.post_message(self.Chosen(int(digits), copy=True))

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
        if COPY_LETTER in event.value:
            digits = event.value.replace(COPY_LETTER, "")
            with self.input.prevent(Input.Changed):
                self.input.value = digits
            self.action_copy()
            return
        if self.unambiguous(event.value):
            self.give_focus_back()
            self.post_message(self.Chosen(int(event.value), copy=self.copying))

    def action_submit(self) -> None:
        self.give_focus_back()
        self.after_typed(self._submit_typed)

    def _submit_typed(self) -> None:
        digits = self.input.value
        if not self.has_class("-open"):
            return  # the digits already opened a link
        if digits:
            self.post_message(self.Chosen(int(digits), copy=self.copying))
        else:
            self.post_message(self.Cancelled())

    def action_cancel(self) -> None:
        self.give_focus_back()
        self.after_typed(lambda: self.post_message(self.Cancelled()))
