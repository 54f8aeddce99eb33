"""What a page is, from its bytes: HTML fragments on standard input are HTML."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.loaders.sniff import Format, sniff


@pytest.mark.parametrize(
    "data",
    [
        b"<p>hello <b>world</b></p>",
        b"  <div class='x'>one</div>\n",
        b"<h2>Title</h2><p>Body</p>",
        b"<img src='a.png' alt='A'> caption",
        b"<article><p>text</p></article>",
    ],
)
def test_an_html_fragment_is_html(data: bytes) -> None:
    assert sniff(data, None) is Format.HTML


@pytest.mark.parametrize(
    "data",
    [
        b"<3 you, and plain text",
        b"<p is not closed here",
        b"a < b and c > d",
        b"<br",
    ],
)
def test_text_with_angle_brackets_stays_text(data: bytes) -> None:
    assert sniff(data, None) is Format.TEXT


def test_a_text_file_keeps_its_suffix_even_when_it_starts_with_a_tag() -> None:
    assert sniff(b"<p>quoted markup</p> in a note", Format.TEXT) is Format.TEXT


@given(st.binary(max_size=300))
def test_sniff_always_answers(data: bytes) -> None:
    assert sniff(data, None) in set(Format)
