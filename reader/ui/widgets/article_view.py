"""ArticleView: the article on Textual's Line API.

Only visible rows are painted (``render_line``), from display lines the pure layout
engine (``reader.ui.layout``) builds. The first screenful is laid out at once; the
rest of the article, and any reflow after a resize, is laid out in a thread worker
and handed over in chunks, so a 5,000-block page paints as fast as a short one and
the event loop never waits on layout. Painted rows are cached per (row, layout,
width, overlay version); an overlay change repaints only the rows it touches.
"""

from __future__ import annotations

import bisect
import gc
import time
from collections.abc import Iterable, Sequence

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from reader.models import Article, Section
from reader.ui.keyseq import (
    CANCEL_KEY,
    VIEW_SEQUENCES,
    KeySequences,
    Outcome,
    SequencePending,
    key_char,
)
from reader.ui.layout.blocks import layout_block
from reader.ui.layout.context import LayoutContext, make_context
from reader.ui.layout.document import ArticleLayout
from reader.ui.layout.lines import (
    END,
    LINKS,
    NO_OFFSET,
    ROLES,
    RUNS,
    SECTION,
    START,
    DisplayLine,
    NumberedLink,
    split_role,
)
from reader.ui.layout.overlays import Overlays, OverlaySpan, apply_overlays, changed_spans
from reader.ui.layout.safe import safe_section
from reader.ui.layout.sections import Outline
from reader.ui.layout.wrap import cells

ROLE_STYLES: dict[str, str] = {
    "heading-1": "bold underline",
    "heading-2": "bold",
    "heading-3": "bold",
    "heading-4": "bold italic",
    "heading-5": "bold",
    "heading-6": "bold dim",
    "heading-rule": "dim",
    "emphasis": "italic",
    "strong": "bold",
    "code": "bold",
    "link": "underline",
    "link-number": "dim",
    "link-hint": "bold reverse",
    "link-url": "dim",
    "bullet": "bold",
    "quote": "italic",
    "quote-bar": "dim",
    "code-keyword": "bold",
    "code-comment": "italic dim",
    "table-border": "dim",
    "table-header": "bold",
    "figure": "italic dim",
    "rule": "dim",
    "section-marker": "bold",
    "section-title": "bold",
    "section-summary": "italic dim",
    "search-hit": "reverse",
    "search-current": "bold reverse",
    "entity-person": "underline",
    "entity-org": "underline",
    "entity-place": "underline",
    "entity-other": "underline",
    "date": "underline",
    "highlight-yellow": "reverse",
    "highlight-green": "reverse",
    "highlight-blue": "reverse",
    "highlight-pink": "reverse",
    "mention-current": "bold reverse",
    "selection": "reverse",
    "cursor": "bold",
}
"""Text styles each role has before CSS adds colours (and may override them)."""
_ROLE_STYLES = {role: Style.parse(style) for role, style in ROLE_STYLES.items()}

GUTTER = 2
"""Cells left of the text column: the cursor marker and a space."""
CURSOR_MARK = "▎"
CHUNK_SECONDS = 0.03
"""Work a layout worker does between hand-overs to the event loop."""
SYNC_BLOCKS = 150
"""A jump this many blocks past the laid-out part is laid out at once, not awaited."""
SIZE_SYNC_SECONDS = 0.25
"""How long rows added below the view may wait before the scrollbar learns of them."""


