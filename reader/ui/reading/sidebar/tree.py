"""The house Tree: Textual's Tree plus the vim keys readers expect, and labels that fit
the sidebar (cut with "…") rather than a horizontal scrollbar."""

from __future__ import annotations

from typing import TypeVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widgets import Tree
from textual.widgets._tree import TreeNode

T = TypeVar("T")


class ReaderTree(Tree[T]):
    DEFAULT_CSS = """
    ReaderTree { overflow-x: hidden; }
    """
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "scroll_home", "First", show=False),
        Binding("G", "scroll_end", "Last", show=False),
    ]

    def _room(self, node: TreeNode[T]) -> int:
        """Cells left for ``node``'s label beside its guides."""
        depth = 0
        parent = node.parent
        while parent is not None:
            depth += 1
            parent = parent.parent
        levels = depth if self.show_root else depth - 1
        return self.scrollable_content_region.width - max(0, levels) * self.guide_depth

    def get_label_width(self, node: TreeNode[T]) -> int:
        room = self._room(node)
        width = super().get_label_width(node)
        return min(width, room) if room > 0 else width

    def render_label(self, node: TreeNode[T], base_style: Style, style: Style) -> Text:
        label = super().render_label(node, base_style, style)
        room = self._room(node)
        if 0 < room < label.cell_len:
            label = label.copy()
            label.truncate(room, overflow="ellipsis")
        return label
