"""Theme colours for the Rich grids of the help and link-list dialogs, which lay rows out
in columns (a wrapped line stays under its column) but cannot resolve ``$accent``."""

from __future__ import annotations

from rich.color import Color, ColorParseError
from rich.style import Style

MUTED = Style(dim=True)
"""The theme's muted text is "auto 60%", which only Textual resolves: dim instead."""


def rich_colour(value: str | None, fallback: str | None = None) -> str | None:
    """A theme variable's colour as Rich takes it ("auto 60%" and the like: ``fallback``)."""
    if value:
        try:
            Color.parse(value)
        except ColorParseError:
            return fallback
        return value
    return fallback
