"""The article view's background layout: the first screenful is laid out by the view on
the event loop; this job lays out the rest of the article in a thread worker and hands
blocks over in chunks. A reflow after a resize is laid out the same way while the old
lines stay on screen, and replaces them once it reaches the row at the top of the view.

Only pure layout (``reader.ui.article_view.layout``) runs in the worker; the view hears
of the results on the event loop, through the call-backs it gave the job:
``install`` (a reflow is ready to replace what is on screen), ``refresh`` (rows of
the layout on screen changed) and ``finished`` (the layout on screen is complete).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from enum import Enum

from textual.widget import Widget
from textual.worker import get_current_worker

from reader.ui.article_view.layout.blocks import layout_block
from reader.ui.article_view.layout.document import ArticleLayout
from reader.ui.article_view.layout.lines import DisplayLine

CHUNK_SECONDS = 0.03
"""Work a layout worker does between hand-overs to the event loop."""
GROUP = "article-layout"


class Relaid(Enum):
    ALL_ROWS = "all"
    """Every row may have changed (a block's line count changed)."""


Install = Callable[[ArticleLayout, int], None]
Refresh = Callable[[ArticleLayout, Sequence[int] | Relaid | None], None]
"""Rows of the layout that changed; None when lines were added at its end."""
Finished = Callable[[ArticleLayout], None]


class LayoutJob:
    """For one view (``runner``, which owns the worker): ``current`` is the layout on
    screen, ``pending`` a reflow being laid out beside it."""

    def __init__(
        self, runner: Widget, install: Install, refresh: Refresh, finished: Finished
    ) -> None:
        self._runner = runner
        self._install = install
        self._refresh = refresh
        self._finished = finished
        self.current: ArticleLayout | None = None
        self.pending: ArticleLayout | None = None
        self.pending_anchor = 0
        """The text offset at the top of the view when the reflow began."""

    def reset(self) -> None:
        """Another article: drop both layouts and the work on them."""
        self._runner.workers.cancel_group(self._runner, GROUP)
        self.current = self.pending = None

    def installed(self, layout: ArticleLayout) -> None:
        """``layout`` is on screen now."""
        self.current = layout
        if layout is self.pending:
            self.pending = None

    def continue_after_first_frame(self, layout: ArticleLayout) -> None:
        """The view laid out the first screenful of ``layout``: the rest follows once
        the first frame is painted (a worker thread started now would compete with
        painting it for the interpreter lock)."""
        if not layout.complete or layout.plain_code:
            self._runner.call_after_refresh(self.run, layout)
        else:
            self._layout_finished(layout)

    def reflow(self, layout: ArticleLayout, top_offset: int) -> None:
        """Lay ``layout`` (the article at a new width) out beside the current one."""
        if self.pending is None:
            self.pending_anchor = top_offset
        self.pending = layout
        self.run(layout)

    def keep_current(self) -> None:
        """The width went back to the current layout's: drop the reflow."""
        current = self.current
        self.pending = None
        if current is not None and not current.complete:
            self.run(current)

    def run(self, layout: ArticleLayout) -> None:
        if layout is not self.current and layout is not self.pending:
            return  # replaced (another article, or a reflow) before it started
        self._runner.run_worker(
            lambda: self._lay_out_in_background(layout),
            thread=True,
            exclusive=True,
            group=GROUP,
            exit_on_error=False,
            name="article layout",
        )

    # --- in the worker thread ------------------------------------------------------------

    def _lay_out_in_background(self, layout: ArticleLayout) -> None:
        worker = get_current_worker()
        call = self._runner.app.call_from_thread
        count = len(layout.block_lines)
        index = layout.first_missing()
        try:
            while True:
                # Code laid out plain on the event loop gets its highlighting here.
                while layout.plain_code:
                    plain = layout.plain_code.pop()
                    lines = layout_block(
                        layout.ctx, plain, layout.width, figure_rows=layout.figure_rows
                    )
                    call(self._upgrade, layout, plain, lines)
                if index >= count or worker.is_cancelled:
                    break
                first = index
                chunk: list[tuple[DisplayLine, ...]] = []
                deadline = time.perf_counter() + CHUNK_SECONDS
                while index < count and time.perf_counter() < deadline:
                    done = layout.block_lines[index]
                    chunk.append(
                        done
                        or layout_block(
                            layout.ctx, index, layout.width, figure_rows=layout.figure_rows
                        )
                    )
                    index += 1
                if worker.is_cancelled:
                    return
                call(self._receive, layout, first, chunk)
            if not worker.is_cancelled:
                call(self._layout_finished, layout)
        except RuntimeError:
            return  # the app is closing: nothing left to show the layout in

    # --- back on the event loop ----------------------------------------------------------

    def _upgrade(self, layout: ArticleLayout, index: int, lines: tuple[DisplayLine, ...]) -> None:
        rows = layout.replace_block(index, lines)
        if layout is self.current:
            self._refresh(layout, Relaid.ALL_ROWS if rows is None else rows)

    def _receive(
        self, layout: ArticleLayout, first: int, chunk: list[tuple[DisplayLine, ...]]
    ) -> None:
        layout.receive(first, chunk)
        if layout is self.current:
            if layout.compose():
                self._refresh(layout, None)
        elif layout is self.pending:
            layout.compose()
            anchor = self.pending_anchor
            if (
                layout.covers(anchor)
                and len(layout.lines)
                >= layout.line_of_offset(anchor) + self._runner.scrollable_content_region.height
            ):
                self._install(layout, anchor)

    def _layout_finished(self, layout: ArticleLayout) -> None:
        if layout is self.pending:
            layout.compose()
            self._install(layout, self.pending_anchor)
        if layout is self.current:
            if layout.compose():
                self._refresh(layout, None)
            self._finished(layout)
