"""Pilot tests of pages opened through the library: recorded, reopened without being
extracted again, and the reading position kept as a text anchor (resumed at the same
passage whatever the terminal width), with the progress."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.config import load_settings
from reader.models import Article
from reader.store import DB_NAME, open_library
from reader.store.schema import SCHEMA_VERSION
from reader.ui.library.screen import LibraryScreen

from .built_articles import long_article, page_article
from .shell_support import (
    app_for,
    pilot_test,
    reading,
    record_notifications,
    register,
    settle,
    view,
    wait_until,
)


@pytest.fixture
def quick_saves(monkeypatch: pytest.MonkeyPatch) -> None:
    """Write the position 50 ms after scrolling stops instead of a second."""
    monkeypatch.setattr("reader.ui.reading.position.SAVE_DELAY", 0.05)


def stored(source: str):  # type: ignore[no-untyped-def]
    with open_library() as store:
        entry = store.articles.find(source)
        assert entry is not None, f"{source} is not in the library"
        return entry


@pilot_test
async def test_the_position_resumes_at_the_same_passage_at_another_width(
    pages_on_disk: dict[str, Article], tmp_path: Path
) -> None:
    page = register(pages_on_disk, tmp_path / "long.html", long_article(paragraphs=200))
    wide = app_for(page)
    async with wide.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("space", "space", "space", "j", "j")
        await settle(pilot)
        top = view(wide).top_offset()
        assert top > 0
    # Quitting wrote the position: the passage that was at the top.
    entry = stored(page)
    assert entry.position is not None and entry.position.start == top
    text = long_article(paragraphs=200).text
    assert entry.position.exact == text[top : top + len(entry.position.exact)]
    assert 0 < entry.entry.progress < 1

    narrow = app_for(page)
    async with narrow.run_test(size=(70, 40)) as pilot:
        await settle(pilot)
        article_view = view(narrow)
        await wait_until(pilot, lambda: article_view.top_offset() > 0)
        # Lines are wrapped differently, but the passage is at the top: the top line
        # holds the saved offset.
        assert article_view.top_offset() <= top < article_view.offset_at(1)


@pilot_test
async def test_the_position_is_saved_soon_after_scrolling_stops(
    pages_on_disk: dict[str, Article], tmp_path: Path, quick_saves: None
) -> None:
    page = register(pages_on_disk, tmp_path / "long.html", long_article(paragraphs=120))
    app = app_for(page)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("space", "space")
        top = view(app).top_offset()
        await pilot.pause(0.2)
        await settle(pilot)
        entry = stored(page)
        assert entry.position is not None and entry.position.start == top
        # Scrolled to the end, the page counts as read.
        await pilot.press("end")
        await pilot.pause(0.2)
        await settle(pilot)
        await wait_until(pilot, lambda: stored(page).entry.progress == 1.0)


@pilot_test
async def test_a_page_opened_by_path_is_recorded_and_reopened_without_extraction(
    pages_on_disk: dict[str, Article], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.service

    page = register(pages_on_disk, tmp_path / "guide.html", page_article("The guide", "x"))
    reads: list[str] = []
    fake = reader.service.read_article

    def counted(source: str, limits: object = None, **options: object) -> Article:
        reads.append(source)
        return fake(source, limits)

    monkeypatch.setattr("reader.service.read_article", counted)
    for _ in range(2):
        app = app_for(page)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            screen = reading(app)
            assert screen.article is not None and screen.article.title == "The guide"
            assert screen.library.article_id == stored(page).id
    assert reads == [page], "the second opening used the stored article"
    # The page is in the library now, so `reader` alone opens the library.
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)


@pilot_test
async def test_a_followed_link_to_a_saved_page_is_recorded(
    pages_on_disk: dict[str, Article], tmp_path: Path
) -> None:
    first = register(pages_on_disk, tmp_path / "guide.html", page_article("The guide", "x"))
    register(pages_on_disk, tmp_path / "other.html", page_article("Other page", "y"))
    app = app_for(first)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        reading(app).links.open("other.html")
        await pilot.pause()
        await pilot.press("y")  # opened on purpose: recorded
        await settle(pilot)
        screen = reading(app)
        assert screen.article is not None and screen.article.title == "Other page"
        assert screen.library.article_id == stored(str(tmp_path / "other.html")).id
        # Back to the first page: its library id comes back with it.
        await pilot.press("backspace")
        await settle(pilot)
        assert screen.library.article_id == stored(first).id


@pilot_test
async def test_a_read_only_library_is_said_once_and_reading_goes_on(
    pages_on_disk: dict[str, Article], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data directory should be", "utf-8")
    monkeypatch.setenv("READER_DATA_DIR", str(blocker / "data"))
    page = register(pages_on_disk, tmp_path / "long.html", long_article(paragraphs=80))
    app = app_for(page)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        shown = record_notifications(app)
        await settle(pilot)
        screen = reading(app)
        assert screen.article is not None and screen.article.title == "The Long Read"
        assert app.library.store is not None and app.library.store.read_only
        await pilot.press("space", "L")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        await wait_until(pilot, lambda: app.screen.header.summary.startswith("1 article"))
        assert app.screen.header.warning == "read-only"
    read_only = [text for text in shown if "read-only" in text]
    assert len(read_only) <= 1
    assert app.library.problem is not None and "not-a-folder" in app.library.problem


@pilot_test
async def test_an_unusable_library_is_said_and_pages_still_open(
    pages_on_disk: dict[str, Article], tmp_path: Path
) -> None:
    data = load_settings().resolved_data_dir()
    data.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(data / DB_NAME) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    page = register(pages_on_disk, tmp_path / "guide.html", page_article("The guide", "x"))
    app = app_for(page)
    async with app.run_test(size=(100, 30)) as pilot:
        shown = record_notifications(app)
        await settle(pilot)
        screen = reading(app)
        assert screen.article is not None and screen.article.title == "The guide"
        assert screen.library.article_id is None
        problem = app.library.problem
        assert problem is not None and problem.startswith("The library cannot be used")
        await pilot.press("L")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("escape")
    assert all("Traceback" not in text for text in shown)
