"""SingleFile saves: its ZIP format and its self-extracting ZIP-in-HTML format (an
HTML page whose bytes also hold a ZIP), and the annotations its editor saves.

Both ZIP formats hold the page as ``index.html`` with its resources beside it; the page
is read from there (resources are never fetched). The editor saves highlights as
``<span class="single-file-highlight single-file-highlight-COLOUR">`` around the text
and notes as ``<single-file-note>`` elements holding the note in a ``<textarea>``.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from reader.config import Limits
from reader.errors import LoadError

_ZIP_START = b"PK\x03\x04"
_ZIP_END = b"PK\x05\x06"
_END_WINDOW = 65_536 + 22
"""The end-of-directory record sits in the last 64 KiB + 22 bytes (comment included)."""
_PAGE_NAMES = ("index.html", "index.htm")
_MARKER = re.compile(rb"single-file-(?:highlight|note)|Page saved with SingleFile", re.I)
_HIGHLIGHT_COLOR = re.compile(r"single-file-highlight-(\w+)")


def holds_zip(data: bytes) -> bool:
    """A ZIP, or a page with a ZIP inside (SingleFile's self-extracting format)."""
    if data.startswith(_ZIP_START):
        return True
    return _ZIP_END in data[-_END_WINDOW:] and _ZIP_START in data


def singlefile_page(data: bytes, name: str, limits: Limits) -> bytes | None:
    """The page inside a SingleFile ZIP (or ZIP-in-HTML), or None when ``data`` is no
    such thing. LoadError/LimitExceeded for a damaged or hostile one."""
    from reader.loaders.safezip import SafeZip

    if not holds_zip(data):
        return None
    try:
        with SafeZip(
            io.BytesIO(data), limits.max_input_bytes, limits.max_decompressed_bytes, label=name
        ) as archive:
            page = next((n for n in _PAGE_NAMES if n in archive.names), None)
            if page is None:
                return None
            html = archive.read(page)
    except LoadError:
        # Not a readable ZIP after all: the caller reads it as what it is (a page that
        # merely holds those bytes, or a damaged ZIP refused as one).
        return None
    if not html.strip():
        raise LoadError(f"the page inside {name} is empty")
    return html


@dataclass(frozen=True, slots=True)
class SavedHighlight:
    quote: str
    color: str
    note: str = ""


def has_annotations(data: bytes) -> bool:
    return bool(_MARKER.search(data[:4_000_000]))


def saved_annotations(html: str) -> tuple[list[SavedHighlight], list[str]]:
    """The highlights (adjacent pieces of one selection joined) and the notes' texts."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return [], []
    highlights: list[SavedHighlight] = []
    previous = None
    for span in root.iter("span"):
        classes = (span.get("class") or "").split()
        if "single-file-highlight" not in classes:
            continue
        color = next(
            (m.group(1) for c in classes if (m := _HIGHLIGHT_COLOR.fullmatch(c))), "yellow"
        )
        text = span.text_content()
        if not text.strip():
            continue
        # One selection across elements is saved as a span per element, one after
        # another: join them when nothing but whitespace separates them.
        if previous is not None and _adjacent(previous, span) and highlights[-1].color == color:
            last = highlights[-1]
            highlights[-1] = SavedHighlight(f"{last.quote} {text}".strip(), color)
        else:
            highlights.append(SavedHighlight(text.strip(), color))
        previous = span
    notes = []
    for note in root.iter("single-file-note"):
        area = next(note.iter("textarea"), None)
        text = (area.text_content() if area is not None else note.text_content()).strip()
        if text:
            notes.append(text[:100_000])
    return highlights, notes


def _adjacent(first: object, second: object) -> bool:
    tail = getattr(first, "tail", None) or ""
    return getattr(first, "getnext", lambda: None)() is second and not tail.strip()
