"""How sources and sizes appear in messages: one safe, readable line."""

from __future__ import annotations

import re

from reader.sanitize import clean_line

_MAX_NAME = 200
_CREDENTIALS = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/?#@]*@")


def display_name(source: str) -> str:
    """``source`` fit for an error line: no control characters, no URL password, not
    absurdly long (file names come from the user's disk and may be hostile)."""
    if source == "-":
        return "standard input"
    name = _CREDENTIALS.sub(r"\1", clean_line(source))
    if len(name) > _MAX_NAME:
        name = name[: _MAX_NAME - 1] + "…"
    return name


def human_size(size: int) -> str:
    """A byte count the way a person says it: ``64 MiB``, ``1.5 KiB``, ``12 bytes``."""
    if size < 1024:
        return f"{size} byte{'s' if size != 1 else ''}"
    value = float(size)
    for unit in ("KiB", "MiB", "GiB", "TiB"):
        value /= 1024
        if value < 1024 or unit == "TiB":
            break
    return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
