"""Pilot tests of links: hints (f), the list (o), every kind of target, back history
(backspace, ctrl+o), the page list (< >) and pages that fail to load."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from reader.ui.dialogs.confirm import ConfirmScreen
from reader.ui.dialogs.link_list import LinkListScreen
from reader.ui.dialogs.message import MessageScreen
from reader.ui.reading.header import ArticleHeader
from reader.ui.reading.hint_bar import LinkHintBar

from .built_articles import field_guide, long_article, page_article
from .shell_support import (
    SIZE,
    app_for,
    pilot_test,
    reading,
    record_notifications,
    register,
    settle,
    static_text,
    view,
)


@pilot_test
async def test_capital_f_shows_hints_and_a_typed_number_opens_the_link_in_the_browser(
    opened_urls: list[str],
) -> None:
    app = app_for(field_guide())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await pilot.pause()
        bar = app.screen.query_one(LinkHintBar)
        assert view(app).hints and bar.has_class("-open")
        assert static_text(app, "#hint-prompt") == "Open in browser:"
        # 9 links: "1" could still become nothing else, so it opens at once.
        await pilot.press("1")
        await settle(pilot)
        assert opened_urls == ["https://tides.example.org/today"]
        assert not view(app).hints and not bar.has_class("-open")
        assert app.focused is view(app)


@pilot_test
async def test_hint_numbers_that_may_grow_wait_for_enter(opened_urls: list[str]) -> None:
    links = [(f"Link {n}", f"https://example.org/{n}") for n in range(1, 13)]
    from article_builder import ArticleBuilder

    builder = ArticleBuilder("Twelve links")
    for text, href in links:
        builder.paragraph("See ", (text, "link", href), ".")
    app = app_for(builder.build())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("F", "1")
        await pilot.pause()
        assert opened_urls == [], "1 may be the start of 10, 11 or 12"
        await pilot.press("enter")
        await settle(pilot)
        assert opened_urls == ["https://example.org/1"]
        await pilot.press("F", "1", "2")
        await settle(pilot)
        assert opened_urls[-1] == "https://example.org/12"


@pilot_test
async def test_a_number_with_no_link_is_refused_and_escape_cancels() -> None:
    app = app_for(field_guide())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = record_notifications(app)
        await pilot.press("f", "0", "enter")
        await pilot.pause()
        assert shown == ["There is no link 0."]
        assert view(app).hints, "still waiting for a good number"
        await pilot.press("escape")
        await pilot.pause()
        assert not view(app).hints
        assert not app.screen.query_one(LinkHintBar).has_class("-open")
        assert app.focused is view(app)


@pilot_test
async def test_o_lists_links_filters_and_ctrl_b_opens_in_the_browser(
    opened_urls: list[str],
) -> None:
    app = app_for(field_guide())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, LinkListScreen)
        options = app.screen.query_one(OptionList)
        assert options.option_count == len(view(app).links()) == 9
        await pilot.press(*"crab")
        await pilot.pause()
        assert options.option_count == 1
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert opened_urls == ["https://example.org/crabs"]
        assert not isinstance(app.screen, LinkListScreen)


@pilot_test
async def test_link_list_moves_with_arrows_and_closes_with_escape(
    opened_urls: list[str],
) -> None:
    app = app_for(field_guide())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o", "down", "down")
        options = app.screen.query_one(OptionList)
        assert options.highlighted == 2
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, LinkListScreen) and opened_urls == []


@pilot_test
async def test_pages_without_links_say_so() -> None:
    from article_builder import ArticleBuilder

    builder = ArticleBuilder("Plain")
    builder.paragraph("No links here.")
    app = app_for(builder.build())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = record_notifications(app)
        await pilot.press("f", "o")
        await pilot.pause()
        assert shown == ["This page has no links."] * 2
        assert not view(app).hints


@pilot_test
async def test_clicking_a_link_opens_it_in_the_reader(
    web_pages: dict, opened_urls: list[str]
) -> None:
    web_pages["https://tides.example.org/today"] = page_article("Tides today", "t")
    app = app_for(field_guide())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reading(app)
        link = view(app).links()[0]
        screen.post_message(view(app).LinkActivated(view(app), link.number, link.href))
        await settle(pilot)
        assert screen.article is not None and screen.article.title == "Tides today"
        assert opened_urls == []


@pilot_test
async def test_links_that_are_not_pages(no_browser: list[str]) -> None:
    """Web links go to the clipboard when there is no browser; mailto is copied;
    javascript: and data: are never run, and copied only after a yes."""
    app = app_for(field_guide())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        links = reading(app).links
        shown = record_notifications(app)
        links.open("https://example.org/north", in_browser=True)
        await settle(pilot)
        assert no_browser == ["https://example.org/north"]
        assert app.clipboard == "https://example.org/north"
        assert any("copied the link" in message for message in shown)
        links.open("mailto:warden@example.org")
        await pilot.pause()
        assert app.clipboard == "mailto:warden@example.org", "copied without asking"
        app.copy_to_clipboard("")
        links.open("javascript:alert(1)")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.clipboard == "" and not isinstance(app.screen, ConfirmScreen)
        links.open("data:text/html,<script>alert(1)</script>")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.clipboard == "" and not isinstance(app.screen, ConfirmScreen)
        links.open("javascript:alert(1)")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == "javascript:alert(1)"
        assert no_browser == ["https://example.org/north"], "nothing else reached a browser"
        links.open(None)  # a text dump keeps a link's words, not its address
        assert shown[-1] == "This link has no address in the saved page."


@pilot_test
async def test_anchor_link_jumps_to_its_heading() -> None:
    app = app_for(long_article())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reading(app).links.open("#part-5")
        await settle(pilot)
        part = next(s for s in view(app).sections() if s.title == "Part 5")
        assert view(app).top_offset() == part.start
        shown = record_notifications(app)
        reading(app).links.open("#nowhere")
        assert shown == ["No heading #nowhere on this page."]


@pilot_test
async def test_local_page_opens_and_backspace_and_ctrl_o_go_back(
    pages_on_disk: dict, tmp_path: Path
) -> None:
    guide = register(pages_on_disk, tmp_path / "guide.html", long_article())
    register(pages_on_disk, tmp_path / "other.html", page_article("Other page", "other.html"))
    register(pages_on_disk, tmp_path / "third.html", page_article("Third page", "third.html"))
    app = app_for(guide)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reading(app)
        assert screen.article is not None and screen.article.title == "The Long Read"
        await pilot.press("space", "space", "space")
        await settle(pilot)
        offset = view(app).top_offset()
        assert offset > 0
        screen.links.open("other.html")
        await pilot.pause()
        await pilot.press("y")  # a local page opens after a yes to its path
        await settle(pilot)
        assert screen.article.title == "Other page"
        screen.links.open("third.html")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert screen.article.title == "Third page"
        await pilot.press("backspace")
        await settle(pilot)
        assert screen.article.title == "Other page"
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert screen.article.title == "The Long Read"
        assert view(app).top_offset() == offset, "back where the reader left"
        shown = record_notifications(app)
        await pilot.press("backspace")
        assert shown == ["No earlier page."]


@pilot_test
async def test_missing_local_page_is_reported_not_opened(
    pages_on_disk: dict, tmp_path: Path
) -> None:
    guide = register(pages_on_disk, tmp_path / "guide.html", field_guide())
    app = app_for(guide)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = record_notifications(app)
        reading(app).links.open("gone.html")
        await settle(pilot)
        assert shown == [f"No such saved page: {tmp_path / 'gone.html'}"]
        assert reading(app).article.title.startswith("A Field")


@pilot_test
async def test_file_link_asks_before_opening(pages_on_disk: dict, tmp_path: Path) -> None:
    guide = register(pages_on_disk, tmp_path / "guide.html", field_guide())
    other = register(pages_on_disk, tmp_path / "other.html", page_article("Other", "o"))
    app = app_for(guide)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reading(app)
        screen.links.open(Path(other).resolve().as_uri())
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert screen.article.title.startswith("A Field")
        screen.links.open(Path(other).resolve().as_uri())
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert screen.article.title == "Other"


@pilot_test
async def test_a_link_to_a_page_that_fails_keeps_the_current_one(
    pages_on_disk: dict, tmp_path: Path
) -> None:
    guide = register(pages_on_disk, tmp_path / "guide.html", field_guide())
    (tmp_path / "broken.html").write_text("", encoding="utf-8")
    app = app_for(guide)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reading(app).links.open("broken.html")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, MessageScreen)
        assert "no article in broken.html" in str(app.screen.query_one("#dialog-text").content)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and reading(app).article.title.startswith("A Field")
        assert len(reading(app).history) == 0


@pilot_test
async def test_first_page_failing_shows_the_reason_then_exits_2(
    pages_on_disk: dict, tmp_path: Path
) -> None:
    (tmp_path / "empty.html").write_text("", encoding="utf-8")
    app = app_for(str(tmp_path / "empty.html"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MessageScreen)
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_code == 2
    assert app.failure == "no article in empty.html"


@pilot_test
async def test_greater_and_less_than_switch_between_pages() -> None:
    first, second = field_guide(), long_article(source="long.html")
    app = app_for(first, second)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reading(app)
        assert screen.article is first
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert screen.article is second
        assert app.screen.query_one(ArticleHeader).details.endswith("· 2/2")
        await pilot.press("less_than_sign")
        await settle(pilot)
        assert screen.article is first
        shown = record_notifications(app)
        await pilot.press("less_than_sign")
        assert shown == ["No more pages."]


@pilot_test
async def test_page_keys_are_off_with_a_single_page() -> None:
    app = app_for(field_guide())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        keys = {b.binding.action for b in app.screen.active_bindings.values()}
        assert "next_page" not in keys and "previous_page" not in keys
        await pilot.press("greater_than_sign")
        assert reading(app).page_index == 0


@pilot_test
async def test_local_page_link_asks_with_the_resolved_path(
    pages_on_disk: dict, tmp_path: Path
) -> None:
    guide = register(pages_on_disk, tmp_path / "guide.html", field_guide())
    (tmp_path / "notes").mkdir()
    other = register(pages_on_disk, tmp_path / "other.html", page_article("Other", "o"))
    app = app_for(guide)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reading(app)
        screen.links.open("notes/../other.html")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert str(Path(other).resolve()) in str(app.screen.query_one("#dialog-detail").content)
        await pilot.press("escape")
        await settle(pilot)
        assert screen.article.title.startswith("A Field"), "no means not opened"
        assert len(screen.history) == 0


@pilot_test
async def test_links_to_files_that_are_not_pages_are_refused_unasked(
    pages_on_disk: dict, tmp_path: Path
) -> None:
    guide = register(pages_on_disk, tmp_path / "guide.html", field_guide())
    (tmp_path / "secret.cfg").write_text("token=hunter2", encoding="utf-8")
    app = app_for(guide)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = record_notifications(app)
        for href in ("secret.cfg", "/proc/self/environ", "file:///dev/zero", "."):
            reading(app).links.open(href)
            await pilot.pause()
            assert not isinstance(app.screen, ConfirmScreen), href
        await settle(pilot)
        assert [line.split(": ")[0] for line in shown] == ["Not opened"] * 4, shown
        assert "not a saved page" in shown[0]
        assert "/proc holds system files" in shown[1]
        assert "/dev holds system files" in shown[2]
        assert "directory" in shown[3]
        assert reading(app).article.title.startswith("A Field")
