"""Pilot tests of the passage cursor (sentence and paragraph moves), the keyboard and
mouse selections, marks (m, ', '') and the jump list."""

from __future__ import annotations

from hostile.screen_probe import capture

from reader.ui.article_view.paint import CURSOR_MARK
from reader.ui.article_view.view import ArticleView

from .annotation_support import (
    notes_of,
    page_in_library,
    passage,
    press_and_settle,
    selection,
    store_of,
)
from .built_articles import field_guide, long_article
from .shell_support import (
    app_for,
    pilot_test,
    reading,
    record_notifications,
    settle,
    static_text,
    view,
)

FIRST = "Tidal pools are small worlds left behind by the falling tide."
SECOND = "Each one holds anemones, crabs and snails that wait for the sea to return."


@pilot_test
async def test_sentence_keys_move_and_draw_the_passage(pages_on_disk, tmp_path) -> None:
    async with page_in_library(pages_on_disk, tmp_path) as (app, pilot):
        text = view(app).article.text
        assert passage(app) is None  # reading: nothing drawn until a passage key
        await pilot.press("right_parenthesis")
        assert passage(app) == "A Field Guide to Tidal Pools"
        await pilot.press("right_parenthesis")
        assert passage(app) == FIRST
        assert view(app).cursor == text.index(FIRST)
        await pilot.press("right_parenthesis")
        assert passage(app) == SECOND
        await pilot.press("left_parenthesis")
        assert passage(app) == FIRST
        await pilot.press("escape")
        assert passage(app) is None
        assert not notes_of(app).cursor.active


@pilot_test
async def test_paragraph_keys_move_on_from_the_passage(pages_on_disk, tmp_path) -> None:
    async with page_in_library(pages_on_disk, tmp_path) as (app, pilot):
        await pilot.press("right_parenthesis", "right_parenthesis", "right_parenthesis")
        assert passage(app) == SECOND
        await pilot.press("right_curly_bracket")
        assert passage(app) == "Where to look"
        await pilot.press("right_curly_bracket")
        assert passage(app) is not None and passage(app).startswith("Rocky shores")
        await pilot.press("left_curly_bracket")
        assert passage(app) == "Where to look"


@pilot_test
async def test_the_view_follows_the_passage_down_a_long_page() -> None:
    app = app_for(long_article(60))
    async with app.run_test(size=(80, 20)) as pilot:
        await settle(pilot)
        article_view = view(app)
        rows = article_view.scrollable_content_region.height
        for _ in range(40):
            await pilot.press("right_parenthesis")
            top = article_view.scroll_offset.y
            assert top <= article_view.cursor_line < top + rows
        assert article_view.scroll_offset.y > 0
        assert passage(app) in (
            "Paragraph 14.",
            "The harbour lights came on one by one while "
            "the boats returned; every keeper logged the weather, the wind "
            "and the tide.",
        )


@pilot_test
async def test_v_starts_a_selection_that_grows_by_sentence_and_paragraph(
    pages_on_disk, tmp_path
) -> None:
    async with page_in_library(pages_on_disk, tmp_path) as (app, pilot):
        await pilot.press("right_parenthesis", "right_parenthesis", "v")
        assert selection(app) == FIRST
        await pilot.press("right_parenthesis")
        assert selection(app) == f"{FIRST} {SECOND}"
        await pilot.press("left_parenthesis")
        assert selection(app) == FIRST
        await pilot.press("left_parenthesis")  # back past the anchor: grows upwards
        assert selection(app) == f"A Field Guide to Tidal Pools\n\n{FIRST}"
        await pilot.press("right_parenthesis", "right_curly_bracket")
        assert selection(app) == f"{FIRST} {SECOND}"  # to the end of the paragraph
        await pilot.press("right_curly_bracket")
        assert selection(app) == f"{FIRST} {SECOND}\n\nWhere to look"
        await pilot.press("v")
        assert selection(app) is None
        assert passage(app) == "Rocky shores with a gentle slope hold the most pools."


@pilot_test
async def test_scrolling_while_selecting_grows_the_selection() -> None:
    app = app_for(long_article(60))
    async with app.run_test(size=(80, 20)) as pilot:
        await settle(pilot)
        await pilot.press("right_parenthesis", "right_parenthesis", "v")
        first = selection(app)
        await pilot.press("space", "space")
        grown = selection(app)
        assert first is not None and grown is not None
        assert grown.startswith(first) and len(grown) > len(first) + 200
        await pilot.press("escape")
        assert selection(app) is None and passage(app) is not None
        await pilot.press("escape")
        assert passage(app) is None


@pilot_test
async def test_a_mouse_drag_selects_whole_words_that_h_highlights(pages_on_disk, tmp_path) -> None:
    async with page_in_library(pages_on_disk, tmp_path) as (app, pilot):
        article_view = view(app)
        shot = capture(app)
        found = shot.find("small worlds")
        assert found is not None
        x, y = found
        start = (x + 2 - article_view.region.x, y - article_view.region.y)  # inside "small"
        end = (x + 9 - article_view.region.x, y - article_view.region.y)  # inside "worlds"
        await pilot.mouse_down(ArticleView, offset=start)
        await pilot.hover(ArticleView, offset=end)
        await pilot.mouse_up(ArticleView, offset=end)
        await pilot.pause()
        assert notes_of(app).cursor.mouse_selection() is not None
        await press_and_settle(pilot, "h")
        notes = notes_of(app).notes
        assert [note.quote for note in notes] == ["small worlds"]
        assert article_view.text_selection is None  # used up
        store, article_id = store_of(app)
        assert [h.anchor.exact for h in store.highlights.list(article_id)] == ["small worlds"]


