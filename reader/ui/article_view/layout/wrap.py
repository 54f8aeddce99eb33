"""Wrap styled runs into rows of a given cell width.

Widths are terminal cells (``rich.cells``): wide (CJK) characters take two, combining
marks none, and a grapheme is never split. Text breaks at spaces; a word wider than
the row breaks between graphemes; a wide character may break anywhere. Spaces at a
break are dropped, so a row's runs are one contiguous slice of the input.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from rich.cells import cell_len, split_graphemes

from reader.ui.article_view.layout.lines import NO_OFFSET, Run

# Break opportunities: a forced break, a stretch of breakable spaces, or a word.
# No-break spaces (U+00A0, U+2007, U+202F) belong to words.
_NO_BREAK = "\u00a0\u2007\u202f"
_TOKENS = re.compile(rf"\n|[^\S\n{_NO_BREAK}]+|(?:[^\s]|[{_NO_BREAK}])+")

WrappedRow = tuple[tuple[Run, ...], int, int]
"""A row: its runs (prefix included), and the text range it shows (-1, -1 if none)."""


def cells(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


def runs_cells(runs: Sequence[Run]) -> int:
    return sum(cells(run[0]) for run in runs)


# Kinsoku shori (JIS X 4051): characters a CJK line must not start with (closing
# brackets and quotes, full stops and commas, iteration marks, small kana, the long
# vowel mark) and ones it must not end with (opening brackets and quotes). A full
# Unicode line-breaking library (UAX #14) was measured at 0.35 ms a character in pure
# Python, seconds for a long Japanese article: these two sets are what matters here.
_NO_LINE_START = frozenset(
    ")]}）］｝〕〉》」』】〙〗〟’”｠»"
    "、。，．,.・：；:;？！?!‼⁇⁈⁉"
    "ヽヾゝゞ々〻ー〜～"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "‐゠–〜%％‰℃°′″"
)
_NO_LINE_END = frozenset("([{（［｛〔〈《「『【〘〖〝‘“｟«$＄￥£")


def _kinsoku(text: str, pieces: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Join pieces so no piece starts with a no-start character or ends with a
    no-end one (a row may then break only where CJK typesetting allows)."""
    out: list[tuple[int, int, int]] = []
    for start, end, width in pieces:
        if out and (text[start] in _NO_LINE_START or text[out[-1][1] - 1] in _NO_LINE_END):
            p_start, _, p_width = out[-1]
            out[-1] = (p_start, end, p_width + width)
        else:
            out.append((start, end, width))
    return out


def _pieces(text: str, a: int, b: int) -> list[tuple[int, int, int]]:
    """Split a non-ASCII word ``text[a:b]`` into unbreakable pieces with their widths:
    each wide grapheme alone, runs of narrow graphemes together, then joined where CJK
    line-breaking rules forbid a break."""
    spans, _ = split_graphemes(text[a:b])
    pieces: list[tuple[int, int, int]] = []
    run_start = -1
    run_width = 0
    run_end = a
    for start, end, width in spans:
        if width >= 2:
            if run_start >= 0:
                pieces.append((run_start, run_end, run_width))
                run_start = -1
            pieces.append((a + start, a + end, width))
        else:
            if run_start < 0:
                run_start, run_width = a + start, 0
            run_width += width
            run_end = a + end
    if run_start >= 0:
        pieces.append((run_start, run_end, run_width))
    return _kinsoku(text, pieces)


def _hard_break(text: str, a: int, b: int, first: int, avail: int) -> list[tuple[int, int]]:
    """Cut ``text[a:b]`` between graphemes into slices of at most ``first`` cells for
    the first and ``avail`` for the rest (at least one grapheme per slice)."""
    out: list[tuple[int, int]] = []
    limit = max(1, first)
    if text[a:b].isascii():
        while b - a > limit:
            out.append((a, a + limit))
            a += limit
            limit = max(1, avail)
        out.append((a, b))
        return out
    spans, _ = split_graphemes(text[a:b])
    start = a
    width = 0
    for g_start, _g_end, g_width in spans:
        if width + g_width > limit and a + g_start > start:
            out.append((start, a + g_start))
            start = a + g_start
            width = 0
            limit = max(1, avail)
        width += g_width
    out.append((start, b))
    return out


