"""The images setting resolved from the environment, with no terminal query."""

from __future__ import annotations

import pytest

from reader.images.terminal import draw_mode


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
