"""The kitty graphics protocol with Unicode placeholders: the escape sequences that send a
picture to the terminal once, and the text cells that show it.

A picture is transmitted once, with a *virtual* placement ``c`` columns by ``r`` rows
(``a=T,U=1``). It is then shown by ordinary text: every cell of its box is the
placeholder character U+10EEEE followed by three combining diacritics (the cell's row,
its column, the image id's high byte), written in the foreground colour that carries the
id's low three bytes. That suits a view painted line by line: a picture row is a strip
of such cells, laid out, scrolled and clipped like any text, and the terminal scales the
picture into the box. See https://sw.kovidgoyal.net/kitty/graphics-protocol/ (sections
"Unicode placeholders" and "Remote client", for chunking).

Plain data only (no Textual): the article view writes the strings.
"""

from __future__ import annotations

import base64
import itertools
import random
import threading
from collections.abc import Sequence
from functools import cache

PLACEHOLDER = "\U0010eeee"
START = "\x1b_G"
END = "\x1b\\"
CHUNK = 4096
"""Most base64 bytes in one escape sequence (the protocol's limit)."""

_ids = itertools.count(random.randint(1, 2**32 - 1))
_ids_lock = threading.Lock()


def next_image_id() -> int:
    """A new image id, unique in this process, never 0, spread over all four bytes.

    A random start (as textual-image, whose viewer shares the terminal with us, does)
    makes clashes with other programs in the same kitty window unlikely; the terminal
    cannot be asked which ids are free while the app owns its input."""
    with _ids_lock:
        while True:
            image_id = next(_ids) % 2**32
            # Not 0 (no id), nor a zero low part: the cells would be drawn in black,
            # the colour a terminal is likeliest to treat as "default".
            if image_id & 0xFFFFFF:
                return image_id


@cache
def diacritics() -> Sequence[int]:
    """The protocol's row/column diacritics, in order (number n is the n-th), as
    textual-image ships them. Imported here, not copied; textual-image is imported by
    ``prepare`` before kitty mode is used, so this asks the terminal nothing."""
    from textual_image.renderable.tgp import _NUMBER_TO_DIACRITIC

    return tuple(_NUMBER_TO_DIACRITIC)


def most_cells() -> int:
    """Most rows or columns a placement can address (one diacritic each)."""
    return len(diacritics())


def id_colour(image_id: int) -> tuple[int, int, int]:
    """The truecolor foreground that names ``image_id`` (its low three bytes)."""
    return (image_id >> 16) & 0xFF, (image_id >> 8) & 0xFF, image_id & 0xFF


def placeholder_row(image_id: int, row: int, columns: int) -> str:
    """Row ``row`` of the picture's box: ``columns`` cells, each the placeholder with
    its row, column and the id's high byte as diacritics (one cell wide each)."""
    marks = diacritics()
    row_mark, high = chr(marks[row]), chr(marks[(image_id >> 24) & 0xFF])
    return "".join(
        f"{PLACEHOLDER}{row_mark}{chr(marks[column])}{high}" for column in range(columns)
    )


def _command(keys: str, payload: str = "") -> str:
    return f"{START}{keys};{payload}{END}" if payload else f"{START}{keys}{END}"


def transmit(image_id: int, png: bytes, columns: int, rows: int) -> str:
    """The escape sequences that send ``png`` as image ``image_id`` with a virtual
    placement ``columns`` × ``rows`` cells, in chunks of at most ``CHUNK`` base64
    bytes. Only the first chunk carries the keys; each says whether more follow
    (``m=1``, the last ``m=0``); ``q=2`` on all: the terminal answers nothing (an
    answer would arrive as keyboard input)."""
    if not 0 < image_id < 2**32 or columns < 1 or rows < 1:
        raise ValueError("an image needs an id in 1..2**32-1 and a box of at least one cell")
    if max(columns, rows) > most_cells():
        raise ValueError("a placeholder box is at most most_cells() wide and tall")
    data = base64.standard_b64encode(png).decode("ascii")
    chunks = [data[at : at + CHUNK] for at in range(0, len(data), CHUNK)] or [""]
    first = f"a=T,U=1,f=100,t=d,i={image_id},c={columns},r={rows},q=2"
    out = []
    for number, chunk in enumerate(chunks):
        more = 1 if number < len(chunks) - 1 else 0
        keys = f"{first},m={more}" if number == 0 else f"m={more},q=2"
        out.append(_command(keys, chunk))
    return "".join(out)


def delete(image_id: int) -> str:
    """The escape sequence that deletes image ``image_id``, its placements and its
    data (``d=I``: the capital frees the data too)."""
    return _command(f"a=d,d=I,i={image_id},q=2")
