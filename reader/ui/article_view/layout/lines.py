"""Display lines: what the article view paints, one terminal row each.

A line is a tuple of runs ``(text, role, start)``. ``start`` is the offset in
``Article.text`` of the run's first character, or ``NO_OFFSET`` for decoration the
layout adds (bullets, link numbers, quote bars, table borders, padding). For a text
run, ``text == article.text[start:start + len(text)]`` always holds, so every cell on
screen maps back to the model; text shown beside the article's (a link group's links,
a member list, alt text) has offsets past its end, into ``reader.shown_text``.
``role`` is a space-separated list of role names (``reader.ui.article_view.roles.Role``,
each painted as ``ROLE_LOOKS`` there says). A run that belongs to a numbered link ends
its role with a ``#<number>`` tag.
"""

from __future__ import annotations

from typing import NamedTuple

Run = tuple[str, str, int]
NO_OFFSET = -1

LINK_TAG = " #"
"""Roles of a link's runs end with `` #<number>``: a tag, not a style, that survives
the link being cut across rows."""


def link_role(role: str, number: int) -> str:
    return f"{role}{LINK_TAG}{number}"


def split_role(role: str) -> tuple[str, int | None]:
    """A run's style roles and the number of the link it belongs to, if any."""
    styles, tag, number = role.partition(LINK_TAG)
    return styles, int(number) if tag and number.isdigit() else None


EXPANDED_MARKER = "▼ "
COLLAPSED_MARKER = "▶ "
NO_MARKER = "  "
MARKER_WIDTH = 2


DisplayLine = tuple[tuple[Run, ...], int, int, int, "str | None", tuple[int, ...]]
"""One row of the laid-out article: ``(runs, start, end, block, section, links)``.

``start``/``end`` is the half-open text range the row shows (for rows without text,
an empty range at the position they stand for). ``block`` is the index of the block
it belongs to (-1 for separators and section furniture); ``section`` is set on a
section's header rows (a click there toggles it); ``links`` lists the link numbers
shown on the row.

A plain tuple rather than a class: a long article has tens of thousands of rows, and
tuples of strings and numbers are dropped from the garbage collector's watch, so
laying out a long page does not set off full collections that would stall the UI.
"""
RUNS, START, END, BLOCK, SECTION, LINKS = range(6)


def display_line(
    runs: tuple[Run, ...],
    start: int,
    end: int,
    block: int = -1,
    section: str | None = None,
    links: tuple[int, ...] = (),
) -> DisplayLine:
    return (runs, start, end, block, section, links)


def line_text(line: DisplayLine) -> str:
    return "".join(run[0] for run in line[RUNS])


def blank_line(at: int) -> DisplayLine:
    return ((), at, at, -1, None, ())


class NumberedLink(NamedTuple):
    """A link with the number the view shows after it (``text[3]``).

    Links inside the body have their text range; links of a link group (not part of
    ``Article.text``) have ``start == end == len(text)`` and name their ``group``.
    """

    number: int
    text: str
    href: str | None
    start: int
    end: int
    group: str | None = None
