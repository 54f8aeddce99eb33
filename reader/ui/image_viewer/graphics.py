"""The kitty graphics protocol and Sixel for the full-screen figure viewer, drawn by
textual-image.

textual-image asks the terminal what it can draw, and the size of a cell in pixels,
when it is imported; once the app owns standard input the answers would never
arrive. So it is imported by :func:`prepare`, which the command line calls just
before the app starts, and only when the ``images`` setting (or, for "auto", the
terminal) asks for kitty or Sixel: a reader drawing half blocks never pays for those
queries. The viewer draws with textual-image's widgets; the article view draws its
rows itself (``reader.ui.article_view.figure_graphics``) with what was prepared here,
and half blocks when nothing was.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from reader.images.terminal import DrawMode

if TYPE_CHECKING:
    from PIL.Image import Image
    from textual.widget import Widget

GRAPHICS: frozenset[str] = frozenset({"kitty", "sixel"})
_prepared: list[DrawMode] = []
"""The graphics :func:`prepare` made ready (one at most), for the whole process."""


def prepare(mode: DrawMode) -> DrawMode | None:
    """Make ``mode`` (kitty or Sixel) ready for the viewer: import textual-image while
    the terminal can still answer its questions. None (half blocks then) when the
    mode is another, the output is not a terminal, or textual-image is missing or
    fails."""
    stdout = sys.__stdout__
    if mode not in GRAPHICS or stdout is None or not stdout.isatty():
        return None
    try:
        import textual_image.widget  # noqa: F401  (the terminal is asked now)
    except Exception:  # an optional drawing method: its failure only means half blocks
        return None
    _prepared[:] = [mode]
    return mode


def prepared() -> DrawMode | None:
    """The graphics the viewer draws with (None: half blocks)."""
    return _prepared[0] if _prepared else None


def picture_widget(mode: DrawMode, picture: Image, widget_id: str) -> Widget:
    """textual-image's widget drawing ``picture`` with ``mode``, as large as its
    container allows (aspect kept)."""
    from textual_image.widget import SixelImage, TGPImage

    kind = TGPImage if mode == "kitty" else SixelImage
    widget = kind(picture, id=widget_id)
    widget.styles.width = "auto"
    widget.styles.height = "auto"
    return widget
