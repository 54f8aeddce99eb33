"""Plain paragraphs and headings are written as Markdown directly, without the HTML
converter: the result must be the converter's, byte for byte."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.extract.blocks import Draft
from reader.extract.markdown import (
    CHUNK_FRAGMENTS,
    block_html,
    plain_markdown,
    render_blocks,
    render_fragments,
)
from reader.models import BlockKind, Mark, MarkKind

# Markdown's special characters, every kind of space and line break, controls, a
# surrogate, noncharacters, and ordinary letters.
SPECIAL = list("#*_-+>`<&[]()!|\\.)0123456789 \t\n\r\x0b\x0c\xa0\u2003\u3000\x00\x1b\x85\x9b")
ODD = ["\ud800", "\ufdd0", "\ufffe", "\ufeff", "\u202e", "é", "字", "\U0001f600", "&amp;", "&#1;"]
texts = st.lists(st.one_of(st.sampled_from(SPECIAL + ODD), st.text(max_size=4)), max_size=30).map(
    "".join
)
kinds = st.sampled_from([BlockKind.PARAGRAPH, BlockKind.HEADING])


def converted(draft: Draft) -> str:
    return render_fragments([block_html(draft)])[0]


@settings(max_examples=600, deadline=None)
@given(kind=kinds, text=texts, level=st.integers(min_value=-1, max_value=8))
def test_plain_block_is_written_as_the_converter_writes_it(
    kind: BlockKind, text: str, level: int
) -> None:
    draft = Draft(kind, text, level=level)
    direct = plain_markdown(draft)
    if direct is not None:
        assert direct == converted(draft)


@pytest.mark.parametrize(
    ("kind", "text", "level", "expected"),
    [
        (BlockKind.PARAGRAPH, "The tide was 3.5 m at noon.", 0, "The tide was 3.5 m at noon."),
        (BlockKind.PARAGRAPH, "# not a heading *really*", 0, r"\# not a heading \*really\*"),
        (BlockKind.PARAGRAPH, "1. not a list", 0, r"1\. not a list"),
        (BlockKind.HEADING, "Harbour  tides", 2, "## Harbour tides"),
        (BlockKind.PARAGRAPH, "   ", 0, ""),
    ],
)
def test_ordinary_blocks_take_the_direct_path(
    kind: BlockKind, text: str, level: int, expected: str
) -> None:
    draft = Draft(kind, text, level=level)
    assert plain_markdown(draft) == expected == converted(draft)


def test_blocks_with_marks_or_breaks_go_through_the_converter() -> None:
    marked = Draft(BlockKind.PARAGRAPH, "see the tables", [Mark(MarkKind.EMPHASIS, 8, 14)])
    assert plain_markdown(marked) is None
    assert plain_markdown(Draft(BlockKind.PARAGRAPH, "two\nlines")) is None
    assert plain_markdown(Draft(BlockKind.CODE, "x = 1")) is None
    assert render_blocks([marked]) == ["see the *tables*"]


def test_chunks_render_as_one_pass_would_and_check_between() -> None:
    drafts = [
        Draft(BlockKind.PARAGRAPH, f"entry {i}", [Mark(MarkKind.STRONG, 0, 5)])
        for i in range(CHUNK_FRAGMENTS + 5)
    ]
    stages: list[str] = []
    rendered = render_blocks(drafts, stages.append)
    assert rendered[0] == "**entry** 0"
    assert rendered[-1] == f"**entry** {CHUNK_FRAGMENTS + 4}"
    assert stages == ["writing Markdown", "writing Markdown"]


def test_a_check_that_raises_stops_the_rendering() -> None:
    class Stop(Exception):
        pass

    def stop(stage: str) -> None:
        raise Stop(stage)

    with pytest.raises(Stop):
        render_fragments(["<p>x</p>"], stop)
