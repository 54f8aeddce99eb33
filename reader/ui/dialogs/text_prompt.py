"""Asks for one line of text (a bookmark's name, a file to export to).

Enter gives the text (after ``check``, whose ReaderError is shown under the input
without closing); Esc gives None.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, Static

from reader.errors import ReaderError
from reader.sanitize import clean_line
from reader.ui.dialogs.dialog import Dialog

Check = Callable[[str], str]
"""Turns what was typed into the answer, or raises ReaderError saying why not."""


class TextPrompt(Dialog[str | None]):
    DEFAULT_CSS = """
    TextPrompt {
        #dialog-box { width: 80%; max-width: 100; }
        #dialog-text { color: $text-muted; margin-bottom: 1; }
        #prompt-input { width: 100%; }
        #prompt-error { color: $error; height: auto; margin-top: 1; display: none; }
        #prompt-error.-shown { display: block; }
        #prompt-keys { color: $text-muted; margin-top: 1; text-align: right; width: 100%; }
    }
    """

    BINDING_GROUP_TITLE = "Question"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="prompt.cancel", tooltip="Close without saving")
    ]

    def __init__(
        self,
        title: str,
        help: str,
        value: str = "",
        *,
        placeholder: str = "",
        check: Check | None = None,
        select: bool = True,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__(title, help, tone="info")
        self._value = clean_line(value)
        self._placeholder = clean_line(placeholder)
        self._check = check
        self._select = select
        self._cursor_blink = cursor_blink

    def compose_below(self) -> ComposeResult:
        yield Input(
            self._value,
            placeholder=self._placeholder,
            id="prompt-input",
            select_on_focus=self._select,
        )
        yield Static(Content(""), id="prompt-error")
        yield Static(Content("Enter to confirm · Esc to cancel"), id="prompt-keys")

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.cursor_blink = self._cursor_blink
        field.focus()
        if not self._select:
            field.cursor_position = len(field.value)

    def show_error(self, message: str) -> None:
        error = self.query_one("#prompt-error", Static)
        error.update(Content(clean_line(message)))
        error.set_class(bool(message), "-shown")

    @on(Input.Submitted, "#prompt-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        answer = event.value
        if self._check is not None:
            try:
                answer = self._check(answer)
            except ReaderError as error:
                self.show_error(str(error))
                return
        self.dismiss(answer)

    @on(Input.Changed, "#prompt-input")
    def _changed(self) -> None:
        self.show_error("")

    def action_cancel(self) -> None:
        self.dismiss(None)
