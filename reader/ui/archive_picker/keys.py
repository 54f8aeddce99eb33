"""The archive picker's keys (each with an id for the keymap, and a tooltip)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

PICKER_BINDINGS: list[BindingType] = [
    Binding(
        "slash",
        "filter",
        "Filter",
        id="archive.filter",
        priority=True,
        tooltip="Filter the pages by title or URL",
    ),
    Binding(
        "escape",
        "close",
        "Close",
        id="archive.close",
        tooltip="Clear the filter; else leave the archive (quit when it was opened first)",
    ),
]
