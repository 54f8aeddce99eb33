"""Wrapping styled runs by terminal cells."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len, split_graphemes

from reader.ui.article_view.layout.lines import NO_OFFSET
from reader.ui.article_view.layout.wrap import cells, wrap, wrap_hard


def rows_text(rows):
    return ["".join(run[0] for run in runs) for runs, _, _ in rows]


def check_runs(rows, source: str) -> None:
    """Every text run is exactly the source at its offset; ranges fit the runs."""
    for runs, lo, hi in rows:
        texts = [r for r in runs if r[2] != NO_OFFSET]
        for text, _, start in texts:
            assert source[start : start + len(text)] == text
        if texts:
            assert lo == texts[0][2]
            assert hi == texts[-1][2] + len(texts[-1][0])


def test_plain_text_wraps_at_spaces_within_width() -> None:
    source = "The quick brown fox jumps over the lazy dog and keeps running far away."
    rows = wrap([(source, "", 0)], 20)
    texts = rows_text(rows)
    assert all(len(t) <= 20 for t in texts)
    assert " ".join(texts) == source
    check_runs(rows, source)


def test_prefixes_take_their_cells() -> None:
    rows = wrap(
        [("one two three four five six", "", 0)], 12, [("• ", "bullet", -1)], [("  ", "", -1)]
    )
    texts = rows_text(rows)
    assert texts[0].startswith("• ")
    assert all(t.startswith("  ") for t in texts[1:])
    assert all(len(t) <= 12 for t in texts)


def test_long_word_breaks_at_the_width() -> None:
    word = "x" * 25
    rows = wrap([(word, "", 0)], 10)
    assert rows_text(rows) == ["x" * 10, "x" * 10, "x" * 5]
    check_runs(rows, word)


def test_newline_forces_a_break_and_blank_rows_stay() -> None:
    source = "first line\n\nthird"
    rows = wrap([(source, "", 0)], 40)
    assert rows_text(rows) == ["first line", "", "third"]


def test_no_break_space_keeps_words_together() -> None:
    source = "aaaa bbbb\u00a0cccc"
    assert rows_text(wrap([(source, "", 0)], 10)) == ["aaaa", "bbbb\u00a0cccc"]


def test_wide_characters_count_two_cells_and_break_anywhere() -> None:
    source = "日本語のテキストです。これは長い文章です。"
    rows = wrap([(source, "", 0)], 10)
    texts = rows_text(rows)
    assert all(cell_len(t) <= 10 for t in texts)
    assert "".join(texts) == source
    assert cell_len(texts[0]) == 10
    check_runs(rows, source)


def test_mixed_latin_and_cjk() -> None:
    source = "Tokyo 東京 is big and 大阪 is near"
    rows = wrap([(source, "", 0)], 9)
    assert all(cell_len(t) <= 9 for t in rows_text(rows))
    check_runs(rows, source)


def test_combining_marks_stay_with_their_base() -> None:
    source = "cafe\u0301 " * 6 + "re\u0301sume\u0301" * 3
    rows = wrap([(source, "", 0)], 7)
    for text in rows_text(rows):
        assert not text.startswith("\u0301")
        assert cell_len(text) <= 7
    check_runs(rows, source)


def test_right_to_left_text_keeps_logical_order() -> None:
    source = "שלום עולם זה טקסט בעברית ארוך מספיק כדי לגלוש"
    rows = wrap([(source, "", 0)], 12)
    assert " ".join(rows_text(rows)) == source
    assert all(cells(t) <= 12 for t in rows_text(rows))
    arabic = "مرحبا بالعالم هذا نص عربي طويل"
    rows = wrap([(arabic, "", 0)], 10)
    assert " ".join(rows_text(rows)) == arabic


def test_styles_split_with_the_rows() -> None:
    runs = [
        ("plain words then ", "", 0),
        ("bold words here", "strong", 17),
        ("[1]", "link-number", -1),
    ]
    source = "plain words then bold words here"
    rows = wrap(runs, 14)
    check_runs(rows, source)
    roles = [r[1] for runs_, _, _ in rows for r in runs_]
    assert "strong" in roles and "link-number" in roles
    # The link number sticks to the word before it.
    last = rows_text(rows)[-1]
    assert last.endswith("here[1]")


def test_hard_wrap_keeps_spaces_and_lines() -> None:
    source = "def f(x):\n        return x + 1\n"
    rows = wrap_hard([(source, "code-block", 0)], 12)
    texts = rows_text(rows)
    assert texts[0] == "def f(x):"
    assert texts[1] == "        retu"
    assert texts[2] == "rn x + 1"
    check_runs(rows, source)


_PIECES = ["  ", "\n", "日", "本", "語", "e\u0301", "ש", "ל", "ם", "م", "ر", "\u00a0", "😀"]
_ALPHABET = st.sampled_from([*"abcdefghij ", *_PIECES])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=120).map("".join), st.integers(min_value=2, max_value=30))
def test_wrap_properties(source: str, width: int) -> None:
    rows = wrap([(source, "", 0)], width)
    check_runs(rows, source)
    for text in rows_text(rows):
        assert cell_len(text) <= width
    # Rows are in order and together hold every non-space character exactly once.
    shown = "".join(t for t in rows_text(rows))
    assert shown.replace(" ", "") == source.replace(" ", "").replace("\n", "")
    starts = [lo for _, lo, _ in rows if lo != NO_OFFSET]
    assert starts == sorted(starts)


@settings(max_examples=200, deadline=None)
@given(st.lists(_ALPHABET, max_size=120).map("".join), st.integers(min_value=2, max_value=30))
def test_hard_wrap_properties(source: str, width: int) -> None:
    rows = wrap_hard([(source, "", 0)], width)
    check_runs(rows, source)
    for text in rows_text(rows):
        assert cell_len(text) <= width
        # Graphemes are never cut.
        spans, _ = split_graphemes(text)
        assert "".join(text[a:b] for a, b, _ in spans) == text
    assert "".join(rows_text(rows)) == source.replace("\n", "")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.text(alphabet="abcdefgh日本 ", min_size=1, max_size=30), st.booleans()),
        min_size=1,
        max_size=8,
    ),
    st.integers(min_value=5, max_value=20),
)
def test_decoration_is_never_cut(parts: list[tuple[str, bool]], width: int) -> None:
    """Link numbers and other added marks stay whole when a long word is broken."""
    runs = []
    position = 0
    for text, decoration in parts:
        if decoration:
            runs.append((f"[{len(runs)}]", "link-number", NO_OFFSET))
        else:
            runs.append((text, "", position))
            position += len(text)
    source = "".join(r[0] for r in runs if r[2] != NO_OFFSET)
    rows = wrap(runs, width)
    check_runs(rows, source)
    shown = [r for row_runs, _, _ in rows for r in row_runs if r[2] == NO_OFFSET]
    expected = [r for r in runs if r[2] == NO_OFFSET]
    assert shown == expected


def _rows(text: str, width: int) -> list[str]:
    return ["".join(run[0] for run in row[0]) for row in wrap([(text, "", 0)], width)]


def test_cjk_lines_never_start_with_closing_punctuation_or_end_with_opening() -> None:
    text = "日本語の文章です、句読点！「かぎ括弧」はどうでしょう。ちょっと待ってください。"
    for width in range(6, 30):
        rows = _rows(text, width)
        assert "".join(rows) == text
        for row in rows[1:]:
            assert row[0] not in "、。！」ょっ", (width, rows)
        for row in rows[:-1]:
            assert row[-1] != "「", (width, rows)


def test_chinese_punctuation_stays_with_its_sentence() -> None:
    text = "这是一个测试，看看标点符号是否正确！我们希望“引号”不会被分开。"
    for width in range(6, 24):
        rows = _rows(text, width)
        for row in rows[1:]:
            assert row[0] not in "，！。”", (width, rows)
        for row in rows[:-1]:
            assert row[-1] != "“", (width, rows)


CJK_SAMPLE = st.text(alphabet="日本語文章、。！「」ぁっーabc ", min_size=1, max_size=80)


@settings(max_examples=200, deadline=None)
@given(CJK_SAMPLE, st.integers(4, 30))
def test_cjk_wrapping_keeps_the_text_and_the_width(text: str, width: int) -> None:
    rows = _rows(text, width)
    assert "".join(rows).replace(" ", "") == text.replace(" ", "").replace("\n", "")
    for row in rows:
        assert cells(row) <= width, (row, width)
