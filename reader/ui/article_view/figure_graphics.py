"""Figures drawn by the terminal itself in the article view: kitty graphics (Unicode
placeholders) and Sixel, row by row on the rows the layout reserved.

The box a picture gets is the half-block one (``halfblock.cell_box``), so nothing moves
whichever way it is drawn. Encoding happens in the figure thread (``encode``); what
reaches the event loop is ready to write:

* kitty: the transmission (written once, through ``write_to_terminal``), then each row
  is a strip of placeholder cells in the colour that names the picture;
* Sixel: one image per row; the row is blank, with a control segment before its
  last cell that saves the cursor, moves to the box, draws the slice and puts the
  cursor back (see ``keep_controls`` for how it survives Textual's compositor).

Both draw only while the reading screen is the active one: under a dialog Textual
tints the screen behind, which would change the colours naming kitty pictures and
cannot tint Sixel pixels; blank rows are shown there instead.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from rich.color import Color
from rich.segment import ControlType, Segment
from rich.style import Style
from textual.strip import Strip

from reader.images import kitty
from reader.images.decode import MAX_SCALED_PIXELS, Decoded, Failure, decode_scaled
from reader.images.sixel_rows import SixelRows, encode_rows

if TYPE_CHECKING:
    from textual.app import App
    from textual.geometry import Region

Graphics = Literal["kitty", "sixel"]
_NULL = Style()
_ZERO_WIDTH = ((ControlType.CURSOR_FORWARD, 0),)
"""Marks a segment as a control (no cells), as textual-image's Sixel widget does."""
SIXEL_MARK = "\x1b7"
"""How a row's Sixel segment starts (saving the cursor); page text never holds an
escape character (``layout.safe`` shows it as ␛), so nothing else in a row does."""


@dataclass(frozen=True, slots=True)
class KittyPicture:
    image_id: int
    columns: int
    rows: int
    transmission: str
    """The escape sequences sending it; written once, when it reaches the event loop."""


Encoded = KittyPicture | SixelRows | Failure
Cell = tuple[int, int] | None
"""Where on the screen (x, y) a row's picture goes; None: it is not drawn now."""


def pixel_box(columns: int, rows: int, cell: tuple[int, int]) -> tuple[int, int]:
    """The pixels a box of ``columns`` × ``rows`` cells covers, scaled down (aspect
    kept) to what ``decode_scaled`` gives at most."""
    width, height = max(1, columns * cell[0]), max(1, rows * cell[1])
    scale = min(1.0, (MAX_SCALED_PIXELS / (width * height)) ** 0.5)
    return max(1, int(width * scale)), max(1, int(height * scale))


def encode(
    mode: Graphics,
    data: bytes,
    box: tuple[int, int],
    cell: tuple[int, int],
    background: tuple[int, int, int],
) -> Encoded:
    """``data`` ready to draw in a box of ``box`` (columns, rows) cells, ``cell`` pixels
    each: for kitty, the picture as PNG at no more pixels than the box shows (the
    terminal fits it into the box); for Sixel, the picture filling the box, in slices
    one row high. Runs in the figure thread."""
    columns, rows = box
    width, height = pixel_box(columns, rows, cell)
    picture = decode_scaled(data, width, height, enlarge=mode == "sixel")
    if isinstance(picture, Failure):
        return picture
    if mode == "sixel":
        return encode_rows(picture, cell, background)
    image_id = kitty.next_image_id()
    return KittyPicture(
        image_id, columns, rows, kitty.transmit(image_id, _png(picture), columns, rows)
    )


def _png(picture: Decoded) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    image = Image.frombytes("RGBA", (picture.width, picture.height), picture.rgba)
    # Fast compression: the bytes go down a local pipe once; time in this thread counts.
    image.save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()


