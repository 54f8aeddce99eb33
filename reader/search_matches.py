"""Search matches in the article and which one is current (plain Python, no Textual)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from reader.models import Span
from reader.search import find

HIT = "search-hit"
CURRENT = "search-current"


class SearchMatches:
    """The matches of one query, in text order, and a current one (index or -1)."""

    def __init__(self) -> None:
        self.query = ""
        self.spans: list[Span] = []
        self._starts: list[int] = []
        self.current = -1

    def __len__(self) -> int:
        return len(self.spans)

    def __bool__(self) -> bool:
        return bool(self.spans)

    def search(self, text: str, query: str) -> None:
        self.use(query, find(text, query) if query else ())

    def use(self, query: str, spans: Iterable[Span]) -> None:
        """Step through ``spans`` (found some other way, e.g. an entity's mentions)."""
        self.query = query
        self.spans = sorted(spans, key=lambda span: span.start)
        self._starts = [span.start for span in self.spans]
        self.current = -1

    def clear(self) -> None:
        self.search("", "")

    def first_from(self, offset: int) -> int:
        """Make the first match at or after ``offset`` current (wrapping); its index."""
        if not self.spans:
            return -1
        index = bisect.bisect_left(self._starts, offset)
        self.current = index if index < len(self.spans) else 0
        return self.current

    def step(self, forward: bool, anchor: int | None = None) -> int:
        """Move to the next (or previous) match, wrapping around the ends.

        With ``anchor`` (a text offset) the step starts from there instead of from the
        current match: the reader scrolled away and wants the next one after what is on
        screen."""
        if not self.spans:
            return -1
        count = len(self.spans)
        if anchor is not None:
            if forward:
                index = bisect.bisect_left(self._starts, anchor)
            else:
                index = bisect.bisect_left(self._starts, anchor) - 1
            self.current = index % count
        elif self.current < 0:
            self.current = 0 if forward else count - 1
        else:
            self.current = (self.current + (1 if forward else -1)) % count
        return self.current

    @property
    def current_span(self) -> Span | None:
        return self.spans[self.current] if 0 <= self.current < len(self.spans) else None

    def overlay(self) -> list[tuple[int, int, str]]:
        """Spans for the view's "search" overlay layer."""
        return [
            (span.start, span.end, CURRENT if index == self.current else HIT)
            for index, span in enumerate(self.spans)
        ]
