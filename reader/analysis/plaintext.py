"""An Article built from plain paragraphs: what the benchmark and the tests analyse
when no page needs extracting, laid out like the extractor's (paragraph blocks
separated by a blank line)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from reader.models import Article, Block, BlockKind, Metadata


def article_from_paragraphs(
    paragraphs: Sequence[str],
    *,
    title: str = "",
    published: datetime | None = None,
    source: str = "<text>",
) -> Article:
    blocks: list[Block] = []
    parts: list[str] = []
    position = 0
    for number, paragraph in enumerate(p.strip() for p in paragraphs):
        if not paragraph:
            continue
        if parts:
            parts.append("\n\n")
            position += 2
        blocks.append(
            Block(
                id=f"p{number + 1}",
                kind=BlockKind.PARAGRAPH,
                start=position,
                end=position + len(paragraph),
                markdown=paragraph,
            )
        )
        parts.append(paragraph)
        position += len(paragraph)
    text = "".join(parts)
    return Article(
        source=source,
        metadata=Metadata(title=title, published=published),
        text=text,
        blocks=tuple(blocks),
        markdown="\n\n".join(b.markdown for b in blocks),
    )
