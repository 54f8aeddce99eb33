"""The sidebar: tabs of panes beside the article (Contents now; more panes plug in).

Every pane subclasses :class:`SidebarPane`. Panes state intents with messages; the
reading screen owns the article and acts on them.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from typing import TypeVar

from textual import events
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.message import Message
from textual.widgets import TabbedContent, TabPane

from reader.models import Article, Section
from reader.ui.reading.sidebar.sizing import MIN_WIDTH, tab_labels

PaneT = TypeVar("PaneT", bound="SidebarPane")


class SidebarPane(TabPane):
    """A pane of the sidebar: one tab, one job, told about the article being read."""

    def activate(self) -> SidebarPane:
        """Make this pane the visible tab."""
        tabbed = self.query_ancestor(TabbedContent)
        if self.id:
            tabbed.active = self.id
        return self

    def set_focus_within(self) -> None:
        """Focus the pane's main widget (subclasses name it)."""
        self.focus_first()

    def focus_first(self) -> None:
        for widget in self.query("*"):
            if widget.focusable:
                widget.focus()
                return

    def on_mount(self) -> None:
        sidebar = next((node for node in self.ancestors if isinstance(node, Sidebar)), None)
        if sidebar is not None and sidebar.article is not None:
            self.show_article(sidebar.article, sidebar.sections)

    def show_article(self, article: Article | None, sections: Sequence[Section]) -> None:
        """A new article is being read (None: nothing is shown). ``sections`` are the
        collapsible sections as the view shows them (derived from the headings when the
        article carries none)."""

    def show_position(self, offset: int) -> None:
        """The reader scrolled: ``offset`` is the text offset at the top of the view."""


TAB_LABELS: dict[str, tuple[str, str, str]] = {
    "contents": ("Contents", "TOC", "C"),
    "entities": ("Entities", "Names", "N"),
    "dates": ("Dates", "Dates", "D"),
    "bookmarks": ("Bookmarks", "Marks", "B"),
    "notes": ("Notes", "Notes", "H"),
}
"""Each tab's label, long to short: the longest that fits is shown, never a cut one."""


class Sidebar(Vertical, can_focus=False, can_focus_children=True):
    """Holds the panes in a TabbedContent; hidden and shown by the reading screen.
    Its right edge can be dragged with the mouse to resize it."""

    BINDING_GROUP_TITLE = "Sidebar"

    @dataclass
    class Resized(Message):
        """The reader dragged the sidebar's edge to make it ``width`` cells wide."""

        width: int

    def __init__(self, *panes: SidebarPane, id: str | None = None) -> None:
        super().__init__(id=id)
        self._initial_panes = panes[:1]
        self._later_panes = list(panes[1:])
        """Mounted one per frame after the first: each pane's widgets cost 10–40 ms to
        mount and style, too long a stall all at once while an article lays out.
        Panes keep what they are told until they mount (``SidebarPane.on_mount``)."""
        self.article: Article | None = None
        """The article being read, for panes mounted later."""
        self.sections: Sequence[Section] = ()
        self._dragging = False

    def compose(self) -> ComposeResult:
        with TabbedContent(id="sidebar-tabs"):
            yield from self._initial_panes

    def on_mount(self) -> None:
        if self._later_panes:
            self.call_after_refresh(self._mount_later_pane)

    async def _mount_later_pane(self) -> None:
        if not self._later_panes or not self.is_attached:
            return
        await self.add_pane(self._later_panes.pop(0))
        self._label_tabs()
        if self._later_panes:
            self.call_after_refresh(self._mount_later_pane)

    # --- size ---------------------------------------------------------------------------

    def on_resize(self) -> None:
        self._label_tabs()

    def _label_tabs(self) -> None:
        """The longest labels that fit the sidebar's width side by side."""
        if not self.is_mounted:
            return
        tabbed = self.query_one(TabbedContent)
        panes = [pane for pane in self.panes if pane.id]
        forms = [TAB_LABELS.get(pane.id or "", _forms(str(pane._title))) for pane in panes]
        for pane, label in zip(panes, tab_labels(self.size.width, forms), strict=True):
            with suppress(NoMatches):
                tab = tabbed.get_tab(pane)
                if tab.label_text != label:
                    tab.label = label

    def on_mouse_down(self, event: events.MouseDown) -> None:
        # The right edge (its border column) is the handle.
        if event.x >= self.size.width - 1:
            self._dragging = True
            self.capture_mouse()
            event.stop()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._dragging:
            self.styles.width = max(MIN_WIDTH, event.screen_x + 1)
            event.stop()

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging:
            self._dragging = False
            self.release_mouse()
            self.post_message(self.Resized(max(MIN_WIDTH, event.screen_x + 1)))
            event.stop()

    @property
    def panes(self) -> list[SidebarPane]:
        return list(self.query(SidebarPane))

    def add_pane(self, pane: SidebarPane) -> AwaitComplete:
        """Add a pane (a later feature's tab); it is shown the current article when it
        mounts."""
        return self.query_one(TabbedContent).add_pane(pane)

    def pane(self, pane_type: type[PaneT]) -> PaneT:
        return self.query_one(pane_type)

    def show_article(self, article: Article | None, sections: Sequence[Section] = ()) -> None:
        """Remembered, so panes mounted later (or the whole sidebar, which is mounted
        after the first paint) start from it."""
        self.article, self.sections = article, tuple(sections)
        for pane in self.panes:
            pane.show_article(article, self.sections)

    def show_position(self, offset: int) -> None:
        """Tell the visible pane where the reader is (hidden panes catch up when shown)."""
        if not self.is_mounted:
            return
        active = self.query_one(TabbedContent).active
        for pane in self.panes:
            if pane.id == active:
                pane.show_position(offset)

    def focus_active(self) -> None:
        active = self.query_one(TabbedContent).active
        for pane in self.panes:
            if pane.id == active:
                pane.set_focus_within()


def _forms(title: str) -> tuple[str, str, str]:
    return (title, title[:5], title[:1])
