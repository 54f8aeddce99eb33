from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.ui.reading.sidebar.sizing import (
    MIN_ARTICLE,
    OVERLAY_BELOW,
    fit,
    tab_labels,
)

TABS = [
    ("Contents", "TOC", "C"),
    ("Entities", "Names", "N"),
    ("Dates", "Dates", "D"),
    ("Bookmarks", "Marks", "B"),
    ("Notes", "Notes", "H"),
]


def test_the_sidebar_follows_the_terminal() -> None:
    assert fit(120, None).width == 36 and not fit(120, None).overlay
    assert fit(200, None).width == 56
    assert fit(80, None).width == 34
    assert fit(100, None).width == 34


def test_a_narrow_terminal_gets_the_sidebar_over_the_article() -> None:
    narrow = fit(40, None)
    assert narrow.overlay and narrow.width <= 38
    assert fit(79, None).overlay and not fit(80, None).overlay


def test_a_chosen_width_holds_but_leaves_the_article_room() -> None:
    assert fit(200, 70).width == 70
    assert fit(100, 90).width == 100 - MIN_ARTICLE


@given(st.integers(1, 500), st.one_of(st.none(), st.integers(1, 500)))
def test_the_article_keeps_its_room_beside_the_sidebar(total: int, chosen: int | None) -> None:
    result = fit(total, chosen)
    assert result.width >= 1
    if total >= OVERLAY_BELOW:
        assert not result.overlay
        assert total - result.width >= MIN_ARTICLE
    else:
        assert result.overlay and result.width <= total


def test_tab_labels_shorten_before_they_are_cut() -> None:
    assert tab_labels(60, TABS) == ["Contents", "Entities", "Dates", "Bookmarks", "Notes"]
    assert tab_labels(36, TABS) == ["TOC", "Names", "Dates", "Marks", "Notes"]
    assert tab_labels(20, TABS) == ["C", "N", "D", "B", "H"]
    for width in range(10, 80):
        labels = tab_labels(width, TABS)
        assert sum(len(label) + 2 for label in labels) <= max(width, 15)
