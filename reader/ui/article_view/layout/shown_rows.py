"""Rows that show text from beside the article (``reader.shown_text``: link groups,
member lists, alt text). Such a row stands at one text offset (``start == end``) and
its runs carry the offsets of the shown text: these find what to paint on it and
where a match in it is."""

from __future__ import annotations

from reader.ui.article_view.layout.lines import END, NO_OFFSET, RUNS, START, DisplayLine

SEARCH_ROWS = 4000
"""How far below a section's header (or a figure's first row) its shown text is
looked for: the longest link group's rows."""


def shown_range(line: DisplayLine) -> tuple[int, int]:
    """The offsets of shown text on a row without text of the article's (an empty
    range when it has none)."""
    low = high = 0
    if line[START] != line[END]:
        return low, high
    for text, _, start in line[RUNS]:
        if start != NO_OFFSET and text:
            if not high:
                low = start
            high = start + len(text)
    return low, high


def shown_row(lines: list[DisplayLine], first: int, offset: int) -> int:
    """The row from ``first`` on whose runs include shown-text ``offset`` (``first``
    itself when none of the next ``SEARCH_ROWS`` does)."""
    for row in range(first, min(len(lines), first + SEARCH_ROWS)):
        for text, _, start in lines[row][RUNS]:
            if start != NO_OFFSET and start <= offset < start + max(1, len(text)):
                return row
    return first
