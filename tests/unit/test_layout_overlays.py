"""Overlay layers: finding spans by row, cutting runs."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.ui.article_view.layout.overlays import (
    OverlayLayer,
    Overlays,
    apply_overlays,
    changed_spans,
)

spans = st.lists(
    st.tuples(st.integers(0, 200), st.integers(1, 60), st.sampled_from(["a", "b"])).map(
        lambda t: (t[0], t[0] + t[1], t[2])
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(spans, st.integers(0, 250), st.integers(1, 80))
def test_overlapping_finds_exactly_the_spans_meeting_a_range(items, start, length) -> None:
    layer = OverlayLayer(items)
    end = start + length
    expected = sorted(s for s in items if s[0] < end and start < s[1])
    assert sorted(layer.overlapping(start, end)) == expected


def test_layers_stack_in_insertion_order() -> None:
    overlays = Overlays()
    overlays.set("search", [(0, 5, "search-hit")])
    overlays.set("entities", [(2, 8, "entity-person")])
    overlays.set("search", [(1, 4, "search-current")])  # keeps its place at the bottom
    assert overlays.spans_in(0, 10) == [(1, 4, "search-current"), (2, 8, "entity-person")]
    overlays.clear("search")
    assert overlays.spans_in(0, 10) == [(2, 8, "entity-person")]


def test_apply_overlays_cuts_text_runs_and_skips_decoration() -> None:
    runs = [("hello world", "", 10), ("[1]", "link-number", -1)]
    painted = apply_overlays(runs, [(12, 14, "search-hit"), (13, 30, "entity-org")])
    assert painted == [
        ("he", "", ()),
        ("l", "", ("search-hit",)),
        ("l", "", ("search-hit", "entity-org")),
        ("o world", "", ("entity-org",)),
        ("[1]", "link-number", ()),
    ]


def test_changed_spans_is_the_symmetric_difference() -> None:
    old = OverlayLayer([(0, 2, "x"), (5, 6, "x")])
    new = OverlayLayer([(5, 6, "x"), (9, 10, "x")])
    assert changed_spans(old, new) == [(0, 2, "x"), (9, 10, "x")]
    assert changed_spans(None, new) == [(5, 6, "x"), (9, 10, "x")]
