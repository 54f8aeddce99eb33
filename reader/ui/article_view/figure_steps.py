"""Stepping through an article's figures in the view, and finding the one under the
passage cursor. Pure functions of the layout, so the view only wires keys to them."""

from __future__ import annotations

import bisect

from reader.models import Article, BlockKind
from reader.ui.article_view.layout.document import ArticleLayout
from reader.ui.article_view.layout.lines import BLOCK, START
from reader.ui.article_view.layout.sections import Outline


def figure_blocks(article: Article) -> list[int]:
    """Indices of the article's figure blocks, in order."""
    return [i for i, block in enumerate(article.blocks) if block.kind is BlockKind.FIGURE]


def block_at_row(layout: ArticleLayout, outline: Outline, row: int) -> int:
    """The block shown on ``row``; for a row between blocks (a blank line, a section's
    header), the block its offset falls in."""
    line = layout.lines[row]
    return line[BLOCK] if line[BLOCK] >= 0 else outline.block_index(line[START])


def step(figures: list[int], current: int, forward: bool) -> int | None:
    """The figure block after (or before) block ``current``; None past either end."""
    if forward:
        position = bisect.bisect_right(figures, current)
    else:
        position = bisect.bisect_left(figures, current) - 1
    return figures[position] if 0 <= position < len(figures) else None


def figure_on_row(layout: ArticleLayout, article: Article, row: int) -> int | None:
    """The figure block shown on ``row`` (its picture or its caption), if any."""
    if not 0 <= row < len(layout.lines):
        return None
    block = layout.lines[row][BLOCK]
    if 0 <= block < len(article.blocks) and article.blocks[block].kind is BlockKind.FIGURE:
        return block
    return None
