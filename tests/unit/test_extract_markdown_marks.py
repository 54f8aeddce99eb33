"""Paragraphs with links, emphasis and strong text are written as Markdown directly:
the result must be the HTML converter's, byte for byte."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.extract.blocks import Draft
from reader.extract.markdown import block_html, render_fragments
from reader.extract.markdown_marks import marked_markdown
from reader.models import BlockKind, Mark, MarkKind

PIECES = [
    *list("#*_-+>`<&[]()!|\\.)0123456789 \t\xa0\u2003é字"),
    *("  ", " - ", "1. ", "&amp;", "https://a.example/x_y", "word", "Two words", "\n", "\x1b"),
]
texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=3), min_size=1, max_size=24).map(
    "".join
)
HREFS = [
    None,
    "",
    "https://a.example/x_y",
    "https://a.example/a b",
    "https://a.example/<q>",
    "https://a.example/(x)",
    'https://a.example/"q"&r=1',
    "word",
    "https://a.example/\t",
]
KINDS = [MarkKind.LINK, MarkKind.EMPHASIS, MarkKind.STRONG]


@st.composite
def drafts(draw: st.DrawFn) -> Draft:
    text = draw(texts)
    marks = []
    for _ in range(draw(st.integers(min_value=1, max_value=5))):
        start = draw(st.integers(min_value=-1, max_value=len(text)))
        end = draw(st.integers(min_value=start, max_value=len(text) + 1))
        kind = draw(st.sampled_from([*KINDS, MarkKind.CODE] if draw(st.booleans()) else KINDS))
        href = draw(st.sampled_from(HREFS)) if kind is MarkKind.LINK else None
        if href == "word":
            href = text[max(start, 0) : end] or None  # a link whose text is its address
        marks.append(Mark(kind, start, end, href))
    marks.sort(key=lambda m: (m.start, -m.end))
    return Draft(BlockKind.PARAGRAPH, text, marks)


def span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def converted(draft: Draft) -> str:
    return render_fragments([block_html(draft)])[0]


@settings(max_examples=800, deadline=None)
@given(drafts())
def test_marked_paragraph_is_written_as_the_converter_writes_it(draft: Draft) -> None:
    direct = marked_markdown(draft)
    if direct is not None:
        assert direct == converted(draft)


def test_common_paragraphs_take_the_direct_path() -> None:
    text = "The tide clock of Port Wren runs again, says the harbour office."
    draft = Draft(
        BlockKind.PARAGRAPH,
        text,
        [
            Mark(MarkKind.STRONG, *span(text, "tide clock")),
            Mark(MarkKind.LINK, *span(text, "Port Wren"), "https://wren.example/a_b"),
            Mark(MarkKind.EMPHASIS, *span(text, "runs")),
        ],
    )
    expected = (
        r"The **tide clock** of [Port Wren](https://wren.example/a_b) *runs* again, "
        "says the harbour office."
    )
    assert marked_markdown(draft) == expected == converted(draft)


def test_what_it_does_not_write_takes_the_converter_path() -> None:
    line_break = Draft(BlockKind.PARAGRAPH, "one\ntwo", [Mark(MarkKind.STRONG, 0, 3)])
    code = Draft(BlockKind.PARAGRAPH, "run ls now", [Mark(MarkKind.CODE, 4, 6)])
    nested = Draft(
        BlockKind.PARAGRAPH,
        "a link in a link",
        [Mark(MarkKind.LINK, 0, 16, "https://a.example"), Mark(MarkKind.LINK, 2, 6, "b")],
    )
    assert marked_markdown(line_break) is None
    assert marked_markdown(code) is None
    assert marked_markdown(nested) is None