def _keep_whole(
    slices: list[tuple[int, int]], whole: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Move cuts that fall inside a ``whole`` span (a link number) to its start."""
    if not whole or len(slices) < 2:
        return slices
    cuts = [end for _, end in slices[:-1]]
    for position, cut in enumerate(cuts):
        for a, b in whole:
            floor = cuts[position - 1] if position else slices[0][0]
            if a < cut < b and a > floor:
                cuts[position] = a
    bounds = [slices[0][0], *cuts, slices[-1][1]]
    return [(x, y) for x, y in pairwise(bounds) if y > x]


def _break_ranges(
    text: str, first_avail: int, avail: int, whole: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """Row ranges ``[a, b)`` over ``text`` for word wrapping; a word too long for a
    row is cut, but never inside a ``whole`` span."""
    rows: list[tuple[int, int]] = []
    row_start = -1
    row_end = 0
    width = 0
    limit = first_avail
    space_width = 0

    def flush() -> None:
        nonlocal row_start, width, limit, space_width
        rows.append((row_start, row_end) if row_start >= 0 else (row_end, row_end))
        row_start = -1
        width = 0
        space_width = 0
        limit = avail

    for match in _TOKENS.finditer(text):
        a, b = match.span()
        token = match.group()
        if token == "\n":
            flush()
            continue
        if token[0].isspace() and token[0] not in _NO_BREAK:
            if row_start >= 0:
                space_width += cells(token)
            continue
        if token.isascii():
            pieces = [(a, b, b - a)]
        else:
            pieces = _pieces(text, a, b) if cell_len(token) != len(token) else [(a, b, b - a)]
            if len(pieces) > 1 and all(w < 2 for _, _, w in pieces):
                pieces = [(a, b, sum(w for _, _, w in pieces))]
        for p_start, p_end, p_width in pieces:
            gap = space_width if row_start >= 0 else 0
            # Pieces of one word join without a gap; only a space token sets one.
            if row_start >= 0 and width + gap + p_width > limit:
                flush()
                gap = 0
            if p_width > limit:
                slices = _keep_whole(_hard_break(text, p_start, p_end, limit - width, avail), whole)
                for s_start, s_end in slices[:-1]:
                    if row_start < 0:
                        row_start = s_start
                    row_end = s_end
                    flush()
                p_start = slices[-1][0]
                p_width = cells(text[p_start:p_end])
            if row_start < 0:
                row_start = p_start
            width += gap + p_width
            row_end = p_end
            space_width = 0
    if row_start >= 0 or not rows:
        flush()
    return rows


def _slice_runs(
    runs: Sequence[Run], bounds: Sequence[int], a: int, b: int, skip_newlines: bool
) -> tuple[list[Run], int, int]:
    """The parts of ``runs`` covering ``[a, b)`` of their concatenation."""
    out: list[Run] = []
    lo = hi = NO_OFFSET
    for index, run in enumerate(runs):
        r_start = bounds[index]
        r_end = r_start + len(run[0])
        if r_end <= a:
            continue
        if r_start >= b:
            break
        s = max(a, r_start)
        e = min(b, r_end)
        text = run[0][s - r_start : e - r_start]
        if skip_newlines and "\n" in text:
            text = text.replace("\n", " ")
        offset = run[2]
        if offset == NO_OFFSET:
            out.append((text, run[1], NO_OFFSET))
        else:
            start = offset + s - r_start
            out.append((text, run[1], start))
            if lo == NO_OFFSET:
                lo = start
            hi = start + len(text)
    return out, lo, hi


def _join(runs: Sequence[Run]) -> tuple[str, list[int]]:
    """The runs' text joined, and where each run starts in it."""
    bounds: list[int] = []
    position = 0
    for run in runs:
        bounds.append(position)
        position += len(run[0])
    return "".join(run[0] for run in runs), bounds


def wrap(
    runs: Sequence[Run],
    width: int,
    first_prefix: Sequence[Run] = (),
    rest_prefix: Sequence[Run] = (),
) -> list[WrappedRow]:
    """Word-wrap ``runs`` to ``width`` cells, prefixing the first row with
    ``first_prefix`` and the others with ``rest_prefix``."""
    text, bounds = _join(runs)
    first_avail = max(1, width - runs_cells(first_prefix))
    avail = max(1, width - runs_cells(rest_prefix))
    whole = [
        (bound, bound + len(run[0]))
        for bound, run in zip(bounds, runs, strict=True)
        if run[2] == NO_OFFSET and len(run[0]) > 1
    ]
    rows: list[WrappedRow] = []
    for index, (a, b) in enumerate(_break_ranges(text, first_avail, avail, whole)):
        sliced, lo, hi = _slice_runs(runs, bounds, a, b, skip_newlines=False)
        prefix = first_prefix if index == 0 else rest_prefix
        rows.append(((*prefix, *sliced), lo, hi))
    return rows


def wrap_hard(
    runs: Sequence[Run],
    width: int,
    first_prefix: Sequence[Run] = (),
    rest_prefix: Sequence[Run] = (),
) -> list[WrappedRow]:
    """Wrap keeping every character (code): rows break at ``\\n`` and at the width,
    between graphemes, never at spaces."""
    text, bounds = _join(runs)
    first_avail = max(1, width - runs_cells(first_prefix))
    avail = max(1, width - runs_cells(rest_prefix))
    rows: list[WrappedRow] = []
    line_start = 0
    for line in text.split("\n"):
        line_end = line_start + len(line)
        limit = first_avail if not rows else avail
        for a, b in _hard_break(text, line_start, line_end, limit, avail):
            sliced, lo, hi = _slice_runs(runs, bounds, a, b, skip_newlines=True)
            if lo == NO_OFFSET and runs:
                lo = hi = _offset_at(runs, bounds, a)
            prefix = first_prefix if not rows else rest_prefix
            rows.append(((*prefix, *sliced), lo, hi))
        line_start = line_end + 1
    return rows


def _offset_at(runs: Sequence[Run], bounds: Sequence[int], position: int) -> int:
    """The text offset at ``position`` of the concatenation (for empty rows)."""
    for index in range(len(runs) - 1, -1, -1):
        if bounds[index] <= position and runs[index][2] != NO_OFFSET:
            return runs[index][2] + min(position - bounds[index], len(runs[index][0]))
    return NO_OFFSET
