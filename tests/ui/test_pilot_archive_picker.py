"""Pilot tests of the web archive picker (``reader ARCHIVE``): the pages listed with
their title, URL and date, filtered, read from the archive alone, and left."""

from __future__ import annotations

from pathlib import Path

import pytest
from archive_builder import Item, page_html, sample_items, write_wacz, write_warc
from textual.pilot import Pilot

from reader.commands.read import web_archive
from reader.store import open_library
from reader.ui.app import make_app
from reader.ui.archive_picker.screen import ArchivePicker
from reader.ui.reading.screen import ReadingScreen

from .shell_support import SIZE, pilot_test, settle, wait_until
from .shell_support import test_settings as settings_for_tests


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page from an archive is never fetched: any attempt fails the test."""

    def refuse(url: str, *args: object, **kwargs: object) -> None:
        raise AssertionError(f"fetched {url}")

    monkeypatch.setattr("reader.loaders.url.fetch", refuse)


@pytest.fixture
def warc(tmp_path: Path) -> Path:
    path = tmp_path / "site.warc.gz"
    write_warc(path, sample_items())
    return path


async def _picker(pilot: Pilot) -> ArchivePicker:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ArchivePicker)
    await wait_until(pilot, lambda: screen.pages is not None)
    return screen


def _shown(screen: ArchivePicker) -> list[str]:
    return [capture.title for capture in screen.shown]


def test_web_archives_are_told_from_pages_by_content(warc: Path, tmp_path: Path) -> None:
    wacz = tmp_path / "site.wacz"
    write_wacz(wacz, sample_items())
    renamed = tmp_path / "page.html"
    renamed.write_bytes(warc.read_bytes())
    page = tmp_path / "real.html"
    page.write_bytes(page_html("Plain"))
    assert web_archive(str(warc)) and web_archive(str(wacz)) and web_archive(str(renamed))
    assert not web_archive(str(page)) and not web_archive("-")
    assert not web_archive("https://example.org/x.warc")


@pilot_test
async def test_the_pages_are_listed_filtered_and_read_from_the_archive(warc: Path) -> None:
    app = make_app(settings_for_tests(), archive=str(warc))
    async with app.run_test(size=SIZE) as pilot:
        screen = await _picker(pilot)
        assert _shown(screen) == ["Tide clock", "Net loft", "Tide clock"]
        header = str(screen.header.render())
        assert "site.warc.gz" in header and "3 pages" in header
        option = screen.list.get_option_at_index(1).prompt
        assert "Net loft" in str(option) and "https://example.org/b" in str(option)
        assert "2024-05-02 11:30" in str(option)

        await pilot.press("slash", *"net")
        await settle(pilot)
        assert _shown(screen) == ["Net loft"]
        assert "1 of 3 pages" in str(screen.header.render())
        await pilot.press("enter")  # the top page
        await settle(pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, ReadingScreen))
        await settle(pilot)
        reading = app.screen
        assert isinstance(reading, ReadingScreen)
        assert reading.article is not None and reading.article.title == "Net loft"
        assert reading.source == "https://example.org/b"
        with open_library() as store:
            stored = store.articles.get_by_source("https://example.org/b")
            assert stored is not None
            item = store.library.item(stored.id)
            assert item is not None and item.captured_at is not None
            assert item.captured_at.isoformat().startswith("2024-05-02T11:30")

        await pilot.press("backspace")  # back to the list of pages
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("escape")  # clears the filter
        await settle(pilot)
        assert len(screen.shown) == 3 and app.is_running
        await pilot.press("escape")  # the first screen: quits
        await settle(pilot)
    assert app.return_code == 0 and app.failure is None


@pilot_test
async def test_a_wacz_page_is_read_from_the_archive(tmp_path: Path) -> None:
    path = tmp_path / "site.wacz"
    write_wacz(path, sample_items())
    app = make_app(settings_for_tests(), archive=str(path))
    async with app.run_test(size=SIZE) as pilot:
        screen = await _picker(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, ReadingScreen))
        await settle(pilot)
        reading = app.screen
        assert isinstance(reading, ReadingScreen) and reading.article is not None
        assert reading.article.title == "Tide clock"
        assert screen in app.screen_stack


@pilot_test
async def test_a_damaged_archive_is_one_line_and_exit_status_2(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\n\r\n\r\n")
    app = make_app(settings_for_tests(), archive=str(path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: not app.is_running)
    assert app.return_code == 2 and app.failure is not None
    assert "\n" not in app.failure and "broken.warc: damaged web archive" in app.failure


@pilot_test
async def test_an_archive_without_pages_says_so(tmp_path: Path) -> None:
    path = tmp_path / "images.warc.gz"
    write_warc(path, [Item("https://example.org/c.png", b"\x89PNG\r\n\x1a\nimage", "image/png")])
    app = make_app(settings_for_tests(), archive=str(path))
    async with app.run_test(size=SIZE) as pilot:
        screen = await _picker(pilot)
        assert screen.shown == []
        assert "0 pages · no HTML pages in this archive" in str(screen.header.render())


@pilot_test
async def test_many_captures_are_listed_with_progress(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    items = [
        Item(f"https://example.org/p{n}", page_html(f"Page {n}", paragraphs=1)) for n in range(600)
    ]
    write_warc(path, items)
    progress: list[object] = []
    app = make_app(settings_for_tests(), archive=str(path))
    async with app.run_test(size=SIZE, message_hook=progress.append) as pilot:
        screen = await _picker(pilot)
        assert len(screen.shown) == 600
    from reader.ui.archive_picker.screen import ListingProgress

    reports = [m for m in progress if isinstance(m, ListingProgress)]
    assert reports and all(m.records >= m.pages for m in reports)
