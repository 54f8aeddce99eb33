"""The back history of pages opened by following links (plain Python, no Textual)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from reader.models import Article


@dataclass(frozen=True, slots=True)
class Visit:
    source: str
    """What was opened: a path or URL."""
    article: Article
    """Kept so going back shows the page at once, without reading it again."""
    offset: int
    """The text offset at the top of the view when the page was left."""


class History:
    """Pages left behind, newest last. Bounded, so a long session cannot grow it forever."""

    def __init__(self, limit: int = 100) -> None:
        self._visits: list[Visit] = []
        self._limit = limit

    def push(self, visit: Visit) -> None:
        self._visits.append(visit)
        del self._visits[: -self._limit]

    def pop(self) -> Visit | None:
        return self._visits.pop() if self._visits else None

    def clear(self) -> None:
        self._visits.clear()

    def __len__(self) -> int:
        return len(self._visits)

    def __bool__(self) -> bool:
        return bool(self._visits)

    def __iter__(self) -> Iterator[Visit]:
        return iter(self._visits)
