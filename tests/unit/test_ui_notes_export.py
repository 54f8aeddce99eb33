"""Export from the app (reader.notes_export): file names, the path typed, and the
same renderers as ``reader export``, from the library or from the session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from article_builder import ArticleBuilder

from reader.anchoring import range_anchor
from reader.errors import ReaderError
from reader.notes_export import (
    checked_path,
    default_path,
    export_format,
    export_notes,
    session_records,
    slug,
)
from reader.store import open_store
from reader.store.annotations import to_markdown
from reader.ui.reading.notes.items import NoteItem


def article():
    b = ArticleBuilder("Tides & Pools: a guide")
    b.paragraph("The sea comes back twice a day. Crabs wait for it.")
    return b.build()


def test_slug_is_ascii_words_cut_between_words() -> None:
    assert slug("Tides & Pools: a guide") == "tides-pools-a-guide"
    assert slug("Ünïcödé — title!") == "unicode-title"
    assert slug("東京") == "notes"
    long = slug("word " * 30)
    assert len(long) <= 60 and not long.endswith("-") and long.endswith("word")


def test_default_path_and_format(tmp_path: Path) -> None:
    path = default_path(tmp_path, article())
    assert path == tmp_path / "tides-pools-a-guide.md"
    assert export_format(path) == "md"
    assert export_format(Path("x.JSON")) == export_format(Path("x.jsonld")) == "json"


def test_checked_path(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="type the file"):
        checked_path("   ")
    with pytest.raises(ReaderError, match="is a folder"):
        checked_path(str(tmp_path))
    assert checked_path(" ~/notes.md ") == Path("~/notes.md").expanduser()


def notes_for(text: str) -> list[NoteItem]:
    first = text.index("The sea")
    second = text.index("Crabs")
    return [
        NoteItem(1, first, first + 31, text[first : first + 31], "green", "twice!"),
        NoteItem(2, second, len(text), text[second:], "yellow"),
    ]


def test_a_page_outside_the_library_is_exported_from_the_session(tmp_path: Path) -> None:
    page = article()
    notes = notes_for(page.text)
    stored, highlights = session_records(page, notes)
    assert stored.entry.display_title == "Tides & Pools: a guide"
    assert [h.anchor.exact for h in highlights] == [n.quote for n in notes]
    target = tmp_path / "deep" / "folder" / "out.md"
    assert export_notes(target, None, None, page, notes) == (2, 0)
    text = target.read_text(encoding="utf-8")
    assert text == to_markdown(stored, highlights)
    assert "> The sea comes back twice a day.\n\ntwice!\n" in text


def test_a_library_page_is_exported_from_the_library(tmp_path: Path) -> None:
    page = article()
    with open_store(tmp_path / "data") as store:
        article_id = store.articles.add(page, source="tides.html").article_id
        start = page.text.index("Crabs")
        store.highlights.add(article_id, range_anchor(page.text, start, len(page.text)), "blue")
        target = tmp_path / "notes.json"
        # what the screen holds does not matter: the library is the record
        assert export_notes(target, store, article_id, page, []) == (1, 0)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data[0]["type"] == "Annotation"
    assert data[0]["target"]["source"].endswith("tides.html")
    assert data[0]["body"] == [{"type": "TextualBody", "value": "blue", "purpose": "tagging"}]


def test_an_unwritable_target_is_one_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ReaderError, match="cannot create"):
        export_notes(blocker / "sub" / "out.md", None, None, article(), [])
