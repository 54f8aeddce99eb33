"""Shared by the store tests: articles built by hand (no extractor involved)."""

from __future__ import annotations

from datetime import datetime

from reader.models import Article, Block, BlockKind, Metadata


def make_article(
    text: str,
    title: str = "A page",
    source: str = "page.html",
    site: str | None = None,
    published: datetime | None = None,
) -> Article:
    blocks = []
    offset = 0
    for number, paragraph in enumerate(text.split("\n\n")):
        blocks.append(Block(f"b{number}", BlockKind.PARAGRAPH, offset, offset + len(paragraph)))
        offset += len(paragraph) + 2
    return Article(
        source=source,
        metadata=Metadata(title=title, site=site, published=published),
        text=text,
        blocks=tuple(blocks),
        markdown=f"# {title}\n\n{text}\n",
    )


TEXT = (
    "Parliament passed the budget on Tuesday after a long night of debate.\n\n"
    "The finance minister said the reform of income tax would take effect in spring, "
    "and that pensions would rise with inflation.\n\n"
    "Opposition leaders called the plan reckless and promised to repeal it."
)
