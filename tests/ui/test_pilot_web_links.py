"""Pilot tests of web links followed in the reader (``f``) and handed to the system's
browser (``F``, ctrl+b in the link list), and of coming back with the place kept."""

from __future__ import annotations

from pathlib import Path

from article_builder import ArticleBuilder

from reader.models import Article
from reader.ui.dialogs.confirm import ConfirmScreen
from reader.ui.dialogs.message import MessageScreen
from tests.local_site import local_site

from .built_articles import page_article, with_source
from .shell_support import (
    FETCHES,
    PUBLIC_ONLY,
    SIZE,
    app_for,
    pilot_test,
    reading,
    record_notifications,
    register,
    settle,
    static_text,
    view,
    wait_until,
)


def linked_story(href: str, source: str = "story.html") -> Article:
    """A long page whose one link comes after much text, so going back has a place."""
    b = ArticleBuilder("Harbour walls")
    b.heading("Harbour walls", level=1)
    for index in range(40):
        b.paragraph(
            f"Paragraph {index + 1}. The granite blocks of the old wall were cut on the "
            "hill and carried down on sledges in the dry months of the year."
        )
    b.paragraph("The quarry has ", ("a page of its own", "link", href), ".")
    return with_source(b.build(), source)


@pilot_test
async def test_f_opens_a_web_link_in_the_reader_and_back_keeps_the_place(
    web_pages: dict[str, Article], opened_urls: list[str]
) -> None:
    url = "https://quarry.example.org/history"
    web_pages[url] = page_article("The quarry", url)
    app = app_for(linked_story(url))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reading(app)
        await pilot.press("space", "space")
        await settle(pilot)
        place = view(app).top_offset()
        assert place > 0
        await pilot.press("f", "1")
        await settle(pilot)
        await wait_until(pilot, lambda: screen.article.title == "The quarry")
        assert screen.source == url and opened_urls == []
        await pilot.press("backspace")
        await settle(pilot)
        assert screen.article.title == "Harbour walls"
        assert view(app).top_offset() == place, "back where the reader left"
        # Forward again, then ctrl+o back: the page is fetched each time it is
        # followed, never when going back to it.
        await pilot.press("f", "1")
        await settle(pilot)
        await wait_until(pilot, lambda: screen.article.title == "The quarry")
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert screen.article.title == "Harbour walls"
        assert view(app).top_offset() == place
        assert FETCHES.count(url) <= 2
        # Public when chosen, and checked again as the fetch connects.
        assert PUBLIC_ONLY and all(PUBLIC_ONLY)


@pilot_test
async def test_a_web_link_that_cannot_be_fetched_keeps_the_page(
    web_pages: dict[str, Article],
) -> None:
    app = app_for(linked_story("https://gone.example.org/"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f", "1")
        await settle(pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, MessageScreen))
        assert "connection refused" in str(app.screen.query_one("#dialog-text").content)
        await pilot.press("escape")
        await settle(pilot)
        assert reading(app).article.title == "Harbour walls"
        assert len(reading(app).history) == 0


@pilot_test
async def test_capital_f_with_no_browser_says_so_and_copies(no_browser: list[str]) -> None:
    url = "https://quarry.example.org/history"
    app = app_for(linked_story(url))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = record_notifications(app)
        await pilot.press("F", "1")
        await settle(pilot)
        await wait_until(pilot, lambda: bool(shown))
        assert no_browser == [url]
        assert shown[-1].startswith("No graphical browser here")
        assert app.clipboard == url
        assert reading(app).article.title == "Harbour walls", "nothing opened here"


@pilot_test
async def test_capital_f_on_a_saved_page_link_asks_as_f_does(
    pages_on_disk: dict, opened_urls: list[str], tmp_path: Path
) -> None:
    story = register(pages_on_disk, tmp_path / "story.html", linked_story("next.html"))
    register(pages_on_disk, tmp_path / "next.html", page_article("Next page", "next.html"))
    app = app_for(story)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = record_notifications(app)
        await pilot.press("F", "1")
        await settle(pilot)
        assert any("Only web links go to a browser" in line for line in shown)
        assert isinstance(app.screen, ConfirmScreen), "a saved page is still asked for"
        await pilot.press("y")
        await settle(pilot)
        assert reading(app).article.title == "Next page" and opened_urls == []


@pilot_test
async def test_a_link_to_this_machine_is_fetched_only_after_a_yes_and_once() -> None:
    with local_site() as site:
        url = f"{site.url}/walls"
        app = app_for(linked_story(url))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            screen = reading(app)
            await pilot.press("f", "1")
            await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            assert "127.0.0.1" in str(app.screen.query_one("#dialog-text").content)
            await pilot.press("n")
            await settle(pilot)
            assert screen.article.title == "Harbour walls" and len(screen.history) == 0
            assert site.hits == [], "nothing fetched without a yes"
            await pilot.press("f", "1")
            await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            await pilot.press("y")
            await settle(pilot)
            await wait_until(pilot, lambda: screen.source == url)
            assert "built in 1820" in screen.article.text
            await pilot.press("backspace")
            await settle(pilot)
            assert screen.article.title == "Harbour walls"
            assert site.hits == ["/walls"], "fetched once; going back fetches nothing"


@pilot_test
async def test_the_browser_key_is_in_help_and_the_palette_and_follows_the_keymap(
    opened_urls: list[str],
) -> None:
    from reader.ui.palette import ReaderCommands

    url = "https://quarry.example.org/history"
    app = app_for(linked_story(url), keymap={"reading.link-browser": "ctrl+g"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = {c.title: c.keys for c in ReaderCommands(reading(app))._commands()}
        assert titles.get("Links to browser") == "^g"
        await pilot.press("question_mark")
        await pilot.pause()
        assert "Links to browser" in static_text(app, "#help-text")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("F")
        await pilot.pause()
        assert not view(app).hints, "F was given away by the keymap"
        await pilot.press("ctrl+g", "1")
        await settle(pilot)
        assert opened_urls == [url]
