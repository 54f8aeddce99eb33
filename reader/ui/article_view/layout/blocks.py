"""One block of the article → its display lines at a given width.

Pure and independent per block, so blocks can be laid out in any order, in any
thread, and cached per width. Section furniture (markers, summaries, separators)
is the composer's job (``document.py``); a heading's first row carries a marker
placeholder the composer swaps for ▶/▼.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reader.images.halfblock import cell_box
from reader.models import Block, BlockKind, ListItem
from reader.shown_text import PieceKind, figure_alt
from reader.ui.article_view.layout.code import BASE as CODE_BASE
from reader.ui.article_view.layout.code import code_runs
from reader.ui.article_view.layout.context import LayoutContext
from reader.ui.article_view.layout.inline import inline_runs
from reader.ui.article_view.layout.lines import (
    EXPANDED_MARKER,
    MARKER_WIDTH,
    NO_OFFSET,
    DisplayLine,
    Run,
    split_role,
)
from reader.ui.article_view.layout.safe import safe_runs
from reader.ui.article_view.layout.table import table_rows
from reader.ui.article_view.layout.wrap import WrappedRow, cells, runs_cells, wrap, wrap_hard
from reader.ui.article_view.roles import Role, heading_role

BULLETS = ("• ", "◦ ", "▪ ")
QUOTE_BAR = "│ "
CODE_INDENT = 2
TAB_WIDTH = 4
NO_WRAP = 1 << 30
"""A row width no line reaches: code rows break only at line ends."""


def _heading(ctx: LayoutContext, block: Block, width: int) -> list[WrappedRow]:
    level = min(max(block.level, 1), 6)
    runs = inline_runs(
        ctx.text, block.start, block.end, block.marks, heading_role(level), ctx.link_numbers
    )
    marker = ((EXPANDED_MARKER, Role.SECTION_MARKER.value, NO_OFFSET),)
    indent = ((" " * MARKER_WIDTH, "", NO_OFFSET),)
    rows = wrap(runs, width, marker, indent)
    if level <= 2:
        widest = max(runs_cells(r[0]) for r in rows) - MARKER_WIDTH
        rule = ("━" if level == 1 else "─") * max(1, widest)
        rows.append(((*indent, (rule, Role.HEADING_RULE.value, NO_OFFSET)), NO_OFFSET, NO_OFFSET))
    return rows


def _paragraph(ctx: LayoutContext, block: Block, width: int) -> list[WrappedRow]:
    runs = inline_runs(ctx.text, block.start, block.end, block.marks, "", ctx.link_numbers)
    return wrap(runs, width)


def _list(ctx: LayoutContext, block: Block, width: int) -> list[WrappedRow]:
    items = block.items or _implicit_items(ctx.text, block)
    counters: dict[int, int] = {}
    rows: list[WrappedRow] = []
    for item in items:
        depth = max(0, item.depth)
        for deeper in [d for d in counters if d > depth]:
            del counters[deeper]
        if item.ordered:
            number = item.number if item.number is not None else counters.get(depth, 0) + 1
            counters[depth] = number
            bullet = f"{number}. "
        else:
            bullet = BULLETS[min(depth, len(BULLETS) - 1)]
        indent = min(2 * depth, width // 3)
        runs = inline_runs(ctx.text, item.start, item.end, block.marks, "", ctx.link_numbers)
        first = ((" " * indent, "", NO_OFFSET), (bullet, Role.BULLET.value, NO_OFFSET))
        rest = ((" " * (indent + cells(bullet)), "", NO_OFFSET),)
        rows.extend(wrap(runs, width, first, rest))
    return rows


def _implicit_items(text: str, block: Block) -> tuple[ListItem, ...]:
    """A list block without items: one item per line of its text."""
    items = []
    position = block.start
    for line in text[block.start : block.end].split("\n"):
        if line.strip():
            items.append(ListItem(position, position + len(line)))
        position += len(line) + 1
    return tuple(items)


def _quote(ctx: LayoutContext, block: Block, width: int) -> list[WrappedRow]:
    depth = min(max(block.level, 1), max(1, width // 6))
    bar = ((QUOTE_BAR * depth, Role.QUOTE_BAR.value, NO_OFFSET),)
    runs = inline_runs(
        ctx.text, block.start, block.end, block.marks, Role.QUOTE.value, ctx.link_numbers
    )
    return wrap(runs, width, bar, bar)


def _expand_tabs(runs: Sequence[Run]) -> list[Run]:
    out: list[Run] = []
    for text, role, start in runs:
        if "\t" not in text:
            out.append((text, role, start))
            continue
        position = 0
        for part in text.split("\t"):
            if part:
                out.append((part, role, start + position))
            position += len(part)
            if position < len(text):
                out.append((" " * TAB_WIDTH, role, NO_OFFSET))
                position += 1
    return out


def _code(ctx: LayoutContext, block: Block, width: int, load: bool = True) -> list[WrappedRow]:
    end = block.end
    while end > block.start and ctx.text[end - 1] == "\n":
        end -= 1
    runs = _expand_tabs(code_runs(ctx.text, block.start, end, block.language, load))
    pad = ((" " * CODE_INDENT, CODE_BASE, NO_OFFSET),)
    # Code never wraps: a line longer than the column is scrolled to (sideways.py).
    rows = wrap_hard(runs, NO_WRAP, pad, pad)
    # The box is as wide as its widest line, so its background scrolls with it.
    width = max(width, max((runs_cells(r[0]) for r in rows), default=0) + CODE_INDENT)
    boxed: list[WrappedRow] = []
    blank = ((" " * width, CODE_BASE, NO_OFFSET),)
    boxed.append((blank, NO_OFFSET, NO_OFFSET))
    for row_runs, lo, hi in rows:
        fill = width - runs_cells(row_runs)
        if fill > 0:
            row_runs = (*row_runs, (" " * fill, CODE_BASE, NO_OFFSET))
        boxed.append((row_runs, lo, hi))
    boxed.append((blank, NO_OFFSET, NO_OFFSET))
    return boxed


def _table(ctx: LayoutContext, block: Block, width: int) -> list[WrappedRow]:
    rows = table_rows(ctx.text, block, block.marks, ctx.link_numbers, width)
    return rows or _paragraph(ctx, block, width)


FIGURE_IMAGE = Role.FIGURE_IMAGE.value
"""The role of the rows a figure's picture is drawn on (the view paints them)."""