class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
    """The article, laid out for reading, with collapsible sections and overlays."""

    BINDING_GROUP_TITLE = "Article"
    BINDINGS = [
        Binding(
            "j,down",
            "line_down",
            "Line down",
            show=False,
            id="view.line-down",
            tooltip="Scroll one line down",
        ),
        Binding(
            "k,up",
            "line_up",
            "Line up",
            show=False,
            id="view.line-up",
            tooltip="Scroll one line up",
        ),
        Binding(
            "space,pagedown",
            "page_down",
            "Page down",
            show=False,
            id="view.page-down",
            tooltip="Scroll one page down",
        ),
        Binding(
            "b,pageup",
            "page_up",
            "Page up",
            show=False,
            id="view.page-up",
            tooltip="Scroll one page up",
        ),
        Binding(
            "d",
            "half_page_down",
            "Half page down",
            show=False,
            id="view.half-down",
            tooltip="Scroll half a page down",
        ),
        Binding(
            "u",
            "half_page_up",
            "Half page up",
            show=False,
            id="view.half-up",
            tooltip="Scroll half a page up",
        ),
        Binding(
            "g,home",
            "top",
            "Top",
            show=False,
            id="view.top",
            tooltip="Go to the start of the article",
        ),
        Binding(
            "G,end",
            "bottom",
            "Bottom",
            show=False,
            id="view.bottom",
            tooltip="Go to the end of the article",
        ),
        Binding(
            "right_square_bracket",
            "next_heading",
            "Next heading",
            id="view.next-heading",
            tooltip="Go to the next heading or section",
        ),
        Binding(
            "left_square_bracket",
            "previous_heading",
            "Previous heading",
            show=False,
            id="view.previous-heading",
            tooltip="Go to the previous heading or section",
        ),
        Binding(
            "right_curly_bracket",
            "next_paragraph",
            "Next paragraph",
            show=False,
            id="view.next-paragraph",
            tooltip="Go to the next paragraph",
        ),
        Binding(
            "left_curly_bracket",
            "previous_paragraph",
            "Previous paragraph",
            show=False,
            id="view.previous-paragraph",
            tooltip="Go to the previous paragraph",
        ),
        Binding(
            "enter",
            "toggle_section",
            "Fold",
            id="view.toggle-section",
            tooltip="Collapse or expand the section under the cursor",
        ),
    ]
    KEY_SEQUENCES = VIEW_SEQUENCES
    FREEZE_HEAP = True
    """Move everything alive when an article is shown (the article, the app) out of
    the cyclic collector's sight (``gc.freeze``). A 5,000-block article is tens of
    thousands of objects; every full collection would walk them all again, stalling
    the UI for 50–80 ms, several times while a long page loads or reflows. They hold
    no reference cycles (frozen dataclasses, tuples), so reference counting still
    frees them when the article is replaced; only cyclic garbage that exists at that
    moment stays until exit."""
    COMPONENT_CLASSES = {f"article-view--{role}" for role in ROLES}
    # Colours come from the app's CSS (each role is a component class, styled from theme
    # variables); the widget itself only carries the text styles in ROLE_STYLES, so it
    # reads well alone and its CSS costs nothing to parse at start-up.
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
    """Emphasise link numbers (link-hint mode)."""
    cursor: reactive[int] = reactive(0, repaint=False)
    """A text offset; its row shows a marker. Follows the view when scrolled away."""

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
        self._layout: ArticleLayout | None = None
        self._pending: ArticleLayout | None = None
        self._pending_anchor = 0
        self._paint_generation = 0
        self._strips: LRUCache[tuple[int, int, int, int, bool, bool], Strip] = LRUCache(256)
        self._line_versions: dict[int, int] = {}
        self._overlay_version = 0
        self._overlays = Overlays()
        self._styles: dict[tuple[str, tuple[str, ...]], Style] = {}
        self._keys = KeySequences(self.KEY_SEQUENCES)
        self._target: tuple[int, bool] | None = None
        self._follow_end = False
        self._cursor_line = 0
        self._size_synced = 0.0
        self._render_width: int | None = None

    # --- public API ------------------------------------------------------------------

    @property
    def article(self) -> Article | None:
        return self._article

    def show(self, article: Article) -> None:
        """Lay out and show ``article`` from its top."""
        self.workers.cancel_group(self, "article-layout")
        self._article = article
        if self.FREEZE_HEAP:
            gc.freeze()
        self._ctx = make_context(article)
        self._outline = Outline(self._ctx.article)
        self._collapsed = self._outline.default_collapsed()
        self._layout = self._pending = None
        self._target = None
        self._follow_end = False
        self._overlays.reset()
        self._line_versions.clear()
        self.set_reactive(ArticleView.cursor, 0)
        self._cursor_line = 0
        self.scroll_to(0, 0, animate=False)
        self._start_layout()

    def top_offset(self) -> int:
        """The text offset shown at the top of the view (the reading position)."""
        return self.offset_at(0)

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
        """Scroll so ``offset`` is at the top (or the centre), opening any collapsed
        section that hides it, and put the cursor there."""
        layout = self._layout
        if layout is None or self._ctx is None or self._outline is None:
            self._target = (offset, center)
            return
        offset = max(0, min(offset, len(self._ctx.text)))
        block = self._block_index(offset)
        hidden = {s.id for s in self._outline.enclosing(block) if s.id in self._collapsed}
        if hidden:
            self._apply_collapsed(self._collapsed - hidden, keep=None)
            for section_id in sorted(hidden):
                self.post_message(self.SectionToggled(self, section_id, False))
        if not self._ensure_covered(layout, offset, block):
            self._target = (offset, center)
            return
        self._target = None
        self._scroll_to_line(layout.line_of_offset(offset), center)
        self.cursor = offset

    def sections(self) -> list[Section]:
        return [safe_section(s) for s in self._outline.sections()] if self._outline else []

    def add_sections(self, sections: Sequence[Section]) -> None:
        """Add collapsible passages (e.g. enumerations), shown open."""
        if self._outline is None:
            return
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

    def clear_overlay(self, layer: str) -> None:
        old = self._overlays.clear(layer)
        self._repaint_spans(changed_spans(old, None))

    # --- layout lifecycle --------------------------------------------------------------

    @property
    def _view_width(self) -> int:
        return self.scrollable_content_region.width

    @property
    def _view_height(self) -> int:
        return self.scrollable_content_region.height

    def _column_width(self) -> int:
        return max(0, min(self.measure, self._view_width - GUTTER))

    def _start_layout(self) -> None:
        """Lay out the first screenful now and the rest in the background."""
        width = self._column_width()
        if self._ctx is None or self._outline is None or width <= 0:
            return
        layout = ArticleLayout(self._ctx, self._outline, width, self._collapsed)
        layout.defer_highlighting = True
        layout.compose(compute=True, min_lines=self._view_height + 1)
        self._install(layout, anchor=None)
        if not layout.complete or layout.plain_code:
            # After the first frame: a worker thread started now would compete with
            # painting it for the interpreter lock.
            self.call_after_refresh(self._run_layout_worker, layout)
        else:
            self._layout_finished(layout)

    def _reflow(self) -> None:
        """The column width changed: lay the article out again in the background,
        keeping the current lines on screen until the new ones reach the top row."""
        layout = self._layout
        width = self._column_width()
        if layout is None or width <= 0:
            if layout is None and self._ctx is not None:
                self._start_layout()
            return
        if layout.width == width:
            if self._pending is not None:
                self._pending = None
                if not layout.complete:
                    self._run_layout_worker(layout)
            return
        self._pending_anchor = self.top_offset() if self._pending is None else self._pending_anchor
        self._pending = ArticleLayout(layout.ctx, layout.outline, width, self._collapsed)
        self._pending.defer_highlighting = True
        self._run_layout_worker(self._pending)

    def _run_layout_worker(self, layout: ArticleLayout) -> None:
        if layout is not self._layout and layout is not self._pending:
            return  # replaced (another article, or a reflow) before it started
        self.run_worker(
            lambda: self._lay_out_in_background(layout),
            thread=True,
            exclusive=True,
            group="article-layout",
            exit_on_error=False,
            name="article layout",
        )

    def _lay_out_in_background(self, layout: ArticleLayout) -> None:
        worker = get_current_worker()
        count = len(layout.block_lines)
        index = layout.first_missing()
        try:
            while True:
                # Code laid out plain on the event loop gets its highlighting here.
                while layout.plain_code:
                    plain = layout.plain_code.pop()
                    lines = layout_block(layout.ctx, plain, layout.width)
                    self.app.call_from_thread(self._upgrade, layout, plain, lines)
                if index >= count or worker.is_cancelled:
                    break
                first = index
                chunk: list[tuple[DisplayLine, ...]] = []
                deadline = time.perf_counter() + CHUNK_SECONDS
                while index < count and time.perf_counter() < deadline:
                    done = layout.block_lines[index]
                    chunk.append(done or layout_block(layout.ctx, index, layout.width))
                    index += 1
                if worker.is_cancelled:
                    return
                self.app.call_from_thread(self._receive, layout, first, chunk)
            if not worker.is_cancelled:
                self.app.call_from_thread(self._layout_finished, layout)
        except RuntimeError:
            return  # the app is closing: nothing left to show the layout in

    def _upgrade(self, layout: ArticleLayout, index: int, lines: tuple[DisplayLine, ...]) -> None:
        rows = layout.replace_block(index, lines)
        if layout is not self._layout:
            return
        if rows is None:
            self._repaint_all()
            self._lines_added()
            return
        self._overlay_version += 1
        top = self.scroll_offset.y
        for row in rows:
            self._line_versions[row] = self._overlay_version
            if top <= row < top + self._view_height:
                self.refresh_line(row)

    def _receive(
        self, layout: ArticleLayout, first: int, chunk: list[tuple[DisplayLine, ...]]
    ) -> None:
        layout.receive(first, chunk)
        if layout is self._layout:
            if layout.compose():
                self._lines_added()
        elif layout is self._pending:
            layout.compose()
            anchor_line = layout.line_of_offset(self._pending_anchor)
            if layout.covers(self._pending_anchor) and (
                len(layout.lines) >= anchor_line + self._view_height
            ):
                self._install(layout, anchor=self._pending_anchor)

    def _layout_finished(self, layout: ArticleLayout) -> None:
        if layout is self._pending:
            layout.compose()
            self._install(layout, anchor=self._pending_anchor)
        if layout is self._layout:
            if layout.compose():
                self._lines_added()
            self.post_message(self.LayoutReady(self))

    def _install(self, layout: ArticleLayout, anchor: int | None) -> None:
        self._layout = layout
        if layout is self._pending:
            self._pending = None
        self._repaint_all()
        if anchor is not None:
            self._scroll_to_line(layout.line_of_offset(anchor), center=False)
        self._cursor_line = layout.line_of_offset(self.cursor)
        self._lines_added()

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
            offset, center = self._target
            if layout.covers(offset):
                self._target = None
                self._scroll_to_line(layout.line_of_offset(offset), center)
                self.cursor = offset
        if self._follow_end:
            self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)
            self._follow_end = not layout.complete
        self._cursor_line = layout.line_of_offset(self.cursor)

    def _ensure_covered(self, layout: ArticleLayout, offset: int, block: int) -> bool:
        """Compose up to ``offset`` now if it is close (or the layout is done)."""
        if layout.covers(offset):
            return True
        if block - layout.next_block > SYNC_BLOCKS:
            return False
        while not layout.covers(offset) and not layout.complete:
            layout.compose(compute=True, min_lines=len(layout.lines) + self._view_height)
        layout.compose(compute=True, min_lines=layout.line_of_offset(offset) + self._view_height)
        self._lines_added()
        return True

    def _block_index(self, offset: int) -> int:
        assert self._ctx is not None
        blocks = self._ctx.article.blocks
        lo, hi = 0, len(blocks)
        while lo < hi:
            mid = (lo + hi) // 2
            if blocks[mid].end <= offset:
                lo = mid + 1
            else:
                hi = mid
        return min(lo, max(0, len(blocks) - 1))

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
        if self._pending is not None:
            self._pending.set_collapsed(self._collapsed)
        self._repaint_all()
        self._lines_added()
        if row is not None and header in layout.section_line:
            self.scroll_to(
                y=max(0, layout.section_line[header] - row), animate=False, immediate=True
            )
            if not 0 <= row < self._view_height:
                self._scroll_to_line(layout.section_line[header], center=False)
        elif keep is not None:
            self._scroll_to_line(layout.line_of_offset(keep), center=False)
        self._cursor_line = layout.line_of_offset(self.cursor)

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
        for start, end, _ in spans:
            first = layout.line_of_offset(start)
            last = layout.line_of_offset(max(start, end - 1))
            for index in range(first, last + 1):
                self._line_versions[index] = version
                if top <= index < bottom:
                    visible.add(index)
        for index in visible:
            self.refresh_line(index)

    def notify_style_update(self) -> None:
        self._styles.clear()
        self._strips.clear()
        super().notify_style_update()

    def watch_hints(self) -> None:
        self._strips.clear()
        self.refresh()

    def watch_measure(self) -> None:
        self._reflow()

    def on_resize(self, event: events.Resize) -> None:
        self._strips.clear()
        self._reflow()

    def _style(self, role: str, overlays: tuple[str, ...]) -> Style:
        key = (role, overlays)
        style = self._styles.get(key)
        if style is None:
            style = self.rich_style
            for name in (*role.split(), *overlays):
                fallback = _ROLE_STYLES.get(name)
                if fallback is not None:
                    style += fallback
                style += self.get_component_rich_style(f"article-view--{name}", partial=True)
            self._styles[key] = style
        return style

    def render_lines(self, crop: Region) -> list[Strip]:
        # Lay out on the first render, when the size is known, so the article is in
        # the very first frame rather than the one after the first resize.
        if self._layout is None and self._ctx is not None:
            self._start_layout()
        self._render_width = self._view_width
        try:
            return super().render_lines(crop)
        finally:
            self._render_width = None

    def render_line(self, y: int) -> Strip:
        layout = self._layout
        index = self.scroll_offset.y + y
        width = self._render_width or self._view_width
        if layout is None or index >= len(layout.lines):
            return Strip.blank(width, self.rich_style)
        is_cursor = index == self._cursor_line
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
            strip = self._paint(layout.lines[index], layout.width, width, is_cursor)
            self._strips[key] = strip
        return strip

    def _paint(self, line: DisplayLine, column: int, width: int, is_cursor: bool) -> Strip:
        base = self.rich_style
        left = max(0, (width - column - GUTTER) // 2)
        segments = [Segment(" " * left, base)] if left else []
        if is_cursor:
            segments.append(Segment(CURSOR_MARK, self._style("cursor", ())))
            segments.append(Segment(" ", base))
        else:
            segments.append(Segment(" " * GUTTER, base))
        used = left + GUTTER
        hints = self.hints
        painted = apply_overlays(line[RUNS], self._overlays.spans_in(line[START], line[END]))
        for text, role, overlays in painted:
            if not text:
                continue
            if "\t" in text:
                text = text.replace("\t", " ")
            role = split_role(role)[0]
            if hints and role == "link-number":
                role = "link-number link-hint"
            segments.append(Segment(text, self._style(role, overlays)))
            used += cells(text)
        if used < width:
            segments.append(Segment(" " * (width - used), base))
        strip = Strip(segments, max(used, width))
        return strip.crop(0, width) if used > width else strip

    # --- scrolling and the cursor -------------------------------------------------------

    def _scroll_to_line(self, line: int, center: bool) -> None:
        self._sync_size()
        y = line - self._view_height // 2 if center else line
        self.scroll_to(y=max(0, y), animate=False, immediate=True)

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
        if self._cursor_line < top:
            self.cursor = layout.lines[top][START]
        elif self._cursor_line > bottom:
            self.cursor = layout.lines[max(top, bottom)][START]

    def watch_cursor(self, old: int, new: int) -> None:
        layout = self._layout
        if layout is None:
            return
        before = self._cursor_line
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

    def action_toggle_section(self) -> None:
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
        self.post_message(SequencePending(step.pending))
        if step.outcome == Outcome.MATCHED and step.action:
            await self.run_action(step.action)
        elif step.outcome == Outcome.UNMATCHED:
            self.app.bell()

    def on_click(self, event: events.Click) -> None:
        layout = self._layout
        offset = event.get_content_offset(self)
        if layout is None or offset is None:
            return
        index = self.scroll_offset.y + offset.y
        if not 0 <= index < len(layout.lines):
            return
        line = layout.lines[index]
        left = max(0, (self._view_width - layout.width - GUTTER) // 2) + GUTTER
        column = offset.x - left
        hit = _run_at(line, column)
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
        if hit is not None and hit[2] != NO_OFFSET:
            self.cursor = hit[2]

    def _link_number(self, line: DisplayLine, role: str) -> int | None:
        styles, number = split_role(role)
        if number is None and "link" in styles.split() and len(line[LINKS]) == 1:
            number = line[LINKS][0]
        return number


def _run_at(line: DisplayLine, column: int) -> tuple[str, str, int] | None:
    """The run under cell ``column`` of the text column, if any."""
    if column < 0:
        return None
    position = 0
    for run in line[RUNS]:
        width = cells(run[0])
        if position <= column < position + width:
            return run
        position += width
    return None
