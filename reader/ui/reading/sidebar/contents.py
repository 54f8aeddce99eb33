"""The Contents tab: the article's sections as a tree; selecting one jumps to it."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from reader.models import Article, Section, SectionKind
from reader.sanitize import clean_line
from reader.ui.reading.sidebar.sidebar import SidebarPane
from reader.ui.reading.sidebar.tree import ReaderTree


def section_label(section: Section) -> Text:
    # Text(...) rather than a str: Tree parses str labels as markup.
    label = Text(clean_line(section.title).strip() or "(untitled)", no_wrap=True)
    if section.kind is SectionKind.LINKS and section.summary:
        label.append(f"  {clean_line(section.summary)}", style="dim")
    return label


class ContentsPane(SidebarPane):
    """Table of contents. Follows the reading position while it does not have focus."""

    DEFAULT_CSS = """
    ContentsPane {
        padding: 0;
        #contents-tree {
            height: 1fr;
            background: $panel;
            padding: 0 1 0 0;
        }
        #contents-empty {
            color: $text-muted;
            padding: 1;
        }
    }
    """

    @dataclass
    class SectionSelected(Message):
        """The reader asked to go to ``section``."""

        section: Section

    def __init__(self) -> None:
        super().__init__("Contents", id="contents")
        self._starts: list[int] = []
        self._section_nodes: list[TreeNode[Section]] = []

    def compose(self) -> ComposeResult:
        tree: ReaderTree[Section] = ReaderTree("Contents", id="contents-tree")
        tree.show_root = False
        tree.guide_depth = 2
        yield tree

    @property
    def outline(self) -> Tree[Section]:
        return self.query_one("#contents-tree", Tree)

    def set_focus_within(self) -> None:
        tree = self.outline
        if tree.cursor_line < 0 and tree.last_line >= 0:
            tree.cursor_line = 0
        tree.focus()

    def show_article(self, article: Article | None, sections: Sequence[Section]) -> None:
        self.show_sections(sections if article is not None else ())

    def show_sections(self, sections: Iterable[Section]) -> None:
        tree = self.outline
        tree.clear()
        self._starts, self._section_nodes = [], []
        nodes: dict[str, TreeNode[Section]] = {}
        for section in sections:
            if section.kind is SectionKind.ENUMERATION:
                continue  # passages, not places in the outline
            parent = nodes.get(section.parent_id or "", tree.root)
            node = parent.add(section_label(section), data=section, expand=True)
            nodes[section.id] = node
            if section.kind is SectionKind.HEADING:
                self._starts.append(section.start)
                self._section_nodes.append(node)
        order = sorted(range(len(self._starts)), key=self._starts.__getitem__)
        self._starts = [self._starts[i] for i in order]
        self._section_nodes = [self._section_nodes[i] for i in order]
        for node in nodes.values():
            if not node.children:
                node.allow_expand = False
        if not nodes:
            tree.root.add_leaf(Text("This page has no headings.", style="dim"))

    def show_position(self, offset: int) -> None:
        """Put the tree cursor on the section being read, unless the reader is using the
        tree."""
        tree = self.outline
        if tree.has_focus or not self._starts:
            return
        index = bisect.bisect_right(self._starts, offset) - 1
        if index >= 0:
            tree.move_cursor(self._section_nodes[index])

    @on(Tree.NodeSelected, "#contents-tree")
    def _selected(self, event: Tree.NodeSelected[Section]) -> None:
        event.stop()
        if event.node.data is not None:
            self.post_message(self.SectionSelected(event.node.data))
