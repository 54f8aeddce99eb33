"""The pictures of the article view: decoded off the event loop, cached, painted row
by row on the rows the layout reserved for them (``figure-image`` rows).

A picture is read and decoded in one background thread (one at a time: a page of 50
figures scrolled past quickly queues them rather than starting 50 threads), only when
one of its rows is first painted. Until it is ready its rows are blank, at the height
the layout reserved from its intrinsic size, so nothing moves when it arrives; a
picture that cannot be drawn shows its alt text and why on its first row.

With ``graphics`` set (kitty or Sixel, see ``figure_graphics``) the same rows are drawn
by the terminal's own graphics instead of half blocks.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Protocol

from rich.cells import cell_len
from rich.color import Color, ColorSystem
from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.strip import Strip

from reader.images import kitty
from reader.images.decode import Failure
from reader.images.halfblock import HalfBlockImage, nearest_256, render
from reader.images.sixel_rows import SixelRows
from reader.models import Block
from reader.sanitize import clean_line
from reader.ui.article_view.figure_graphics import (
    Cell,
    Encoded,
    Graphics,
    KittyPicture,
    encode,
    kitty_row,
    sixel_row,
)
from reader.ui.article_view.layout.blocks import FIGURE_IMAGE

__all__ = ["FIGURE_IMAGE", "FigurePainter", "PictureReader", "picture_segments"]

Key = tuple[int, int, int]
"""(block index, columns, rows)."""
Painted = tuple[tuple[Segment, ...], ...]
"""A picture's rows as segments (cells of one colour pair merged), ready to paint."""
Result = Painted | Failure | SixelRows


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
        self.graphics: Graphics | None = None
        """Draw with kitty graphics or Sixel rather than half blocks (set before the
        first picture of an article is asked for)."""
        self.write: Callable[[str], object] = lambda data: None
        """Writes escape sequences to the terminal between frames (kitty)."""
        self.cell_size: Callable[[], tuple[int, int]] = lambda: (10, 20)
        """The terminal's cell in pixels (Sixel slices are one cell high)."""
        self._kitty: dict[Key, KittyPicture | Failure] = {}
        """kitty pictures of this article: sent once, kept across theme changes (the
        terminal holds them; a theme does not change them)."""
        self._sent: list[int] = []
        """Ids of the kitty pictures sent for this article, deleted when it changes."""

    def reset(self, pictures: PictureReader | None) -> None:
        """A new article: forget the pictures painted so far (those queued are dropped
        when their turn comes) and delete those sent to the terminal."""
        self.restyle()
        if pictures is not None:
            self.pictures = pictures
        self._forget_sent()

    def restyle(self) -> None:
        """A new theme: draw the pictures again (transparent cells show the theme's
        background), except those the terminal holds (kitty)."""
        self._generation += 1
        self._results.clear()
        self._asked.clear()

    def _forget_sent(self) -> None:
        """Delete the kitty pictures sent so far from the terminal."""
        if self._sent:
            self.write("".join(kitty.delete(image_id) for image_id in self._sent))
        self._sent.clear()
        self._kitty.clear()

    def _drop_other_boxes(self, key: Key) -> None:
        """The block's picture was sent again at another size (the view was resized):
        the terminal no longer needs the one sent before."""
        for old in [other for other in self._kitty if other[0] == key[0] and other != key]:
            picture = self._kitty.pop(old)
            if isinstance(picture, KittyPicture):
                self.write(kitty.delete(picture.image_id))
                self._sent.remove(picture.image_id)

    def close(self) -> None:
        self._forget_sent()
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
        at: Cell = None,
    ) -> Strip:
        """Row ``row`` of block ``index``'s picture (``box`` is row, columns, rows),
        in the text column that starts at ``left`` in a view ``width`` wide; ``styles``
        are the view's own and the caption's. With ``graphics``, ``at`` is where the
        row's picture starts on the screen (None: not drawn now, a blank row)."""
        row, columns, rows = box
        base, caption = styles
        key = (index, columns, rows)
        result: Result | KittyPicture | None = (
            self._kitty.get(key) if self.graphics == "kitty" else self._results.get(key)
        )
        if result is None:
            self._ask(key, block, base)
            return Strip.blank(width, base)
        if isinstance(result, Failure):
            if row:
                return Strip.blank(width, base)
            text = f"[image: {clean_line(block.alt) or 'no description'} — {result.value}]"
            return _line([Segment(" " * left, base), Segment(text, caption)], width, base)
        if isinstance(result, KittyPicture):
            if at is None or row >= result.rows:
                return Strip.blank(width, base)
            return kitty_row(result, row, left, width, base)
        if isinstance(result, SixelRows):
            drawn = None if at is None else (at[0] + left, at[1])
            return sixel_row(result, row, columns, width, base, drawn)
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
        make: Callable[[bytes], Result | Encoded]
        if self.graphics is not None:
            background = base.bgcolor.get_truecolor() if base.bgcolor else (0, 0, 0)
            make = partial(
                encode,
                self.graphics,
                box=(key[1], key[2]),
                cell=self.cell_size(),
                background=background,
            )
        else:
            make = partial(_half_blocks, (key[1], key[2]), base, self._colours())
        self._pool.submit(self._work, key, block.image, self.pictures, make, self._generation)

    def _work(
        self,
        key: Key,
        reference: str,
        pictures: PictureReader,
        make: Callable[[bytes], Result | Encoded],
        generation: int,
    ) -> None:
        """In the figure thread: read the picture and ``make`` what its rows show."""
        if generation != self._generation:
            return  # another article (or theme) is shown now
        try:
            data = pictures.read(reference)
            result = Failure.MISSING if data is None else make(data)
        except Exception:  # a picture that breaks the decoder is only a placeholder
            result = Failure.BROKEN
        with contextlib.suppress(RuntimeError):  # the app is gone
            self._call(self._deliver, key, result, generation)

    def _deliver(self, key: Key, result: Result | Encoded, generation: int) -> None:
        if generation != self._generation:
            return
        if self.graphics == "kitty" and isinstance(result, KittyPicture | Failure):
            if isinstance(result, KittyPicture):
                # Sent now, on the event loop, so it reaches the terminal between frames
                # and before the first row naming it; the text is not kept.
                self.write(result.transmission)
                self._sent.append(result.image_id)
                self._drop_other_boxes(key)
                result = dataclasses.replace(result, transmission="")
            self._kitty[key] = result
        elif not isinstance(result, KittyPicture):
            self._results[key] = result
        self._on_ready(key[0])


def _half_blocks(box: tuple[int, int], base: Style, colours: str | None, data: bytes) -> Result:
    cells = render(data, *box)
    return cells if isinstance(cells, Failure) else picture_segments(cells, base, colours)


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
