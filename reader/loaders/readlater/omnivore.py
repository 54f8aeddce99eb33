"""Omnivore's export ZIP: ``metadata_N_to_M.json`` (a list of items: id, slug, title,
author, url, state, labels, savedAt, …), ``content/SLUG.html`` with each article, and
``highlights/SLUG.md`` with its highlights (``> quote``, then ``#labels`` and the note,
highlights separated by blank lines)."""

from __future__ import annotations

import json
import re

from reader.loaders.readlater.records import (
    Export,
    ExportHighlight,
    ExportItem,
    as_text,
    parse_time,
    web_url,
)
from reader.loaders.safezip import SafeZip

_METADATA = re.compile(r"^metadata_\d+_to_\d+\.json$")


def is_omnivore(names: list[str]) -> bool:
    return any(_METADATA.match(name) for name in names)


def parse_highlights(markdown: str) -> list[ExportHighlight]:
    found: list[ExportHighlight] = []
    quote: list[str] | None = None
    notes: list[str] = []
    tags: list[str] = []

    def close() -> None:
        if quote is not None:
            text = "\n".join(quote).strip()
            if text:
                found.append(ExportHighlight(text, "\n\n".join(notes).strip(), tags=tuple(tags)))

    for chunk in markdown.replace("\r\n", "\n").split("\n\n"):
        if chunk.startswith(">"):
            close()
            quote, notes, tags = [], [], []
            for line in chunk.split("\n"):
                quote.append(line[1:].lstrip() if line.startswith(">") else line)
        elif quote is not None:
            words = chunk.split()
            if words and all(w.startswith("#") and len(w) > 1 for w in words) and not notes:
                tags.extend(w[1:] for w in words)
            else:
                notes.append(chunk)
    close()
    return found


def read_omnivore(archive: SafeZip, export: Export) -> None:
    for name in sorted(n for n in archive.names if _METADATA.match(n)):
        try:
            items = json.loads(archive.read(name).decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            export.skip(f"{name}: not valid JSON")
            continue
        if not isinstance(items, list):
            export.skip(f"{name}: not a list of items")
            continue
        for number, node in enumerate(items, 1):
            item = _item(archive, node, export, f"{name} item {number}")
            if item is not None:
                export.items.append(item)


def _item(archive: SafeZip, node: object, export: Export, where: str) -> ExportItem | None:
    if not isinstance(node, dict):
        export.skip(f"{where}: not an object")
        return None
    url = web_url(node.get("url"))
    if url is None:
        export.skip(f"{where}: no http(s) URL")
        return None
    slug = node.get("slug")
    content = highlights = None
    if isinstance(slug, str) and slug and "/" not in slug and "\\" not in slug:
        if f"content/{slug}.html" in archive.names:
            content = archive.read(f"content/{slug}.html").decode("utf-8", "replace")
        if f"highlights/{slug}.md" in archive.names:
            highlights = archive.read(f"highlights/{slug}.md").decode("utf-8", "replace")
    labels = node.get("labels")
    progress = node.get("readingProgress")
    return ExportItem(
        url=url,
        title=as_text(node.get("title"), 1000),
        tags=tuple(t for t in labels if isinstance(t, str)) if isinstance(labels, list) else (),
        added_at=parse_time(node.get("savedAt")),
        is_read=isinstance(progress, int | float) and progress >= 100,
        archived=node.get("state") == "archived",
        content_html=content,
        author=as_text(node.get("author"), 300),
        highlights=tuple(parse_highlights(highlights)) if highlights else (),
    )
