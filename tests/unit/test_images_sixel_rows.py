"""A picture as one Sixel image per terminal row: each slice one cell high (the last
what is left), as wide as the picture, in the picture's colours, read back with the
tests' own Sixel reader."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from reader.images.decode import Decoded, ImageInfo
from reader.images.sixel_rows import encode_rows
from tests.sixel_parse import parse

RED, BLUE = (255, 0, 0), (0, 0, 255)


def decoded(image: Image.Image) -> Decoded:
    rgba = image.convert("RGBA")
    return Decoded(rgba.width, rgba.height, rgba.tobytes(), ImageInfo("PNG", *rgba.size))


def two_halves(width: int, height: int) -> Decoded:
    """Red on top, blue below, split at ``height // 2``."""
    image = Image.new("RGB", (width, height), RED)
    image.paste(BLUE, (0, height // 2, width, height))
    return decoded(image)


def percent(rgb: tuple[int, int, int]) -> tuple[int, int, int]:
    return tuple((value * 100 + 127) // 255 for value in rgb)  # type: ignore[return-value]


def test_each_row_is_one_cell_high_and_the_picture_wide() -> None:
    encoded = encode_rows(two_halves(30, 40), (10, 16), (0, 0, 0))
    assert encoded.columns == 3 and encoded.cell == (10, 16)
    sixels = [parse(row) for row in encoded.rows]
    assert [s.raster[2:] for s in sixels] == [(30, 16), (30, 16), (30, 8)]
    assert [s.size for s in sixels] == [(30, 16), (30, 16), (30, 8)]
    assert [s.bands for s in sixels] == [3, 3, 2]  # six pixel rows a band
    # 16 pixels is not whole bands: what the last band does not set is left alone.
    assert all(s.parameters == (0, 1, 0) for s in sixels)
    # Row 1 covers pixels 16–31 of the picture: red down to 19, blue from 20.
    middle = sixels[1]
    assert middle.colour_at(0, 3) == percent(RED)
    assert middle.colour_at(29, 4) == percent(BLUE)
    assert {sixels[0].colour_at(x, y) for x in range(30) for y in range(16)} == {percent(RED)}


def test_transparent_pixels_take_the_view_background() -> None:
    image = Image.new("RGBA", (8, 8), (0, 0, 0, 0))
    encoded = encode_rows(decoded(image), (8, 8), (16, 16, 16))
    assert parse(encoded.rows[0]).colour_at(4, 4) == percent((16, 16, 16))


@settings(max_examples=25, deadline=None)
@given(
    width=st.integers(1, 50),
    height=st.integers(1, 70),
    cell=st.tuples(st.integers(1, 16), st.integers(1, 30)),
)
def test_the_slices_add_up_to_the_picture(width: int, height: int, cell: tuple[int, int]) -> None:
    encoded = encode_rows(two_halves(width, height), cell, (0, 0, 0))
    sizes = [parse(row).size for row in encoded.rows]
    assert len(sizes) == -(-height // cell[1])
    assert all(size == (width, min(cell[1], height - i * cell[1])) for i, size in enumerate(sizes))
    assert encoded.columns == -(-width // cell[0])
