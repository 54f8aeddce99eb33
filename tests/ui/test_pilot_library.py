"""Pilot tests of the library screen: the list, search, open and back, delete and
undo, add, sort, and the way to it from a page."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from reader.app_state import load_state
from reader.config import load_settings
from reader.locations import demo_page
from reader.store import SortOrder, open_library
from reader.store.records import SearchHit
from reader.ui.app import ReaderApp
from reader.ui.dialogs.text_prompt import TextPrompt
from reader.ui.library.results import MATCH_STYLE, LibraryResults, hit_prompt
from reader.ui.library.screen import LibraryScreen
from reader.ui.library.table import LibraryTable
from reader.ui.navigation import reading_below
from reader.ui.reading.screen import ReadingScreen

from .library_support import SEEDS, library, seed_library, titles
from .shell_support import SIZE, app_for, pilot_test, record_notifications, settle, wait_until

RECENT = [seed.title for seed in reversed(SEEDS)]


async def _open_library(pilot: Pilot) -> LibraryScreen:
    await settle(pilot)
    await wait_until(pilot, lambda: bool(titles(pilot.app)))
    return library(pilot.app)


@asynccontextmanager
async def seeded(folder: Path) -> AsyncIterator[tuple[ReaderApp, Pilot, LibraryScreen]]:
    """``reader`` with no page, over the seeded library: the app, its pilot, the screen."""
    seed_library(folder)
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        yield app, pilot, await _open_library(pilot)


@pilot_test
async def test_an_empty_library_opens_the_demo_page() -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        assert screen.source == str(demo_page())
        # The demo page is not recorded: the library stays empty.
        with open_library() as store:
            assert store.articles.count() == 0


@pilot_test
async def test_the_library_lists_title_site_date_progress_and_notes(tmp_path: Path) -> None:
    async with seeded(tmp_path) as (app, _pilot, screen):
        assert titles(app) == RECENT
        assert screen.header.summary == "4 articles · to read · by recently read"
        table = screen.query_one(LibraryTable)
        assert app.focused is table
        header = table.render_line(0).text
        # At 100 columns the source (which copy) is shown; the site joins it when wider.
        for column in ("Title", "Source", "Date", "Read", "Highl.", "Notes"):
            assert column in header
        row = table.render_line(RECENT.index("Lighthouse keepers of the north coast") + 1).text
        assert "page-0.html" in row and "14 Mar 2021" in row and "42%" in row
        assert row.split()[-2:] == ["2", "1"]  # two highlights, one with a note
        undated = table.render_line(RECENT.index("Bread, by hand") + 1).text
        assert "—" in undated


@pilot_test
async def test_enter_opens_the_article_and_back_keys_return(tmp_path: Path) -> None:
    async with seeded(tmp_path) as (app, pilot, screen):
        for back in ("backspace", "ctrl+o", "L"):
            await pilot.press("g")
            second = titles(app)[1]
            await pilot.press("j", "enter")
            await settle(pilot)
            reading = app.screen
            assert isinstance(reading, ReadingScreen)
            assert reading.article is not None and reading.article.title == second
            await pilot.press(back)
            await settle(pilot)
            assert app.screen is screen, back
            # Opening the page made it the most recently read, and the cursor is on it.
            await wait_until(pilot, lambda s=second: titles(app)[0] == s)
            assert screen.table.current is not None
            assert screen.table.current.display_title == second


@pilot_test
async def test_l_from_a_page_shows_the_library_and_back_returns(tmp_path: Path) -> None:
    seed_library(tmp_path)
    page = tmp_path / "page-0.html"
    app = app_for(str(page))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = app.screen
        assert isinstance(first, ReadingScreen)
        await pilot.press("L")
        screen = await _open_library(pilot)
        assert reading_below(app, screen)
        await pilot.press("backspace")
        await settle(pilot)
        assert app.screen is first
        # From the library, a page opens above it; L goes back to that library.
        await pilot.press("L")
        screen = await _open_library(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReadingScreen) and app.screen is not first
        await pilot.press("L")
        await settle(pilot)
        assert app.screen is screen
        assert len(app.screen_stack) == 2


@pilot_test
async def test_the_palette_offers_the_library_and_the_sort_orders(tmp_path: Path) -> None:
    seed_library(tmp_path)
    app = app_for(str(tmp_path / "page-1.html"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reading_titles = [row.description for row in app.screen.palette_entries()]
        assert "Library" in reading_titles
        await pilot.press("ctrl+p", *"Library", "enter")
        screen = await _open_library(pilot)
        library_titles = [row.description for row in screen.palette_entries()]
        for title in ("Sort by recently read", "Sort by title", "Sort by date", "Search", "Add"):
            assert title in library_titles
        assert "Delete the article under the cursor" in library_titles  # dd


@pilot_test
async def test_slash_searches_the_text_with_highlighted_snippets(tmp_path: Path) -> None:
    async with seeded(tmp_path) as (app, pilot, screen):
        await pilot.press("slash", *"harbour")
        results = screen.query_one(LibraryResults)
        assert isinstance(app.focused, Input)
        await wait_until(pilot, lambda: len(results.hits) == 2)
        await settle(pilot)
        assert screen.has_class("-searching") and results.display
        assert not screen.query_one(LibraryTable).display
        found = {hit.title for hit in results.hits}
        assert found == {"Lighthouse keepers of the north coast", "A history of tide tables"}
        assert screen.header.summary == "2 matches in 4 articles"
        # Each hit's matched words are styled spans of plain text, never markup.
        hit = results.hits[0]
        prompt = hit_prompt(hit)
        snippet_start = prompt.plain.index("\n") + 1
        styled = {
            prompt.plain[span.start : span.end]
            for span in prompt.spans
            if span.style == MATCH_STYLE and span.start >= snippet_start
        }
        assert styled == {"harbour"}
        # Down moves into the results; Enter there opens the hit.
        await pilot.press("down")
        assert app.focused is results
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReadingScreen)
        assert app.screen.article is not None and app.screen.article.title == hit.title
        await pilot.press("backspace")
        await settle(pilot)
        assert app.screen is screen and screen.has_class("-searching")
        # Esc closes the search and lists everything again.
        await pilot.press("escape")
        await settle(pilot)
        assert not screen.has_class("-searching")
        assert app.focused is screen.query_one(LibraryTable)
        assert screen.header.summary == "4 articles · to read · by recently read"


@pilot_test
async def test_search_results_show_hostile_text_as_text(tmp_path: Path) -> None:
    hit = SearchHit(
        article_id=1,
        title="[bold]Title[/bold] [@click=app.quit]x[/]",
        title_spans=(),
        snippet="a [link=https://evil]harbour[/link] b",
        snippet_spans=(),
        source="/x.html",
        site="[red]site",
        rank=0.0,
    )
    prompt = hit_prompt(hit)
    assert "[@click=app.quit]" in prompt.plain and "[link=https://evil]" in prompt.plain
    assert all("click" not in str(span.style) for span in prompt.spans)


@pilot_test
async def test_dd_deletes_and_u_brings_it_back(tmp_path: Path) -> None:
    async with seeded(tmp_path) as (app, pilot, screen):
        shown = record_notifications(app)
        await pilot.press("j", "d")
        assert screen.header.status == "d…  d delete the article under the cursor"
        await pilot.press("d")
        await settle(pilot)
        assert titles(app) == [RECENT[0], *RECENT[2:]]
        assert screen.header.summary.startswith("3 articles")
        assert any(f"Deleted “{RECENT[1]}”" in text and "u to undo" in text for text in shown)
        assert screen.table.current is not None
        assert screen.table.current.display_title == RECENT[2]
        with open_library() as store:
            assert store.articles.count() == 3
        # The Delete key does the same; u undoes the latest first.
        await pilot.press("delete")
        await settle(pilot)
        assert titles(app) == [RECENT[0], RECENT[3]]
        await pilot.press("u")
        await settle(pilot)
        await wait_until(pilot, lambda: len(titles(app)) == 3)
        assert titles(app) == [RECENT[0], *RECENT[2:]]
        assert screen.table.current is not None
        assert screen.table.current.display_title == RECENT[2]
        await pilot.press("u")
        await settle(pilot)
        await wait_until(pilot, lambda: len(titles(app)) == 4)
        assert titles(app) == RECENT
        await pilot.press("u")
        assert shown[-1] == "Nothing to undo."


@pilot_test
async def test_d_then_escape_deletes_nothing(tmp_path: Path) -> None:
    async with seeded(tmp_path) as (app, pilot, screen):
        await pilot.press("d", "escape")
        assert screen.header.status == ""
        await pilot.press("d")
        await settle(pilot)
        assert titles(app) == RECENT


@pilot_test
async def test_a_adds_a_page_and_the_list_shows_it(tmp_path: Path) -> None:
    seed_library(tmp_path)
    page = tmp_path / "new.html"
    page.write_text(
        "<html><head><title>Salt marsh birds</title></head><body><article>"
        "<h1>Salt marsh birds</h1>"
        + "<p>Redshanks and curlews feed on the mudflats when the tide is out.</p>" * 8
        + "</article></body></html>",
        "utf-8",
    )
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_library(pilot)
        shown = record_notifications(app)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, TextPrompt)
        # What cannot be read is said under the input, which stays open.
        app.screen.query_one(Input).value = str(tmp_path / "missing.htm")
        await pilot.press("l", "enter")
        await settle(pilot)
        assert isinstance(app.screen, TextPrompt)
        error = app.screen.query_one("#prompt-error")
        assert "no such file" in str(error.render()).lower()
        field = app.screen.query_one(Input)
        field.value = str(page)
        await pilot.press("enter")
        await settle(pilot)
        await wait_until(pilot, lambda: len(titles(app)) == 5, tries=300)
        assert app.screen is screen
        assert titles(app)[0] == "Salt marsh birds"
        assert screen.table.current is not None
        assert screen.table.current.display_title == "Salt marsh birds"
        assert any(text == "Added: “Salt marsh birds”." for text in shown)
        # The same page again: nothing new.
        await pilot.press("a")
        await settle(pilot)
        app.screen.query_one(Input).value = str(page)
        await pilot.press("enter")
        await settle(pilot)
        await wait_until(pilot, lambda: "Already" in shown[-1])
        assert shown[-1] == "Already in the library: “Salt marsh birds”."
        assert len(titles(app)) == 5


@pilot_test
async def test_a_page_that_cannot_be_read_is_one_line_of_error(tmp_path: Path) -> None:
    seed_library(tmp_path)
    empty = tmp_path / "empty.html"
    empty.write_text("", "utf-8")
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_library(pilot)
        shown = record_notifications(app)
        await pilot.press("a")
        await settle(pilot)
        app.screen.query_one(Input).value = str(empty)
        await pilot.press("enter")
        await settle(pilot)
        await wait_until(pilot, lambda: bool(shown))
        assert app.screen is screen
        assert shown[-1].startswith("Cannot add the page: ")
        assert "\n" not in shown[-1] and "Traceback" not in shown[-1]
        assert screen.header.status == ""
        assert len(titles(app)) == 4


@pilot_test
async def test_sort_keys_order_the_list_and_the_choice_is_remembered(tmp_path: Path) -> None:
    async with seeded(tmp_path) as (app, pilot, screen):
        by_title = sorted(RECENT, key=str.lower)
        by_date = [
            "Zebra crossings and the law",
            "Lighthouse keepers of the north coast",
            "A history of tide tables",
            "Bread, by hand",
        ]
        await pilot.press("T")
        await settle(pilot)
        assert titles(app) == by_title and screen.sort is SortOrder.TITLE
        assert screen.header.summary == "4 articles · to read · by title"
        await pilot.press("D")
        await settle(pilot)
        assert titles(app) == by_date
        await pilot.press("R")
        await settle(pilot)
        assert titles(app) == RECENT
        # s steps through the orders.
        await pilot.press("s")
        await settle(pilot)
        assert titles(app) == by_title
        await pilot.press("s")
        await settle(pilot)
        assert titles(app) == by_date
        assert load_state(load_settings().resolved_data_dir())["library_sort"] == "date"
    again = app_for()
    async with again.run_test(size=SIZE) as pilot:
        screen = await _open_library(pilot)
        assert screen.sort is SortOrder.DATE and titles(again) == by_date


@pilot_test
async def test_the_list_stays_on_screen_with_the_cursor(tmp_path: Path) -> None:
    from .library_support import Seed

    seeds = [
        Seed(f"Article {n:03d}", None, None, f"Body number {n} of the set.") for n in range(80)
    ]
    seed_library(tmp_path, seeds)
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_library(pilot)
        table = screen.query_one(LibraryTable)
        await pilot.press("G")
        assert table.cursor == 79 and table.scroll_y == table.max_scroll_y
        await pilot.press("k", "pageup")
        assert table.cursor == 78 - (table.scrollable_content_region.height - 1)
        assert round(table.scroll_y) == table.cursor
        await pilot.press("g", "pagedown")
        assert table.cursor == table.scrollable_content_region.height - 1
        await pilot.click(LibraryTable, offset=(5, 3))
        assert table.cursor == round(table.scroll_y) + 2


@pilot_test
async def test_reading_to_the_end_shows_as_read_in_the_library(tmp_path: Path) -> None:
    async with seeded(tmp_path) as (app, pilot, screen):
        bread = titles(app).index("Bread, by hand")
        await pilot.press(*["j"] * bread, "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReadingScreen)
        await pilot.press("end")
        await settle(pilot)
        await pilot.press("L")
        await settle(pilot)
        assert app.screen is screen
        await wait_until(pilot, lambda: "100%" in screen.table.render_line(1).text)
        assert titles(app)[0] == "Bread, by hand"


@pilot_test
async def test_titles_from_pages_are_shown_as_text(tmp_path: Path) -> None:
    from .library_support import Seed

    hostile = Seed(
        "[bold]Loud[/bold] [@click=app.quit]x[/] \x1b[2J\x1b]0;owned\x07end",
        "[red]site\x1b[31m",
        None,
        "Body text of a page with a hostile title.",
    )
    seed_library(tmp_path, [hostile])
    app = app_for()
    # Wide enough for the whole title beside the state and tags columns.
    async with app.run_test(size=(150, 32)) as pilot:
        screen = await _open_library(pilot)
        row = screen.table.render_line(1)
        assert "[bold]Loud[/bold] [@click=app.quit]x[/]" in row.text
        assert "[red]site" in row.text
        assert not any(ch in row.text for ch in "\x1b\x07")
        await pilot.click(LibraryTable, offset=(10, 1))
        await settle(pilot)
        assert app.is_running


@pilot_test
async def test_the_library_footer_fits_80_columns(tmp_path: Path) -> None:
    from textual.widgets import Footer

    async with seeded(tmp_path) as (app, pilot, _screen):
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        keys = list(app.screen.query_one(Footer).query("FooterKey"))
        shown = {key.description for key in keys}  # type: ignore[attr-defined]
        assert shown >= {"Open", "Search", "Add", "Filter", "Help"}
        for key in keys:
            assert key.region.right <= 80 and key.region.width > 0, key.description


@pilot_test
async def test_help_lists_the_library_keys_and_dd(tmp_path: Path) -> None:
    from reader.ui.dialogs.help import HelpScreen

    async with seeded(tmp_path) as (app, pilot, _screen):
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        shown = " ".join(row.description for row in app.screen._rows)
        for wanted in ("Search", "Add", "Delete", "Undo", "Sort", "Open"):
            assert wanted in shown
        assert "Delete the article under the cursor" in shown


@pilot_test
async def test_one_enter_in_the_search_field_opens_the_top_hit_with_the_query_in_force(
    tmp_path: Path,
) -> None:
    async with seeded(tmp_path) as (app, pilot, screen):
        # Typed and entered in one burst: Enter may come before the results.
        await pilot.press("slash", *"tide", "enter")
        await settle(pilot)
        reading = app.screen
        assert isinstance(reading, ReadingScreen)
        results = screen.query_one(LibraryResults)
        assert reading.article is not None and reading.article.title == results.hits[0].title
        # The library's search goes on in the article: highlighted, and n steps.
        matches = reading.search.matches
        assert matches.query == "tide" and len(matches) >= 1
        assert reading.view.overlay("search")
        first = matches.current
        await pilot.press("n")
        await pilot.pause()
        assert len(matches) == 1 or matches.current != first


@pilot_test
async def test_enter_with_no_result_says_so(tmp_path: Path) -> None:
    async with seeded(tmp_path) as (app, pilot, screen):
        notes = record_notifications(app)
        await pilot.press("slash", *"zzzqqq", "enter")
        await settle(pilot)
        assert app.screen is screen
        assert any("Nothing found" in note for note in notes)


@pilot_test
async def test_search_results_and_counts_follow_delete_and_undo(tmp_path: Path) -> None:
    async with seeded(tmp_path) as (app, pilot, screen):
        await pilot.press("slash", *"harbour")
        results = screen.query_one(LibraryResults)
        await wait_until(pilot, lambda: len(results.hits) == 2)
        await pilot.press("down")
        gone = results.current
        assert gone is not None
        await pilot.press("d", "d")
        await wait_until(pilot, lambda: len(results.hits) == 1)
        await settle(pilot)
        assert gone.article_id not in [hit.article_id for hit in results.hits]
        assert screen.header.summary == "1 match in 3 articles"
        await pilot.press("u")
        await wait_until(pilot, lambda: len(results.hits) == 2)
        await settle(pilot)
        assert gone.article_id in [hit.article_id for hit in results.hits]
        assert screen.header.summary == "2 matches in 4 articles"
        with open_library() as store:
            assert store.articles.count() == 4
        # Out of the search, the list holds every article again.
        await pilot.press("escape")
        await settle(pilot)
        assert sorted(titles(app)) == sorted(RECENT)