def kitty_row(picture: KittyPicture, row: int, left: int, width: int, base: Style) -> Strip:
    """Row ``row`` of the picture's box, at cell ``left`` of a row ``width`` wide. The
    cells' foreground names the picture; nothing may restyle them (a selection, a
    highlight), or the terminal would look for another picture."""
    style = Style(color=Color.from_rgb(*kitty.id_colour(picture.image_id)), bgcolor=base.bgcolor)
    cells = kitty.placeholder_row(picture.image_id, row, picture.columns)
    segments = [Segment(" " * left, base), Segment(cells, style)]
    rest = width - left - picture.columns
    if rest > 0:
        segments.append(Segment(" " * rest, base))
    return Strip([s for s in segments if s.text], width)


def sixel_row(
    picture: SixelRows, row: int, columns: int, width: int, base: Style, at: Cell
) -> Strip:
    """Row ``row`` of the picture: a blank row ``width`` wide and, with ``at`` (the
    screen cell, x and y, where the box of ``columns`` cells starts on this row), the
    row's slice centred in the box, in a control segment before the row's last cell."""
    if at is None or row >= len(picture.rows) or width < 1:
        return Strip([Segment(" " * width, base)], width)
    x = at[0] + max(0, (columns - picture.columns) // 2)
    # Save the cursor, move to the box (CUP counts from 1), draw, restore: the text
    # after this row is written where the terminal expects it, wherever the Sixel
    # left the cursor.
    draw = f"{SIXEL_MARK}\x1b[{at[1] + 1};{x + 1}H{picture.rows[row]}\x1b8"
    segments = [Segment(" " * (width - 1), base), Segment(draw, _NULL, _ZERO_WIDTH)]
    return Strip([*segments, Segment(" ", base)], width)


def keep_controls(strips: list[Strip]) -> list[Strip]:
    """``strips`` with the Sixel segments marked as controls again.

    Textual's colour filter (run on every line a widget renders) rebuilds segments
    without their control mark; the compositor, which cuts lines where widgets meet
    (the scrollbar's edge), would then count a Sixel's bytes as cells and cut it in
    two. Marked again, it has no width: it stays whole, with the cells before it."""
    kept = []
    for strip in strips:
        segments = list(strip)
        if any(text.startswith(SIXEL_MARK) for text, _, _ in segments):
            strip = Strip(
                [
                    Segment(text, style, _ZERO_WIDTH if text.startswith(SIXEL_MARK) else control)
                    for text, style, control in segments
                ],
                strip.cell_length,
            )
        kept.append(strip)
    return kept


def cell_size() -> tuple[int, int]:
    """The terminal's cell in pixels (width, height): as textual-image measured it when
    ``prepare`` imported it (it asks the terminal once, before the app owns it), else
    a VT340's 10 × 20, which is what textual-image assumes too."""
    if "textual_image.widget" not in sys.modules:
        return (10, 20)
    from textual_image._terminal import get_cell_size

    width, height = get_cell_size()
    return (width, height)


def usable(mode: Graphics | None, colours: str | None, no_color: bool) -> Graphics | None:
    """``mode`` if the app can draw it: kitty names pictures by a 24-bit colour, which a
    terminal of fewer colours (or ``NO_COLOR``) would change into another."""
    if mode == "kitty" and (colours != "truecolor" or no_color):
        return None
    return mode


def graphics_cell(
    mode: Graphics, content: Region, y: int, active: bool, terminal_rows: int
) -> Cell:
    """Where row ``y`` of a view whose content is at ``content`` (screen region) starts
    on the screen, when the terminal may draw a picture on it: only while the view's
    screen is the active one, and for Sixel never on the terminal's last row (drawing
    there may scroll the whole screen, in terminals that scroll at a Sixel's end)."""
    if not active:
        return None
    row = content.y + y
    if mode == "sixel" and row >= terminal_rows - 1:
        return None
    return content.x, row


def write_to_terminal(app: App[object], data: str) -> bool:
    """Write ``data`` (a kitty transmission or deletion) to the terminal, between
    frames. Textual has no public call for raw output; its driver's ``write`` is what
    every frame goes through, on the event loop, queued to one writer thread, so what
    is written here never lands inside a frame (writing to the terminal directly
    could). False when there is no driver (the app is gone or not started)."""
    driver = getattr(app, "_driver", None)
    if driver is None:
        return False
    driver.write(data)
    return True
