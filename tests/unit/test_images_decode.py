"""Decoding pictures from hostile pages: bounded, first frame only, markup never drawn,
every failure a reason (the placeholder), never an exception. Half-block cells."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from reader.images.decode import (
    MAX_PIXELS,
    Decoded,
    Failure,
    ImageInfo,
    decode_scaled,
    fit,
    probe,
)
from reader.images.halfblock import LOWER, UPPER, Cell, cell_box, nearest_256, render, to_cells
from tests.image_pages import SVG, gif_frames, picture, png_bomb


def test_a_decompression_bomb_is_refused_from_its_header() -> None:
    bomb = png_bomb(50_000, 50_000)
    assert len(bomb) < 200
    assert probe(bomb) is Failure.TOO_LARGE
    assert decode_scaled(bomb, 80, 80) is Failure.TOO_LARGE
    assert render(bomb, 80, 40) is Failure.TOO_LARGE


def test_a_long_thin_strip_is_refused() -> None:
    assert probe(png_bomb(40_000, 1)) is Failure.TOO_LARGE


def test_just_under_the_pixel_cap_is_only_probed() -> None:
    side = int(MAX_PIXELS**0.5) - 1
    info = probe(png_bomb(side, side))
    assert info == ImageInfo("PNG", side, side)


def test_only_the_first_of_ten_thousand_frames_is_decoded() -> None:
    decoded = decode_scaled(gif_frames(10_000), 8, 8)
    assert isinstance(decoded, Decoded)
    assert (decoded.width, decoded.height) == (1, 1)
    assert decoded.info.format == "GIF"


@pytest.mark.parametrize(
    "data", [SVG, b"  \xef\xbb\xbf<!doctype html><p>page</p>", "<svg/>".encode("utf-16")]
)
def test_markup_is_never_rendered(data: bytes) -> None:
    assert probe(data) is Failure.MARKUP
    assert decode_scaled(data, 10, 10) is Failure.MARKUP


def test_truncated_pictures() -> None:
    whole = picture((200, 200), fmt="JPEG")
    cut = whole[: len(whole) * 2 // 3]
    assert isinstance(probe(cut), ImageInfo)  # the header survives the cut
    assert decode_scaled(cut, 20, 20) is Failure.BROKEN
    png = _noisy_png(64, 64)
    assert decode_scaled(png[: len(png) // 2], 20, 20) is Failure.BROKEN
    assert probe(png[:20]) in (Failure.BROKEN, Failure.UNKNOWN)
    assert probe(b"") is Failure.MISSING
    assert probe(b"GIF89a") in (Failure.BROKEN, Failure.UNKNOWN)


def _noisy_png(width: int, height: int) -> bytes:
    import random

    rng = random.Random(7)
    image = Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def test_the_format_comes_from_the_bytes_not_the_name() -> None:
    # What a file is called never reaches the decoder: a PNG is a PNG.
    assert probe(picture((7, 5), fmt="JPEG")) == ImageInfo("JPEG", 7, 5)
    assert probe(picture((7, 5), fmt="WEBP")) == ImageInfo("WEBP", 7, 5)


def test_unknown_bytes() -> None:
    assert probe(b"\x00" * 100) is Failure.UNKNOWN
    assert decode_scaled(b"%PDF-1.4\n" + b"x" * 100, 4, 4) is Failure.UNKNOWN


def test_scaling_keeps_the_aspect_and_never_enlarges() -> None:
    decoded = decode_scaled(picture((400, 100)), 80, 80)
    assert isinstance(decoded, Decoded)
    assert (decoded.width, decoded.height) == (80, 20)
    assert len(decoded.rgba) == 80 * 20 * 4
    small = decode_scaled(picture((10, 6)), 80, 80)
    assert isinstance(small, Decoded) and (small.width, small.height) == (10, 6)
    with pytest.raises(ValueError):
        decode_scaled(picture((10, 6)), 0, 10)


@given(st.integers(1, 100_000), st.integers(1, 100_000), st.integers(1, 500), st.integers(1, 500))
def test_fit_stays_in_the_box(width: int, height: int, box_w: int, box_h: int) -> None:
    w, h = fit(width, height, box_w, box_h)
    assert 1 <= w <= max(box_w, 1) and 1 <= h <= max(box_h, 1)
    assert w <= width and h <= height


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_a_picture_or_a_reason(data: bytes) -> None:
    result = decode_scaled(b"\x89PNG\r\n\x1a\n" + data, 8, 8)
    assert isinstance(result, Decoded | Failure)
    assert isinstance(decode_scaled(data, 8, 8), Decoded | Failure)


def test_half_block_cells() -> None:
    image = Image.new("RGBA", (2, 3))
    image.putdata(
        [
            (255, 0, 0, 255),
            (0, 0, 0, 0),
            (0, 0, 255, 255),
            (0, 255, 0, 255),
            (9, 9, 9, 255),
            (0, 0, 0, 0),
        ]
    )
    decoded = Decoded(2, 3, image.tobytes(), ImageInfo("PNG", 2, 3))
    cells = to_cells(decoded)
    assert cells.width == 2 and cells.height == 2
    assert cells.rows[0] == (
        Cell(UPPER, (255, 0, 0), (0, 0, 255)),
        Cell(LOWER, (0, 255, 0), None),
    )
    assert cells.rows[1] == (Cell(UPPER, (9, 9, 9), None), Cell(" ", None, None))


def test_render_fits_the_column() -> None:
    cells = render(picture((1600, 900), (10, 20, 30)), 60, 20)
    assert not isinstance(cells, Failure)
    assert (cells.width, cells.height) == cell_box(1600, 900, 60, 20) == (60, 17)
    assert all(len(row) == 60 for row in cells.rows)
    assert cells.rows[3][5] == Cell(UPPER, (10, 20, 30), (10, 20, 30))
    assert render(SVG, 60, 20) is Failure.MARKUP


def test_cell_box_before_decoding() -> None:
    assert cell_box(None, None, 64, 40) == (64, 18)  # unknown size: 16:9
    assert cell_box(10, 6, 64, 40) == (10, 3)  # small pictures at their own size
    assert cell_box(100, 4000, 64, 20) == (1, 20)  # tall pictures are capped in height
    assert cell_box(800, 600, 1, 1) == (1, 1)


def _xterm_256() -> dict[int, tuple[int, int, int]]:
    levels = (0, 95, 135, 175, 215, 255)
    table = {
        16 + 36 * r + 6 * g + b: (levels[r], levels[g], levels[b])
        for r in range(6)
        for g in range(6)
        for b in range(6)
    }
    table.update({232 + i: (8 + 10 * i,) * 3 for i in range(24)})
    return table


@given(st.tuples(st.integers(0, 255), st.integers(0, 255), st.integers(0, 255)))
def test_nearest_256_is_the_closest_palette_colour(rgb: tuple[int, int, int]) -> None:
    table = _xterm_256()

    def distance(index: int) -> int:
        return sum((a - b) ** 2 for a, b in zip(rgb, table[index], strict=True))

    chosen = nearest_256(rgb)
    assert 16 <= chosen <= 255
    assert distance(chosen) == min(distance(index) for index in table)
