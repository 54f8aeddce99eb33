"""ArticleView: the article on Textual's Line API.

Only visible rows are painted (``render_line``), from display lines the pure layout
engine (``reader.ui.article_view.layout``) builds. The first screenful is laid out at once; the
rest of the article, and any reflow after a resize, is laid out in a thread worker
and handed over in chunks, so a 5,000-block page paints as fast as a short one and
the event loop never waits on layout. Painted rows are cached per (row, layout,
width, overlay version); an overlay change repaints only the rows it touches.
"""

from __future__ import annotations

import bisect
import gc
import time
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Offset, Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from reader.images.terminal import figure_height
from reader.models import Article, Section
from reader.shown_text import PieceKind, ShownText
from reader.ui.article_view.figure_graphics import (
    Graphics,
    cell_size,
    graphics_cell,
    keep_controls,
    usable,
    write_to_terminal,
)
from reader.ui.article_view.figure_nav import FigureNavigation
from reader.ui.article_view.figure_paint import FIGURE_IMAGE, FigurePainter, PictureReader
from reader.ui.article_view.keys import ARTICLE_BINDINGS, VIEW_SEQUENCES
from reader.ui.article_view.layout.context import LayoutContext, make_context
from reader.ui.article_view.layout.document import ArticleLayout
from reader.ui.article_view.layout.lines import (
    BLOCK,
    END,
    LINKS,
    NO_OFFSET,
    RUNS,
    SECTION,
    START,
    DisplayLine,
    NumberedLink,
    split_role,
)
from reader.ui.article_view.layout.overlays import Overlays, OverlaySpan, changed_spans
from reader.ui.article_view.layout.safe import safe_section, visible
from reader.ui.article_view.layout.sections import Outline
from reader.ui.article_view.layout.shown_rows import shown_range, shown_row
from reader.ui.article_view.layout_job import LayoutJob, Relaid
from reader.ui.article_view.paint import (
    GUTTER,
    RowPainter,
    column_left,
    offset_at_char,
    run_at,
)
from reader.ui.article_view.roles import Role
from reader.ui.article_view.sideways import (
    column_of,
    revealing_shift,
    row_cells,
    widest_overflow,
)
from reader.ui.keyseq import (
    CANCEL_KEY,
    KeySequences,
    Outcome,
    SequencePending,
    key_char,
)

SYNC_BLOCKS = 150
"""A jump this many blocks past the laid-out part is laid out at once, not awaited."""
WHEEL_COLUMNS = 4
"""Cells one notch of a sideways wheel (or shift + wheel) scrolls code and tables."""
SIZE_SYNC_SECONDS = 0.25
"""How long rows added below the view may wait before the scrollbar learns of them."""


class _Target(NamedTuple):
    offset: int
    center: bool
    section: str | None
    """Scroll to this section's header row rather than to ``offset``."""
    shown: int | None = None
    """Offset of shown text (``reader.shown_text``): scroll to its row, below the row
    ``offset`` or ``section`` gives."""


