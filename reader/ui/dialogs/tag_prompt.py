"""Asks for an article's tags, completing each from the tags the library has (the
suggestion shows greyed after the cursor; right arrow or Tab takes it)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.binding import Binding
from textual.suggester import Suggester
from textual.widgets import Input

from reader.tag_edit import complete_last
from reader.ui.dialogs.text_prompt import TextPrompt


class TagSuggester(Suggester):
    """Completes the tag being typed (after the last comma), not the whole line."""

    def __init__(self, tags: Sequence[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self._tags = sorted(tags, key=str.lower)

    async def get_suggestion(self, value: str) -> str | None:
        return complete_last(value, self._tags)


class TagPrompt(TextPrompt):
    BINDINGS = [  # TextPrompt's (Esc) are inherited
        Binding(
            "tab",
            "accept",
            "Complete",
            id="prompt.complete",
            show=False,
            priority=True,
            tooltip="Take the suggested tag",
        ),
    ]

    def __init__(
        self,
        title: str,
        current: Sequence[str],
        known: Sequence[str],
        *,
        help: str = "Tags, separated by commas (-name takes one off)",
        cursor_blink: bool = True,
    ) -> None:
        value = ", ".join(current) + (", " if current else "")
        super().__init__(
            title,
            help,
            value,
            placeholder="tag, another tag",
            select=False,
            cursor_blink=cursor_blink,
        )
        self.suggester = TagSuggester(known)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(Input).suggester = self.suggester

    def action_accept(self) -> None:
        field = self.query_one(Input)
        if field._suggestion:
            field.value = field._suggestion
            field.cursor_position = len(field.value)
