"""Highlights out and back in: Markdown for notes apps, W3C Web Annotation JSON-LD.

JSON export is a list of ``Annotation`` objects (https://www.w3.org/TR/annotation-model/):
the note is a ``TextualBody`` with ``purpose: commenting``, the colour a ``tagging``
body, and the target carries both a TextQuoteSelector and a TextPositionSelector.
The reader accepts that list, a single annotation, or an AnnotationCollection/Page.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from reader.anchoring import (
    POINT_QUOTE_CHARS,
    TextAnchor,
    TextIndex,
    point_anchor,
    range_anchor,
    same_quote,
)
from reader.errors import ReaderError
from reader.sanitize import clean, clean_line, escape_json
from reader.store.highlights import HighlightImport, new_uid
from reader.store.notes import clean_name
from reader.store.records import (
    DEFAULT_COLOR,
    HIGHLIGHT_COLORS,
    Bookmark,
    Highlight,
    StoredArticle,
)
from reader.store.sources import source_uri

if TYPE_CHECKING:
    from reader.store import Store

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
BOOKMARKING = "bookmarking"
"""The W3C motivation of an exported bookmark."""
MAX_NOTES_FILE_BYTES = 32 * 1024 * 1024
"""Largest annotation file read (``reader export`` writes about 1 KB per highlight)."""
MAX_ANNOTATIONS = 10_000
"""Most annotations in one file: each is placed in its page's text, which costs time."""
MAX_QUOTE_CHARS = 100_000
"""Longest quote (``exact``) or note accepted: a highlight of a long chapter fits."""
MAX_CONTEXT_CHARS = 1_000
"""Longest ``prefix`` or ``suffix``: the reader writes 32 characters and reads no more."""
_MAX_DIGITS = 18
"""Longer integers in the file (offsets) are bad values, not numbers."""


# --- export ------------------------------------------------------------------------


def to_annotation(highlight: Highlight, source: str) -> dict[str, Any]:
    anchor = highlight.anchor
    body: list[dict[str, Any]] = []
    if highlight.has_note:
        body.append(
            {
                "type": "TextualBody",
                "value": highlight.note,
                "format": "text/plain",
                "purpose": "commenting",
            }
        )
    body.append({"type": "TextualBody", "value": highlight.color, "purpose": "tagging"})
    return {
        "@context": ANNO_CONTEXT,
        "id": highlight.uid,
        "type": "Annotation",
        "motivation": "commenting" if highlight.has_note else "highlighting",
        "created": highlight.created_at.isoformat(),
        "modified": highlight.updated_at.isoformat(),
        "body": body,
        "target": {
            "source": source_uri(source),
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": anchor.exact,
                    "prefix": anchor.prefix,
                    "suffix": anchor.suffix,
                },
                {"type": "TextPositionSelector", "start": anchor.start, "end": anchor.end},
            ],
        },
    }


def bookmark_annotation(bookmark: Bookmark, source: str) -> dict[str, Any]:
    """A bookmark as an annotation with the W3C ``bookmarking`` motivation: its name
    the body, its place the passage it starts (``import-notes`` reads it back as a
    bookmark, not a highlight)."""
    anchor = bookmark.anchor
    stamp = bookmark.created_at.isoformat()
    key = f"{anchor.start}:{bookmark.name}"
    return {
        "@context": ANNO_CONTEXT,
        "id": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{source}#{key}')}",
        "type": "Annotation",
        "motivation": BOOKMARKING,
        "created": stamp,
        "modified": stamp,
        "body": [{"type": "TextualBody", "value": bookmark.name, "purpose": "describing"}],
        "target": {
            "source": source_uri(source),
            "selector": [
                {"type": "TextQuoteSelector", "exact": anchor.exact, "prefix": anchor.prefix},
                {"type": "TextPositionSelector", "start": anchor.start, "end": anchor.end},
            ],
        },
    }


