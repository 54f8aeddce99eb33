"""Rows of a figure drawn by the terminal: kitty placeholder strips and Sixel rows (the
blank box, then the slice in a zero-width control segment at the row's end), where a
picture may be drawn, and the encoding done in the figure thread."""

from __future__ import annotations

import base64
import io
import re
from types import SimpleNamespace

import pytest
from PIL import Image
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip

from reader.images import kitty
from reader.images.decode import Failure
from reader.images.sixel_rows import SixelRows
from reader.ui.article_view.figure_graphics import (
    KittyPicture,
    encode,
    graphics_cell,
    keep_controls,
    kitty_row,
    pixel_box,
    sixel_row,
    usable,
    write_to_terminal,
)
from tests.image_pages import import_textual_image_quietly, picture
from tests.sixel_parse import parse

BASE = Style(bgcolor="#101010")


@pytest.fixture(scope="module", autouse=True)
def textual_image_imported_quietly() -> None:
    import_textual_image_quietly()


def test_a_kitty_row_is_the_box_of_placeholders_in_the_id_colour() -> None:
    shown = KittyPicture(0x05A1B2C3, 12, 4, "")
    strip = kitty_row(shown, 2, 7, 40, BASE)
    assert strip.cell_length == 40
    left, cells, right = list(strip)
    assert (left.text, right.text) == (" " * 7, " " * 21)
    assert cells.text == kitty.placeholder_row(0x05A1B2C3, 2, 12)
    assert cells.style is not None and cells.style.color is not None
    assert cells.style.color.triplet == (0xA1, 0xB2, 0xC3)
    assert cells.style.bgcolor == BASE.bgcolor


def sixels(rows: int) -> SixelRows:
    slices = tuple(
        f'\x1bP0;0;0q"1;1;20;16#0;2;{row};0;0!20~-!20~-!20N-\x1b\\' for row in range(rows)
    )
    return SixelRows(2, slices, (10, 16))


def test_a_sixel_row_draws_its_slice_after_the_blank_box() -> None:
    strip = sixel_row(sixels(3), 1, 6, 50, BASE, (13, 9))
    blank, drawn, last = list(strip)
    assert (blank.text, last.text) == (" " * 49, " ") and strip.cell_length == 50
    # No cells: the compositor measures nothing for it; before the last cell, it stays
    # with the row's cells when the compositor cuts the row at the view's edge.
    assert drawn.control
    # Save the cursor, go to row 10, column 13 + 1 + 2 (centred: 2 of 6 cells), draw,
    # restore.
    assert drawn.text == "\x1b7\x1b[10;16H" + sixels(3).rows[1] + "\x1b8"


def test_sixel_segments_are_controls_again_after_textuals_filters() -> None:
    strip = sixel_row(sixels(3), 1, 6, 50, BASE, (13, 9))
    filtered = Strip([Segment(text, style) for text, style, _ in strip], 50)  # as filters do
    kept = keep_controls([filtered, Strip.blank(50)])
    assert [segment.control is not None for segment in kept[0]] == [False, True, False]
    assert kept[1] is not None and kept[0].cell_length == 50
    # Cut where the row ends and the scrollbar begins, the Sixel stays whole, with
    # the row's cells.
    first, scrollbar = kept[0].extend_cell_length(51).divide([50, 51])
    assert [segment.text for segment in first][1] == list(strip)[1].text
    assert [segment.text for segment in scrollbar] == [" "]


@pytest.mark.parametrize(("row", "at"), [(1, None), (3, (13, 9))])
def test_no_slice_where_none_may_be_drawn(row: int, at: tuple[int, int] | None) -> None:
    strip = sixel_row(sixels(3), row, 6, 50, BASE, at)
    assert [segment.text for segment in strip] == [" " * 50]


def test_pictures_are_drawn_only_on_the_active_screen() -> None:
    content = Region(4, 1, 80, 30)
    assert graphics_cell("kitty", content, 5, False, 32) is None
    assert graphics_cell("sixel", content, 5, False, 32) is None
    assert graphics_cell("kitty", content, 5, True, 32) == (4, 6)


def test_no_sixel_on_the_terminals_last_row() -> None:
    content = Region(0, 1, 80, 31)
    assert graphics_cell("sixel", content, 29, True, 32) == (0, 30)
    assert graphics_cell("sixel", content, 30, True, 32) is None
    assert graphics_cell("kitty", content, 30, True, 32) == (0, 31)


def test_kitty_needs_truecolor_to_name_its_pictures() -> None:
    assert usable("kitty", "truecolor", False) == "kitty"
    assert usable("kitty", "256", False) is None
    assert usable("kitty", "truecolor", True) is None
    assert usable("sixel", "256", False) == "sixel"
    assert usable(None, "truecolor", False) is None


def test_kitty_encoding_sends_the_picture_scaled_to_the_box() -> None:
    data = picture((1600, 900), (20, 60, 200))
    encoded = encode("kitty", data, (40, 11), (10, 20), (0, 0, 0))
    assert isinstance(encoded, KittyPicture)
    assert (encoded.columns, encoded.rows) == (40, 11)
    payload = "".join(
        body for body in re.findall(r"\x1b_G[^;\x1b]*;([^\x1b]*)\x1b\\", encoded.transmission)
    )
    png = Image.open(io.BytesIO(base64.standard_b64decode(payload)))
    assert png.size == (391, 220)  # 1600 × 900 fitted into 400 × 220 pixels
    assert f"i={encoded.image_id},c=40,r=11" in encoded.transmission


def test_sixel_encoding_fills_the_box_row_by_row() -> None:
    data = picture((160, 90), (20, 60, 200))
    encoded = encode("sixel", data, (32, 9), (10, 20), (0, 0, 0))
    assert isinstance(encoded, SixelRows)
    sizes = [parse(row).size for row in encoded.rows]
    # Enlarged to fit 320 × 180 pixels: nine rows of 20.
    assert sizes == [(320, 20)] * 9


def test_a_broken_picture_is_a_failure() -> None:
    assert encode("kitty", b"\x89PNG\r\n\x1a\nbroken", (10, 4), (10, 20), (0, 0, 0)) in set(Failure)


def test_the_pixel_box_stays_within_what_is_decoded() -> None:
    width, height = pixel_box(200, 48, (40, 80))
    assert width * height <= 4_000_000
    assert abs(width / height - (200 * 40) / (48 * 80)) < 0.01


def test_writing_goes_through_the_apps_driver() -> None:
    written: list[str] = []
    app = SimpleNamespace(_driver=SimpleNamespace(write=written.append))
    assert write_to_terminal(app, "\x1b_Ga=d,d=I,i=1\x1b\\")  # type: ignore[arg-type]
    assert written == ["\x1b_Ga=d,d=I,i=1\x1b\\"]
    assert not write_to_terminal(SimpleNamespace(_driver=None), "x")  # type: ignore[arg-type]
