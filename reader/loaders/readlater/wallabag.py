"""wallabag's JSON export: a list of entries (title, url, content, is_archived,
is_starred, tags, created_at, annotations with quote, text and ranges)."""

from __future__ import annotations

from typing import Any

from reader.loaders.readlater.records import (
    Export,
    ExportHighlight,
    ExportItem,
    as_text,
    parse_time,
    web_url,
)


def is_wallabag(data: Any) -> bool:
    if not isinstance(data, list) or not data:
        return False
    first = data[0]
    return isinstance(first, dict) and "url" in first and "is_archived" in first


def _flag(value: object) -> bool:
    return value in (1, True, "1", "true")


def read_wallabag(data: list[Any], export: Export) -> None:
    for number, node in enumerate(data, 1):
        if not isinstance(node, dict):
            export.skip(f"entry {number}: not an object")
            continue
        url = web_url(node.get("url"))
        if url is None:
            export.skip(f"entry {number}: no http(s) URL")
            continue
        tags = node.get("tags")
        notes = node.get("annotations")
        highlights = []
        for note in notes if isinstance(notes, list) else []:
            if isinstance(note, dict) and as_text(note.get("quote")).strip():
                highlights.append(
                    ExportHighlight(
                        quote=as_text(note.get("quote")),
                        note=as_text(note.get("text")),
                        created=parse_time(note.get("created_at")),
                    )
                )
        content = node.get("content")
        export.items.append(
            ExportItem(
                url=url,
                title=as_text(node.get("title"), 1000),
                tags=tuple(_tag(t) for t in tags if _tag(t)) if isinstance(tags, list) else (),
                added_at=parse_time(node.get("created_at")),
                is_read=_flag(node.get("is_archived")),
                archived=_flag(node.get("is_archived")),
                starred=_flag(node.get("is_starred")),
                content_html=content if isinstance(content, str) and content.strip() else None,
                author=", ".join(a for a in node.get("published_by") or [] if isinstance(a, str))
                if isinstance(node.get("published_by"), list)
                else "",
                highlights=tuple(highlights),
            )
        )


def _tag(value: object) -> str:
    # Tags come as strings, or as objects with a label in the API's shape.
    if isinstance(value, dict):
        value = value.get("label")
    return value.strip()[:100] if isinstance(value, str) else ""
