"""The figures of an article as the reader lists them: for the full-screen viewer, the
figure keys and the link list. Plain data from the model; nothing is read or decoded."""

from __future__ import annotations

from dataclasses import dataclass

from reader.models import Article, BlockKind
from reader.sanitize import clean_line


@dataclass(frozen=True, slots=True)
class Figure:
    block: int
    """Index of the figure's block in ``Article.blocks``."""
    number: int
    """1 for the article's first figure, and so on."""
    image: str | None
    """Where its picture is on this machine (``Block.image``); None: never saved."""
    alt: str
    caption: str
    """The caption without the credit, on one line, safe to show."""
    credit: str
    src: str | None
    """The address the page gave the picture (shown, never fetched)."""
    width: int | None
    height: int | None

    @property
    def label(self) -> str:
        """What names the figure in a list: its caption, else its alt text."""
        return self.caption or self.credit or self.alt or f"Figure {self.number}"


def article_figures(article: Article) -> list[Figure]:
    """Every figure of ``article``, in reading order."""
    figures: list[Figure] = []
    text = article.text
    for index, block in enumerate(article.blocks):
        if block.kind is not BlockKind.FIGURE:
            continue
        caption, credit = text[block.start : block.end], ""
        if block.credit is not None and block.start <= block.credit.start <= block.end:
            start = block.credit.start - block.start
            end = min(block.credit.end, block.end) - block.start
            credit = caption[start:end]
            caption = caption[:start] + caption[end:]
        figures.append(
            Figure(
                block=index,
                number=len(figures) + 1,
                image=block.image,
                alt=clean_line(block.alt).strip(),
                caption=" ".join(clean_line(caption).split()),
                credit=" ".join(clean_line(credit).split()),
                src=block.src,
                width=block.width,
                height=block.height,
            )
        )
    return figures
