"""Link lists as CSV: Pocket (title, url, time_added, tags, status), Instapaper (URL,
Title, Selection, Folder, Timestamp[, Tags]), Raindrop (id, title, note, excerpt, url,
folder, tags, created, cover, highlights, favorite), and Readwise's highlights (Highlight,
Book Title, Book Author, Amazon Book ID, Note, Color, Tags, Location Type, Location,
Highlighted at, Document tags; a URL column when there is one)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from reader.loaders.readlater.records import (
    Export,
    ExportHighlight,
    ExportItem,
    parse_time,
    web_url,
)

MAX_FIELD = 1_000_000
_SIGNATURES: dict[str, set[str]] = {
    "pocket": {"title", "url", "time_added"},
    "instapaper": {"url", "title", "folder", "timestamp"},
    "raindrop": {"id", "title", "url", "folder", "tags", "created"},
    "readwise": {"highlight", "book title"},
}
_URL_COLUMNS = ("url", "source url", "highlight url", "document url")


def csv_kind(header: list[str]) -> str | None:
    names = {h.strip().lower() for h in header}
    for kind, needed in _SIGNATURES.items():
        if needed <= names:
            return kind
    return None


def rows(text: str) -> tuple[list[str], list[dict[str, str]]]:
    csv.field_size_limit(MAX_FIELD)
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in next(reader, [])]
    return header, [dict(zip(header, row, strict=False)) for row in reader]


def _split_tags(value: str, separator: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in value.split(separator) if t.strip())


def _pocket(row: dict[str, str]) -> ExportItem | None:
    url = web_url(row.get("url"))
    if url is None:
        return None
    archived = (row.get("status") or "").strip().lower() in ("archive", "archived", "read")
    return ExportItem(
        url=url,
        title=(row.get("title") or "")[:1000],
        tags=_split_tags(row.get("tags") or "", "|"),
        added_at=parse_time(row.get("time_added")),
        is_read=archived,
        archived=archived,
    )


def _instapaper(row: dict[str, str]) -> ExportItem | None:
    url = web_url(row.get("url"))
    if url is None:
        return None
    folder = (row.get("folder") or "").strip()
    tags: tuple[str, ...] = ()
    raw_tags = (row.get("tags") or "").strip()
    if raw_tags.startswith("["):
        try:
            listed = json.loads(raw_tags)
            tags = (
                tuple(t for t in listed if isinstance(t, str)) if isinstance(listed, list) else ()
            )
        except json.JSONDecodeError:
            tags = ()
    elif raw_tags:
        tags = _split_tags(raw_tags, ",")
    if folder and folder.lower() not in ("unread", "archive", "starred"):
        tags = (*tags, folder)
    highlights = ()
    if (row.get("selection") or "").strip():
        highlights = (ExportHighlight(quote=row["selection"].strip()),)
    return ExportItem(
        url=url,
        title=(row.get("title") or "")[:1000],
        tags=tags,
        added_at=parse_time(row.get("timestamp")),
        is_read=folder.lower() == "archive",
        archived=folder.lower() == "archive",
        starred=folder.lower() == "starred",
        highlights=highlights,
    )


def _raindrop(row: dict[str, str]) -> ExportItem | None:
    url = web_url(row.get("url"))
    if url is None:
        return None
    highlights = tuple(
        ExportHighlight(quote=part.removeprefix("Highlight:").strip())
        for part in (row.get("highlights") or "").split("\n\n")
        if part.removeprefix("Highlight:").strip()
    )
    return ExportItem(
        url=url,
        title=(row.get("title") or "")[:1000],
        tags=_split_tags(row.get("tags") or "", ","),
        added_at=parse_time(row.get("created")),
        starred=(row.get("favorite") or "").strip().lower() == "true",
        highlights=highlights,
    )


_READERS: dict[str, Callable[[dict[str, str]], ExportItem | None]] = {
    "pocket": _pocket,
    "instapaper": _instapaper,
    "raindrop": _raindrop,
}


def read_links(kind: str, table: list[dict[str, str]], export: Export) -> None:
    read = _READERS[kind]
    for number, row in enumerate(table, 2):
        item = read(row)
        if item is None:
            export.skip(f"line {number}: no http(s) URL")
        else:
            export.items.append(item)


def read_readwise(table: list[dict[str, str]], export: Export) -> None:
    """Each highlight becomes an item of its own (merged by the importer per URL/title)."""
    for number, row in enumerate(table, 2):
        quote = (row.get("highlight") or "").strip()
        if not quote:
            export.skip(f"line {number}: no highlight")
            continue
        url = next((web_url(row.get(c)) for c in _URL_COLUMNS if web_url(row.get(c))), None)
        tags = _split_tags(row.get("tags") or "", ",")
        highlight = ExportHighlight(
            quote=quote,
            note=(row.get("note") or "").strip(),
            created=parse_time(row.get("highlighted at")),
            tags=tags,
            color=(row.get("color") or "").strip().lower() or None,
        )
        export.items.append(
            ExportItem(
                url=url or "",
                title=(row.get("book title") or "")[:1000],
                author=(row.get("book author") or "")[:300],
                tags=_split_tags(row.get("document tags") or "", ","),
                highlights=(highlight,),
            )
        )
