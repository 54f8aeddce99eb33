"""The library list's columns and cells (pure functions)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from rich.cells import cell_len

from reader.store.records import LibraryEntry
from reader.ui.library.rows import (
    GAP,
    MIN_TITLE,
    TAGS_FROM,
    Align,
    cells,
    columns_for,
    fit,
    format_progress,
    site_of,
    source_text,
)


def entry(**fields: object) -> LibraryEntry:
    values: dict[str, object] = {
        "id": 1,
        "source": "/pages/a.html",
        "title": "A title",
        "site": None,
        "byline": None,
        "published": None,
        "language": None,
        "word_count": 100,
        "added_at": datetime(2024, 1, 1, tzinfo=UTC),
        "opened_at": None,
        "progress": 0.0,
        "highlight_count": 0,
        "note_count": 0,
    }
    values.update(fields)
    return LibraryEntry(**values)  # type: ignore[arg-type]


def test_columns_fill_the_width_and_drop_the_least_useful_first() -> None:
    for width in (30, 45, 60, 80, 120, 200):
        columns = columns_for(width)
        # The state marks lead, then the title.
        assert [c.key for c in columns[:2]] == ["state", "title"]
        title = columns[1]
        used = sum(c.width for c in columns) + GAP * (len(columns) - 1)
        assert used == width or title.width == 1
        if width >= 60:
            assert title.width >= MIN_TITLE
    keys = [c.key for c in columns_for(60)]
    assert "highlights" not in keys and "site" not in keys and "read" in keys
    assert [c.key for c in columns_for(100)] == [
        "state",
        "title",
        "source",
        "date",
        "read",
        "highlights",
        "notes",
    ]
    # Tags only where they leave the title room.
    assert "tags" in [c.key for c in columns_for(TAGS_FROM)]
    assert "tags" not in [c.key for c in columns_for(TAGS_FROM - 1)]


def test_fit_cuts_with_an_ellipsis_and_keeps_wide_characters_aligned() -> None:
    assert fit("abcdef", 4) == "abc…"
    assert fit("ab", 4, Align.RIGHT) == "  ab"
    wide = fit("海外留学生看两会", 7)
    assert cell_len(wide) == 7 and wide.endswith("…")
    assert fit("x", 0) == ""


def test_cells_show_page_data_on_one_clean_line() -> None:
    row = cells(
        entry(
            title="Line one\nline two \x1b[31m",
            site="Site\tname",
            published=datetime(2021, 3, 4),
            progress=0.004,
            highlight_count=3,
            note_count=1,
        )
    )
    assert row["title"] == "Line one line two"
    assert row["site"] == "Site name"
    assert row["date"] == "4 Mar 2021"
    assert row["read"] == "1%"  # started reading shows, however little
    assert (row["highlights"], row["notes"]) == ("3", "1")


def test_progress_and_site_fallbacks() -> None:
    assert format_progress(0) == "" and format_progress(1) == "100%"
    assert site_of(entry(source="https://news.example.org/a/b")) == "news.example.org"
    assert site_of(entry(source="/home/me/page.html")) == ""
    assert cells(entry(title="", source="/home/me/page.html"))["title"] == "page.html"


def test_the_source_names_the_copy_a_url_by_host_and_path_a_file_by_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HOME", "/home/ann")
    assert source_text(entry(source="https://www.example.org/news/story/")) == (
        "example.org/news/story"
    )
    assert source_text(entry(source="/home/ann/saved/story.html")) == "~/saved/story.html"
    assert source_text(entry(source="/srv/pages/story.html")) == "/srv/pages/story.html"
    assert source_text(entry(source="-")) == ""
    assert source_text(entry(source="/tmp/a\x1b[31mb.html")) == "/tmp/ab.html"
    assert cells(entry(source="https://example.org/a"))["source"] == "example.org/a"
    assert source_text(entry(source="http://127.0.0.1:8765/a.html")) == "127.0.0.1:8765/a.html"


def test_a_source_too_long_keeps_its_end() -> None:
    assert fit("/very/long/folder/story.html", 12, Align.TAIL) == "…/story.html"
    assert fit("/a/b.html", 12, Align.TAIL) == "/a/b.html   "
    wide = fit("/目录/文件名称.html", 10, Align.TAIL)
    assert cell_len(wide) == 10 and wide.startswith("…") and wide.endswith(".html")