class ArticleView(FigureNavigation, ScrollView, can_focus=True, inherit_bindings=False):
    """The article, laid out for reading, with collapsible sections and overlays."""

    BINDING_GROUP_TITLE = "Article"
    BINDINGS = ARTICLE_BINDINGS
    KEY_SEQUENCES = VIEW_SEQUENCES
    FREEZE_HEAP = True
    """Move everything alive when an article is shown, and again when its layout is
    complete, out of the cyclic collector's sight (``gc.freeze``). A 5,000-block
    article and its layout are tens of thousands of objects; every full collection
    would walk them all again, stalling the UI for 50–80 ms, several times while a
    long page loads, reflows or is read. They hold no reference cycles (frozen
    dataclasses, tuples), so reference counting still frees them when the article is
    replaced; only cyclic garbage that exists at those moments stays until exit."""
    # No component classes: each role's look comes from the theme's variables in Python
    # (roles.ROLE_LOOKS); see there why.
    DEFAULT_CSS = """
    ArticleView {
        scrollbar-gutter: stable;
        overflow-x: hidden;
        overflow-y: auto;
    }
    """

    measure: reactive[int] = reactive(80)
    """Widest text column in cells; the column is centred in a wider view."""
    hints: reactive[bool] = reactive(False)
    """Emphasise link numbers (link-hint mode); unless ``link_numbers``, draw them."""
    cursor: reactive[int] = reactive(0, repaint=False)
    """A text offset; its row shows a marker. Follows the view when scrolled away."""
    cursor_hidden: reactive[bool] = reactive(False, repaint=False)
    """The marker is hidden (Esc left the passage) until the cursor moves again."""

    class LinkActivated(Message):
        """A link was clicked."""

        def __init__(self, view: ArticleView, number: int, href: str | None) -> None:
            self.view = view
            self.number = number
            self.href = href
            super().__init__()

        @property
        def control(self) -> ArticleView:
            return self.view

    class SectionToggled(Message):
        def __init__(self, view: ArticleView, section_id: str, collapsed: bool) -> None:
            self.view = view
            self.section_id = section_id
            self.collapsed = collapsed
            super().__init__()

        @property
        def control(self) -> ArticleView:
            return self.view

    class PositionChanged(Message):
        """The top of the view moved; bursts coalesce."""

        def __init__(self, view: ArticleView, top_offset: int) -> None:
            self.view = view
            self.top_offset = top_offset
            super().__init__()

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ArticleView.PositionChanged)

        @property
        def control(self) -> ArticleView:
            return self.view

    class LayoutReady(Message):
        """The whole article is laid out (after ``show`` or a reflow)."""

        def __init__(self, view: ArticleView) -> None:
            self.view = view
            super().__init__()

        @property
        def control(self) -> ArticleView:
            return self.view

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._article: Article | None = None
        self._ctx: LayoutContext | None = None
        self._outline: Outline | None = None
        self._collapsed: set[str] = set()
        self._job = LayoutJob(self, self._install, self._layout_refreshed, self._layout_done)
        self._paint_generation = 0
        self._strips: LRUCache[tuple[int, int, int, int, bool, bool], Strip] = LRUCache(256)
        self._line_versions: dict[int, int] = {}
        self._overlay_version = 0
        self._overlays = Overlays()
        self._signs: list[tuple[int, str, str]] = []
        self._sign_offsets: list[int] = []
        self._painter = RowPainter(
            lambda: self.rich_style,
            # What the app computed for its CSS (generating it again costs ~1 ms).
            lambda: self.app.theme_variables or self.app.get_css_variables(),
        )
        self._keys = KeySequences(self.KEY_SEQUENCES)
        self._target: _Target | None = None
        """A scroll asked for before the layout could perform it: done once it can."""
        self._follow_end = False
        self._cursor_line = 0
        self._cursor_section: str | None = None
        """The section whose header row the cursor marks. Such a row shows no text of
        its own: its offset is shared (every link group at the end sits at the end of
        the text), so the row, not the offset, says where the cursor is."""
        self._size_synced = 0.0
        self._render_width: int | None = None
        self._render_selection: Selection | None = None
        self._x_shift = 0
        """How far code and wide tables are scrolled sideways, in cells."""
        self.link_numbers = False
        """Links show their number (``[3]``) at all times, not only as hints; read by
        ``show``."""
        self.figure_rows = 0
        """Most rows a figure's picture takes (0: pictures are not drawn); read by
        ``show``."""
        self.title_block = False
        """Draw the title block (title, standfirst, details) before the first block;
        read by ``show``."""
        self._figures = FigurePainter(
            self._figure_ready, self._call_from_thread, lambda: self.app.console.color_system
        )
        self._figures.write = lambda data: write_to_terminal(self.app, data)
        self._figures.cell_size = cell_size
        self.graphics: Graphics | None = None
        """Draw pictures with the terminal's graphics (kitty, Sixel) rather than half
        blocks, where the app can; read by ``show``."""
        self._graphics_active = True

    def _call_from_thread(self, callback: object, *args: object) -> None:
        self.app.call_from_thread(callback, *args)  # type: ignore[arg-type]

    def on_unmount(self) -> None:
        self._figures.close()

    # --- public API ------------------------------------------------------------------

    @property
    def article(self) -> Article | None:
        return self._article

    def show(self, article: Article, pictures: PictureReader | None = None) -> None:
        """Lay out and show ``article`` from its top; its figures' pictures are read
        from ``pictures`` (when ``figure_rows`` allows them)."""
        self._job.reset()
        self._article = article
        if self.FREEZE_HEAP:
            gc.freeze()
        self._figures.reset(pictures)
        app = self.app
        self._figures.graphics = usable(self.graphics, app.console.color_system, app.no_color)
        self._ctx = make_context(
            article,
            self.figure_rows if pictures is not None else 0,
            self.title_block,
            self.link_numbers,
        )
        self._outline = Outline(self._ctx.article)
        self._collapsed = self._outline.default_collapsed()
        self._target = None
        self._follow_end = False
        self._overlays.reset()
        self._signs, self._sign_offsets = [], []
        self._x_shift = 0
        self._line_versions.clear()
        self.set_reactive(ArticleView.cursor, 0)
        self._cursor_line = 0
        # Immediate: a deferred scroll would land after a scroll_to_offset() made right
        # after show(), and undo it.
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._start_layout()

    @property
    def shown_text(self) -> ShownText | None:
        """The text the view shows beside the article's (link groups, member lists,
        alt text), at offsets past the end of the article's (``reader.shown_text``)."""
        return self._ctx.shown if self._ctx is not None else None

    def top_offset(self) -> int:
        """The text offset shown at the top of the view (the reading position). With
        furniture on top (the blank line between paragraphs, a heading's rule), the
        start of the text right below it: the passage the reader is at, which
        ``scroll_to_offset`` puts back at the top."""
        layout = self._layout
        if layout is None or not layout.lines:
            return 0
        row = min(max(0, self.scroll_offset.y), len(layout.lines) - 1)
        line = layout.lines[row]
        if line[END] == line[START]:
            shown = layout.line_of_offset(line[START])
            if shown > row:
                return layout.lines[shown][START]
        return line[START]

    def offset_at(self, y: int) -> int:
        """The text offset of the row ``y`` rows below the top of the view."""
        layout = self._layout
        if layout is None or not layout.lines:
            return 0
        index = min(max(0, self.scroll_offset.y + y), len(layout.lines) - 1)
        return layout.lines[index][START]

    @property
    def cursor_line(self) -> int:
        """The row (of the whole layout) the cursor is on."""
        return self._cursor_line

    def scroll_to_offset(self, offset: int, *, center: bool = False) -> None:
        """Scroll so the row showing ``offset`` is at the top (or the centre), opening
        any collapsed section that hides it, and put the cursor there. Asked before the
        view has a size, or before the layout reaches ``offset``, the scroll is kept
        and done as soon as it can be (the latest request wins)."""
        if self._ctx is None or self._outline is None:
            return
        if self._ctx.shown.is_shown(offset):
            self._scroll_to_shown(offset, center)
            return
        offset = max(0, min(offset, len(self._ctx.text)))
        block = self._outline.block_index(offset)
        self._open(s.id for s in self._outline.enclosing(block))
        self._target = _Target(offset, center, None)
        self._perform_target(sync=True)

    def _scroll_to_shown(self, offset: int, center: bool) -> None:
        """``scroll_to_offset`` for text shown beside the article's: a figure's alt
        text, a member list's line, a link group's link (the sections around it open,
        and the one it is in)."""
        assert self._ctx is not None and self._outline is not None
        outline = self._outline
        piece = self._ctx.shown.piece_at(offset)
        if piece is None:
            return
        if piece.kind is PieceKind.FIGURE:
            section, at = None, piece.at
            opened = [s.id for s in outline.enclosing(outline.block_index(at))]
        else:
            owner = piece.key[1]
            span = next(
                (s for s in outline.spans.values() if owner in (s.id, s.section.link_group_id)),
                None,
            )
            if span is None:
                return
            section, at = span.id, span.section.start
            opened = [*(s.id for s in outline.enclosing(span.first_block)), span.id]
        self._open(opened)
        self._target = _Target(at, center, section, offset)
        self._perform_target(sync=True)

    def scroll_to_section(self, section_id: str, *, expand: bool = False) -> None:
        """Scroll so the header row of section ``section_id`` (a heading, a passage, a
        link group) is at the top, opening the collapsed sections around it so it can
        be seen; the section itself is opened only with ``expand``. Kept and done later,
        like :meth:`scroll_to_offset`, when the layout cannot do it yet."""
        outline = self._outline
        span = outline.spans.get(section_id) if outline is not None else None
        if span is None or outline is None:
            return
        around = [s.id for s in outline.enclosing(span.first_block) if s.id != section_id]
        if not span.is_links and span.first_block in outline.starting:
            # Sections starting at the same block: only those composed before it.
            same = outline.starting[span.first_block]
            later = {s.id for s in same[same.index(span) + 1 :]}
            around = [other for other in around if other not in later]
        self._open([*around, section_id] if expand else around)
        self._target = _Target(span.section.start, False, section_id)
        self._perform_target(sync=True)

    def top_offset_for(self, offset: int) -> int | None:
        """The offset :meth:`top_offset` reports once ``scroll_to_offset(offset)`` has
        put its row at the top (None while the view cannot tell: no layout yet, or not
        that far). A scroll clamped at the end of the article reports less."""
        layout = self._layout
        if layout is None or self._target is not None or not layout.covers(offset):
            return None
        return layout.lines[layout.line_of_offset(offset)][START]

    @property
    def scroll_pending(self) -> bool:
        """A scroll_to_offset/scroll_to_section waits for the layout."""
        return self._target is not None

    def sections(self) -> list[Section]:
        return [safe_section(s) for s in self._outline.sections()] if self._outline else []

    def add_sections(self, sections: Sequence[Section]) -> None:
        """Add collapsible passages (e.g. enumerations), shown open."""
        if self._outline is None or self._ctx is None:
            return
        self._ctx.shown.add_sections(sections)
        self._outline.add(sections)
        self._apply_collapsed(self._collapsed, keep=self.top_offset())

    def links(self) -> list[NumberedLink]:
        return list(self._ctx.links) if self._ctx else []

    def toggle_section(self, section_id: str | None = None) -> None:
        section_id = section_id or self._section_under_cursor()
        if section_id is not None:
            self._set_section(section_id, section_id not in self._collapsed)

    def open_section(self, section_id: str | None = None) -> None:
        section_id = section_id or self._section_under_cursor()
        if section_id is not None:
            self._set_section(section_id, False)

    def close_section(self, section_id: str | None = None) -> None:
        section_id = section_id or self._section_under_cursor()
        if section_id is not None:
            self._set_section(section_id, True)

    def open_all(self) -> None:
        changed = sorted(self._collapsed)
        self._apply_collapsed(set(), keep=self.top_offset())
        for section_id in changed:
            self.post_message(self.SectionToggled(self, section_id, False))

    def close_all(self) -> None:
        if self._outline is None:
            return
        every = set(self._outline.spans)
        changed = sorted(every - self._collapsed)
        self._apply_collapsed(every, keep=self.top_offset())
        for section_id in changed:
            self.post_message(self.SectionToggled(self, section_id, True))

    def set_overlay(self, layer: str, spans: Sequence[tuple[int, int, str]]) -> None:
        """Paint ``spans`` (start, end, role) as layer ``layer``; layers stack in the
        order they were first set. Only rows whose overlay changed repaint."""
        old, new = self._overlays.set(layer, spans)
        self._repaint_spans(changed_spans(old, new))

    def overlay(self, layer: str) -> list[tuple[int, int, str]]:
        """The spans of layer ``layer`` (none when it is not set), in start order."""
        found = self._overlays.layers.get(layer)
        return list(found.spans) if found is not None else []

    def clear_overlay(self, layer: str) -> None:
        old = self._overlays.clear(layer)
        self._repaint_spans(changed_spans(old, None))

    def set_signs(self, signs: Sequence[tuple[int, str, str]]) -> None:
        """Glyphs beside the text, ``(offset, glyph, role)``: each on the row showing
        ``offset``, one cell right of the text column (a note's mark at the end of
        its passage). Replaces the previous signs; only changed rows repaint."""
        old = set(self._signs)
        self._signs = sorted(set(signs))
        self._sign_offsets = [sign[0] for sign in self._signs]
        self._repaint_spans((at, at + 1, role) for at, _, role in old ^ set(self._signs))

    def selected_span(self) -> tuple[int, int] | None:
        """The text range selected with the mouse in this view, if any."""
        selection = self.text_selection
        return self._selection_range(selection) if selection is not None else None

    # --- layout lifecycle --------------------------------------------------------------

    @property
    def _view_width(self) -> int:
        return self.scrollable_content_region.width

    @property
    def _view_height(self) -> int:
        return self.scrollable_content_region.height

    def _column_width(self) -> int:
        return max(0, min(self.measure, self._view_width - GUTTER))

    def _figure_rows(self) -> int:
        """Most rows a picture takes in this terminal (0: pictures not drawn). From the
        terminal's height, not the view's: the footer and the search line come and go,
        and a picture that shrank by a row each time would move the text under it."""
        return figure_height(self._ctx.figure_rows if self._ctx else 0, self.app.size.height)

    @property
    def _layout(self) -> ArticleLayout | None:
        """The layout on screen."""
        return self._job.current

    def _start_layout(self) -> None:
        """Lay out the first screenful now and the rest in the background."""
        width = self._column_width()
        if self._ctx is None or self._outline is None or width <= 0:
            return
        layout = ArticleLayout(
            self._ctx, self._outline, width, self._collapsed, self._figure_rows()
        )
        layout.defer_highlighting = True
        layout.compose(compute=True, min_lines=self._view_height + 1)
        self._install(layout, anchor=None)
        # A scroll asked for before the view had a size: the first frame shows its
        # place rather than the top, when that place is close enough to lay out now.
        self._perform_target(sync=True)
        self._job.continue_after_first_frame(layout)

    def _reflow(self) -> None:
        """The column width changed: lay the article out again in the background,
        keeping the current lines on screen until the new ones reach the top row."""
        layout = self._layout
        width = self._column_width()
        if layout is None or width <= 0:
            if layout is None and self._ctx is not None:
                self._start_layout()
            return
        figure_rows = self._figure_rows()
        if layout.width == width and layout.figure_rows == figure_rows:
            if self._job.pending is not None:
                self._job.keep_current()
            return
        pending = ArticleLayout(layout.ctx, layout.outline, width, self._collapsed, figure_rows)
        pending.defer_highlighting = True
        self._job.reflow(pending, self.top_offset())

    def _layout_refreshed(self, layout: ArticleLayout, rows: Sequence[int] | Relaid | None) -> None:
        """The layout job changed rows of the layout on screen (None: added lines)."""
        if rows is None:
            self._lines_added()
        elif rows is Relaid.ALL_ROWS:
            self._repaint_all()
            self._lines_added()
        else:
            self._overlay_version += 1
            top = self.scroll_offset.y
            for row in rows:
                self._line_versions[row] = self._overlay_version
                if top <= row < top + self._view_height:
                    self.refresh_line(row)

    def _layout_done(self, layout: ArticleLayout) -> None:
        if self.FREEZE_HEAP:
            gc.freeze()
        self.post_message(self.LayoutReady(self))

    def _install(self, layout: ArticleLayout, anchor: int | None) -> None:
        self._job.installed(layout)
        self._repaint_all()
        if anchor is not None:
            self._keep_on_top(layout, anchor)
        self._cursor_line = self._cursor_row(layout)
        self._lines_added()

    def _keep_on_top(self, layout: ArticleLayout, offset: int) -> None:
        """Put ``offset``'s row back at the top after the rows changed. At the very top
        of an article the view stays there: its first rows (the title block) have no
        offset of their own, so keeping offset 0 would scroll them away."""
        if offset <= 0 and self.scroll_offset.y == 0:
            return
        self._scroll_to_line(layout.line_of_offset(offset), center=False)

    def _sync_size(self, force: bool = True) -> None:
        """Make the scrollable height match the composed lines. Without ``force``,
        rows added far below the view wait a little: every size change re-renders
        the whole screen, which a background load would otherwise do many times."""
        layout = self._layout
        if layout is None:
            return
        size = Size(self._view_width, len(layout.lines))
        if size == self.virtual_size:
            return
        if not force and not layout.complete:
            needed = self.scroll_offset.y + 2 * self._view_height
            recent = time.monotonic() - self._size_synced < SIZE_SYNC_SECONDS
            if self.virtual_size.height > needed and recent:
                return
        self.virtual_size = size
        self._size_synced = time.monotonic()

    def _lines_added(self) -> None:
        layout = self._layout
        if layout is None:
            return
        self._sync_size(force=False)
        if self._target is not None:
            self._perform_target(sync=False)
        if self._follow_end:
            self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)
            self._follow_end = not layout.complete
        self._cursor_line = self._cursor_row(layout)

    def _open(self, section_ids: Iterable[str]) -> None:
        """Open those of ``section_ids`` that are collapsed (telling listeners)."""
        hidden = set(section_ids) & self._collapsed
        if hidden:
            self._apply_collapsed(self._collapsed - hidden, keep=None)
            for section_id in sorted(hidden):
                self.post_message(self.SectionToggled(self, section_id, False))

    def _perform_target(self, sync: bool) -> None:
        """Do the kept scroll if the layout has reached it; with ``sync``, first lay
        out up to it here when it is close (a long way off, the worker gets there)."""
        target, layout = self._target, self._layout
        if target is None or layout is None or self._outline is None:
            return
        self._target = None  # composing below reports new lines, which would recurse
        row = self._target_row(layout, target, sync)
        if row is None:
            self._target = target
            return
        shown = row if target.shown is None else shown_row(layout.lines, row, target.shown)
        self._scroll_to_line(shown, target.center)
        self.cursor = target.offset
        if row < len(layout.lines):
            self._reveal_sideways(layout.lines[row], target.offset)
        if target.section is not None:
            # A header that shows no text of its own (a link group's, a passage's):
            # the cursor marks it, so the section under the cursor is this one.
            self._mark_header(layout, row)

    def _target_row(self, layout: ArticleLayout, target: _Target, sync: bool) -> int | None:
        assert self._outline is not None
        if target.section is None:
            block = self._outline.block_index(target.offset)
            if not self._covered(layout, target.offset, block, sync):
                return None
            return layout.line_of_offset(target.offset)
        span = self._outline.spans.get(target.section)
        if span is None:
            return None
        if span.is_links:
            if not layout.complete and not self._covered(layout, None, span.first_block, sync):
                return None
        elif not self._covered(layout, target.offset, span.first_block, sync):
            return None
        return layout.section_line.get(target.section)

    def _covered(self, layout: ArticleLayout, offset: int | None, block: int, sync: bool) -> bool:
        """True once the layout reaches ``offset`` (None: its end), composing up to it
        now when ``sync`` and it is close. Only a sized view lays out (its first frame
        is what a caller waits for)."""
        reached = layout.complete if offset is None else layout.covers(offset)
        if reached or not sync or block - layout.next_block > SYNC_BLOCKS:
            return reached
        while not layout.complete and (offset is None or not layout.covers(offset)):
            layout.compose(compute=True, min_lines=len(layout.lines) + self._view_height)
        if offset is not None:
            row = layout.line_of_offset(offset)
            layout.compose(compute=True, min_lines=row + self._view_height)
        self._lines_added()
        return True

    # --- sections --------------------------------------------------------------------

    def _section_under_cursor(self) -> str | None:
        layout = self._layout
        if layout is None or not layout.lines:
            return None
        line = min(max(self._cursor_line, self.scroll_offset.y), len(layout.lines) - 1)
        if not self.scroll_offset.y <= self._cursor_line < self.scroll_offset.y + self._view_height:
            line = self.scroll_offset.y
        return layout.section_at_line(line)

    def _set_section(self, section_id: str, collapsed: bool) -> None:
        if self._outline is None or section_id not in self._outline.spans:
            return
        if (section_id in self._collapsed) == collapsed:
            return
        new = set(self._collapsed)
        (new.add if collapsed else new.discard)(section_id)
        self._apply_collapsed(new, keep=None, header=section_id)
        self.post_message(self.SectionToggled(self, section_id, collapsed))

    def _apply_collapsed(
        self, collapsed: set[str], keep: int | None, header: str | None = None
    ) -> None:
        """Recompose for a new set of collapsed sections, keeping ``header``'s row
        (or the text offset ``keep``) where it was on screen."""
        layout = self._layout
        self._collapsed = set(collapsed)
        if layout is None:
            return
        row = None
        if header is not None and header in layout.section_line:
            row = layout.section_line[header] - self.scroll_offset.y
        layout.set_collapsed(self._collapsed)
        if self._job.pending is not None:
            self._job.pending.set_collapsed(self._collapsed)
        self._repaint_all()
        self._lines_added()
        if row is not None and header in layout.section_line:
            self.scroll_to(
                y=max(0, layout.section_line[header] - row), animate=False, immediate=True
            )
            if not 0 <= row < self._view_height:
                self._scroll_to_line(layout.section_line[header], center=False)
        elif keep is not None:
            self._keep_on_top(layout, keep)
        self._cursor_line = self._cursor_row(layout)

    # --- painting --------------------------------------------------------------------

    def _repaint_all(self) -> None:
        self._paint_generation += 1
        self._strips.clear()
        self._line_versions.clear()
        self.refresh()

    def _repaint_spans(self, spans: Iterable[OverlaySpan]) -> None:
        layout = self._layout
        if layout is None:
            return
        self._overlay_version += 1
        version = self._overlay_version
        top = self.scroll_offset.y
        bottom = top + self._view_height
        visible: set[int] = set()
        base = layout.ctx.shown.base
        for start, end, _ in spans:
            if start >= base:
                # Shown text is on rows found by their runs, not by offset: repaint all.
                self._repaint_all()
                return
            first = layout.line_of_offset(start)
            last = layout.line_of_offset(max(start, end - 1))
            for index in range(first, last + 1):
                self._line_versions[index] = version
                if top <= index < bottom:
                    visible.add(index)
        for index in visible:
            self.refresh_line(index)

    def notify_style_update(self) -> None:
        self._painter.clear()
        self._strips.clear()
        self._figures.restyle()  # transparent cells show the theme's background
        super().notify_style_update()

    def watch_hints(self) -> None:
        self._strips.clear()
        self.refresh()

    def watch_measure(self) -> None:
        self._reflow()

    def on_resize(self, event: events.Resize) -> None:
        self._strips.clear()
        self._reflow()

    def render_lines(self, crop: Region) -> list[Strip]:
        # Lay out on the first render, when the size is known, so the article is in
        # the very first frame rather than the one after the first resize.
        if self._layout is None and self._ctx is not None:
            self._start_layout()
        # Looked up once per pass: each is a walk of the DOM.
        self._render_width = self._view_width
        self._render_selection = self.text_selection
        if self._figures.graphics is not None and self.screen.is_active != self._graphics_active:
            # Pictures the terminal draws show only while this screen is on top (see
            # figure_graphics): every row again, in this pass.
            self._graphics_active = not self._graphics_active
            self._strips.clear()
            self.refresh()
        try:
            strips = super().render_lines(crop)
            return keep_controls(strips) if self._figures.graphics == "sixel" else strips
        finally:
            self._render_width = None

    def render_line(self, y: int) -> Strip:
        layout = self._layout
        index = self.scroll_offset.y + y
        width = self._render_width or self._view_width
        if layout is None or index >= len(layout.lines):
            return Strip.blank(width, self.rich_style)
        is_cursor = index == self._cursor_line and not self.cursor_hidden
        key = (
            index,
            self._paint_generation,
            width,
            self._line_versions.get(index, 0),
            is_cursor,
            self.hints,
        )
        strip = self._strips.get(key)
        if strip is None:
            line = layout.lines[index]
            if line[RUNS] and line[RUNS][0][1] == FIGURE_IMAGE:
                strip = self._figure_row(layout, line, index, width, y)
                if self._figures.graphics is not None:
                    # Drawn by the terminal: not cached (a Sixel row names its place on
                    # the screen), never selected (that would rename a kitty picture).
                    return strip
            else:
                spans = self._overlays.spans_in(line[START], line[END])
                if line[START] == line[END] and line[RUNS] and self._overlays.layers:
                    spans = self._overlays.spans_in(*shown_range(line))
                strip = self._painter.paint(
                    line,
                    spans,
                    layout.width,
                    width,
                    is_cursor,
                    self.hints,
                    index,
                    self._sign(line),
                    self._hint_labels(),
                    self._x_shift,
                )
            self._strips[key] = strip
        selection = self._render_selection if self._render_width else self.text_selection
        if selection is not None and (span := selection.get_span(index)) is not None:
            strip = self._select(strip, *span)
        return strip

    def _hint_labels(self) -> Callable[[int], int] | None:
        """Where links start, for labelling them: only while hints are on and the
        layout does not show the numbers itself."""
        ctx = self._ctx
        if not self.hints or ctx is None or ctx.link_numbers.shown:
            return None
        return ctx.link_numbers.start

    def _figure_row(
        self, layout: ArticleLayout, line: DisplayLine, index: int, width: int, y: int
    ) -> Strip:
        block = line[BLOCK]
        first = layout.block_line[block]
        rows = _figure_height(layout, first)
        columns = len(line[RUNS][0][0])
        mode = self._figures.graphics
        at = None
        if mode is not None:
            active = self.screen.is_active
            at = graphics_cell(mode, self.content_region, y, active, self.app.size.height)
        return self._figures.row(
            self._ctx.article.blocks[block] if self._ctx else None,  # type: ignore[arg-type]
            block,
            (index - first, columns, rows),
            column_left(width, layout.width),
            width,
            (self._painter.base(), self._painter.style("figure")),
            at,
        )

    def _figure_ready(self, block: int) -> None:
        """A picture was decoded: repaint its rows."""
        if self.FREEZE_HEAP:
            # A picture is thousands of segments and styles, without cycles: like the
            # layout, out of the collector's sight (each full collection walked them).
            gc.freeze()
        layout = self._layout
        if layout is None or not 0 <= block < len(layout.block_line):
            return
        first = layout.block_line[block]
        if first < 0:
            return
        self._overlay_version += 1
        for index in range(first, first + _figure_height(layout, first)):
            self._line_versions[index] = self._overlay_version
            self.refresh_line(index)

    def _sign(self, line: DisplayLine) -> tuple[str, str] | None:
        if not self._signs or line[END] <= line[START]:
            return None
        position = bisect.bisect_left(self._sign_offsets, line[START])
        if position < len(self._signs) and self._sign_offsets[position] < line[END]:
            _, glyph, role = self._signs[position]
            return glyph, role
        return None

    def _select(self, strip: Strip, start: int, end: int) -> Strip:
        """Paint characters ``[start, end)`` of a row (end -1: to the row's end) as
        selected."""
        text_length = len(strip.text)
        end = text_length if end == -1 else min(end, text_length)
        if end <= start:
            return strip
        cuts = [strip.index_to_cell_position(start), strip.index_to_cell_position(end)]
        look = self._painter.selection()
        segments: list[Segment] = []
        x = 0
        for number, part in enumerate(strip.divide([*cuts, strip.cell_length])):
            for text, style, control in part:
                if number == 1:
                    style = (style or look) + look
                # A cut segment keeps the position of the whole one: give each piece
                # its own, or the mouse would address the wrong characters.
                if style is not None and (meta := style.meta.get("offset")) is not None:
                    style += Style.from_meta({"offset": (x, meta[1])})
                segments.append(Segment(text, style, control))
                x += len(text)
        return Strip(segments, strip.cell_length)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The article text between the selection's ends (without the bullets, link
        numbers and margins the view adds)."""
        found = self._selection_range(selection)
        if found is None or self._ctx is None:
            return None
        return visible(self._ctx.text[found[0] : found[1]]), "\n"

    def _selection_range(self, selection: Selection) -> tuple[int, int] | None:
        layout = self._layout
        if layout is None or self._ctx is None or not layout.lines:
            return None
        start = self._offset_at_point(selection.start) if selection.start else 0
        end = self._offset_at_point(selection.end) if selection.end else len(self._ctx.text)
        return (start, end) if end > start else None

    def selection_updated(self, selection: Selection | None) -> None:
        self.refresh()

    def _offset_at_point(self, point: Offset) -> int:
        layout = self._layout
        assert layout is not None
        row = min(max(0, point.y), len(layout.lines) - 1)
        line = layout.lines[row]
        left = column_left(self._view_width, layout.width)
        # Text shown beside the article's is not part of it: a selection ends at the
        # end of the article's text there.
        at = offset_at_char(line, point.x - left + self._shift_of(line), line[END])
        return min(at, len(layout.ctx.text))

    # --- scrolling and the cursor -------------------------------------------------------

    def _scroll_to_line(self, line: int, center: bool) -> None:
        self._sync_size()
        y = line - self._view_height // 2 if center else line
        # Forced: before the first layout pass has seen the new virtual size the
        # scrollbar is not "shown" yet, and Textual ignores an unforced scroll.
        self.scroll_to(y=max(0, y), animate=False, immediate=True, force=True)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if round(old) == round(new):
            return
        self._keep_cursor_in_view()
        self.post_message(self.PositionChanged(self, self.top_offset()))

    def _keep_cursor_in_view(self) -> None:
        layout = self._layout
        if layout is None or not layout.lines:
            return
        top = self.scroll_offset.y
        bottom = min(top + max(1, self._view_height), len(layout.lines)) - 1
        if top <= self._cursor_line <= bottom:
            return
        row = top if self._cursor_line < top else max(top, bottom)
        self._cursor_section = None
        self.cursor = layout.lines[row][START]
        # The same offset (rows at the end of the text share one) sets off no watcher.
        before, self._cursor_line = self._cursor_line, layout.line_of_offset(self.cursor)
        if before != self._cursor_line:
            self.refresh_line(before)
            self.refresh_line(self._cursor_line)

    def watch_cursor_hidden(self) -> None:
        self.refresh_line(self._cursor_line)

    def watch_cursor(self, old: int, new: int) -> None:
        self.cursor_hidden = False
        layout = self._layout
        if layout is None:
            return
        before = self._cursor_line
        self._cursor_section = None
        self._cursor_line = layout.line_of_offset(new)
        if before != self._cursor_line:
            self.refresh_line(before)
            self.refresh_line(self._cursor_line)

    # --- actions -----------------------------------------------------------------------

    def _scroll_by(self, rows: int) -> None:
        self._sync_size()
        self.scroll_to(y=max(0, self.scroll_offset.y + rows), animate=False, immediate=True)

    def action_line_down(self) -> None:
        self._scroll_by(1)

    def action_line_up(self) -> None:
        self._scroll_by(-1)

    def action_page_down(self) -> None:
        self._scroll_by(max(1, self._view_height - 1))

    def action_page_up(self) -> None:
        self._scroll_by(-max(1, self._view_height - 1))

    def action_half_page_down(self) -> None:
        self._scroll_by(max(1, self._view_height // 2))

    def action_half_page_up(self) -> None:
        self._scroll_by(-max(1, self._view_height // 2))

    def action_top(self) -> None:
        self._follow_end = False
        self.scroll_to(y=0, animate=False, immediate=True)

    def action_bottom(self) -> None:
        layout = self._layout
        self._follow_end = layout is not None and not layout.complete
        self._sync_size()
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)

    def _jump(self, rows: list[int], forward: bool) -> None:
        layout = self._layout
        if layout is None:
            return
        top = self.scroll_offset.y
        # From the cursor when it is on screen (moved there by sentence, or a click).
        if top <= self._cursor_line < top + self._view_height:
            top = self._cursor_line
        if forward:
            position = bisect.bisect_right(rows, top)
            if position >= len(rows) and not layout.complete:
                layout.compose(compute=True, min_lines=len(layout.lines) + self._view_height * 4)
                self._lines_added()
                position = bisect.bisect_right(rows, top)
        else:
            position = bisect.bisect_left(rows, top) - 1
        if not 0 <= position < len(rows):
            self.app.bell()
            return
        line = rows[position]
        self._scroll_to_line(line, center=False)
        self.cursor = layout.lines[line][START]
        self._mark_header(layout, line)

    def _mark_header(self, layout: ArticleLayout, row: int) -> None:
        """Put the cursor on header row ``row`` (after its offset was set)."""
        section = layout.lines[row][SECTION]
        if section is None:
            return
        self._cursor_section = section
        if self._cursor_line != row:
            self.refresh_line(self._cursor_line)
            self._cursor_line = row
            self.refresh_line(row)

    def _cursor_row(self, layout: ArticleLayout) -> int:
        """The row the cursor marks: its section's header row while it marks one (and
        that header is still laid out), else the row showing its offset."""
        section = self._cursor_section
        if section is not None:
            row = layout.section_line.get(section)
            if row is not None and layout.lines[row][START] == self.cursor:
                return row
            self._cursor_section = None
        return layout.line_of_offset(self.cursor)

    def action_next_heading(self) -> None:
        if self._layout is not None:
            self._jump(self._layout.header_lines, True)

    def action_previous_heading(self) -> None:
        if self._layout is not None:
            self._jump(self._layout.header_lines, False)

    def action_next_paragraph(self) -> None:
        if self._layout is not None:
            self._jump(self._layout.block_starts, True)

    def action_previous_paragraph(self) -> None:
        if self._layout is not None:
            self._jump(self._layout.block_starts, False)

    # --- sideways: code and wide tables ------------------------------------------------

    def _shift_of(self, line: DisplayLine) -> int:
        """The sideways shift row ``line`` is painted with (0 unless it is wide)."""
        layout = self._layout
        if not self._x_shift or layout is None or row_cells(line) <= layout.width:
            return 0
        return self._x_shift

    def _reveal_sideways(self, line: DisplayLine, offset: int) -> None:
        """A jump (a search match, a mark) into a wide row shows its place."""
        layout = self._layout
        if layout is None or row_cells(line) <= layout.width:
            return
        cell = column_of(line, offset)
        if cell is not None:
            shift = revealing_shift(self._x_shift, layout.width, cell)
            if shift != self._x_shift:
                self._x_shift = shift
                self._repaint_all()

    def action_scroll_sideways(self, columns: int) -> None:
        """Scroll code and wide tables ``columns`` cells right (left when negative),
        as far as the widest row on screen needs."""
        layout = self._layout
        if layout is None:
            return
        top = self.scroll_offset.y
        reach = widest_overflow(layout.lines[top : top + self._view_height], layout.width)
        shift = max(0, min(self._x_shift + columns, max(reach, 0)))
        if shift == self._x_shift:
            self.app.bell()
            return
        self._x_shift = shift
        self._repaint_all()

    def action_scroll_sideways_half(self, direction: int) -> None:
        layout = self._layout
        half = max(1, (layout.width if layout is not None else self._view_width) // 2)
        self.action_scroll_sideways(half if direction > 0 else -half)

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        if event.shift:
            event.stop()
            self.action_scroll_sideways(WHEEL_COLUMNS)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        if event.shift:
            event.stop()
            self.action_scroll_sideways(-WHEEL_COLUMNS)

    def on_mouse_scroll_right(self, event: events.MouseScrollRight) -> None:
        event.stop()
        self.action_scroll_sideways(WHEEL_COLUMNS)

    def on_mouse_scroll_left(self, event: events.MouseScrollLeft) -> None:
        event.stop()
        self.action_scroll_sideways(-WHEEL_COLUMNS)

    def action_toggle_section(self) -> None:
        if not self.figure_chosen():
            self.toggle_section()

    def action_open_section(self) -> None:
        self.open_section()

    def action_close_section(self) -> None:
        self.close_section()

    def action_open_all(self) -> None:
        self.open_all()

    def action_close_all(self) -> None:
        self.close_all()

    # --- keys and mouse ---------------------------------------------------------------

    async def on_key(self, event: events.Key) -> None:
        char = key_char(event)
        if self._keys.pending:
            step = self._keys.cancel() if event.key == CANCEL_KEY else self._keys.feed(char)
        elif char is not None and self._keys.starts(char):
            step = self._keys.feed(char)
        else:
            return
        event.stop()
        event.prevent_default()
        self.post_message(SequencePending(step.pending, self._keys.waiting_for()))
        if step.outcome == Outcome.PENDING:
            expired = partial(self._sequence_expired, self._keys.generation)
            self.set_timer(self._keys.timeout, expired)
        elif step.outcome == Outcome.MATCHED and step.action:
            await self.run_action(step.action)
        elif step.outcome == Outcome.UNMATCHED:
            self.app.bell()

    def _sequence_expired(self, generation: int) -> None:
        if self._keys.expire(generation):
            self.post_message(SequencePending(""))

    def on_click(self, event: events.Click) -> None:
        layout = self._layout
        offset = event.get_content_offset(self)
        if layout is None or offset is None:
            return
        index = self.scroll_offset.y + offset.y
        if not 0 <= index < len(layout.lines):
            return
        line = layout.lines[index]
        column = offset.x - column_left(self._view_width, layout.width)
        hit = run_at(line, column + self._shift_of(line))
        if hit is not None:
            number = self._link_number(line, hit[1])
            if number is not None:
                event.stop()
                link = self._ctx.links[number - 1] if self._ctx else None
                self.post_message(self.LinkActivated(self, number, link.href if link else None))
                return
        if line[SECTION] is not None:
            event.stop()
            self.toggle_section(line[SECTION])
            return
        if hit is not None and hit[2] != NO_OFFSET and hit[2] <= len(layout.ctx.text):
            self.cursor = hit[2]

    def _link_number(self, line: DisplayLine, role: str) -> int | None:
        styles, number = split_role(role)
        if number is None and Role.LINK in styles.split() and len(line[LINKS]) == 1:
            number = line[LINKS][0]
        return number


def _figure_height(layout: ArticleLayout, first: int) -> int:
    """How many picture rows start at line ``first`` (the layout reserved them)."""
    lines = layout.lines
    end = first
    while end < len(lines) and lines[end][RUNS] and lines[end][RUNS][0][1] == FIGURE_IMAGE:
        end += 1
    return end - first
