"""Pilot tests of copying from the keyboard: ``y`` and ``ctrl+c`` copy the selection,
else the passage at the cursor, or with ``f`` a link's address; through the terminal
(OSC 52) and the system clipboard (a fake one here), never offering to quit."""

from __future__ import annotations

from article_builder import ArticleBuilder
from textual.geometry import Offset
from textual.selection import Selection

from reader.passages import Passages
from reader.ui.dialogs.help import HelpScreen
from reader.ui.palette import ReaderCommands

from .built_articles import field_guide, with_source
from .shell_support import (
    SIZE,
    app_for,
    pilot_test,
    reading,
    record_notifications,
    settle,
    static_text,
    view,
)


def first_sentences(app: object, count: int) -> str:
    article = reading(app).article  # type: ignore[arg-type]
    assert article is not None
    passages = Passages(article)
    first = passages.sentence_at(view(app).cursor)  # type: ignore[arg-type]
    assert first is not None
    last = first
    for _ in range(count - 1):
        following = passages.next_sentence(last.start)
        assert following is not None
        last = following
    return article.text[first.start : last.end]


@pilot_test
async def test_y_copies_the_passage_at_the_cursor(system_clipboard: list[str]) -> None:
    app = app_for(field_guide())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = record_notifications(app)
        await pilot.press("right_parenthesis")  # the passage cursor on the first sentence
        await pilot.press("y")
        sentence = first_sentences(app, 1)
        assert app.clipboard == sentence
        assert system_clipboard == [sentence]
        assert shown[-1].startswith(f"Copied {len(sentence)} characters: ")


@pilot_test
async def test_ctrl_c_copies_too_and_never_offers_to_quit(system_clipboard: list[str]) -> None:
    app = app_for(field_guide())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = record_notifications(app)
        await pilot.press("right_parenthesis", "right_parenthesis", "ctrl+c")
        assert app.clipboard == system_clipboard[-1] != ""
        assert not any("quit" in text.lower() for text in shown)
        assert app.is_running
        # Help says what ctrl+c does; q still quits.
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        copy_rows = [
            line.split()
            for line in static_text(app, "#help-text").splitlines()
            if "Copy the selection" in line
        ]
        assert len(copy_rows) == 1 and {"y", "^c"} <= set(copy_rows[0])


@pilot_test
async def test_v_selection_is_copied_whole(system_clipboard: list[str]) -> None:
    app = app_for(field_guide())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("right_parenthesis", "v", "right_parenthesis", "y")
        cursor = reading(app).annotations.cursor
        assert cursor.selection is not None
        article = reading(app).article
        assert article is not None
        expected = article.text[cursor.selection.start : cursor.selection.end]
        first = Passages(article).sentence_at(cursor.selection.start)
        assert first is not None
        one = article.text[first.start : first.end]
        assert app.clipboard == expected and expected.startswith(one) and len(expected) > len(one)


@pilot_test
async def test_a_mouse_selection_wins(system_clipboard: list[str]) -> None:
    app = app_for(field_guide())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article_view = view(app)
        screen = reading(app)
        screen.selections = {article_view: Selection(Offset(0, 0), None)}
        await pilot.pause()
        expected = screen.get_selected_text()
        assert expected
        await pilot.press("y")
        assert app.clipboard == expected == system_clipboard[-1]


@pilot_test
async def test_f_then_y_copies_a_links_address(system_clipboard: list[str]) -> None:
    app = app_for(field_guide())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = record_notifications(app)
        links = view(app).links()
        await pilot.press("f", "y", "1")
        await settle(pilot)
        assert app.clipboard == links[0].href == system_clipboard[-1]
        assert shown[-1].startswith("Copied the address of link 1: ")
        assert not view(app).hints, "the numbers go once the address is copied"
        # ctrl+c does the same in the number line.
        await pilot.press("f", "ctrl+c", "3")
        await settle(pilot)
        assert app.clipboard == links[2].href == system_clipboard[-1]


@pilot_test
async def test_copied_page_text_has_no_control_characters(system_clipboard: list[str]) -> None:
    b = ArticleBuilder("Tricks")
    b.paragraph("Harmless\x1b]52;c;cm0gLXJm\x07 words\x1b[2J here\x08. Second sentence.")
    app = app_for(with_source(b.build(), "tricks.html"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("right_parenthesis", "y")
        copied = system_clipboard[-1]
        assert app.clipboard == copied
        assert copied.startswith("Harmless words here")
        assert not any(ord(char) < 32 or 0x7F <= ord(char) < 0xA0 for char in copied)


@pilot_test
async def test_the_palette_lists_copy() -> None:
    app = app_for(field_guide())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = {
            command.title: command.keys for command in ReaderCommands(reading(app))._commands()
        }
        assert set(titles.get("Copy", "").split()) == {"y", "^c"}
