"""The picker's rows: each capture's title, URL and capture date, and the filter
(plain Python; the widget shows these as Content, never markup)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from reader.loaders.webarchive import Capture
from reader.sanitize import clean_line

DETAIL_STYLE = "$text-muted"


class CaptureRow(Visual):
    """Two lines cut with "…" at the list's width, never wrapped.

    The option list asks every row its height each time the filter changes; a row
    that wraps must lay its text out to answer, which cost about 0.7 s a key at
    3,000 pages. A row of known height answers at once.
    """

    def __init__(self, title: Content, detail: Content) -> None:
        self.lines = (title, detail)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max(line.cell_length for line in self.lines)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.lines)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        strips: list[Strip] = []
        for line in self.lines[:height]:
            strips.extend(
                line.truncate(width, ellipsis=True).render_strips(width, 1, style, options)
            )
        return strips

    def __str__(self) -> str:
        return "\n".join(line.plain for line in self.lines)


def capture_when(capture: Capture) -> str:
    when = capture.captured_at
    return f"{when:%Y-%m-%d %H:%M}" if when else "undated"


def capture_prompt(capture: Capture) -> CaptureRow:
    title = clean_line(capture.title).strip() or "(no title)"
    detail = f"{capture_when(capture)}  {clean_line(capture.url)}"
    if capture.revisit:
        detail += "  (revisit)"
    return CaptureRow(Content.styled(title, "bold"), Content.styled(detail, DETAIL_STYLE))


def haystack(capture: Capture) -> str:
    """What the filter looks in: title and URL, lower-cased once."""
    return f"{capture.title}\n{capture.url}".lower()


def matching(captures: Sequence[Capture], text: str) -> list[Capture]:
    """The captures whose title or URL holds every word of ``text`` (any case)."""
    return [captures[index] for index in matching_indexes([haystack(c) for c in captures], text)]


def matching_indexes(haystacks: Sequence[str], text: str) -> list[int]:
    """The indexes of ``haystacks`` (see ``haystack``) holding every word of ``text``."""
    words = text.lower().split()
    if not words:
        return list(range(len(haystacks)))
    return [index for index, hay in enumerate(haystacks) if all(word in hay for word in words)]
