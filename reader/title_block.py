"""What the article's title block says: title, standfirst, byline, site, date and
reading time (plain Python, no Textual).

The title block is a prelude the reader draws before the article's first block; it is
not part of ``Article.text``. Offsets, and so search, notes, bookmarks and reading
positions saved before it existed, are untouched by it; the metadata it shows is
searchable in the library as before.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime

from reader.models import Article
from reader.sanitize import clean_line

WORDS_PER_MINUTE = 230
_SQUASH = re.compile(r"[\W_]+")
_MAX_STANDFIRST = 400
"""Longer descriptions are summaries or the page's first paragraphs, not a standfirst."""
_COMPARED = 60
"""Squashed characters of the description looked for in the article's opening."""


def reading_minutes(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE)) if words else 0


def date_label(when: datetime) -> str:
    return f"{when.day} {when:%b %Y}"


def _squash(text: str) -> str:
    return _SQUASH.sub("", text.casefold())


def standfirst(article: Article) -> str:
    """The page's description when it is a real standfirst: not the title again, not
    a copy (or the cut start) of the article's first paragraphs, not a long summary.
    Empty otherwise."""
    description = clean_line(article.metadata.description or "").strip()
    key = _squash(description.rstrip(".… "))
    if not key or len(description) > _MAX_STANDFIRST:
        return ""
    title = _squash(article.title)
    if key == title or (title and key in title):
        return ""
    opening = _squash(article.text[: len(description) * 3 + 500])
    if key[:_COMPARED] in opening:
        return ""
    return description


@dataclass(frozen=True, slots=True)
class TitleBlock:
    title: str
    """Empty when the article's first line is the title already."""
    standfirst: str
    details: tuple[str, ...]
    """Byline, site, date, reading time: each one clean line, those the page has."""


def title_block(article: Article, words: int) -> TitleBlock:
    meta = article.metadata
    title = clean_line(article.title).strip()
    first = article.blocks[0] if article.blocks else None
    if first is not None:
        # An older copy keeps the title as its first heading; a page with no title
        # of its own is named after its first line: either way, not twice.
        opening = article.text[first.start : first.end].split("\n", 1)[0]
        if _squash(opening) == _squash(title):
            title = ""
    details = [clean_line(value).strip() for value in (meta.byline, meta.site) if value]
    if meta.published:
        details.append(date_label(meta.published))
    minutes = reading_minutes(words)
    if minutes:
        details.append(f"{minutes} min read")
    return TitleBlock(title, standfirst(article), tuple(d for d in details if d))
