"""Inline formatting: a text range and its marks → styled runs, links numbered."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from itertools import pairwise

from reader.models import Article, Mark, MarkKind
from reader.sanitize import clean_line
from reader.ui.article_view.layout.lines import NO_OFFSET, NumberedLink, Run, link_role
from reader.ui.article_view.layout.safe import visible
from reader.ui.article_view.roles import Role

# Role names in a fixed order, so equal combinations make equal role strings.
_MARK_ROLES = (
    (MarkKind.STRONG, Role.STRONG.value),
    (MarkKind.EMPHASIS, Role.EMPHASIS.value),
    (MarkKind.CODE, Role.CODE.value),
    (MarkKind.LINK, Role.LINK.value),
)


class LinkNumbers:
    """Numbers links in reading order: body links block by block, on demand (a
    screenful needs only the first few), then the links of each link group.

    Shared by the event loop and a layout worker; numbering is done under a lock.
    URLs go through ``clean_line``: they are shown, and handed to a browser. A link
    with no address (a text dump's) gets no number: there is nothing to open.
    ``shown``: the layout writes each number after its link (``[3]``); otherwise links
    are marked by their look, and the view labels them only while hints are on.
    """

    def __init__(self, article: Article, shown: bool = False) -> None:
        self._article = article
        self.shown = shown
        self._lock = threading.Lock()
        self._by_span: dict[tuple[int, int], int] = {}
        self._links: list[NumberedLink] = []
        self._next_block = 0
        self._all: tuple[NumberedLink, ...] | None = None

    def start(self, number: int) -> int:
        """Where link ``number`` starts in the text (-1 when it is not numbered yet)."""
        links = self._links
        return links[number - 1].start if 0 < number <= len(links) else NO_OFFSET

    def get(self, span: tuple[int, int]) -> int | None:
        """The number of the link mark over ``span`` (its block must be numbered)."""
        return self._by_span.get(span)

    def through(self, block: int) -> None:
        """Number the links of every block up to and including ``block``."""
        if block < self._next_block:
            return
        with self._lock:
            blocks = self._article.blocks
            text = self._article.text
            for index in range(self._next_block, min(block + 1, len(blocks))):
                marks = [m for m in blocks[index].marks if m.kind == MarkKind.LINK and m.href]
                if len(marks) > 1:
                    marks.sort(key=lambda m: (m.start, -m.end))
                for mark in marks:
                    span = (mark.start, mark.end)
                    if span in self._by_span:
                        continue
                    number = len(self._links) + 1
                    self._links.append(
                        NumberedLink(
                            number, visible(text[mark.start : mark.end]), _clean(mark.href), *span
                        )
                    )
                    self._by_span[span] = number
            self._next_block = max(self._next_block, block + 1)

    def all(self) -> tuple[NumberedLink, ...]:
        """Every link: the body's, then the link groups'."""
        if self._all is None:
            self.through(len(self._article.blocks) - 1)
            links = list(self._links)
            end = len(self._article.text)
            for group in self._article.link_groups:
                for link in group.links:
                    links.append(
                        NumberedLink(
                            len(links) + 1,
                            clean_line(link.text),
                            _clean(link.href),
                            end,
                            end,
                            group.id,
                        )
                    )
            self._all = tuple(links)
        return self._all


def _clean(href: str | None) -> str | None:
    return clean_line(href) if href else None


def inline_runs(
    text: str,
    start: int,
    end: int,
    marks: Sequence[Mark],
    base: str,
    links: LinkNumbers,
) -> list[Run]:
    """Runs for ``text[start:end]`` styled by the marks overlapping it; the link's runs
    carry its number as a role tag, and when numbers are ``shown`` the number follows
    its text as a ``link-number`` run."""
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
        active = [m for m in inside if m.start <= a and b <= m.end]
        kinds = {m.kind for m in active}
        role = " ".join([base] * bool(base) + [name for kind, name in _MARK_ROLES if kind in kinds])
        link = next((m for m in active if m.kind == MarkKind.LINK), None)
        number = links.get((link.start, link.end)) if link else None
        runs.append((text[a:b], link_role(role, number) if number else role, a))
        for mark in inside if links.shown else ():
            if mark.kind == MarkKind.LINK and mark.end == b:
                number = links.get((mark.start, mark.end))
                if number is not None:
                    runs.append(
                        (f"[{number}]", link_role(Role.LINK_NUMBER.value, number), NO_OFFSET)
                    )
    return runs
