"""The depth probe of the parse answers as counting every element's ancestors does."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.extract.html_clean import _deeper_than, _parse


@st.composite
def _nested(draw: st.DrawFn, depth: int = 0) -> str:
    if depth >= 12:
        return "x"
    children = draw(st.lists(_nested(depth + 1), max_size=2 if depth < 6 else 1))
    tag = draw(st.sampled_from(["div", "section", "span", "ul", "li"]))
    return f"<{tag}>{''.join(children)}</{tag}>"


@settings(max_examples=60, deadline=None)
@given(_nested(), st.integers(min_value=0, max_value=16))
def test_deeper_than_counts_ancestors(markup: str, depth: int) -> None:
    root = _parse(f"<html><body>{markup}</body></html>")
    expected = bool(root.xpath("boolean(//*[count(ancestor::*) >= $d])", d=depth))
    assert _deeper_than(root, depth) is expected


def test_the_parser_cap_is_seen() -> None:
    root = _parse("<div>" * 2100 + "deep")
    assert _deeper_than(root, 2047) and not _deeper_than(root, 2100)
