"""Search matches in the article and which one is current (plain Python, no Textual)."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable

from reader.models import Span
from reader.search import find

HIT = "search-hit"
CURRENT = "search-current"


class SearchMatches:
    """The matches of one query, in reading order, and a current one (index or -1).

    Reading order is text order, unless the matches come with a ``position``: where
    each stands in the text (text shown beside it, ``reader.shown_text``, is addressed
    by offsets past its end but read where it is shown)."""

    def __init__(self) -> None:
        self.query = ""
        self.spans: list[Span] = []
        self._starts: list[int] = []
        """Each match's position in reading order (its start, for text)."""
        self.current = -1
        self.wrapped = False
        """The latest move went past an end and came round from the other."""

    def __len__(self) -> int:
        return len(self.spans)

    def __bool__(self) -> bool:
        return bool(self.spans)

    def search(self, text: str, query: str) -> None:
        self.use(query, find(text, query) if query else ())

    def use(
        self, query: str, spans: Iterable[Span], position: Callable[[int], int] | None = None
    ) -> None:
        """Step through ``spans`` (found some other way, e.g. an entity's mentions), in
        the order of ``position(span.start)`` when given."""
        self.query = query
        if position is None:
            self.spans = sorted(spans, key=lambda span: span.start)
            self._starts = [span.start for span in self.spans]
        else:
            placed = sorted((position(span.start), span.start, span) for span in spans)
            self.spans = [span for _, _, span in placed]
            self._starts = [where for where, _, _ in placed]
        self.current = -1
        self.wrapped = False

    def clear(self) -> None:
        self.search("", "")

    def first_from(self, offset: int) -> int:
        """Make the first match at or after ``offset`` current (wrapping); its index."""
        if not self.spans:
            return -1
        index = bisect.bisect_left(self._starts, offset)
        self.wrapped = index >= len(self.spans)
        self.current = index if not self.wrapped else 0
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
        elif self.current < 0:
            index = 0 if forward else count - 1
        else:
            index = self.current + (1 if forward else -1)
        self.wrapped = not 0 <= index < count
        self.current = index % count
        return self.current

    @property
    def current_position(self) -> int | None:
        """Where the current match stands in reading order (a text offset)."""
        return self._starts[self.current] if 0 <= self.current < len(self.spans) else None

    @property
    def current_span(self) -> Span | None:
        return self.spans[self.current] if 0 <= self.current < len(self.spans) else None

    def overlay(self) -> list[tuple[int, int, str]]:
        """Spans for the view's "search" overlay layer."""
        return [
            (span.start, span.end, CURRENT if index == self.current else HIT)
            for index, span in enumerate(self.spans)
        ]
