"""Which way figures are drawn in this terminal, decided from the environment alone.

``images = "auto"`` must not cost a start anything: querying the terminal (a Sixel or
kitty-graphics probe) means writing escape sequences and waiting for an answer that
many terminals never send, before the TUI owns standard input. So "auto" reads only
the environment: kitty announces itself (``TERM=xterm-kitty``, ``KITTY_WINDOW_ID``),
and inside tmux or screen graphics protocols do not reach the terminal, so half
blocks are used there. Sixel is used only when asked for (``images = "sixel"``):
no variable says reliably that a terminal draws it. A terminal that cannot draw
anything (``TERM=dumb``) shows the alt text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

DrawMode = Literal["kitty", "sixel", "halfblock", "off"]
FIGURE_ROWS = 48
"""Most terminal rows a figure's picture takes in the article view, however tall the
terminal (a picture taller than that is a poster, not a figure of the text)."""
MIN_FIGURE_ROWS = 6
"""Fewest rows a picture is given, however short the terminal: below that a
photograph is a smudge (its own size still wins when it is smaller)."""


def draw_mode(setting: str, environ: Mapping[str, str]) -> DrawMode:
    """How figures are drawn for the ``images`` setting in the environment
    ``environ`` (``os.environ``)."""
    term = environ.get("TERM", "").lower()
    if setting == "off" or term in ("dumb", "unknown"):
        return "off"
    multiplexed = bool(environ.get("TMUX")) or term.startswith(("screen", "tmux"))
    if setting in ("kitty", "sixel"):
        return setting  # type: ignore[return-value]
    if setting == "halfblock" or multiplexed:
        return "halfblock"
    if term == "xterm-kitty" or environ.get("KITTY_WINDOW_ID"):
        return "kitty"
    return "halfblock"


def figure_rows(setting: str, environ: Mapping[str, str] | None = None) -> int:
    """Rows the article view gives a picture at most for the ``images`` setting; 0 when
    pictures are not drawn (``off``, the alt text instead). The same for every way of
    drawing: kitty and Sixel draw in the box the half blocks would take, so a picture
    that arrives moves nothing, and the view falls back to half blocks silently where
    the terminal could not be prepared for them."""
    import os

    mode = draw_mode(setting, os.environ if environ is None else environ)
    return 0 if mode == "off" else FIGURE_ROWS


def figure_height(most: int, terminal_rows: int) -> int:
    """Rows a figure's picture may take in a terminal ``terminal_rows`` tall, when the
    setting allows ``most`` (0: pictures are not drawn): under half the terminal (the
    header and footer take two rows), so the text around it stays in sight, never
    fewer than ``MIN_FIGURE_ROWS``."""
    if most <= 0:
        return 0
    return min(most, max(MIN_FIGURE_ROWS, (terminal_rows - 2) // 2))
