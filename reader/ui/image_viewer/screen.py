"""ImageViewerScreen: a figure as large as the terminal allows, its caption and credit
under it; the article's other figures a key away. Closing it returns the index of the
figure's block shown last, so the article can follow."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Static

from reader.images.figures import Figure
from reader.ui.article_view.figure_paint import PictureReader
from reader.ui.image_viewer.canvas import FigureCanvas
from reader.ui.image_viewer.graphic_canvas import GraphicCanvas
from reader.ui.image_viewer.graphics import prepared
from reader.ui.image_viewer.keys import VIEWER_BINDINGS
from reader.ui.keyhelp import KeyHelp, node_key_help


class ImageViewerScreen(Screen[int]):
    BINDING_GROUP_TITLE = "Figure"
    BINDINGS = VIEWER_BINDINGS
    CSS_PATH = "viewer.tcss"

    def __init__(
        self,
        figures: Sequence[Figure],
        current: int,
        pictures: PictureReader | None,
        title: str = "",
    ) -> None:
        """``figures``: those the viewer steps through (each has a picture);
        ``current``: the index among them shown first."""
        super().__init__()
        self.figures = list(figures)
        self.current = max(0, min(current, len(self.figures) - 1))
        self._title = title
        first = self.figures[self.current]
        mode = prepared()
        self.canvas: FigureCanvas | GraphicCanvas = (
            GraphicCanvas(first, pictures, mode, id="viewer-canvas")
            if mode is not None
            else FigureCanvas(first, pictures, id="viewer-canvas")
        )

    @property
    def figure(self) -> Figure:
        return self.figures[self.current]

    def compose(self) -> ComposeResult:
        yield Static(id="viewer-title", markup=False)
        yield self.canvas
        yield Static(id="viewer-caption", markup=False)
        yield Static(id="viewer-credit", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._describe()

    def _describe(self) -> None:
        figure = self.figure
        where = f"Figure {figure.number}"
        if len(self.figures) > 1:
            where += f" · {self.current + 1} of {len(self.figures)} pictures"
        title = f"{where} · {self._title}" if self._title else where
        self.query_one("#viewer-title", Static).update(Text(title, no_wrap=True, end=""))
        caption = figure.caption or (figure.alt if not figure.credit else "")
        for name, text in (("#viewer-caption", caption), ("#viewer-credit", figure.credit)):
            widget = self.query_one(name, Static)
            widget.update(Text(text))
            widget.display = bool(text)

    def action_step(self, step: int) -> None:
        target = self.current + step
        if not 0 <= target < len(self.figures):
            self.app.bell()
            return
        self.current = target
        self._describe()
        self.canvas.show(self.figure)

    def action_close(self) -> None:
        self.dismiss(self.figure.block)

    def palette_entries(self) -> list[KeyHelp]:
        keymap = dict(self.app.keymap) if hasattr(self.app, "keymap") else None
        return [*node_key_help(self, keymap), *node_key_help(self.app, keymap)]
