"""Pictures as rows of half-block cells: two pixels a cell, one above the other.

Each cell is drawn as ``▀`` with the upper pixel's colour in front and the lower
pixel's behind (``▄`` or a blank where one of them is transparent), which works in any
terminal with colour, tmux and plain xterm included. The result is plain data: the
article view turns each row into a Strip.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from reader.images.decode import Decoded, Failure, decode_scaled, fit

RGB = tuple[int, int, int]
UPPER = "▀"
LOWER = "▄"
_OPAQUE = 128
"""Alpha from which a pixel is drawn; below it the background shows through."""


class Cell(NamedTuple):
    char: str
    """``▀``, ``▄`` or a space."""
    fg: RGB | None
    bg: RGB | None
    """None: the terminal's (or the theme's) own background."""


@dataclass(frozen=True, slots=True)
class HalfBlockImage:
    width: int
    """Cells per row."""
    rows: tuple[tuple[Cell, ...], ...]

    @property
    def height(self) -> int:
        return len(self.rows)


def cell_box(
    width: int | None,
    height: int | None,
    columns: int,
    max_rows: int,
    enlarge: bool = False,
) -> tuple[int, int]:
    """The cells (columns, rows) a ``width`` × ``height`` picture takes in a column
    ``columns`` wide and at most ``max_rows`` tall. Known before decoding (from the
    intrinsic size), so the view can reserve the room; a picture of unknown size gets
    a 16:9 box. With ``enlarge`` a small picture fills the box too (the full-screen
    viewer)."""
    columns, max_rows = max(1, columns), max(1, max_rows)
    if not width or not height or width <= 0 or height <= 0:
        width, height = 1600, 900
    cols, pixel_rows = fit(width, height, columns, max_rows * 2, enlarge)
    if enlarge or width > columns or height > max_rows * 2:
        return cols, max(1, (pixel_rows + 1) // 2)
    # Small pictures are drawn at their own size, one pixel a cell.
    return max(1, width), max(1, (height + 1) // 2)


def to_cells(picture: Decoded) -> HalfBlockImage:
    """``picture`` (already at one pixel a cell) as rows of cells."""
    width, data = picture.width, picture.rgba
    stride = width * 4
    rows: list[tuple[Cell, ...]] = []
    for y in range(0, picture.height, 2):
        top = data[y * stride : (y + 1) * stride]
        bottom = data[(y + 1) * stride : (y + 2) * stride] if y + 1 < picture.height else b""
        row: list[Cell] = []
        for x in range(0, stride, 4):
            upper = tuple(top[x : x + 3]) if top[x + 3] >= _OPAQUE else None
            lower = tuple(bottom[x : x + 3]) if bottom and bottom[x + 3] >= _OPAQUE else None
            if upper is not None:
                row.append(Cell(UPPER, upper, lower))  # type: ignore[arg-type]
            elif lower is not None:
                row.append(Cell(LOWER, lower, None))  # type: ignore[arg-type]
            else:
                row.append(Cell(" ", None, None))
        rows.append(tuple(row))
    return HalfBlockImage(width, tuple(rows))


_CUBE = (0, 95, 135, 175, 215, 255)


def _cube_index(value: int) -> int:
    return 0 if value < 48 else 1 if value < 115 else (value - 35) // 40


def nearest_256(rgb: RGB) -> int:
    """The xterm 256-colour index closest to ``rgb`` (colour cube or grey ramp): a
    terminal limited to 256 colours gets the picture already in its palette."""
    r, g, b = rgb
    ri, gi, bi = _cube_index(r), _cube_index(g), _cube_index(b)
    cube = (_CUBE[ri], _CUBE[gi], _CUBE[bi])
    grey_index = min(23, max(0, (r + g + b) // 3 - 3) // 10)
    grey = 8 + 10 * grey_index
    cube_distance = sum((a - c) ** 2 for a, c in zip(rgb, cube, strict=True))
    grey_distance = sum((a - grey) ** 2 for a in rgb)
    if grey_distance < cube_distance:
        return 232 + grey_index
    return 16 + 36 * ri + 6 * gi + bi


def render(
    data: bytes, columns: int, max_rows: int, enlarge: bool = False
) -> HalfBlockImage | Failure:
    """The picture in ``data`` as half-block cells fitting ``columns`` × ``max_rows``
    (a smaller picture enlarged to fill them with ``enlarge``)."""
    from reader.images.decode import probe

    info = probe(data)
    if isinstance(info, Failure):
        return info
    cols, rows = cell_box(info.width, info.height, columns, max_rows, enlarge)
    decoded = decode_scaled(data, cols, rows * 2, enlarge)
    if isinstance(decoded, Failure):
        return decoded
    return to_cells(decoded)
