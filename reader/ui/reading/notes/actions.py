"""The actions of the passage cursor, marks, bookmarks, highlights and notes, mixed
into the reading screen and handed to its
:class:`~reader.ui.reading.notes.controller.Annotations`.

Their keys are in the reading screen's table (``reader.ui.reading.keys``: the
``passage``, ``notes`` and ``bookmarks`` groups); ``m``/``'``/``''`` are key
sequences of the article view (``reader.ui.article_view.keys``).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from textual import events
from textual.binding import ActiveBinding
from textual.widgets import Input

from reader.ui.reading.keys import PASSAGE_ACTIONS, TAB_ACTIONS
from reader.ui.reading.sidebar.bookmarks import BookmarksPane
from reader.ui.reading.sidebar.notes import NotesPane
from reader.ui.reading.sidebar.sidebar import SidebarPane
from reader.ui.store_queue import StoreReply

if TYPE_CHECKING:
    from reader.ui.article_view.view import ArticleView
    from reader.ui.reading.notes.controller import Annotations
    from reader.ui.reading.sidebar.sidebar import Sidebar

# Where TextArea lives: asked of sys.modules, since importing it loads tree-sitter and
# no TextArea can exist before its module is loaded (the note editor loads it).
_TEXT_AREA_MODULE = "textual.widgets._text_area"


def is_text_field(widget: object) -> bool:
    """Whether ``widget`` takes typed text (an Input or a TextArea)."""
    if isinstance(widget, Input):
        return True
    # A module another thread is still importing has no TextArea yet, and then no
    # TextArea can exist either.
    text_area = getattr(sys.modules.get(_TEXT_AREA_MODULE), "TextArea", None)
    return text_area is not None and isinstance(widget, text_area)


JUMP_ACTIONS = frozenset({"top", "bottom", "next_match", "previous_match"})
"""Actions of the article and the screen that jump (as vim's jump list counts them)."""

TAB_WAIT_FRAMES = 20
"""How many frames M and A wait for their tab to be mounted (the sidebar comes after
the first paint, its panes one per frame)."""


class AnnotationActions:
    """Mixed into the reading screen (which sets ``annotations`` and owns ``view``,
    ``sidebar`` and ``sidebar_open``)."""

    annotations: Annotations
    view: ArticleView
    sidebar: Sidebar
    sidebar_open: bool
    active_bindings: dict[str, ActiveBinding]

    def check_annotation_action(self, action: str) -> bool:
        """Whether an action of this module may run now: the passage's keys while
        the article has the keys, the others anywhere but in a text field."""
        annotations = self.annotations
        if annotations.article is None:
            return action in TAB_ACTIONS
        focused = self.focused_widget()
        if action in PASSAGE_ACTIONS:
            return focused is self.view or focused is None
        return not is_text_field(focused)

    def focused_widget(self) -> object:
        return getattr(self, "focused", None)

    # --- the passage cursor -------------------------------------------------------------

    def action_next_sentence(self) -> None:
        self.annotations.cursor.move_sentence(forward=True)

    def action_previous_sentence(self) -> None:
        self.annotations.cursor.move_sentence(forward=False)

    def action_select(self) -> None:
        self.annotations.cursor.toggle_selection()

    # --- marks (key sequences of the view) --------------------------------------------------

    def action_set_mark(self, letter: str) -> None:
        self.annotations.set_mark(letter)

    def action_jump_to_mark(self, letter: str) -> None:
        self.annotations.jump_to_mark(letter)

    def action_jump_back(self) -> None:
        self.annotations.jump_back()

    # --- bookmarks, highlights, notes ---------------------------------------------------------

    def action_add_bookmark(self) -> None:
        self.annotations.bookmark.ask()

    def action_highlight(self) -> None:
        self.annotations.highlight.highlight()

    def action_annotate(self) -> None:
        self.annotations.highlight.annotate()

    def action_next_pen(self) -> None:
        self.annotations.highlight.next_pen()

    def action_export_notes(self) -> None:
        self.annotations.ask_export()

    def action_bookmarks_tab(self) -> None:
        self._tab(self.annotations.bookmarks_pane)

    def action_notes_tab(self) -> None:
        self._tab(self.annotations.notes_pane)

    def _tab(self, pane: SidebarPane) -> None:
        """Show and focus ``pane``; from inside it, close the sidebar."""
        focused = self.focused_widget()
        inside = focused is not None and pane in getattr(focused, "ancestors", ())
        if self.sidebar_open and inside:
            self.sidebar_open = False
            return
        self.sidebar_open = True
        self._tab_when_mounted(pane, TAB_WAIT_FRAMES)

    def _tab_when_mounted(self, pane: SidebarPane, frames: int) -> None:
        # The sidebar mounts after the first paint, and its panes one per frame.
        if pane.is_mounted:
            pane.activate()
            pane.set_focus_within()
        elif frames > 0:
            self.view.call_after_refresh(self._tab_when_mounted, pane, frames - 1)

    # --- messages ----------------------------------------------------------------------------

    def on_store_reply(self, message: StoreReply) -> None:
        message.apply()

    def on_key(self, event: events.Key) -> None:
        """A key on its way to its binding: when that is a jump, ``''`` will come
        back to where it started (longer moves count anyway, see ``PassageCursor``)."""
        if self.focused_widget() is not self.view or self.annotations.article is None:
            return
        active = self.active_bindings.get(event.key)
        if active is not None and active.enabled and active.binding.action in JUMP_ACTIONS:
            self.annotations.cursor.before_jump()

    # The rows moved under the cursor; the screen's own handlers of these run too.
    def on_article_view_layout_ready(self) -> None:
        self.annotations.cursor.relaid()

    def on_article_view_section_toggled(self) -> None:
        self.annotations.cursor.relaid()

    # --- the Bookmarks and Notes tabs ask for an action on one of their items ---------------
    # (Handlers by name: ``@on`` is only collected from the screen's own class body.)

    def on_bookmarks_pane_jump_requested(self, message: BookmarksPane.JumpRequested) -> None:
        if message.item in self.annotations.bookmarks:
            self.annotations.bookmark.jump(message.item)

    def on_bookmarks_pane_rename_requested(self, message: BookmarksPane.RenameRequested) -> None:
        if message.item in self.annotations.bookmarks:
            self.annotations.bookmark.rename(message.item)

    def on_bookmarks_pane_delete_requested(self, message: BookmarksPane.DeleteRequested) -> None:
        if message.item in self.annotations.bookmarks:
            self.annotations.bookmark.delete(message.item)

    def on_bookmarks_pane_undo_requested(self, message: BookmarksPane.UndoRequested) -> None:
        self.annotations.bookmark.undo()

    def on_notes_pane_jump_requested(self, message: NotesPane.JumpRequested) -> None:
        if message.item in self.annotations.notes:
            self.annotations.highlight.jump(message.item)

    def on_notes_pane_edit_requested(self, message: NotesPane.EditRequested) -> None:
        if message.item in self.annotations.notes:
            self.annotations.highlight.edit(message.item)

    def on_notes_pane_recolour_requested(self, message: NotesPane.RecolourRequested) -> None:
        if message.item in self.annotations.notes:
            self.annotations.highlight.recolour(message.item)

    def on_notes_pane_delete_requested(self, message: NotesPane.DeleteRequested) -> None:
        if message.item in self.annotations.notes:
            self.annotations.highlight.delete(message.item)

    def on_notes_pane_undo_requested(self, message: NotesPane.UndoRequested) -> None:
        self.annotations.highlight.undo()
