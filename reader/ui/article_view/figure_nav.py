"""The article view's figure keys: ``p``/``P`` step through the figures (picture at the
top, the passage cursor on the caption), Enter on a figure asks for the full-screen
viewer. A part of ``ArticleView`` kept in its own module; the stepping itself is in
``figure_steps`` (pure functions of the layout)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from reader.ui.article_view import figure_steps

if TYPE_CHECKING:
    from textual.app import App

    from reader.models import Article
    from reader.ui.article_view.figure_paint import FigurePainter, PictureReader
    from reader.ui.article_view.layout.document import ArticleLayout
    from reader.ui.article_view.layout.sections import Outline


class FigureNavigation:
    """Mixed into ``ArticleView``: what it needs of the view is declared below."""

    if TYPE_CHECKING:
        app: App[object]
        cursor_hidden: bool
        scroll_pending: bool
        _article: Article | None
        _outline: Outline | None
        _figures: FigurePainter
        _cursor_line: int
        _follow_end: bool

        @property
        def _layout(self) -> ArticleLayout | None: ...
        @property
        def _view_height(self) -> int: ...
        @property
        def scroll_offset(self) -> object: ...
        def post_message(self, message: Message) -> bool: ...
        def scroll_to_offset(self, offset: int, *, center: bool = False) -> None: ...
        def _scroll_to_line(self, line: int, center: bool) -> None: ...

    class FigureChosen(Message):
        """Enter on a figure: the reader wants to see its picture full-screen."""

        def __init__(self, view: object, block: int) -> None:
            self.view = view
            self.block = block
            super().__init__()

        @property
        def control(self) -> object:
            return self.view

    @property
    def pictures(self) -> PictureReader | None:
        """Where the shown article's pictures are read from."""
        return self._figures.pictures if self._article is not None else None

    def figure_at_cursor(self) -> int | None:
        """The figure block the passage cursor is on (its picture or caption), if any."""
        layout = self._layout
        if layout is None or self._article is None or self.cursor_hidden:
            return None
        return figure_steps.figure_on_row(layout, self._article, self._cursor_line)

    def figures_in_view(self) -> list[int]:
        """The figure blocks with a row on screen, top first."""
        layout, article = self._layout, self._article
        if layout is None or article is None:
            return []
        top = self.scroll_offset.y  # type: ignore[attr-defined]
        rows = range(top, min(top + self._view_height, len(layout.lines)))
        found = (figure_steps.figure_on_row(layout, article, row) for row in rows)
        return list(dict.fromkeys(block for block in found if block is not None))

    def figure_chosen(self) -> bool:
        """Enter: on a figure, ask for the viewer (True); elsewhere False (a fold)."""
        figure = self.figure_at_cursor()
        if figure is None:
            return False
        self.post_message(self.FigureChosen(self, figure))
        return True

    def action_next_figure(self) -> None:
        self._step_figure(forward=True)

    def action_previous_figure(self) -> None:
        self._step_figure(forward=False)

    def _step_figure(self, forward: bool) -> None:
        layout, outline, article = self._layout, self._outline, self._article
        if layout is None or outline is None or article is None or not layout.lines:
            return
        top = self.scroll_offset.y  # type: ignore[attr-defined]
        on_screen = top <= self._cursor_line < top + self._view_height
        row = min(self._cursor_line if on_screen else top, len(layout.lines) - 1)
        current = figure_steps.block_at_row(layout, outline, row)
        target = figure_steps.step(figure_steps.figure_blocks(article), current, forward)
        if target is None:
            self.app.bell()
            return
        self.show_figure(target)

    def show_figure(self, block: int) -> None:
        """Scroll figure block ``block``'s picture to the top, the cursor on its caption."""
        if self._article is None or not 0 <= block < len(self._article.blocks):
            return
        self._follow_end = False
        self.scroll_to_offset(self._article.blocks[block].start)
        layout = self._layout
        if layout is not None and not self.scroll_pending and layout.block_line[block] >= 0:
            self._scroll_to_line(layout.block_line[block], center=False)