@pilot_test
async def test_marks_set_jump_and_come_back(pages_on_disk, tmp_path) -> None:
    async with page_in_library(
        pages_on_disk, tmp_path, long_article(60, str(tmp_path / "guide.html")), size=(80, 20)
    ) as (app, pilot):
        article_view = view(app)
        shown = record_notifications(app)
        await pilot.press("m", "a")
        assert shown[-1] == "Mark a set."
        await pilot.press("G")
        bottom = article_view.top_offset()
        assert bottom > 0
        await pilot.press("apostrophe", "a")
        assert article_view.top_offset() == 0
        await pilot.press("apostrophe", "apostrophe")
        rows = article_view.scrollable_content_region.height
        assert article_view.top_offset() <= bottom <= article_view.offset_at(rows - 1)
        await pilot.press("apostrophe", "apostrophe")
        assert article_view.top_offset() == 0
        await pilot.press("apostrophe", "z")
        assert shown[-1] == "No mark z."
        await settle(pilot)
        store, article_id = store_of(app)
        assert [(m.letter, m.anchor.start) for m in store.marks.list(article_id)] == [("a", 0)]


@pilot_test
async def test_marks_are_kept_in_the_library_for_the_next_visit(pages_on_disk, tmp_path) -> None:
    article = long_article(60, str(tmp_path / "guide.html"))
    async with page_in_library(pages_on_disk, tmp_path, article, size=(80, 20)) as (app, pilot):
        await pilot.press("space", "space")
        place = view(app).top_offset()
        await press_and_settle(pilot, "m", "b")
    async with page_in_library(pages_on_disk, tmp_path, article, size=(80, 20)) as (app, pilot):
        await pilot.press("g")
        assert view(app).top_offset() == 0
        await pilot.press("apostrophe", "b")
        assert view(app).top_offset() == place


@pilot_test
async def test_jumps_by_g_and_contents_can_be_undone_with_two_quotes() -> None:
    app = app_for(long_article(60))
    async with app.run_test(size=(80, 20)) as pilot:
        await settle(pilot)
        article_view = view(app)
        await pilot.press("space", "space")
        before = article_view.top_offset()
        await pilot.press("G")
        assert article_view.top_offset() != before
        await pilot.press("apostrophe", "apostrophe")
        assert article_view.top_offset() == before
        # a jump from the contents
        reading(app).view.scroll_to_offset(article_view.article.text.index("Paragraph 50."))
        await pilot.pause()
        await pilot.press("apostrophe", "apostrophe")
        assert article_view.top_offset() == before


@pilot_test
async def test_two_quotes_before_any_jump_only_say_so() -> None:
    app = app_for(long_article(10))
    async with app.run_test() as pilot:
        await settle(pilot)
        shown = record_notifications(app)
        await pilot.press("apostrophe", "apostrophe")
        assert shown == ["No jump to go back from yet."]
        assert view(app).top_offset() == 0


@pilot_test
async def test_help_lists_the_passage_and_mark_keys(pages_on_disk, tmp_path) -> None:
    async with page_in_library(pages_on_disk, tmp_path) as (app, pilot):
        await press_and_settle(pilot, "question_mark")
        help_text = static_text(app, "#help-text")
        for words in ("m<letter>", "'<letter>", "''", "Next sentence", "Highlight", "Bookmark"):
            assert words in help_text, words


@pilot_test
async def test_g_on_a_page_of_two_screens_is_a_jump_and_paging_is_not() -> None:
    app = app_for(long_article(6))
    async with app.run_test(size=(80, 20)) as pilot:
        await settle(pilot)
        article_view = view(app)
        rows = article_view.scrollable_content_region.height
        assert rows < article_view.max_scroll_y + rows < 3 * rows  # about two screens
        await pilot.press("G")
        assert article_view.scroll_offset.y > 0
        await pilot.press("apostrophe", "apostrophe")
        assert article_view.top_offset() == 0
        await pilot.press("space", "space", "b")  # paging is no jump: '' still goes back
        await pilot.press("apostrophe", "apostrophe")
        assert article_view.scroll_offset.y == article_view.max_scroll_y


@pilot_test
async def test_escape_hides_the_cursor_mark_too_until_it_moves() -> None:
    app = app_for(field_guide())
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("right_parenthesis", "right_parenthesis")
        await pilot.pause()
        assert CURSOR_MARK in capture(app).text
        await pilot.press("escape")
        await pilot.pause()
        assert passage(app) is None
        assert CURSOR_MARK not in capture(app).text
        await pilot.press("right_parenthesis")
        await pilot.pause()
        assert CURSOR_MARK in capture(app).text


@pilot_test
async def test_escape_asks_selection_then_passage_then_search_then_sidebar(
    pages_on_disk, tmp_path
) -> None:
    async with page_in_library(pages_on_disk, tmp_path) as (app, pilot):
        screen = reading(app)
        await press_and_settle(pilot, "slash", *"tide", "enter")
        assert screen.search.matches.query == "tide"
        await press_and_settle(pilot, "right_parenthesis", "right_parenthesis", "v")
        await press_and_settle(pilot, "right_parenthesis")
        assert selection(app) is not None and passage(app) is not None
        await press_and_settle(pilot, "escape")
        assert selection(app) is None and passage(app) is not None
        await press_and_settle(pilot, "escape")
        assert passage(app) is None and screen.search.matches.query == "tide"
        await press_and_settle(pilot, "escape")
        assert not screen.search.matches.query
        await press_and_settle(pilot, "t")
        assert screen.focused is not view(app)
        await press_and_settle(pilot, "escape")
        assert screen.focused is view(app)
