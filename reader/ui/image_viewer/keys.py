"""The figure viewer's keys (each with an id for the keymap, and a tooltip)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

VIEWER_BINDINGS: list[BindingType] = [
    Binding(
        "escape,q",
        "close",
        "Close",
        id="viewer.close",
        tooltip="Back to the article, at the figure shown last",
    ),
    Binding(
        "p,right",
        "step(1)",
        "Next figure",
        id="viewer.next-figure",
        tooltip="Show the article's next figure",
    ),
    Binding(
        "P,left",
        "step(-1)",
        "Previous figure",
        id="viewer.previous-figure",
        tooltip="Show the article's previous figure",
    ),
]
