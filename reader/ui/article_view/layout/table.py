"""Tables: aligned columns, cells wrapped inside their column. A table that cannot
fit the measure without cutting words is laid out wider and scrolled sideways."""

from __future__ import annotations

from collections.abc import Sequence

from reader.models import Block, Mark
from reader.ui.article_view.layout.inline import LinkNumbers, inline_runs
from reader.ui.article_view.layout.lines import NO_OFFSET, Run
from reader.ui.article_view.layout.wrap import WrappedRow, cells, runs_cells, wrap
from reader.ui.article_view.roles import Role

SEPARATOR = " │ "
SEPARATOR_WIDTH = 3
MIN_COLUMN = 3
WIDE_CELL = 40
"""Widest a column grows in a table wider than the view before its text wraps."""


def column_widths(natural: Sequence[int], available: int) -> list[int]:
    """Share ``available`` cells among columns: columns narrower than an even share
    keep their natural width, the others split what is left (water filling)."""
    widths = list(natural)
    if sum(natural) <= available:
        return widths
    remaining = list(range(len(natural)))
    left = available
    while remaining:
        share = left // len(remaining)
        fits = [i for i in remaining if natural[i] <= share]
        if not fits:
            break
        for i in fits:
            left -= natural[i]
        remaining = [i for i in remaining if natural[i] > share]
    if remaining:
        share, extra = divmod(left, len(remaining))
        for position, i in enumerate(remaining):
            widths[i] = max(MIN_COLUMN, share + (1 if position < extra else 0))
    return widths


def table_rows(
    text: str, block: Block, marks: Sequence[Mark], links: LinkNumbers, width: int
) -> list[WrappedRow]:
    rows = [list(row) for row in block.rows if row]
    if not rows:
        return []
    columns = max(len(row) for row in rows)
    cell_runs: list[list[list[Run]]] = []
    for number, row in enumerate(rows):
        base = Role.TABLE_HEADER.value if number < block.header_rows else ""
        cell_runs.append(
            [inline_runs(text, span.start, span.end, marks, base, links) for span in row]
        )
    natural = [1] * columns
    for row in cell_runs:
        for column, runs in enumerate(row):
            natural[column] = max(natural[column], runs_cells(runs))
    available = width - SEPARATOR_WIDTH * (columns - 1)
    widths = table_widths(natural, _longest_words(cell_runs, columns), available)
    out: list[WrappedRow] = []
    for number, row in enumerate(cell_runs):
        wrapped = [wrap(runs, widths[column]) for column, runs in enumerate(row)]
        height = max((len(cell) for cell in wrapped), default=1)
        for line in range(height):
            parts: list[Run] = []
            lo = hi = NO_OFFSET
            for column in range(columns):
                cell = wrapped[column] if column < len(wrapped) else []
                runs, c_lo, c_hi = cell[line] if line < len(cell) else ((), NO_OFFSET, NO_OFFSET)
                if column:
                    parts.append((SEPARATOR, Role.TABLE_BORDER.value, NO_OFFSET))
                parts.extend(runs)
                pad = widths[column] - runs_cells(runs)
                if pad > 0 and column < columns - 1:
                    parts.append((" " * pad, "", NO_OFFSET))
                if c_lo != NO_OFFSET:
                    lo = c_lo if lo == NO_OFFSET else min(lo, c_lo)
                    hi = max(hi, c_hi)
            out.append((tuple(parts), lo, hi))
        if number == block.header_rows - 1 and number < len(cell_runs) - 1:
            rule = "─┼─".join("─" * w for w in widths)
            out.append((((rule, Role.TABLE_BORDER.value, NO_OFFSET),), NO_OFFSET, NO_OFFSET))
    return out


def table_widths(natural: Sequence[int], words: Sequence[int], available: int) -> list[int]:
    """Column widths: shared out within ``available`` cells when that leaves every
    column room for its longest word; otherwise the table is wider than the column
    (scrolled sideways, never squeezed): each column as wide as its text, up to
    ``WIDE_CELL`` cells, or its longest word when that is longer."""
    if sum(natural) <= available:
        return list(natural)
    shared = column_widths(natural, max(0, available))
    if sum(shared) <= available and all(
        w >= min(word, n) for w, word, n in zip(shared, words, natural, strict=True)
    ):
        return shared
    return [min(n, max(WIDE_CELL, word)) for n, word in zip(natural, words, strict=True)]


def _longest_words(cell_runs: list[list[list[Run]]], columns: int) -> list[int]:
    longest = [MIN_COLUMN] * columns
    for row in cell_runs:
        for column, runs in enumerate(row):
            for word in "".join(run[0] for run in runs).split():
                longest[column] = max(longest[column], cells(word))
    return longest
