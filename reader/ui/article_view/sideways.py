"""Rows wider than the text column (code, wide tables) and the sideways scroll that
shows them, as ``less -S`` does: one shift for every wide row, prose unmoved.

A wide row is painted through a window ``column`` cells wide starting ``shift`` cells
in; a marker in the window's first or last cell says there is more text that way,
as vim's ``listchars`` ``precedes``/``extends`` do.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.style import Style

from reader.ui.article_view.layout.lines import NO_OFFSET, RUNS, DisplayLine
from reader.ui.article_view.layout.wrap import cells

MORE_LEFT = "‹"
MORE_RIGHT = "›"
Piece = tuple[str, Style]


def row_cells(line: DisplayLine) -> int:
    return sum(cells(run[0]) for run in line[RUNS])


def _cut(text: str, start: int, end: int, halves: bool = True) -> str:
    """Cells ``[start, end)`` of ``text``; half a wide character at either edge
    becomes a space (or, without ``halves``, is kept whole)."""
    if text.isascii():
        return text[start:end]
    out: list[str] = []
    position = 0
    for char in text:
        width = cell_len(char)
        if position >= end:
            break
        if position >= start and position + width <= end:
            out.append(char)
        elif position + width > start:
            out.append(
                " " * (min(end, position + width) - max(start, position)) if halves else char
            )
        position += width
    return "".join(out)


def window(
    pieces: Sequence[Piece], shift: int, column: int, marker: Style
) -> tuple[list[Piece], int]:
    """The part of a wide row's ``pieces`` from cell ``shift``, ``column`` cells wide,
    with markers where text lies beyond either edge; and its width in cells."""
    out: list[Piece] = []
    end = shift + column
    position = 0
    hidden_left = hidden_right = False
    for text, style in pieces:
        width = cells(text)
        if position < shift and not hidden_left:
            hidden_left = bool(_cut(text, 0, shift - position, halves=False).strip())
        if position + width > end and not hidden_right:
            hidden_right = bool(_cut(text, max(0, end - position), width, halves=False).strip())
        if position + width > shift and position < end:
            part = _cut(text, max(0, shift - position), min(width, end - position))
            if part:
                out.append((part, style))
        position += width
    used = sum(cells(text) for text, _ in out)
    if hidden_left and out:
        text, style = out[0]
        out[0] = (MORE_LEFT + _cut(text, 1, cells(text)), style + marker)
    if hidden_right and out:
        text, style = out[-1]
        width = cells(text)
        out[-1] = (_cut(text, 0, width - 1) + MORE_RIGHT, style + marker)
    return [piece for piece in out if piece[0]], used


def column_of(line: DisplayLine, offset: int) -> int | None:
    """The cell of row ``line`` showing text offset ``offset`` (None: it shows none)."""
    position = 0
    for text, _, start in line[RUNS]:
        if start != NO_OFFSET and start <= offset < start + len(text):
            return position + cells(text[: offset - start])
        position += cells(text)
    return None


def revealing_shift(shift: int, column: int, cell: int) -> int:
    """The shift that shows ``cell`` of a wide row: ``shift`` when it already does,
    else one that puts it a third of the way in."""
    if shift <= cell < shift + column:
        return shift
    return max(0, cell - column // 3)


def widest_overflow(lines: Sequence[DisplayLine], column: int) -> int:
    """How far the widest of ``lines`` reaches past the column (0: none does)."""
    return max((row_cells(line) - column for line in lines), default=0)
