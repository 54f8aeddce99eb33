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
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol

from rich.cells import cell_len
from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.strip import Strip

from reader.images.decode import Failure
from reader.images.halfblock import HalfBlockImage, render
from reader.models import Block
from reader.sanitize import clean_line
from reader.ui.article_view.layout.blocks import FIGURE_IMAGE

__all__ = ["FIGURE_IMAGE", "FigurePainter", "PictureReader"]

Key = tuple[int, int, int]
"""(block index, columns, rows)."""
Result = HalfBlockImage | Failure


class PictureReader(Protocol):
    def read(self, reference: str) -> bytes | None: ...


class FigurePainter:
    """Decoded pictures of one article, by (block, columns, rows)."""

    def __init__(self, on_ready: Callable[[int], None], call: Callable[..., object]) -> None:
        """``on_ready(block)`` runs on the event loop (through ``call``, the app's
        ``call_from_thread``) when a block's picture is ready."""
        self._on_ready = on_ready
        self._call = call
        self._results: LRUCache[Key, Result] = LRUCache(64)
        self._asked: set[Key] = set()
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        self._generation = 0
        self.pictures: PictureReader | None = None
        self._colours: dict[tuple[int, int, int], Color] = {}

    def reset(self, pictures: PictureReader | None) -> None:
        """A new article: forget the last one's pictures (queued ones are dropped)."""
        with self._lock:
            self._generation += 1
        self._results.clear()
        self._asked.clear()
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
            self._ask(key, block)
            return Strip.blank(width, base)
        if isinstance(result, Failure):
            if row:
                return Strip.blank(width, base)
            text = f"[image: {clean_line(block.alt) or 'no description'} — {result.value}]"
            return _line([(" " * left, base), (text, caption)], width, base)
        if row >= result.height:
            return Strip.blank(width, base)
        # Centred in the reserved box (a picture may come out a cell narrower).
        pad = left + max(0, (columns - result.width) // 2)
        parts: list[tuple[str, Style]] = [(" " * pad, base)]
        for char, fg, bg in result.rows[row]:
            style = base + Style(
                color=self._colour(fg) if fg else None, bgcolor=self._colour(bg) if bg else None
            )
            parts.append((char, style))
        return _line(parts, width, base)

    def _colour(self, rgb: tuple[int, int, int]) -> Color:
        colour = self._colours.get(rgb)
        if colour is None:
            if len(self._colours) > 65_536:
                self._colours.clear()
            colour = self._colours[rgb] = Color.from_rgb(*rgb)
        return colour

    def _ask(self, key: Key, block: Block) -> None:
        if key in self._asked or self.pictures is None or not block.image:
            return
        self._asked.add(key)
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="figures")
        generation = self._generation
        self._pool.submit(self._decode, key, block.image, self.pictures, generation)

    def _decode(self, key: Key, reference: str, pictures: PictureReader, generation: int) -> None:
        if generation != self._generation:
            return  # another article is shown now
        try:
            data = pictures.read(reference)
            result: Result = Failure.MISSING if data is None else render(data, key[1], key[2])
        except Exception:  # a picture that breaks the decoder is only a placeholder
            result = Failure.BROKEN
        with contextlib.suppress(RuntimeError):  # the app is gone
            self._call(self._deliver, key, result, generation)

    def _deliver(self, key: Key, result: Result, generation: int) -> None:
        if generation != self._generation:
            return
        self._results[key] = result
        self._on_ready(key[0])


def _line(parts: list[tuple[str, Style]], width: int, base: Style) -> Strip:
    used = sum(cell_len(text) for text, _ in parts)
    if used < width:
        parts.append((" " * (width - used), base))
    strip = Strip([Segment(text, style) for text, style in parts if text])
    return strip.crop(0, width) if used > width else strip
