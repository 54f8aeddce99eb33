"""Link hints drawn over the text: while hints are on, a link whose number the layout
does not show gets it painted over the start of its text, the way browser hint modes
label links, so turning hints on and off never moves a word.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from rich.style import Style

from reader.ui.article_view.layout.lines import LINKS, NO_OFFSET, RUNS, DisplayLine, split_role
from reader.ui.article_view.layout.wrap import cells


def drop_cells(text: str, count: int) -> tuple[str, int]:
    """``text`` without its first ``count`` cells, and how many cells were still to
    drop past its end. Half of a wide character left over becomes a space."""
    if text.isascii():
        return text[count:], max(0, count - len(text))
    for index, char in enumerate(text):
        if count <= 0:
            return text[index:], 0
        width = cell_len(char)
        if width > count:
            return " " * (width - count) + text[index + 1 :], 0
        count -= width
    return "", count


class RowLabels:
    """The labels still to draw on one row, and how much text they cover."""

    __slots__ = ("_skip", "_todo")

    def __init__(self, numbers: set[int]) -> None:
        self._todo = numbers
        self._skip = 0

    def cover(
        self, text: str, number: int | None, parts: list[tuple[str, Style]], style: Style
    ) -> tuple[str, int]:
        """Put link ``number``'s label into ``parts`` when this run starts it; return
        what is left of ``text`` once labels cover it, and the cells labels added."""
        added = 0
        if number is not None and number in self._todo:
            self._todo.discard(number)
            label = str(number)
            parts.append((label, style))
            added = cells(label)
            self._skip += added
        if self._skip:
            text, self._skip = drop_cells(text, self._skip)
        return text, added


def hint_labels(line: DisplayLine, starts: Callable[[int], int]) -> RowLabels | None:
    """The labels row ``line`` shows: the links starting on it (a body link at its
    first character, a listed link on its first row), or None when there are none."""
    shown = line[LINKS]
    if not shown:
        return None
    numbers: set[int] = set()
    for _, role, start in line[RUNS]:
        number = split_role(role)[1]
        # A listed link (not numbered in the body: no start) starts on the first row
        # that lists it; a body link at its first character.
        if number is not None and number in shown and starts(number) in (NO_OFFSET, start):
            numbers.add(number)
    return RowLabels(numbers) if numbers else None