def to_json(
    stored: StoredArticle, highlights: list[Highlight], bookmarks: Sequence[Bookmark] = ()
) -> str:
    """The JSON-LD export. C0 controls are escaped by JSON itself; C1 controls and bidi
    overrides are escaped too, so printing the file to a terminal is harmless."""
    source = stored.entry.source
    data = [to_annotation(h, source) for h in highlights]
    data += [bookmark_annotation(b, source) for b in bookmarks]
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return escape_json(text) + "\n"


_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~=])")
_LINE_START_SPECIAL = re.compile(r"^(\s*)([#+\-]|\d+[.)])(?=\s|$)")


def _md_escape(line: str) -> str:
    """Page text shown literally in Markdown (no emphasis, links, HTML or headings)."""
    line = _INLINE_SPECIAL.sub(r"\\\1", line)
    return _LINE_START_SPECIAL.sub(lambda m: m.group(1) + "\\" + m.group(2), line)


def _quote(text: str) -> str:
    lines = [_md_escape(line.strip()) for line in clean(text).strip().splitlines()]
    return "\n".join(f"> {line}" if line else ">" for line in lines)


def to_markdown(
    stored: StoredArticle, highlights: list[Highlight], bookmarks: Sequence[Bookmark] = ()
) -> str:
    """Title, source, then each highlight as a block quote followed by its note, then
    the bookmarks, each with the words it marks."""
    entry = stored.entry
    lines = [f"# {_md_escape(clean_line(entry.display_title))}", ""]
    source = clean_line(entry.source)
    lines.append(f"Source: <{source}>" if "://" in source else f"Source: `{source}`")
    details = list(dict.fromkeys(clean_line(x).strip() for x in (entry.site, entry.byline) if x))
    if entry.published:
        details.append(entry.published.date().isoformat())
    if details:
        lines += ["", _md_escape(" · ".join(details))]
    placed = [h for h in highlights if not h.orphaned]
    orphans = [h for h in highlights if h.orphaned]
    for highlight in placed:
        lines += ["", _quote(highlight.anchor.exact)]
        if highlight.has_note:
            lines += ["", _note_markdown(highlight.note)]
    if orphans:
        lines += ["", "## Not found in the current text"]
        for highlight in orphans:
            lines += ["", _quote(highlight.anchor.exact)]
            if highlight.has_note:
                lines += ["", _note_markdown(highlight.note)]
    if bookmarks:
        lines += ["", "## Bookmarks", ""]
        lines += [_bookmark_line(bookmark) for bookmark in bookmarks]
    return "\n".join(lines) + "\n"


def _bookmark_line(bookmark: Bookmark) -> str:
    name = _md_escape(clean_line(bookmark.name).strip()) or "(no name)"
    words = " ".join(clean(bookmark.anchor.exact).split())
    if len(bookmark.anchor.exact) >= POINT_QUOTE_CHARS and " " in words:
        words = words.rsplit(" ", 1)[0]  # the quote stops mid-word: end on a whole one
    at = f": {_md_escape(words)}…" if words else ""
    gone = " (not found in the current text)" if bookmark.orphaned else ""
    return f"- **{name}**{gone}{at}"


def _note_markdown(note: str) -> str:
    """A note as the reader wrote it: its line breaks kept (a backslash at the end of a
    line is a hard break in CommonMark), its blank lines kept as paragraph breaks."""
    paragraphs = [p for p in re.split(r"\n\s*\n", clean(note).strip()) if p.strip()]
    return "\n\n".join(
        "\\\n".join(line.strip() for line in paragraph.splitlines() if line.strip())
        for paragraph in paragraphs
    )


# --- import ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ParsedAnnotation:
    uid: str
    source: str | None
    anchor: TextAnchor
    """From the selectors; offsets are -1 when the file gave no position."""
    color: str
    note: str
    created: datetime | None
    modified: datetime | None
    bookmark: bool = False
    """A bookmark (motivation ``bookmarking``): ``note`` is its name, ``anchor`` its place."""


class NotAnnotations(ReaderError):
    """The file is not Web Annotation JSON the reader understands, or passes a limit."""


class BadAnnotation(ValueError):
    """One annotation is malformed (a wrong type, a number out of range): it is skipped
    and counted, and the others are imported."""


