"""The vim keys every full-screen list takes (j/k, g/G), with binding ids of its own
so that each list's keys can be changed in the keymap."""

from __future__ import annotations

from textual.binding import Binding

_KEYS = (
    ("j", "cursor_down", "Next", "down"),
    ("k", "cursor_up", "Previous", "up"),
    ("g", "first", "First", "first"),
    ("G", "last", "Last", "last"),
)


def list_keys(prefix: str) -> list[Binding]:
    """j, k, g and G for an OptionList, with ids ``{prefix}.down`` and so on."""
    return [
        Binding(
            key, action, label, show=False, id=f"{prefix}.{name}", tooltip=f"{label} in the list"
        )
        for key, action, label, name in _KEYS
    ]
