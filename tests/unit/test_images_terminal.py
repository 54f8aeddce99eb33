"""The images setting resolved from the environment, with no terminal query."""

from __future__ import annotations

import pytest

from reader.images.terminal import FIGURE_ROWS, MIN_FIGURE_ROWS, draw_mode, figure_height


@pytest.mark.parametrize(
    ("setting", "environ", "expected"),
    [
        ("auto", {"TERM": "xterm-kitty"}, "kitty"),
        ("auto", {"TERM": "xterm-256color", "KITTY_WINDOW_ID": "3"}, "kitty"),
        ("auto", {"TERM": "xterm-kitty", "TMUX": "/tmp/tmux-0/default,1,0"}, "halfblock"),
        ("auto", {"TERM": "screen-256color"}, "halfblock"),
        ("auto", {"TERM": "xterm-256color"}, "halfblock"),
        ("auto", {}, "halfblock"),
        ("auto", {"TERM": "dumb"}, "off"),
        ("sixel", {"TERM": "xterm-256color"}, "sixel"),
        ("kitty", {"TERM": "xterm-256color", "TMUX": "x"}, "kitty"),
        ("halfblock", {"TERM": "xterm-kitty"}, "halfblock"),
        ("off", {"TERM": "xterm-kitty"}, "off"),
    ],
)
def test_draw_mode(setting: str, environ: dict[str, str], expected: str) -> None:
    assert draw_mode(setting, environ) == expected


@pytest.mark.parametrize(
    ("most", "terminal_rows", "expected"),
    [
        (0, 40, 0),  # pictures not drawn
        (FIGURE_ROWS, 42, 20),  # half the rows between header and footer
        (FIGURE_ROWS, 23, 10),
        (FIGURE_ROWS, 4, MIN_FIGURE_ROWS),  # never a smudge
        (FIGURE_ROWS, 0, MIN_FIGURE_ROWS),
        (FIGURE_ROWS, 1000, FIGURE_ROWS),  # a poster is not a figure
        (8, 40, 8),
        (FIGURE_ROWS, 24, 11),
    ],
)
def test_figure_height(most: int, terminal_rows: int, expected: int) -> None:
    assert figure_height(most, terminal_rows) == expected