@dataclass(frozen=True, slots=True)
class ParsedFile:
    annotations: list[ParsedAnnotation]
    ignored: int
    """Annotations of no text passage (whole-page notes, other kinds)."""
    bad: list[str]
    """Why each malformed annotation was skipped, in file order."""


class _BadValue:
    """Stands for NaN, infinities and overlong integers: any field holding one is bad."""

    def __repr__(self) -> str:
        return "a number out of range"


_BAD_VALUE = _BadValue()


def _int_or_bad(digits: str) -> int | _BadValue:
    return int(digits) if len(digits.lstrip("-")) <= _MAX_DIGITS else _BAD_VALUE


def _float_or_bad(literal: str) -> float | _BadValue:
    value = float(literal)
    return value if value == value and abs(value) != float("inf") else _BAD_VALUE


def _items(data: Any) -> list[Any]:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        kinds = _types(data)
        if "Annotation" in kinds:
            return [data]
        if "AnnotationPage" in kinds:
            return _as_list(data.get("items"))
        if "AnnotationCollection" in kinds:
            first = data.get("first")
            items = first.get("items") if isinstance(first, dict) else None
            return _as_list(items or data.get("items"))
    raise NotAnnotations("not Web Annotation JSON (expected a list of annotations)")


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("type", node.get("@type"))
    if isinstance(kind, str):
        return {kind}
    return {k for k in kind if isinstance(k, str)} if isinstance(kind, list) else set()


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _text(value: Any, what: str, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise BadAnnotation(f"{what} is not a string")
    if len(value) > limit:
        raise NotAnnotations(f"{what} is longer than {limit:,} characters (the limit)")
    return value


def _offset(value: Any, what: str) -> int:
    if value is None:
        return -1
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadAnnotation(f"{what} is not a whole number")
    return value if value >= 0 else -1


def _time(value: Any) -> datetime | None:
    if not isinstance(value, str) or len(value) > 64:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _parse_one(node: Any, number: int) -> ParsedAnnotation | None:
    """One annotation, or None when it targets no text passage (a whole-page note)."""
    if not isinstance(node, dict):
        raise BadAnnotation(f"annotation {number} is not an object")
    target = next((t for t in _as_list(node.get("target")) if isinstance(t, dict)), None)
    if target is None:
        return None
    quote: dict[str, Any] | None = None
    position: dict[str, Any] | None = None
    for selector in _as_list(target.get("selector")):
        if not isinstance(selector, dict):
            continue
        kinds = _types(selector)
        if "TextQuoteSelector" in kinds and quote is None:
            quote = selector
        elif "TextPositionSelector" in kinds and position is None:
            position = selector
    if quote is None and position is None:
        return None
    what = f"annotation {number}"
    start = _offset(position.get("start"), f"{what} start") if position else -1
    end = _offset(position.get("end"), f"{what} end") if position else -1
    anchor = TextAnchor(
        start=start,
        end=end if end >= start else start,
        exact=_text(quote.get("exact"), f"{what} quote", MAX_QUOTE_CHARS) if quote else "",
        prefix=_text(quote.get("prefix"), f"{what} prefix", MAX_CONTEXT_CHARS) if quote else "",
        suffix=_text(quote.get("suffix"), f"{what} suffix", MAX_CONTEXT_CHARS) if quote else "",
    )
    notes: list[str] = []
    color = DEFAULT_COLOR
    body_value = node.get("bodyValue")
    if body_value is not None:
        notes.append(_text(body_value, f"{what} note", MAX_QUOTE_CHARS))
    for body in _as_list(node.get("body")):
        if not isinstance(body, dict):
            continue
        value = _text(body.get("value"), f"{what} body", MAX_QUOTE_CHARS)
        purpose = body.get("purpose")
        if purpose == "tagging" and value.strip().lower() in HIGHLIGHT_COLORS:
            color = value.strip().lower()
        elif purpose in (None, "commenting", "describing", "replying") and value.strip():
            notes.append(value)
    note = "\n\n".join(notes)
    if len(note) > MAX_QUOTE_CHARS:
        raise NotAnnotations(f"{what} notes are longer than {MAX_QUOTE_CHARS:,} characters")
    source = target.get("source", target.get("id"))
    uid = node.get("id", node.get("@id"))
    return ParsedAnnotation(
        uid=uid if isinstance(uid, str) and 0 < len(uid) <= 500 else new_uid(),
        source=source if isinstance(source, str) and len(source) <= 100_000 else None,
        anchor=anchor,
        color=color,
        note=note,
        created=_time(node.get("created")),
        modified=_time(node.get("modified")),
        bookmark=node.get("motivation") == BOOKMARKING,
    )


def parse_annotations(text: str) -> ParsedFile:
    """The text-passage annotations in a JSON file, how many others were ignored, and
    why the malformed ones were skipped. NotAnnotations when the file is not such JSON
    or passes a limit (which one is in the message)."""
    try:
        data = json.loads(
            text,
            parse_int=_int_or_bad,
            parse_float=_float_or_bad,
            parse_constant=lambda _: _BAD_VALUE,
        )
    except (json.JSONDecodeError, RecursionError) as error:
        raise NotAnnotations(f"not valid JSON ({error})") from None
    items = _items(data)
    if len(items) > MAX_ANNOTATIONS:
        raise NotAnnotations(
            f"{len(items):,} annotations: more than {MAX_ANNOTATIONS:,} (the limit for one file)"
        )
    parsed: list[ParsedAnnotation] = []
    ignored = 0
    bad: list[str] = []
    for number, node in enumerate(items, 1):
        if isinstance(node, dict) and "Annotation" not in _types(node):
            ignored += 1
            continue
        try:
            one = _parse_one(node, number)
        except BadAnnotation as error:
            bad.append(str(error))
            continue
        if one is None:
            ignored += 1
        else:
            parsed.append(one)
    return ParsedFile(parsed, ignored, bad)


def restore_bookmarks(
    store: Store, article_id: int, bookmarks: Sequence[ParsedAnnotation], index: TextIndex
) -> tuple[int, int]:
    """Add exported bookmarks back at their place in the stored text: ``(added, not
    found)``. One already there (same name, same place) is not added twice."""
    text = index.text
    have = {(b.name, b.anchor.start) for b in store.bookmarks.list(article_id)}
    added = lost = 0
    for parsed in bookmarks:
        offset = index.locate_point(parsed.anchor) if parsed.anchor.exact else None
        if offset is None:
            lost += 1
            continue
        anchor = point_anchor(text, offset)
        name = clean_name(parsed.note, anchor)
        if (name, anchor.start) in have:
            continue
        store.bookmarks.add(article_id, name, anchor)
        have.add((name, anchor.start))
        added += 1
    return added, lost


def kept_whole(annotation: ParsedAnnotation, placed: HighlightImport) -> bool:
    """Whether the highlight placed from ``annotation`` holds its whole quote (whitespace
    and typography aside); an annotation with only a position is taken as it is."""
    quote = annotation.anchor.exact
    return not quote or same_quote(quote, placed.anchor.exact)


def place(annotation: ParsedAnnotation, index: TextIndex) -> HighlightImport | None:
    """Anchor an imported annotation in the stored text: placed, or an orphan that keeps
    its quote. None when it has neither a quote nor a usable position."""
    anchor = annotation.anchor
    text = index.text
    if not anchor.exact:
        if not 0 <= anchor.start < anchor.end <= len(text):
            return None
        anchor = range_anchor(text, anchor.start, anchor.end)  # position only: trust it
    found = index.locate(anchor)
    orphaned = found is None or found.end <= found.start
    if found is not None and not orphaned:
        anchor = range_anchor(text, found.start, found.end)
    else:
        start = min(max(anchor.start, 0), len(text))
        anchor = TextAnchor(
            start,
            min(max(anchor.end, start), len(text)),
            anchor.exact,
            anchor.prefix,
            anchor.suffix,
        )
    return HighlightImport(
        uid=annotation.uid,
        anchor=anchor,
        color=annotation.color,
        note=annotation.note,
        created=annotation.created,
        modified=annotation.modified,
        orphaned=orphaned,
    )
