"""The Entities tab: the people, organisations, places… the article names, grouped,
most mentioned first, with a filter box. Selecting one asks for its mentions to be
highlighted."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static, Tree

from reader.analysis.entity_list import GROUP_TITLES, grouped
from reader.models import Analysis, Entity, EntityGroup
from reader.sanitize import clean_line
from reader.ui.reading.sidebar.analysis_pane import AnalysisPane
from reader.ui.reading.sidebar.analysis_status import AnalysisStatus
from reader.ui.reading.sidebar.tree import ReaderTree

EntityNode = Entity | EntityGroup | None


class FilterInput(Input):
    """The filter box: Esc empties it (when empty, Esc goes on to the screen)."""

    BINDINGS = [
        Binding(
            "escape",
            "clear",
            "Clear filter",
            id="entities.filter-clear",
            show=False,
            tooltip="Empty the filter box (when empty, Esc leaves the sidebar)",
        ),
        Binding(
            "down",
            "to_list",
            "To the list",
            id="entities.filter-down",
            show=False,
            tooltip="Move to the first name listed (so does Enter)",
        ),
    ]

    class ToList(Message):
        """The reader wants to move from the box into the list."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear":
            return bool(self.value)
        return super().check_action(action, parameters)

    def action_clear(self) -> None:
        self.value = ""

    def action_to_list(self) -> None:
        self.post_message(self.ToList())


class EntitiesPane(AnalysisPane):
    DEFAULT_CSS = """
    EntitiesPane {
        padding: 0;
        #entities-filter {
            margin: 0 1;
            height: 1;
            border: none;
            padding: 0 1;
            background: $surface;
            &:focus { background: $surface-lighten-1; }
        }
        #entities-tree {
            height: 1fr;
            background: $panel;
            padding: 0 1 0 0;
        }
        &.-unavailable #entities-filter, &.-unavailable #entities-tree { display: none; }
    }
    """

    @dataclass
    class EntitySelected(Message):
        """The reader chose ``entity``: highlight its mentions and go to the first."""

        entity: Entity

    RUNNING = "Finding names…"
    FAILED = "Names could not be found"

    def __init__(self, *, cursor_blink: bool = True) -> None:
        super().__init__("Entities", id="entities")
        self._cursor_blink = cursor_blink
        self._chosen = ""

    def compose(self) -> ComposeResult:
        yield AnalysisStatus(id="entities-status")
        yield FilterInput(
            placeholder="filter names", id="entities-filter", compact=True, select_on_focus=False
        )
        yield Static(id="entities-chosen", classes="pane-note", markup=False)
        tree: ReaderTree[EntityNode] = ReaderTree("Entities", id="entities-tree")
        tree.show_root = False
        tree.guide_depth = 2
        yield tree

    def on_mount(self) -> None:
        self.filter_box.cursor_blink = self._cursor_blink

    @property
    def tree(self) -> Tree[EntityNode]:
        return self.query_one("#entities-tree", Tree)

    @property
    def filter_box(self) -> FilterInput:
        return self.query_one(FilterInput)

    def show_chosen(self, description: str) -> None:
        """What is highlighted ("Antony Blinken  3/11"), or "" for nothing."""
        self._chosen = description
        if self.is_mounted:
            chosen = self.query_one("#entities-chosen", Static)
            chosen.update(Content(clean_line(description)))
            chosen.set_class(bool(description), "-shown")

    def set_focus_within(self) -> None:
        if self.analysis is not None and self.analysis.model is not None:
            tree = self.tree
            if tree.cursor_line < 0 and tree.last_line >= 0:
                tree.cursor_line = 0
            tree.focus()

    # --- rendering -------------------------------------------------------------------

    def new_article(self) -> None:
        self._chosen = ""
        if self.is_mounted:
            with self.filter_box.prevent(Input.Changed):
                self.filter_box.value = ""

    def notice(self, analysis: Analysis) -> str:
        if analysis.model is not None:
            return ""
        return f"No names: {analysis.notice}" if analysis.notice else "No names were looked for."

    def fill(self, analysis: Analysis | None) -> None:
        self.set_class(analysis is None or analysis.model is None, "-unavailable")
        self.show_chosen(self._chosen)
        self._fill(self.filter_box.value)

    def _fill(self, query: str) -> None:
        tree = self.tree
        tree.clear()
        analysis = self.analysis
        if analysis is None or analysis.model is None:
            return
        groups = grouped(analysis.entities, query)
        for group, entities in groups:
            label = Text(GROUP_TITLES[group], style="bold")
            label.append(f" {len(entities)}", style="dim")
            node = tree.root.add(label, data=group, expand=True)
            for entity in entities:
                leaf = Text(clean_line(entity.name), no_wrap=True, overflow="ellipsis")
                leaf.append(f"  {entity.count}", style="dim")
                node.add_leaf(leaf, data=entity)
        if not groups:
            empty = (
                f"No name contains {clean_line(query)!r}."
                if query.strip()
                else "No names found in this article."
            )
            tree.root.add_leaf(Text(empty, style="dim"))

    # --- the reader's actions --------------------------------------------------------

    @on(Input.Changed, "#entities-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill(event.value)

    @on(Input.Submitted, "#entities-filter")
    @on(FilterInput.ToList)
    def _to_list(self, event: Message) -> None:
        event.stop()
        tree = self.tree
        first = next((line for line in range(tree.last_line + 1) if _is_entity(tree, line)), -1)
        if first >= 0:
            tree.cursor_line = first
            tree.focus()

    @on(Tree.NodeSelected, "#entities-tree")
    def _selected(self, event: Tree.NodeSelected[EntityNode]) -> None:
        event.stop()
        if isinstance(event.node.data, Entity):
            self.post_message(self.EntitySelected(event.node.data))


def _is_entity(tree: Tree[EntityNode], line: int) -> bool:
    node = tree.get_node_at_line(line)
    return node is not None and isinstance(node.data, Entity)
