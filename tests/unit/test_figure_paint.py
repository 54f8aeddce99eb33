"""A picture's segments are built, escape sequences included, for the terminal's own
colour system: what the writer then sends matches what the terminal understands."""

from __future__ import annotations

import pytest
from rich.console import Console
from rich.style import Style
from textual.strip import Strip

from reader.images.halfblock import Cell, HalfBlockImage
from reader.ui.article_view.figure_paint import picture_segments

PICTURE = HalfBlockImage(
    3,
    (
        (
            Cell("▀", (200, 30, 30), (20, 60, 200)),
            Cell("▄", (30, 160, 60), None),
            Cell(" ", None, None),
        ),
    ),
)


@pytest.mark.parametrize(
    ("colours", "expected", "absent"),
    [
        ("truecolor", "38;2;200;30;30", None),
        ("256", "38;5;", "38;2;"),
        ("standard", "\x1b[", "38;"),
    ],
)
def test_segments_speak_the_terminals_colours(
    colours: str, expected: str, absent: str | None
) -> None:
    rows = picture_segments(PICTURE, Style(bgcolor="#101010"), colours)
    assert "".join(segment.text for segment in rows[0]) == "▀▄ "
    console = Console(color_system=colours, force_terminal=True)  # type: ignore[arg-type]
    written = Strip(list(rows[0])).render(console)
    assert expected in written
    if absent is not None:
        assert absent not in written


def test_transparent_cells_show_the_view_background() -> None:
    rows = picture_segments(PICTURE, Style(bgcolor="#101010"), None)
    last = rows[0][-1]
    assert last.text.endswith(" ")
    assert last.style is not None and last.style.bgcolor is not None
    assert last.style.bgcolor.triplet == (16, 16, 16)
