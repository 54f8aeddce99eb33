"""Pilot tests of an article that looks cut: the header says so, ``W`` shows the whole
page as text (search and notes work in it, notes are kept against its text) and goes
back; a page with no article opens as the whole page with a one-line notice."""

from __future__ import annotations

from pathlib import Path

from reader.store.sources import whole_page_base
from reader.ui.reading.header import ArticleHeader
from reader.ui.reading.whole_page import NOTHING_FOUND_NOTICE, PARTIAL_LABEL, WHOLE_PAGE_LABEL

from .annotation_support import press_and_settle, store_of, type_text
from .shell_support import SIZE, app_for, pilot_test, reading, record_notifications, settle

_PARAGRAPH = (
    "The harbour clock was stopped for eleven years before volunteers rebuilt it "
    "with a tide mechanism. "
) * 4


def _cut_page(folder: Path) -> Path:
    """A short article beside a long comment thread: the article is a small share of
    the page's readable text, so it looks cut."""
    comments = "".join(
        f"<li class='comment'>Reader {i} wrote: I remember the clock from when I was a"
        f" child, and it is good to see it going again {i}.</li>"
        for i in range(40)
    )
    page = folder / "cut.html"
    page.write_text(
        "<html><head><title>The tide clock</title></head><body>"
        "<nav><a href='/'>Home</a></nav>"
        f"<article><h1>The tide clock</h1><p>{_PARAGRAPH}</p><p>{_PARAGRAPH}</p></article>"
        f"<div id='comments' class='comments'><h2>Comments</h2><ul>{comments}</ul></div>"
        "</body></html>",
        encoding="utf-8",
    )
    return page


def _header(app) -> ArticleHeader:  # type: ignore[no-untyped-def]
    return reading(app).query_one(ArticleHeader)


@pilot_test
async def test_a_cut_article_says_partial_and_never_100_percent(tmp_path: Path) -> None:
    app = app_for(str(_cut_page(tmp_path)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article = reading(app).article
        assert article is not None and article.incomplete is not None
        header = _header(app)
        assert header.label == PARTIAL_LABEL
        # The short article fits the screen: all of it is read, yet it is not "100%".
        assert header.progress == "99%"
        place = reading(app).library.place()
        assert place is not None and place.progress == 0.99  # as the library keeps it


@pilot_test
async def test_w_shows_the_whole_page_with_search_and_notes_then_goes_back(
    tmp_path: Path,
) -> None:
    app = app_for(str(_cut_page(tmp_path)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reading(app)
        store, article_id = store_of(app)
        assert "Reader 3" not in screen.article.text
        await press_and_settle(pilot, "W")
        whole = screen.article
        assert whole is not None and whole.whole_page and "Reader 3 wrote" in whole.text
        assert _header(app).label == WHOLE_PAGE_LABEL
        # Search finds the text the article left out.
        await pilot.press("slash")
        await type_text(pilot, "Reader 39")
        await press_and_settle(pilot, "enter")
        assert screen.search.matches.query == "Reader 39"
        assert len(screen.search.matches.spans) == 1
        # A highlight made here is kept against the whole page's own library entry.
        await press_and_settle(pilot, "escape", "right_parenthesis", "h")
        whole_store, whole_id = store_of(app)
        assert whole_id != article_id
        entry = whole_store.articles.get(whole_id)
        assert entry is not None and whole_page_base(entry.entry.source) is not None
        quotes = [h.anchor.exact for h in whole_store.highlights.list(whole_id)]
        assert len(quotes) == 1 and quotes[0] in whole.text
        assert store.highlights.list(article_id) == []
        # W again: back to the article, where it was.
        await press_and_settle(pilot, "W")
        assert screen.article is not None and not screen.article.whole_page
        assert screen.library.article_id == article_id
        assert _header(app).label == PARTIAL_LABEL
        # ...and to the whole page again, its highlight still there.
        await press_and_settle(pilot, "W")
        assert screen.library.article_id == whole_id
        assert [h.anchor.exact for h in whole_store.highlights.list(whole_id)] == quotes


@pilot_test
async def test_a_page_with_no_article_opens_as_the_whole_page_with_a_notice(
    tmp_path: Path,
) -> None:
    page = tmp_path / "links.html"
    page.write_text(
        "<html><body><nav><ul><li><a href='/a'>Alpha news</a></li>"
        "<li><a href='/b'>Beta news</a></li></ul></nav>"
        "<footer>© 2024 Example Corp. All rights reserved.</footer></body></html>",
        encoding="utf-8",
    )
    app = app_for(str(page))
    shown = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reading(app)
        assert app.screen is screen  # no error dialog
        assert screen.article is not None and screen.article.whole_page
        assert "Alpha news" in screen.article.text
        assert NOTHING_FOUND_NOTICE in shown
        assert _header(app).label == WHOLE_PAGE_LABEL
        # There is no reader view to go back to: W says so and changes nothing.
        await press_and_settle(pilot, "W")
        assert screen.article.whole_page
        assert "no article was found" in shown[-1]


@pilot_test
async def test_the_whole_page_key_is_in_help_and_the_palette_and_can_be_remapped(
    tmp_path: Path,
) -> None:
    app = app_for(str(_cut_page(tmp_path)), keymap={"reading.whole-page": "ctrl+w"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reading(app)
        entries = {entry.description: entry for entry in screen.palette_entries()}
        assert "Whole page as text" in entries
        await press_and_settle(pilot, "W")
        assert not screen.article.whole_page
        await press_and_settle(pilot, "ctrl+w")
        assert screen.article.whole_page
