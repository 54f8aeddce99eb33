"""What the Bookmarks and Notes tabs share: a list of the reader's own notes whose
keys ask the reading screen to act on the chosen one.

The pane holds no state of its own beyond its rows; the screen tells it how to make
them (``set_rows``) whenever they change, even before the pane is mounted. They are
made when the pane is on screen, so a long list hidden in another tab is not rebuilt
on every highlight.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import ClassVar, Protocol, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.ui.reading.sidebar.sidebar import SidebarPane

Row = tuple[int | None, Content]
"""A row: the key of the item it shows (None: a heading or a note that is not an
item), and what it shows."""


class NoteList(OptionList):
    """The house OptionList: vim keys too."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]


class AnnotationPane(SidebarPane):
    """Base of the Bookmarks and Notes tabs."""

    DEFAULT_CSS = """
    AnnotationPane {
        padding: 0;
        NoteList {
            height: 1fr;
            background: $panel;
            border: none;
            padding: 0 1 0 0;
            &:focus { border: none; }
        }
    }
    """

    REQUESTS: ClassVar[dict[str, type[Message]]] = {}
    """What each of the pane's key actions asks the screen for: a message class that
    takes the chosen item (or none, for "undo")."""

    def __init__(self, title: str, id: str) -> None:
        super().__init__(title, id=id)
        self._items: dict[int, object] = {}
        """The items shown, by key: what a request is about."""
        self._rows: list[Row] = []
        self._make: Callable[[], list[Row]] | None = None
        """How to make the rows, until they are made."""

    def compose(self) -> ComposeResult:
        yield NoteList(id=f"{self.id}-list")

    @property
    def option_list(self) -> NoteList:
        return self.query_one(NoteList)

    def on_mount(self) -> None:
        super().on_mount()
        # Filled at once, shown or not: an option list first filled only once its tab
        # is shown left the article view without the Resize of the sidebar opening.
        if self._make is not None:
            self._rows, self._make = self._make(), None
        self._fill()

    def on_show(self) -> None:
        self._fill_if_shown()

    def set_items(self, items: Sequence[Item], make: Callable[[], list[Row]]) -> None:
        """Show ``items``, as the rows ``make`` makes of them."""
        self._items = {item.key: item for item in items}
        self.set_rows(make)

    def set_rows(self, make: Callable[[], list[Row]]) -> None:
        self._make = make
        self._fill_if_shown()

    def _fill_if_shown(self) -> None:
        if self._make is None or not self.is_mounted or not self.region.area:
            return
        self._rows, self._make = self._make(), None
        self._fill()

    def _fill(self) -> None:
        options = self.option_list
        keep = self.highlighted_key()
        index = options.highlighted
        options.clear_options()
        shown: list[Option | None] = []
        for number, (key, content) in enumerate(self._rows):
            if number:
                shown.append(None)  # a rule between rows of several lines
            if key is None:
                shown.append(Option(content, disabled=True))
            else:
                shown.append(Option(content, id=str(key)))
        options.add_options(shown)
        if not options.option_count:
            return
        keys = [str(key) for key, _ in self._rows]
        if keep is not None and str(keep) in keys:
            options.highlighted = keys.index(str(keep))
        elif any(key is not None for key, _ in self._rows):
            # The row that took the removed one's place, else the first item.
            start = min(index or 0, len(keys) - 1)
            choice = next((i for i in range(start, len(keys)) if keys[i] != "None"), None)
            if choice is None:
                choice = next(i for i in range(len(keys)) if keys[i] != "None")
            options.highlighted = choice

    def highlighted_key(self) -> int | None:
        if not self.is_mounted:
            return None
        options = self.option_list
        if options.highlighted is None or options.option_count == 0:
            return None
        option = options.get_option_at_index(options.highlighted)
        return int(option.id) if option.id is not None and not option.disabled else None

    def highlight_key(self, key: int) -> None:
        """Put the list's cursor on item ``key``."""
        if self.is_mounted:
            keys = [k for k, _ in self._rows]
            if key in keys:
                self.option_list.highlighted = keys.index(key)

    def set_focus_within(self) -> None:
        self.option_list.focus()

    def request(self, action: str) -> None:
        """Ask the screen for ``action`` on the item under the list's cursor."""
        request = self.REQUESTS[action]
        if not dataclasses.fields(request):  # type: ignore[arg-type]
            self.post_message(request())
            return
        key = self.highlighted_key()
        item = self._items.get(key) if key is not None else None
        if item is None:
            self.app.bell()
            return
        self.post_message(request(item))  # type: ignore[call-arg]

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.request("jump")

    def action_request(self, action: str) -> None:
        self.request(action)


def muted(text: str) -> tuple[str, str]:
    return (text, "$text-muted")


class Item(Protocol):
    @property
    def key(self) -> int: ...
    @property
    def orphaned(self) -> bool: ...


ItemT = TypeVar("ItemT", bound=Item)


def item_rows(items: Sequence[ItemT], render: Callable[[ItemT], Content], empty: str) -> list[Row]:
    """One row per item in the order given (orphans last), the orphans under a
    heading; ``empty`` when there are none."""
    if not items:
        return [(None, Content.assemble(muted(empty)))]
    rows: list[Row] = []
    first_orphan = next((item for item in items if item.orphaned), None)
    for item in items:
        if item is first_orphan:
            rows.append((None, Content.assemble(("Could not be placed", "bold $text-muted"))))
        rows.append((item.key, render(item)))
    return rows
