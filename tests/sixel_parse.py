"""A small Sixel reader for the tests: what a terminal would paint from one image.

Enough of DEC's Sixel format to check what the reader sends: the DCS introducer and
its ``q``, raster attributes (``"Pan;Pad;Ph;Pv``), colour definitions (``#n;2;r;g;b``,
percentages) and selections (``#n``), repeats (``!count``), carriage return (``$``),
next band (``-``) and sixel characters (``?`` to ``~``, six pixels a column, the
lowest bit on top).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_DCS = re.compile(r"\x1bP([0-9;]*)q(.*)\x1b\\", re.DOTALL)
_TOKEN = re.compile(r'"(\d+);(\d+);(\d+);(\d+)|#(\d+)(?:;2;(\d+);(\d+);(\d+))?|!(\d+)(.)|([?-~$-])')


@dataclass
class Sixel:
    parameters: tuple[int, ...]
    """The DCS parameters; the second says whether unset pixels keep the screen's (1)."""
    raster: tuple[int, int, int, int]
    """Pan, Pad, width, height as declared."""
    palette: dict[int, tuple[int, int, int]] = field(default_factory=dict)
    """Colour registers defined, in percentages."""
    pixels: dict[tuple[int, int], int] = field(default_factory=dict)
    """(x, y) → colour register, for every pixel painted."""

    @property
    def size(self) -> tuple[int, int]:
        """Width and height of what was painted."""
        if not self.pixels:
            return 0, 0
        return max(x for x, _ in self.pixels) + 1, max(y for _, y in self.pixels) + 1

    @property
    def bands(self) -> int:
        """Bands of six pixel rows with something painted (a last ``-`` adds none)."""
        return -(-self.size[1] // 6)

    def colour_at(self, x: int, y: int) -> tuple[int, int, int]:
        return self.palette[self.pixels[(x, y)]]


def parse(text: str) -> Sixel:
    """The one Sixel image ``text`` is (nothing before or after it)."""
    match = _DCS.fullmatch(text)
    assert match is not None, "not one DCS … q … ST sequence"
    body = match.group(2)
    parameters = tuple(int(p or 0) for p in match.group(1).split(";"))
    sixel = Sixel(parameters, (0, 0, 0, 0))
    colour, x, band = 0, 0, 0
    position = 0
    while position < len(body):
        token = _TOKEN.match(body, position)
        assert token is not None, f"unexpected {body[position : position + 10]!r}"
        position = token.end()
        if token.group(1) is not None:
            sixel.raster = tuple(int(token.group(i)) for i in range(1, 5))  # type: ignore[assignment]
        elif token.group(5) is not None:
            colour = int(token.group(5))
            if token.group(6) is not None:
                sixel.palette[colour] = tuple(int(token.group(i)) for i in (6, 7, 8))  # type: ignore[assignment]
        elif token.group(9) is not None:
            x = _paint(sixel, token.group(10), int(token.group(9)), x, band, colour)
        elif token.group(11) == "$":
            x = 0
        elif token.group(11) == "-":
            x, band = 0, band + 1
        else:
            x = _paint(sixel, token.group(11), 1, x, band, colour)
    return sixel


def _paint(sixel: Sixel, char: str, count: int, x: int, band: int, colour: int) -> int:
    bits = ord(char) - 0x3F
    assert 0 <= bits < 64, f"not a sixel character: {char!r}"
    for column in range(x, x + count):
        for bit in range(6):
            if bits & (1 << bit):
                sixel.pixels[(column, band * 6 + bit)] = colour
    return x + count
