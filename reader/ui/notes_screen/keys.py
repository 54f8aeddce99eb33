"""The all-notes screen's keys (each with an id for the keymap, and a tooltip)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

NOTES_BINDINGS: list[BindingType] = [
    Binding(
        "slash",
        "search",
        "Search",
        id="all-notes.search",
        priority=True,
        tooltip="Search the quotes and notes of every highlight",
    ),
    Binding(
        "a",
        "by_article",
        "This article",
        id="all-notes.article",
        tooltip="Only the notes of the article under the cursor (again: every article)",
    ),
    Binding(
        "number_sign",
        "by_tag",
        "By tag",
        id="all-notes.tag",
        tooltip="Only the notes of articles with a tag (empty: every article)",
    ),
    Binding(
        "escape",
        "close",
        "Back",
        id="all-notes.close",
        tooltip="Leave the search, the filter, then the notes",
    ),
]
