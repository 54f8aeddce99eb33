"""Pilot tests of the all-notes screen: every highlight newest first, narrowed by
article and by tag, searched, and Enter reading the passage."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from reader.store import open_library
from reader.ui.dialogs.tag_prompt import TagPrompt
from reader.ui.library.screen import LibraryScreen
from reader.ui.notes_screen.screen import AllNotesScreen
from reader.ui.reading.screen import ReadingScreen

from .library_support import seed_library, titles
from .shell_support import SIZE, app_for, pilot_test, settle, wait_until


async def _notes(pilot: Pilot) -> AllNotesScreen:
    await settle(pilot)
    await wait_until(pilot, lambda: bool(titles(pilot.app)))
    library = pilot.app.screen
    assert isinstance(library, LibraryScreen)
    # The palette offers it too, with its key.
    offered = [e for e in library.palette_entries() if e.action == "all_notes"]
    assert [(e.keys, e.binding_id) for e in offered] == [(("N",), "library.notes")]
    await pilot.press("N")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, AllNotesScreen)
    await wait_until(pilot, lambda: bool(screen.rows))
    return screen


def _quotes(screen: AllNotesScreen) -> list[str]:
    return [row.highlight.anchor.exact for row in screen.rows]


@pilot_test
async def test_every_highlight_newest_first_searched_and_narrowed(tmp_path: Path) -> None:
    ids = seed_library(tmp_path)
    with open_library() as store:
        store.library.add_tags(ids["Zebra crossings and the law"], ["roads"])
        expected = [row.highlight.anchor.exact for row in store.notes.list()]
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _notes(pilot)
        assert len(screen.rows) == 3 and _quotes(screen) == expected
        assert "3 of 3 highlights" in str(screen.header.render())

        # Full-text search over quotes and notes: "priority" is only a note.
        await pilot.press("slash", *"priority")
        await settle(pilot)
        await wait_until(pilot, lambda: len(screen.rows) == 1)
        assert screen.rows[0].highlight.note == "priority"
        assert screen.rows[0].note_spans  # the match is marked in the note
        await pilot.press("escape")  # clears the search
        await settle(pilot)
        await wait_until(pilot, lambda: len(screen.rows) == 3)

        # By article: the one under the cursor, then every article again.
        await pilot.press("g")
        first_article = screen.rows[0].highlight.article_id
        await pilot.press("a")
        await settle(pilot)
        await wait_until(
            pilot,
            lambda: (
                bool(screen.rows)
                and {r.highlight.article_id for r in screen.rows} == {first_article}
                and screen.query_shown.article_id == first_article
            ),
        )
        await pilot.press("a")
        await settle(pilot)
        await wait_until(pilot, lambda: len(screen.rows) == 3)

        # By tag, with completion.
        await pilot.press("number_sign")
        await wait_until(pilot, lambda: isinstance(app.screen, TagPrompt))
        await pilot.press(*"ro", "tab", "enter")
        await settle(pilot)
        await wait_until(pilot, lambda: len(screen.rows) == 1)
        assert screen.rows[0].highlight.article_id == ids["Zebra crossings and the law"]
        await pilot.press("escape")  # drops the tag
        await settle(pilot)
        await wait_until(pilot, lambda: len(screen.rows) == 3)
        await pilot.press("escape")  # leaves
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)


@pilot_test
async def test_enter_reads_the_article_with_the_cursor_on_the_passage(tmp_path: Path) -> None:
    seed_library(tmp_path)
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _notes(pilot)
        await pilot.press("slash", *"priority", "enter")
        await settle(pilot)
        await wait_until(pilot, lambda: len(screen.rows) == 1)
        row = screen.rows[0]
        await pilot.press("enter")
        await settle(pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, ReadingScreen))
        await settle(pilot)
        reading = app.screen
        assert isinstance(reading, ReadingScreen)
        assert reading.article is not None
        assert reading.article.title == row.article_title
        start = row.highlight.anchor.start
        assert reading.view.cursor == start
        assert reading.annotations.cursor.shown
        sentence = reading.annotations.cursor.current()
        assert sentence is not None and sentence.start <= start < sentence.end
        assert reading.article.text[start:].startswith(row.highlight.anchor.exact)


@pilot_test
async def test_an_empty_library_of_notes_says_so(tmp_path: Path) -> None:
    from .library_support import SEEDS, Seed

    seed_library(tmp_path, [Seed(s.title, s.site, s.published, s.body) for s in SEEDS[:2]])
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: bool(titles(app)))
        await pilot.press("N")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AllNotesScreen)
        await wait_until(pilot, lambda: screen.has_class("-empty"))
        assert "0 of 0 highlights" in str(screen.header.render())
