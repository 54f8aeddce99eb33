"""The pictures of the article view: decoded off the event loop, cached, painted row
by row on the rows the layout reserved for them (``figure-image`` rows).

A picture is read and decoded in one background thread (one at a time: a page of 50
figures scrolled past quickly queues them rather than starting 50 threads), only when
one of its rows is first painted. Until it is ready its rows are blank, at the height
the layout reserved from its intrinsic size, so nothing moves when it arrives; a
picture that cannot be drawn shows its alt text and why on its first row.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol

from rich.cells import cell_len
from rich.color import Color, ColorSystem
from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.strip import Strip

from reader.images.decode import Failure
from reader.images.halfblock import HalfBlockImage, nearest_256, render
from reader.models import Block
from reader.sanitize import clean_line
from reader.ui.article_view.layout.blocks import FIGURE_IMAGE

__all__ = ["FIGURE_IMAGE", "FigurePainter", "PictureReader", "picture_segments"]

Key = tuple[int, int, int]
"""(block index, columns, rows)."""
Painted = tuple[tuple[Segment, ...], ...]
"""A picture's rows as segments (cells of one colour pair merged), ready to paint."""
Result = Painted | Failure


class PictureReader(Protocol):
    def read(self, reference: str) -> bytes | None: ...


class FigurePainter:
    """Decoded pictures of one article, by (block, columns, rows)."""

    def __init__(
        self,
        on_ready: Callable[[int], None],
        call: Callable[..., object],
        colours: Callable[[], str | None] = lambda: "truecolor",
    ) -> None:
        """``on_ready(block)`` runs on the event loop (through ``call``, the app's
        ``call_from_thread``) when a block's picture is ready; ``colours`` says the
        terminal's colour system (Rich's name for it)."""
        self._on_ready = on_ready
        self._call = call
        self._colours = colours
        self._results: LRUCache[Key, Result] = LRUCache(64)
        self._asked: set[Key] = set()
        self._pool: ThreadPoolExecutor | None = None
        self._generation = 0
        self.pictures: PictureReader | None = None

    def reset(self, pictures: PictureReader | None) -> None:
        """A new article, or a new theme: forget the pictures painted so far (those
        queued are dropped when their turn comes)."""
        self._generation += 1
        self._results.clear()
        self._asked.clear()
        if pictures is not None:
            self.pictures = pictures

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def row(
        self,
        block: Block,
        index: int,
        box: tuple[int, int, int],
        left: int,
        width: int,
        styles: tuple[Style, Style],
    ) -> Strip:
        """Row ``row`` of block ``index``'s picture (``box`` is row, columns, rows),
        in the text column that starts at ``left`` in a view ``width`` wide; ``styles``
        are the view's own and the caption's."""
        row, columns, rows = box
        base, caption = styles
        key = (index, columns, rows)
        result = self._results.get(key)
        if result is None:
            self._ask(key, block, base)
            return Strip.blank(width, base)
        if isinstance(result, Failure):
            if row:
                return Strip.blank(width, base)
            text = f"[image: {clean_line(block.alt) or 'no description'} — {result.value}]"
            return _line([Segment(" " * left, base), Segment(text, caption)], width, base)
        if row >= len(result):
            return Strip.blank(width, base)
        cells = sum(len(segment.text) for segment in result[row])
        # Centred in the reserved box (a picture may come out a cell narrower).
        pad = left + max(0, (columns - cells) // 2)
        return _line([Segment(" " * pad, base), *result[row]], width, base)

    def _ask(self, key: Key, block: Block, base: Style) -> None:
        if key in self._asked or self.pictures is None or not block.image:
            return
        self._asked.add(key)
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="figures")
        job = (key, block.image, self.pictures, base, self._colours(), self._generation)
        self._pool.submit(self._decode, *job)

    def _decode(
        self,
        key: Key,
        reference: str,
        pictures: PictureReader,
        base: Style,
        colours: str | None,
        generation: int,
    ) -> None:
        if generation != self._generation:
            return  # another article (or theme) is shown now
        try:
            data = pictures.read(reference)
            cells = Failure.MISSING if data is None else render(data, key[1], key[2])
            result: Result = (
                cells if isinstance(cells, Failure) else picture_segments(cells, base, colours)
            )
        except Exception:  # a picture that breaks the decoder is only a placeholder
            result = Failure.BROKEN
        with contextlib.suppress(RuntimeError):  # the app is gone
            self._call(self._deliver, key, result, generation)

    def _deliver(self, key: Key, result: Result, generation: int) -> None:
        if generation != self._generation:
            return
        self._results[key] = result
        self._on_ready(key[0])


_SYSTEMS = {
    "truecolor": ColorSystem.TRUECOLOR,
    "256": ColorSystem.EIGHT_BIT,
    "standard": ColorSystem.STANDARD,
    "windows": ColorSystem.WINDOWS,
}
"""Rich's colour systems by the name its console gives them."""


def picture_segments(
    picture: HalfBlockImage, base: Style, colours: str | None = "truecolor"
) -> Painted:
    """The picture's rows as segments, built in the worker thread: painting a row is
    then only joining them (a Rich style per cell on the event loop cost 2 ms a row).
    ``colours`` is the terminal's colour system (Rich's name for it). In a 256-colour
    terminal the colours are chosen from its palette here: Rich would otherwise match
    every colour of a photograph to it on each frame (tens of milliseconds a frame).

    Each style's escape sequence is worked out here too (``Strip.render_ansi`` keeps
    it on the style): a photograph has a thousand colour pairs or more, each new to
    the terminal writer, which otherwise spent ~20 ms a frame on them while pictures
    scrolled into view."""
    background = base.bgcolor
    palette = colours == "256"
    system = _SYSTEMS.get(colours or "")

    def colour(rgb: tuple[int, int, int]) -> Color:
        return Color.from_ansi(nearest_256(rgb)) if palette else Color.from_rgb(*rgb)

    styles: dict[tuple[object, object], Style] = {}
    painted = []
    for cells in picture.rows:
        segments: list[Segment] = []
        run = ""
        current: Style | None = None
        for char, fg, bg in cells:
            pair = (fg, bg)
            style = styles.get(pair)
            if style is None:
                style = styles[pair] = Style(
                    color=colour(fg) if fg else None,
                    bgcolor=colour(bg) if bg else background,
                )
                if system is not None:
                    Strip.render_ansi(style, system)
            if style is current:
                run += char
                continue
            if run:
                segments.append(Segment(run, current))
            run, current = char, style
        if run:
            segments.append(Segment(run, current))
        painted.append(tuple(segments))
    return tuple(painted)


def _line(segments: list[Segment], width: int, base: Style) -> Strip:
    used = sum(cell_len(segment.text) for segment in segments)
    if used < width:
        segments.append(Segment(" " * (width - used), base))
    strip = Strip([segment for segment in segments if segment.text], max(used, width))
    return strip.crop(0, width) if used > width else strip
