"""A picture as Sixel images, one per terminal row.

Sixel pixels are drawn where the cursor is, not laid out like text. The article view
paints line by line, and a line is one terminal row: so a picture is cut into slices
one cell high, each its own Sixel image, encoded once (in the figure thread), and each
row of the view emits the slice that belongs on it. Scrolling only moves which slice a
row emits; nothing is encoded again.

The whole picture is reduced to one palette before it is cut, so the slices agree on
their colours (each slice encoded alone would choose its own 256 and show seams).
Encoding is textual-image's (``image_to_sixels``); its package imports nothing that
talks to the terminal. Plain data only (no Textual).
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.images.decode import Decoded

RGB = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class SixelRows:
    columns: int
    """Cells the picture spans (it may be narrower than the box reserved for it)."""
    rows: tuple[str, ...]
    """One Sixel image (``ESC P … ESC \\``) per terminal row, top to bottom."""
    cell: tuple[int, int]
    """The cell size (width, height) in pixels the slices were cut for."""


def encode_rows(picture: Decoded, cell: tuple[int, int], background: RGB) -> SixelRows:
    """``picture`` cut into slices one cell (``cell``: width, height in pixels) high,
    each a Sixel image; transparent pixels take ``background`` (the view's)."""
    from PIL import Image
    from textual_image._sixel import image_to_sixels

    cell_width, cell_height = max(1, cell[0]), max(1, cell[1])
    size = (picture.width, picture.height)
    image = Image.frombytes("RGBA", size, picture.rgba)
    flat = Image.new("RGBA", size, (*background, 255))
    flat.alpha_composite(image)
    paletted = flat.convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE)
    rows = tuple(
        _transparent_zeros(
            image_to_sixels(
                paletted.crop((0, top, picture.width, min(picture.height, top + cell_height)))
            )
        )
        for top in range(0, picture.height, cell_height)
    )
    columns = -(-picture.width // cell_width)
    return SixelRows(columns, rows, (cell_width, cell_height))


_OPAQUE_ZEROS = "\x1bP0;0;0q"
_TRANSPARENT_ZEROS = "\x1bP0;1;0q"


def _transparent_zeros(sixel: str) -> str:
    """``sixel`` with its second parameter 1: pixels it does not set keep what the
    screen shows. A slice is a cell high, which is rarely a multiple of six (a Sixel
    band); the last band's pixels below the slice would otherwise be painted in the
    background colour, over the top of the row below. Every pixel of the slice itself
    is set (it is opaque)."""
    if sixel.startswith(_OPAQUE_ZEROS):
        return _TRANSPARENT_ZEROS + sixel[len(_OPAQUE_ZEROS) :]
    return sixel
