"""The pieces of an article that are analysed: paragraphs, list items, table rows
(not their header rows).

Each unit is a span of ``Article.text`` that spaCy reads as one text, so every offset
it reports maps back by adding ``unit.start``. Code blocks are skipped (identifiers
are not people); very long paragraphs are cut at sentence ends so no single text
makes the parser slow or memory-hungry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.models import Article, BlockKind

MAX_UNIT_CHARS = 5000
_SKIP = {BlockKind.CODE, BlockKind.RULE}
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")


@dataclass(frozen=True, slots=True)
class Unit:
    start: int
    end: int
    block: int
    """Index of the block in ``Article.blocks`` (-1 when the article has none)."""


def units_of(article: Article, end: int | None = None) -> list[Unit]:
    """The units of ``article.text[:end]`` (all of it when ``end`` is None)."""
    text = article.text
    end = len(text) if end is None else min(end, len(text))
    units: list[Unit] = []
    if article.blocks:
        for index, block in enumerate(article.blocks):
            if block.start >= end:
                break
            if block.kind in _SKIP:
                continue
            start = block.start
            if block.kind is BlockKind.TABLE and block.header_rows and block.rows:
                # Column headers ("Calories", "Founded") name no one: not analysed.
                cells = [c for row in block.rows[: block.header_rows] for c in row]
                if cells:
                    start = max(start, min(cells[-1].end + 1, block.end))
            units.extend(_lines(text, start, min(block.end, end), index))
    else:
        units.extend(_lines(text, 0, end, -1))
    return units


def analysed_end(text: str, max_chars: int | None) -> int:
    """Where the analysis of ``text`` stops: its end when it fits in ``max_chars``,
    else the last paragraph end before that (a sentence end or a space when the text
    has no paragraph break in the second half of the allowance)."""
    if max_chars is None or len(text) <= max_chars:
        return len(text)
    floor = max_chars // 2
    newline = text.rfind("\n", floor, max_chars + 1)
    if newline != -1:
        while newline > floor and text[newline - 1].isspace():
            newline -= 1
        return newline
    best = -1
    for match in _SENTENCE_END.finditer(text, max(floor, max_chars - MAX_UNIT_CHARS), max_chars):
        best = match.end()
    if best > 0:
        return best
    space = text.rfind(" ", floor, max_chars)
    return space if space != -1 else max_chars


def bound_notice(end: int, length: int) -> str | None:
    """What the reader is told when only ``text[:end]`` was analysed."""
    if end >= length:
        return None
    percent = max(1, min(99, end * 100 // max(1, length)))
    return f"Names and dates found in the first {percent}% of the article"


def _lines(text: str, start: int, end: int, block: int) -> list[Unit]:
    out: list[Unit] = []
    position = start
    while position < end:
        newline = text.find("\n", position, end)
        stop = end if newline == -1 else newline
        out.extend(_trimmed(text, position, stop, block))
        position = stop + 1
    return out


def _trimmed(text: str, start: int, end: int, block: int) -> list[Unit]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return []
    if end - start <= MAX_UNIT_CHARS:
        return [Unit(start, end, block)]
    out: list[Unit] = []
    while end - start > MAX_UNIT_CHARS:
        cut = _cut_point(text, start, start + MAX_UNIT_CHARS)
        stop = cut
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        out.append(Unit(start, stop, block))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        out.append(Unit(start, end, block))
    return out


def _cut_point(text: str, start: int, limit: int) -> int:
    """The last sentence end before ``limit``, else the last space, else ``limit``."""
    best = -1
    for match in _SENTENCE_END.finditer(text, start + MAX_UNIT_CHARS // 2, limit):
        best = match.end()
    if best > start:
        return best
    space = text.rfind(" ", start + 1, limit)
    return space + 1 if space > start else limit


_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:[A-Za-z]\.)+[A-Za-z]|Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Jr|Sr"
    r"|Corp|Inc|Co|Ltd|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|vs|etc)\.$"
)


def sentence_around(text: str, start: int, end: int, low: int, high: int) -> tuple[int, int]:
    """The sentence of ``text[low:high]`` that holds ``[start, end)``, found by
    punctuation (a period after an abbreviation like "U.S." ends no sentence). No
    sentence reaches further than ``MAX_UNIT_CHARS`` from the phrase: on a line of
    megabytes each lookup stays local instead of scanning the whole line."""
    low = max(low, start - MAX_UNIT_CHARS)
    high = min(high, end + MAX_UNIT_CHARS)
    first = low
    for match in _SENTENCE_END.finditer(text, low, start):
        if not _ABBREVIATION.search(text, max(low, match.start() - 12), match.start() + 1):
            first = match.end()
    last = high
    for match in _SENTENCE_END.finditer(text, end, high):
        if not _ABBREVIATION.search(text, max(low, match.start() - 12), match.start() + 1):
            last = match.start() + 1
            break
    return first, last
