"""The kitty graphics protocol's escape sequences and Unicode placeholder cells, checked
against the protocol's text (https://sw.kovidgoyal.net/kitty/graphics-protocol/):
transmission in chunks of at most 4096 base64 bytes, keys on the first chunk only,
``m=1`` until the last (``m=0``), ``q=2``; a virtual placement (``U=1``) of ``c`` × ``r``
cells; each cell U+10EEEE + row, column and id high-byte diacritics, in the colour of
the id's low three bytes."""

from __future__ import annotations

import base64
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.images import kitty
from tests.image_pages import import_textual_image_quietly

APC = re.compile(r"\x1b_G([^;\x1b]*)(?:;([^\x1b]*))?\x1b\\")


@pytest.fixture(scope="module", autouse=True)
def textual_image_imported_quietly() -> None:
    import_textual_image_quietly()


def commands(escapes: str) -> list[tuple[dict[str, str], str]]:
    """The APC graphics commands in ``escapes``, as (keys, payload); nothing else may
    be in the text."""
    found = [(match.group(1), match.group(2) or "") for match in APC.finditer(escapes)]
    assert APC.sub("", escapes) == ""
    return [(dict(pair.split("=", 1) for pair in keys.split(",")), body) for keys, body in found]


def test_a_small_picture_is_one_escape_byte_for_byte() -> None:
    escapes = kitty.transmit(0x01020304, b"\x89PNG", 3, 2)
    assert escapes == ("\x1b_Ga=T,U=1,f=100,t=d,i=16909060,c=3,r=2,q=2,m=0;iVBORw==\x1b\\")


def test_a_large_picture_goes_in_chunks_of_at_most_4096() -> None:
    png = bytes(range(256)) * 40  # 10,240 bytes: 13,656 in base64, four chunks
    sent = commands(kitty.transmit(77, png, 40, 12))
    assert len(sent) == 4
    first, *rest = sent
    assert first[0] == {
        "a": "T",
        "U": "1",
        "f": "100",
        "t": "d",
        "i": "77",
        "c": "40",
        "r": "12",
        "q": "2",
        "m": "1",
    }
    # Later chunks carry only m (and q): the protocol ignores any other key there.
    assert [keys for keys, _ in rest] == [{"m": "1", "q": "2"}] * 2 + [{"m": "0", "q": "2"}]
    payloads = [body for _, body in sent]
    assert all(len(body) <= kitty.CHUNK for body in payloads)
    assert all(len(body) % 4 == 0 for body in payloads[:-1])
    assert base64.standard_b64decode("".join(payloads)) == png


def test_deleting_frees_the_data_too() -> None:
    assert kitty.delete(4242) == "\x1b_Ga=d,d=I,i=4242,q=2\x1b\\"


def test_the_box_must_fit_the_diacritics() -> None:
    with pytest.raises(ValueError):
        kitty.transmit(1, b"x", kitty.most_cells() + 1, 1)
    with pytest.raises(ValueError):
        kitty.transmit(0, b"x", 1, 1)


def test_ids_are_unique_and_never_zero() -> None:
    ids = [kitty.next_image_id() for _ in range(2000)]
    assert len(set(ids)) == len(ids)
    assert all(0 < image_id < 2**32 and image_id & 0xFFFFFF for image_id in ids)


def test_the_id_colour_is_its_low_three_bytes() -> None:
    assert kitty.id_colour(0xAB123456) == (0x12, 0x34, 0x56)


@given(
    image_id=st.integers(1, 2**32 - 1),
    row=st.integers(0, 296),
    columns=st.integers(1, 60),
)
def test_each_placeholder_cell_names_its_row_column_and_id(
    image_id: int, row: int, columns: int
) -> None:
    marks = kitty.diacritics()
    text = kitty.placeholder_row(image_id, row, columns)
    assert cell_len(text) == columns  # one cell each: the diacritics take none
    cells = text.split(kitty.PLACEHOLDER)[1:]
    assert len(cells) == columns and not text.split(kitty.PLACEHOLDER)[0]
    for column, cell in enumerate(cells):
        assert [marks.index(ord(char)) for char in cell] == [row, column, image_id >> 24]


def test_the_diacritics_are_the_protocols() -> None:
    # The first and last entries of rowcolumn-diacritics.txt, and its length.
    marks = kitty.diacritics()
    assert (marks[0], marks[1], marks[-1], len(marks)) == (0x305, 0x30D, 0x1D244, 297)
