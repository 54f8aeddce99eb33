"""The picker's rows: each capture's title, URL and capture date, and the filter
(plain Python; the widget shows these as Content, never markup)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from reader.loaders.webarchive import Capture
from reader.sanitize import clean_line

DETAIL_STYLE = "$text-muted"


def capture_when(capture: Capture) -> str:
    when = capture.captured_at
    return f"{when:%Y-%m-%d %H:%M}" if when else "undated"


def capture_prompt(capture: Capture) -> Content:
    title = clean_line(capture.title).strip() or "(no title)"
    detail = f"{capture_when(capture)}  {clean_line(capture.url)}"
    if capture.revisit:
        detail += "  (revisit)"
    return Content.assemble((title, "bold"), "\n", (detail, DETAIL_STYLE))


def matching(captures: Sequence[Capture], text: str) -> list[Capture]:
    """The captures whose title or URL holds every word of ``text`` (any case)."""
    words = text.lower().split()
    if not words:
        return list(captures)
    return [
        capture
        for capture in captures
        if all(word in f"{capture.title}\n{capture.url}".lower() for word in words)
    ]
