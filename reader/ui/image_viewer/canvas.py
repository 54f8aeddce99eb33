"""FigureCanvas: one picture drawn with half blocks, as large as the widget.

The picture is read and scaled in a thread worker whenever the widget's size changes
(the bytes are read once); until the first result arrives the canvas is blank, and on
a resize the previous drawing stays until the new one is ready. A picture that cannot
be drawn shows its alt text and why, centred.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import work
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget
from textual.worker import get_current_worker

from reader.images.decode import Failure
from reader.images.figures import Figure
from reader.images.halfblock import render
from reader.ui.article_view.figure_paint import PictureReader, picture_segments

Painted = tuple[tuple[Segment, ...], ...]


class FigureCanvas(Widget):
    """The picture of one figure, centred, scaled up or down to fill the widget."""

    def __init__(
        self, figure: Figure, pictures: PictureReader | None, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.figure = figure
        self._pictures = pictures
        self._bytes: tuple[Figure, bytes | None] | None = None
        """The picture's bytes, read once per figure (a resize only scales again)."""
        self._painted: Painted | None = None
        self._failure: Failure | None = None
        self._drawn_for: Size | None = None
        self._strips: dict[int, Strip] = {}

    def show(self, figure: Figure) -> None:
        """Draw another figure (stepping through the article's)."""
        self.figure = figure
        self._painted, self._failure, self._drawn_for = None, None, None
        self._strips.clear()
        self._draw()
        self.refresh()

    @property
    def painted_size(self) -> Size | None:
        """Columns × rows of the picture drawn now (None: nothing drawn yet)."""
        if self._painted is None:
            return None
        width = max((sum(len(s.text) for s in row) for row in self._painted), default=0)
        return Size(width, len(self._painted))

    @property
    def failure(self) -> Failure | None:
        return self._failure

    def on_resize(self) -> None:
        self._draw()

    def on_mount(self) -> None:
        self._draw()

    def _draw(self) -> None:
        size = self.size
        if size.width < 1 or size.height < 1 or size == self._drawn_for:
            return
        self._scale(size, self.rich_style, self.app.console.color_system)

    @work(thread=True, exclusive=True, exit_on_error=False, group="figure-viewer")
    def _scale(self, size: Size, base: Style, colours: str | None) -> None:
        figure = self.figure
        known = self._bytes
        if known is not None and known[0] is figure:
            data = known[1]
        else:
            reference, pictures = figure.image, self._pictures
            data = pictures.read(reference) if pictures and reference else None
            self._bytes = (figure, data)
        if get_current_worker().is_cancelled:
            return
        result: Painted | Failure
        if data is None:
            result = Failure.MISSING
        else:
            try:
                cells = render(data, size.width, size.height, enlarge=True)
                result = (
                    cells if isinstance(cells, Failure) else picture_segments(cells, base, colours)
                )
            except Exception:  # a picture that breaks the decoder is only a placeholder
                result = Failure.BROKEN
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._deliver, figure, size, result)

    def _deliver(self, figure: Figure, size: Size, result: Painted | Failure) -> None:
        if figure is not self.figure:
            return  # stepped to another figure meanwhile
        self._drawn_for = size
        self._strips.clear()
        if isinstance(result, Failure):
            self._painted, self._failure = None, result
        else:
            self._painted, self._failure = result, None
        self.refresh()

    def render_line(self, y: int) -> Strip:
        strip = self._strips.get(y)
        if strip is None:
            strip = self._strips[y] = self._line(y)
        return strip

    def _line(self, y: int) -> Strip:
        width, height = self.size
        base = self.rich_style
        if self._failure is not None:
            if y != height // 2:
                return Strip.blank(width, base)
            alt = self.figure.alt or "no description"
            text = f"[image: {alt} — {self._failure.value}]"[:width]
            return _centred([Segment(text, base)], len(text), width, base)
        painted = self._painted
        if painted is None:
            return Strip.blank(width, base)
        top = max(0, (height - len(painted)) // 2)
        row = y - top
        if not 0 <= row < len(painted):
            return Strip.blank(width, base)
        segments = list(painted[row])
        return _centred(segments, sum(len(s.text) for s in segments), width, base)


def _centred(segments: list[Segment], cells: int, width: int, base: Style) -> Strip:
    pad = max(0, (width - cells) // 2)
    line = [Segment(" " * pad, base), *segments]
    rest = width - pad - cells
    if rest > 0:
        line.append(Segment(" " * rest, base))
    return Strip(line).crop(0, width)
