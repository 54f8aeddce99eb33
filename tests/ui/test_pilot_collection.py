"""Pilot tests of the library as a collection: tags (with completion), read/archived/
starred, the filters and their memory, the reading queue, and the same keys on the
reading screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from reader.store import open_library
from reader.store.library import LibraryFilter, StateFilter
from reader.store.queue import QueueItem
from reader.ui.dialogs.tag_prompt import TagPrompt
from reader.ui.library.rows import QUEUED_MARK
from reader.ui.library.screen import LibraryScreen
from reader.ui.reading.screen import ReadingScreen
from tests.local_site import local_site

from .library_support import SEEDS, library, seed_library, titles
from .shell_support import SIZE, app_for, pilot_test, record_notifications, settle, wait_until

WIDE = (140, 32)
"""Wide enough for the tags column."""
LIGHTHOUSE = SEEDS[0].title


async def _library(pilot: Pilot) -> LibraryScreen:
    await settle(pilot)
    await wait_until(pilot, lambda: bool(titles(pilot.app)))
    return library(pilot.app)


async def _go_to(pilot: Pilot, screen: LibraryScreen, title: str) -> None:
    await pilot.press("g")
    while screen.table.current is not None and screen.table.current.display_title != title:
        await pilot.press("j")


def _row_of(screen: LibraryScreen, title: str) -> str:
    index = next(i for i, e in enumerate(screen.table.entries) if e.display_title == title)
    return screen.table.render_line(index + 1 - screen.table.scroll_offset.y).text


async def _type_in_prompt(pilot: Pilot, text: str) -> TagPrompt:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, TagPrompt))
    prompt = pilot.app.screen
    assert isinstance(prompt, TagPrompt)
    field = prompt.query_one(Input)
    field.value = ""
    await pilot.press(*text)
    return prompt


@pilot_test
async def test_tags_are_added_completed_shown_and_taken_off(tmp_path: Path) -> None:
    ids = seed_library(tmp_path)
    with open_library() as store:
        store.library.add_tags(ids["Bread, by hand"], ["harbour life", "kitchen"])
    app = app_for()
    async with app.run_test(size=WIDE) as pilot:
        screen = await _library(pilot)
        await _go_to(pilot, screen, LIGHTHOUSE)
        await pilot.press("t")
        prompt = await _type_in_prompt(pilot, "har")
        field = prompt.query_one(Input)
        # The library's tags complete the one being typed; Tab takes the suggestion.
        await wait_until(pilot, lambda: field._suggestion == "harbour life")
        await pilot.press("tab", *", coast", "enter")
        await wait_until(pilot, lambda: "harbour" in _row_of(screen, LIGHTHOUSE))
        with open_library() as store:
            assert store.library.tags_of(ids[LIGHTHOUSE]) == ["coast", "harbour life"]
        assert "coast, harbour life" in _row_of(screen, LIGHTHOUSE)

        # The prompt shows the tags the article has: taking one out of the list drops it.
        await pilot.press("t")
        prompt = await _type_in_prompt(pilot, "")
        await pilot.press(*"coast", "enter")
        await settle(pilot)
        await wait_until(pilot, lambda: "harbour" not in _row_of(screen, LIGHTHOUSE))
        assert "coast  " in _row_of(screen, LIGHTHOUSE).split("Lighthouse")[1].split("north")[1]
        with open_library() as store:
            assert store.library.tags_of(ids[LIGHTHOUSE]) == ["coast"]


@pilot_test
async def test_read_archived_starred_keys_mark_the_row_and_the_store(tmp_path: Path) -> None:
    ids = seed_library(tmp_path)
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _library(pilot)
        await pilot.press("f")  # to read -> all
        await wait_until(pilot, lambda: screen.filter is not None and screen.filter.state == "all")
        await _go_to(pilot, screen, LIGHTHOUSE)
        await pilot.press("asterisk", "r", "x")
        await settle(pilot)

        def marked() -> bool:
            item = screen.table.item(ids[LIGHTHOUSE])
            return item is not None and item.starred and item.is_read and item.archived

        await wait_until(pilot, marked)
        assert _row_of(screen, LIGHTHOUSE).lstrip().startswith("★✓▪")
        with open_library() as store:
            item = store.library.item(ids[LIGHTHOUSE])
            assert item is not None and (item.starred, item.is_read, item.archived) == (
                True,
                True,
                True,
            )
        await pilot.press("r")
        await settle(pilot)
        with open_library() as store:
            item = store.library.item(ids[LIGHTHOUSE])
            assert item is not None and not item.is_read and item.archived


@pilot_test
async def test_filters_step_and_are_remembered(tmp_path: Path) -> None:
    ids = seed_library(tmp_path)
    with open_library() as store:
        store.library.set_state(ids[LIGHTHOUSE], is_read=True)
        store.library.set_state(ids["Bread, by hand"], starred=True)
        store.library.add_tags(ids["Bread, by hand"], ["kitchen"])
        store.library.add_tags(ids["A history of tide tables"], ["sea"])
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _library(pilot)
        # Unread articles: the library opens on what is left to read.
        assert screen.filter is not None and screen.filter.state is StateFilter.QUEUE
        assert LIGHTHOUSE not in titles(app) and len(titles(app)) == 3
        assert "to read" in screen.header.summary
        expected = {
            StateFilter.ALL: 4,
            StateFilter.UNREAD: 3,
            StateFilter.READ: 1,
            StateFilter.ARCHIVED: 0,
            StateFilter.STARRED: 1,
        }
        for state, count in expected.items():
            await pilot.press("f")
            await settle(pilot)
            assert screen.filter.state is state
            await wait_until(pilot, lambda c=count: len(screen.table.entries) == c, what=state)
            if not count:
                assert "Nothing here (archived)." in screen.table.render_line(2).text
        await pilot.press("f", "f")  # starred -> to read -> all
        await pilot.press("number_sign")
        await _type_in_prompt(pilot, "kit")
        await pilot.press("tab", "enter")
        await settle(pilot)
        await wait_until(pilot, lambda: titles(app) == ["Bread, by hand"])
        assert "#kitchen" in screen.header.summary
    with open_library() as store:
        assert store.library.saved_filter() == LibraryFilter(StateFilter.ALL, "kitchen")

    # Next time: the tag is kept (and the queue shown, as something is left to read).
    again = app_for()
    async with again.run_test(size=SIZE) as pilot:
        screen = await _library(pilot)
        assert screen.filter == LibraryFilter(StateFilter.QUEUE, "kitchen")
        assert titles(again) == ["Bread, by hand"]


@pytest.fixture
def site() -> Iterator[str]:
    with local_site() as served:
        yield served.url


@pilot_test
async def test_a_queued_page_is_fetched_when_opened(site: str) -> None:
    with open_library() as store:
        store.queue.add(
            [
                QueueItem(f"{site}/walls", "Walls (queued)", ("harbour",), origin="pocket"),
                QueueItem(f"{site}/missing", "Gone", origin="pocket"),
            ]
        )
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        said = record_notifications(app)
        screen = await _library(pilot)
        # Only queued pages: the library opens on them, each marked as not fetched.
        assert sorted(titles(app)) == ["Gone", "Walls (queued)"]
        assert all(e.id < 0 for e in screen.table.entries)
        assert _row_of(screen, "Gone").lstrip().startswith(QUEUED_MARK)

        await _go_to(pilot, screen, "Gone")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        await wait_until(pilot, lambda: any("Cannot fetch the page" in s for s in said))
        assert screen.header.status == ""

        await _go_to(pilot, screen, "Walls (queued)")
        await pilot.press("enter")
        await settle(pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, ReadingScreen))
        await settle(pilot)
        reading = app.screen
        assert isinstance(reading, ReadingScreen)
        assert reading.article is not None and "granite" in reading.article.text
    with open_library() as store:
        queued = store.queue.get(f"{site}/walls")
        assert queued is not None and queued.article_id is not None
        assert store.library.tags_of(queued.article_id) == ["harbour"]


@pilot_test
async def test_the_reading_screen_tags_and_marks_its_page(tmp_path: Path) -> None:
    ids = seed_library(tmp_path)
    with open_library() as store:
        store.library.add_tags(ids["Bread, by hand"], ["coastal"])
    app = app_for(str(tmp_path / "page-0.html"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        said = record_notifications(app)
        await pilot.press("R", "asterisk")
        await settle(pilot)
        await pilot.press("T")
        prompt = await _type_in_prompt(pilot, "coa")
        await wait_until(pilot, lambda: prompt.query_one(Input)._suggestion == "coastal")
        await pilot.press("tab", "enter")
        await settle(pilot)
        await wait_until(pilot, lambda: any(s.startswith("Tagged") for s in said))
        await pilot.press("X")
        await settle(pilot)
        await wait_until(pilot, lambda: "Archived." in said)
        assert "Marked as read." in said and "Starred." in said
    with open_library() as store:
        item = store.library.item(ids[LIGHTHOUSE])
        assert item is not None and item.is_read and item.starred and item.archived
        assert item.tags == ("coastal",)
