"""Background layout for ArticleView (a mixin): the first screenful is laid out on
the event loop, the rest of the article in a thread worker that hands blocks over in
chunks; a reflow after a resize is laid out the same way while the old lines stay
on screen, and replaces them once it reaches the row at the top of the view.

Only pure layout (``reader.ui.article_view.layout``) runs in the worker; everything that touches
the widget runs on the event loop through ``call_from_thread``.
"""

from __future__ import annotations

import gc
import time
from typing import TYPE_CHECKING

from textual.worker import get_current_worker

from reader.ui.article_view.layout.blocks import layout_block
from reader.ui.article_view.layout.document import ArticleLayout
from reader.ui.article_view.layout.lines import DisplayLine

if TYPE_CHECKING:
    from reader.ui.article_view.view import ArticleView

CHUNK_SECONDS = 0.03
"""Work a layout worker does between hand-overs to the event loop."""


class BackgroundLayout:
    """Mixed into ArticleView; the methods below use its state (``_layout`` on screen,
    ``_pending`` while a reflow is under way)."""

    def _start_layout(self: ArticleView) -> None:
        """Lay out the first screenful now and the rest in the background."""
        width = self._column_width()
        if self._ctx is None or self._outline is None or width <= 0:
            return
        layout = ArticleLayout(self._ctx, self._outline, width, self._collapsed)
        layout.defer_highlighting = True
        layout.compose(compute=True, min_lines=self._view_height + 1)
        self._install(layout, anchor=None)
        # A scroll asked for before the view had a size: the first frame shows its
        # place rather than the top, when that place is close enough to lay out now.
        self._perform_target(sync=True)
        if not layout.complete or layout.plain_code:
            # After the first frame: a worker thread started now would compete with
            # painting it for the interpreter lock.
            self.call_after_refresh(self._run_layout_worker, layout)
        else:
            self._layout_finished(layout)

    def _reflow(self: ArticleView) -> None:
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

    def _run_layout_worker(self: ArticleView, layout: ArticleLayout) -> None:
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

    def _lay_out_in_background(self: ArticleView, layout: ArticleLayout) -> None:
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

    def _upgrade(
        self: ArticleView, layout: ArticleLayout, index: int, lines: tuple[DisplayLine, ...]
    ) -> None:
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
        self: ArticleView, layout: ArticleLayout, first: int, chunk: list[tuple[DisplayLine, ...]]
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

    def _layout_finished(self: ArticleView, layout: ArticleLayout) -> None:
        if layout is self._pending:
            layout.compose()
            self._install(layout, anchor=self._pending_anchor)
        if layout is self._layout:
            if layout.compose():
                self._lines_added()
            if self.FREEZE_HEAP:
                gc.freeze()
            self.post_message(self.LayoutReady(self))
