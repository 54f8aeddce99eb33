"""Overlays: styled spans of the text painted over the layout (search hits,
entities, highlights, a selection), in named layers stacked in insertion order.

Spans may overlap and be long (a highlight across paragraphs), so a layer keeps its
spans sorted by start with a running maximum of their ends: the spans overlapping a
row are found by bisection without scanning the layer.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from itertools import accumulate, pairwise

from reader.ui.article_view.layout.lines import NO_OFFSET, Run

OverlaySpan = tuple[int, int, str]
"""(start, end, role) over ``Article.text``."""


class OverlayLayer:
    def __init__(self, spans: Iterable[OverlaySpan]) -> None:
        self.spans: list[OverlaySpan] = sorted(
            (s for s in spans if s[1] > s[0]), key=lambda s: (s[0], s[1])
        )
        self._starts = [s[0] for s in self.spans]
        self._max_end = list(accumulate((s[1] for s in self.spans), max))

    def __len__(self) -> int:
        return len(self.spans)

    def overlapping(self, start: int, end: int) -> list[OverlaySpan]:
        """Spans meeting ``[start, end)``, in start order."""
        index = bisect.bisect_left(self._starts, end) - 1
        found: list[OverlaySpan] = []
        while index >= 0 and self._max_end[index] > start:
            span = self.spans[index]
            if span[1] > start:
                found.append(span)
            index -= 1
        found.reverse()
        return found


class Overlays:
    """The view's overlay layers, by name, bottom first."""

    def __init__(self) -> None:
        self.layers: dict[str, OverlayLayer] = {}

    def set(
        self, name: str, spans: Iterable[OverlaySpan]
    ) -> tuple[OverlayLayer | None, OverlayLayer]:
        """Replace layer ``name`` (keeping its place in the stack); return the old and
        new layer so the caller can repaint what changed."""
        old = self.layers.get(name)
        layer = OverlayLayer(spans)
        self.layers[name] = layer
        return old, layer

    def clear(self, name: str) -> OverlayLayer | None:
        return self.layers.pop(name, None)

    def reset(self) -> None:
        self.layers.clear()

    def spans_in(self, start: int, end: int) -> list[OverlaySpan]:
        """Spans of every layer meeting ``[start, end)``, bottom layer first."""
        if end <= start:
            return []
        found: list[OverlaySpan] = []
        for layer in self.layers.values():
            found.extend(layer.overlapping(start, end))
        return found


def changed_spans(old: OverlayLayer | None, new: OverlayLayer | None) -> list[OverlaySpan]:
    """Spans whose rows must repaint when ``old`` becomes ``new``."""
    before = set(old.spans) if old else set()
    after = set(new.spans) if new else set()
    return sorted(before ^ after)


Painted = tuple[str, str, tuple[str, ...]]
"""(text, role, overlay roles) ready to style."""


def apply_overlays(runs: Sequence[Run], spans: Sequence[OverlaySpan]) -> list[Painted]:
    """Cut text runs where overlay spans begin and end; each piece carries the
    overlay roles covering it, bottom layer first. Decoration is never overlaid."""
    if not spans:
        return [(text, role, ()) for text, role, _ in runs]
    out: list[Painted] = []
    for text, role, start in runs:
        if start == NO_OFFSET:
            out.append((text, role, ()))
            continue
        end = start + len(text)
        mine = [s for s in spans if s[0] < end and start < s[1]]
        if not mine:
            out.append((text, role, ()))
            continue
        cuts = {start, end}
        for s_start, s_end, _ in mine:
            if start < s_start < end:
                cuts.add(s_start)
            if start < s_end < end:
                cuts.add(s_end)
        points = sorted(cuts)
        for a, b in pairwise(points):
            roles = tuple(r for s_start, s_end, r in mine if s_start <= a and b <= s_end)
            out.append((text[a - start : b - start], role, roles))
    return out
