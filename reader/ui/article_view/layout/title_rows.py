"""The title block's rows: drawn before the article's first block, with no offsets of
their own (the title block is not part of ``Article.text``; ``reader.title_block``)."""

from __future__ import annotations

from reader.title_block import title_block
from reader.ui.article_view.layout.context import LayoutContext
from reader.ui.article_view.layout.lines import NO_OFFSET, DisplayLine, Run, display_line
from reader.ui.article_view.layout.wrap import runs_cells, wrap
from reader.ui.article_view.roles import Role

DETAIL_SEPARATOR = " · "


def title_rows(ctx: LayoutContext, width: int) -> list[DisplayLine]:
    """Title (ruled), standfirst, then byline · site · date · reading time: each
    wrapped to ``width``, every row standing for offset 0."""
    block = title_block(ctx.article, ctx.words)
    rows: list[DisplayLine] = []

    def add(runs: list[Run]) -> None:
        for row, _, _ in wrap(runs, width):
            rows.append(display_line(row, 0, 0))

    if block.title:
        start = len(rows)
        add([(block.title, Role.TITLE.value, NO_OFFSET)])
        widest = max(runs_cells(row[0]) for row in rows[start:])
        rows.append(
            display_line((("━" * max(1, widest), Role.HEADING_RULE.value, NO_OFFSET),), 0, 0)
        )
    if block.standfirst:
        add([(block.standfirst, Role.STANDFIRST.value, NO_OFFSET)])
    if block.details:
        add([(DETAIL_SEPARATOR.join(block.details), Role.TITLE_DETAILS.value, NO_OFFSET)])
    return rows
