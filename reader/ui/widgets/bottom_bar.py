"""The base of the one-line input bars under the article (search, link number).

A bar opens with the cursor in its input, and gives focus back the moment it is done:
Textual hands each key to whatever has focus when the key arrives, so keys typed right
after "/", "f", Enter or Esc ("/word⏎n") must find focus already where they belong.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input


class BottomBar(Horizontal):
    DEFAULT_CSS = """
    BottomBar {
        height: 1;
        background: $surface;
        display: none;
        Input {
            height: 1;
            border: none;
            padding: 0;
            background: $surface;
            &:focus { background: $surface; }
        }
    }
    """

    def __init__(self, *, cursor_blink: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self._cursor_blink = cursor_blink
        self._return_to: Widget | None = None

    def on_mount(self) -> None:
        self.input.cursor_blink = self._cursor_blink

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    def reveal(self) -> bool:
        """Show the bar with the cursor in its input; False in the instant before the bar
        is mounted (it is mounted just after the first paint)."""
        if not self.is_mounted:
            return False
        self.display = True
        self.add_class("-open")
        focused = self.screen.focused
        if focused is not None and self not in focused.ancestors_with_self:
            self._return_to = focused
        self.screen.set_focus(self.input)
        return True

    def give_focus_back(self) -> None:
        """Focus what had it before the bar opened, now (not after queued keys)."""
        target = self._return_to
        self.screen.set_focus(target if target is not None and target.is_attached else None)

    def after_typed(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` once the input has taken the keys already sent to it (a fast
        "/word⏎": Enter acts at once, while "word" may still wait in the input's queue)."""
        self.input.call_later(callback)

    def hide(self) -> bool:
        """Hide the bar and empty its input; False if it is not mounted yet."""
        if not self.is_mounted:
            return False
        self.display = False
        self.remove_class("-open")
        self.clear()
        return True

    def clear(self) -> None:
        with self.input.prevent(Input.Changed):
            self.input.value = ""
