"""GraphicCanvas: one picture drawn by the terminal itself (kitty graphics or Sixel,
see ``graphics``), centred and as large as the canvas.

The picture is read and decoded (bounded, as everywhere: ``reader.images.decode``)
in a thread worker; the terminal scales it to the cells it is given. A picture that
cannot be drawn shows its alt text and why, like the half-block canvas.
"""

from __future__ import annotations

from textual import work
from textual.containers import Container
from textual.widgets import Static
from textual.worker import get_current_worker

from reader.images.decode import MAX_SCALED_PIXELS, Decoded, Failure, decode_scaled
from reader.images.figures import Figure
from reader.images.terminal import DrawMode
from reader.ui.article_view.figure_paint import PictureReader
from reader.ui.image_viewer.graphics import picture_widget

MAX_PIXELS_SIDE = int(MAX_SCALED_PIXELS**0.5)
"""Longest side of the picture handed to the terminal (2,000 pixels): more than any
screen shows of it, and what is sent down the terminal's line stays bounded."""


class GraphicCanvas(Container):
    def __init__(
        self,
        figure: Figure,
        pictures: PictureReader | None,
        mode: DrawMode,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.figure = figure
        self.mode = mode
        self._pictures = pictures
        self.failure: Failure | None = None
        self.drawn = False
        """A picture (or its placeholder) is mounted."""

    def on_mount(self) -> None:
        self._load(self.figure)

    def show(self, figure: Figure) -> None:
        self.figure = figure
        self._load(figure)

    @work(thread=True, exclusive=True, exit_on_error=False, group="figure-viewer")
    def _load(self, figure: Figure) -> None:
        reference, pictures = figure.image, self._pictures
        data = pictures.read(reference) if pictures and reference else None
        result: Decoded | Failure
        try:
            result = (
                Failure.MISSING
                if data is None
                else decode_scaled(data, MAX_PIXELS_SIDE, MAX_PIXELS_SIDE)
            )
        except Exception:  # a picture that breaks the decoder is only a placeholder
            result = Failure.BROKEN
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._deliver, figure, result)

    async def _deliver(self, figure: Figure, result: Decoded | Failure) -> None:
        if figure is not self.figure:
            return
        box = self
        await box.remove_children()
        if isinstance(result, Failure):
            self.failure = result
            alt = figure.alt or "no description"
            await box.mount(Static(f"[image: {alt} — {result.value}]", markup=False))
        else:
            from PIL import Image

            self.failure = None
            picture = Image.frombytes("RGBA", (result.width, result.height), result.rgba)
            await box.mount(picture_widget(self.mode, picture, "graphic-picture"))
        self.drawn = True
