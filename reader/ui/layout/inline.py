"""Inline formatting: a text range and its marks → styled runs, links numbered."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import pairwise

from reader.models import Article, Mark, MarkKind
from reader.ui.layout.lines import NO_OFFSET, NumberedLink, Run

# Role names in a fixed order, so equal combinations make equal role strings.
_MARK_ROLES = (
    (MarkKind.STRONG, "strong"),
    (MarkKind.EMPHASIS, "emphasis"),
    (MarkKind.CODE, "code"),
    (MarkKind.LINK, "link"),
)

LinkNumbers = Mapping[tuple[int, int], int]
"""Link number by the (start, end) of its mark."""


def number_links(article: Article) -> tuple[list[NumberedLink], dict[tuple[int, int], int]]:
    """Number the body links in reading order, then the links of each link group."""
    numbered: list[NumberedLink] = []
    by_span: dict[tuple[int, int], int] = {}
    text = article.text
    for block in article.blocks:
        for mark in sorted(block.marks, key=lambda m: (m.start, -m.end)):
            if mark.kind != MarkKind.LINK or (mark.start, mark.end) in by_span:
                continue
            number = len(numbered) + 1
            by_span[(mark.start, mark.end)] = number
            numbered.append(
                NumberedLink(number, text[mark.start : mark.end], mark.href, mark.start, mark.end)
            )
    end = len(text)
    for group in article.link_groups:
        for link in group.links:
            numbered.append(
                NumberedLink(len(numbered) + 1, link.text, link.href, end, end, group.id)
            )
    return numbered, by_span


def inline_runs(
    text: str,
    start: int,
    end: int,
    marks: Sequence[Mark],
    base: str,
    links: LinkNumbers,
) -> list[Run]:
    """Runs for ``text[start:end]`` styled by the marks overlapping it; a numbered
    link's number follows its text as a ``link-number`` run."""
    inside = [m for m in marks if m.start < end and start < m.end and m.start < m.end]
    if not inside:
        return [(text[start:end], base, start)] if end > start else []
    cuts = {start, end}
    for mark in inside:
        cuts.add(max(start, mark.start))
        cuts.add(min(end, mark.end))
    points = sorted(cuts)
    runs: list[Run] = []
    for a, b in pairwise(points):
        kinds = {m.kind for m in inside if m.start <= a and b <= m.end}
        role = " ".join([base] * bool(base) + [name for kind, name in _MARK_ROLES if kind in kinds])
        runs.append((text[a:b], role, a))
        for mark in inside:
            if mark.kind == MarkKind.LINK and mark.end == b:
                number = links.get((mark.start, mark.end))
                if number is not None:
                    runs.append((f"[{number}]", "link-number", NO_OFFSET))
    return runs