def figure_box(
    ctx: LayoutContext, block: Block, width: int, most_rows: int | None = None
) -> tuple[int, int] | None:
    """The cells (columns, rows) reserved for a figure's picture, known from its
    intrinsic size before it is decoded; None when it is not drawn. ``most_rows``:
    the layout's own limit (it follows the view's height), else the context's."""
    rows = ctx.figure_rows if most_rows is None else most_rows
    if not rows or not block.image or block.kind is not BlockKind.FIGURE:
        return None
    return cell_box(block.width, block.height, width, rows)


def _figure(
    ctx: LayoutContext, block: Block, width: int, most_rows: int | None = None
) -> list[WrappedRow]:
    caption = (
        inline_runs(
            ctx.text, block.start, block.end, block.marks, Role.FIGURE.value, ctx.link_numbers
        )
        if block.end > block.start
        else []
    )
    box = figure_box(ctx, block, width, most_rows)
    if box is not None:
        # The picture's rows, then its caption: the view draws the picture over them.
        columns, height = box
        rows: list[WrappedRow] = [
            (((" " * columns, FIGURE_IMAGE, NO_OFFSET),), NO_OFFSET, NO_OFFSET)
            for _ in range(height)
        ]
        if caption:
            rows.extend(wrap(caption, width))
        return rows
    runs: list[Run] = [("[image: ", Role.FIGURE.value, NO_OFFSET)]
    if caption:
        runs.extend(caption)
    else:
        alt = figure_alt(block.alt)
        at = ctx.shown.offset((PieceKind.FIGURE.value, block.id, 0)) if alt else None
        runs.append((alt or "no description", Role.FIGURE.value, NO_OFFSET if at is None else at))
    # The address of a picture that was not saved is in the link list (o), not here:
    # long image addresses are clutter in the text.
    runs.append(("]", Role.FIGURE.value, NO_OFFSET))
    return wrap(runs, width)


def _rule(ctx: LayoutContext, block: Block, width: int) -> list[WrappedRow]:
    return [((("─" * width, Role.RULE.value, NO_OFFSET),), NO_OFFSET, NO_OFFSET)]


_LAYOUTS: dict[BlockKind, Callable[[LayoutContext, Block, int], list[WrappedRow]]] = {
    BlockKind.HEADING: _heading,
    BlockKind.PARAGRAPH: _paragraph,
    BlockKind.LIST: _list,
    BlockKind.QUOTE: _quote,
    BlockKind.CODE: _code,
    BlockKind.TABLE: _table,
    BlockKind.FIGURE: _figure,
    BlockKind.RULE: _rule,
}


def layout_block(
    ctx: LayoutContext,
    index: int,
    width: int,
    load: bool = True,
    figure_rows: int | None = None,
) -> tuple[DisplayLine, ...]:
    """Display lines of block ``index`` at ``width`` cells. Rows without text get an
    empty range at the position they stand for, so line starts never decrease.
    Without ``load``, code whose lexer is not loaded yet comes out plain (same rows).
    ``figure_rows``: most rows a picture takes (None: the context's)."""
    block = ctx.article.blocks[index]
    ctx.link_numbers.through(index)
    try:
        if block.kind == BlockKind.CODE:
            rows = _code(ctx, block, max(1, width), load)
        elif block.kind == BlockKind.FIGURE:
            rows = _figure(ctx, block, max(1, width), figure_rows)
        else:
            rows = _LAYOUTS.get(block.kind, _paragraph)(ctx, block, max(1, width))
    except Exception:  # a block the layout cannot handle still shows its text
        rows = wrap([(ctx.text[block.start : block.end], "", block.start)], max(1, width))
    lines: list[DisplayLine] = []
    last = block.start
    for runs, lo, hi in rows:
        if lo == NO_OFFSET or lo >= ctx.shown.base:
            # No text of the article's (shown text, e.g. alt text, keeps its offsets in
            # its runs only): the row stands at the position it is shown at.
            lo = hi = last
        else:
            last = hi
        # Link runs carry their number, so a link cut across rows counts on each.
        links = tuple(dict.fromkeys(n for n in (split_role(r[1])[1] for r in runs) if n))
        lines.append((safe_runs(runs), lo, hi, index, None, links))
    return tuple(lines)
