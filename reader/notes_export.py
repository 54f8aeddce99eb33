"""Exporting the page's highlights from the app, with the ``reader export`` renderers
(Markdown, or W3C Web Annotation JSON when the file name ends in ``.json``).

A page in the library is exported from the library (after the writes queued before
it); a page read without one (standard input, the demo page) from what the screen
holds, so its notes can still be kept. No Textual here.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from reader.anchoring import point_anchor, range_anchor
from reader.atomic import write_atomic
from reader.errors import ReaderError
from reader.models import MODEL_VERSION, Article
from reader.store import Bookmark, Highlight, LibraryEntry, Store, StoredArticle
from reader.store.annotations import to_json, to_markdown
from reader.store.highlights import new_uid


class SessionNote(Protocol):
    """A highlight as the reading screen holds it (its ``NoteItem``): what an export of
    a page outside the library needs of it."""

    start: int
    end: int
    color: str
    note: str
    orphaned: bool
    record: Highlight | None

    @property
    def has_note(self) -> bool: ...


class SessionBookmark(Protocol):
    """A bookmark as the reading screen holds it (its ``BookmarkItem``)."""

    offset: int
    name: str
    orphaned: bool


JSON_SUFFIXES = (".json", ".jsonld")
_SLUG_MAX = 60


def slug(title: str, fallback: str = "notes") -> str:
    """A file name from a title: ASCII words joined by hyphens."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    name = ""
    for word in re.findall(r"[a-z0-9]+", ascii_title.lower()):
        longer = f"{name}-{word}" if name else word
        if len(longer) > _SLUG_MAX:
            name = name or word[:_SLUG_MAX]
            break
        name = longer
    return name or fallback


def default_path(folder: Path, article: Article) -> Path:
    """Where ``E`` offers to write: a file named after the title in ``folder`` (the
    working directory, where the reader will look for it, as ``reader export`` writes
    there too)."""
    return folder / f"{slug(article.title)}.md"


def counted(highlights: int, bookmarks: int) -> str:
    """``"2 highlights and 1 bookmark"`` (the bookmarks only when there are some)."""
    said = f"{highlights} highlight{'s' if highlights != 1 else ''}"
    if bookmarks:
        said += f" and {bookmarks} bookmark{'s' if bookmarks != 1 else ''}"
    return said


def export_format(path: Path) -> str:
    return "json" if path.suffix.lower() in JSON_SUFFIXES else "md"


def checked_path(typed: str) -> Path:
    """The file the reader typed, or ReaderError (one line) saying why not."""
    text = typed.strip()
    if not text:
        raise ReaderError("type the file to write")
    path = Path(text).expanduser()
    if path.is_dir():
        raise ReaderError(f"{text} is a folder: add a file name")
    return path


def session_records(
    article: Article, notes: Sequence[SessionNote]
) -> tuple[StoredArticle, list[Highlight]]:
    """Export records for a page that is not in the library."""
    stamp = datetime.now(UTC)
    meta = article.metadata
    with_notes = sum(1 for note in notes if note.has_note)
    entry = LibraryEntry(
        id=0,
        source=article.source,
        title=article.title,
        site=meta.site,
        byline=meta.byline,
        published=meta.published,
        language=meta.language,
        word_count=article.word_count(),
        added_at=stamp,
        opened_at=stamp,
        progress=0.0,
        highlight_count=len(notes),
        note_count=with_notes,
    )
    stored = StoredArticle(entry, article.content_hash, None, MODEL_VERSION, None, False)
    highlights = []
    for note in notes:
        if note.record is not None:
            highlights.append(dataclasses.replace(note.record, color=note.color, note=note.note))
            continue
        anchor = range_anchor(article.text, note.start, note.end)
        highlights.append(
            Highlight(0, new_uid(), 0, note.color, note.note, anchor, stamp, stamp, note.orphaned)
        )
    return stored, highlights


def render(
    stored: StoredArticle,
    highlights: list[Highlight],
    fmt: str,
    bookmarks: Sequence[Bookmark] = (),
) -> str:
    return (to_json if fmt == "json" else to_markdown)(stored, highlights, bookmarks)


def session_bookmarks(article: Article, marks: Sequence[SessionBookmark]) -> list[Bookmark]:
    """Export records of the bookmarks of a page that is not in the library."""
    stamp = datetime.now(UTC)
    return [
        Bookmark(0, 0, mark.name, point_anchor(article.text, mark.offset), stamp, mark.orphaned)
        for mark in marks
    ]


def export_notes(
    path: Path,
    store: Store | None,
    article_id: int | None,
    article: Article,
    notes: Sequence[SessionNote],
    marks: Sequence[SessionBookmark] = (),
) -> tuple[int, int]:
    """Write the export to ``path`` (creating its folder); how many highlights and
    bookmarks it holds. Runs in a worker thread."""
    stored = store.articles.get(article_id) if store is not None and article_id else None
    if store is not None and stored is not None:
        highlights = store.highlights.list(stored.id)
        bookmarks = store.bookmarks.list(stored.id)
    else:
        stored, highlights = session_records(article, notes)
        bookmarks = session_bookmarks(article, marks)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ReaderError(f"cannot create {path.parent}: {error.strerror}") from None
    write_atomic(path, render(stored, highlights, export_format(path), bookmarks))
    return len(highlights), len(bookmarks)
