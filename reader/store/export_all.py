"""The whole library's notes out: a folder of Markdown files (one per article, for a
notes app like Obsidian or Logseq) or one W3C Web Annotation list that ``reader
import-notes`` reads back."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from reader.sanitize import escape_json
from reader.store.annotations import bookmark_annotation, to_annotation, to_markdown
from reader.store.db import Store

_UNSAFE_FILE_CHARS = re.compile(r"[^\w\- .,()']+")
_NAME_MAX = 80


def file_stem(title: str, article_id: int) -> str:
    """A file name that is safe on every system, unique by the library id."""
    text = unicodedata.normalize("NFKC", title)
    text = _UNSAFE_FILE_CHARS.sub(" ", text)
    text = " ".join(text.split()).strip(" .")[:_NAME_MAX].strip(" .")
    return f"{text or 'Untitled'} ({article_id})"


def _with_notes(store: Store) -> list[int]:
    rows = store.fetchall(
        "SELECT id FROM articles AS a WHERE a.deleted_at IS NULL AND ("
        "EXISTS (SELECT 1 FROM highlights AS h WHERE h.article_id = a.id) OR "
        "EXISTS (SELECT 1 FROM bookmarks AS b WHERE b.article_id = a.id)) ORDER BY a.id"
    )
    return [int(row[0]) for row in rows]


def library_json(store: Store) -> tuple[str, int]:
    """Every highlight as one Web Annotation list, and how many (bookmarks follow
    them in the list, as ``bookmarking`` annotations, not counted)."""
    data: list[dict[str, object]] = []
    marks: list[dict[str, object]] = []
    for article_id in _with_notes(store):
        stored = store.articles.get(article_id)
        if stored is None:
            continue
        source = stored.entry.source
        data.extend(to_annotation(h, source) for h in store.highlights.list(article_id))
        marks.extend(bookmark_annotation(b, source) for b in store.bookmarks.list(article_id))
    text = json.dumps([*data, *marks], ensure_ascii=False, indent=2)
    return escape_json(text) + "\n", len(data)


def write_markdown_folder(
    store: Store, folder: Path, write: Callable[[Path, str], None]
) -> tuple[int, int]:
    """One Markdown file per article with notes or bookmarks; ``(files, highlights)``
    written."""
    folder.mkdir(parents=True, exist_ok=True)
    files = count = 0
    for article_id in _with_notes(store):
        stored = store.articles.get(article_id)
        if stored is None:
            continue
        highlights = store.highlights.list(article_id)
        tags = store.library.tags_of(article_id)
        text = to_markdown(stored, highlights, store.bookmarks.list(article_id))
        if tags:
            text = "---\ntags: " + json.dumps(tags, ensure_ascii=False) + "\n---\n\n" + text
        write(folder / f"{file_stem(stored.entry.display_title, article_id)}.md", text)
        files += 1
        count += len(highlights)
    return files, count
