"""The house Tree: Textual's Tree plus the vim keys readers expect."""

from __future__ import annotations

from typing import TypeVar

from textual.binding import Binding
from textual.widgets import Tree

T = TypeVar("T")


class ReaderTree(Tree[T]):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "scroll_home", "First", show=False),
        Binding("G", "scroll_end", "Last", show=False),
    ]
