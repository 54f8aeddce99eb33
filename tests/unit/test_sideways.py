"""The window a wide row is painted through: the right cells, markers only where
text is hidden, never wider than the column (wide characters included)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.style import Style

from reader.ui.article_view.sideways import MORE_LEFT, MORE_RIGHT, window

PLAIN = Style()
MARK = Style(dim=True)


def _text(pieces: list[tuple[str, Style]]) -> str:
    return "".join(text for text, _ in pieces)


def test_a_window_shows_its_cells_and_marks_hidden_text() -> None:
    pieces = [("  ", PLAIN), ("abcdefghij", PLAIN), ("   ", PLAIN)]
    shown, width = window(pieces, 0, 6, MARK)
    assert _text(shown) == "  abc" + MORE_RIGHT and width == 6
    shown, _ = window(pieces, 4, 6, MARK)
    assert _text(shown) == MORE_LEFT + "defg" + MORE_RIGHT
    shown, _ = window(pieces, 9, 6, MARK)
    assert _text(shown) == MORE_LEFT + "ij   "  # the marker takes the edge cell, as in vim
    assert shown[0][1] == PLAIN + MARK


def test_only_spaces_beyond_an_edge_need_no_marker() -> None:
    shown, _ = window([("abc", PLAIN), ("       ", PLAIN)], 0, 5, MARK)
    assert _text(shown) == "abc  "


def test_a_wide_character_cut_by_an_edge_becomes_a_space() -> None:
    shown, width = window([("港口城市", PLAIN)], 1, 4, MARK)
    assert width == 4 and cell_len(_text(shown)) == 4
    assert _text(shown).startswith(MORE_LEFT)


@given(
    st.lists(st.text(alphabet="ab 港\t", min_size=1, max_size=12), min_size=1, max_size=6),
    st.integers(0, 40),
    st.integers(1, 30),
)
def test_the_window_is_never_wider_than_the_column(
    texts: list[str], shift: int, column: int
) -> None:
    pieces = [(text.replace("\t", " "), PLAIN) for text in texts]
    shown, width = window(pieces, shift, column, MARK)
    assert width == cell_len(_text(shown)) <= column
    whole = "".join(text for text, _ in pieces)
    if shift == 0 and cell_len(whole) <= column:
        assert _text(shown) == whole
