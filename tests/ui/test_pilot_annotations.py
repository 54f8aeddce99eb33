"""Pilot tests of highlights and notes (h, H, a, the note editor, the Notes tab),
bookmarks (B, the Bookmarks tab), export from the app, and how the notes are kept
when the library is read-only, fails, or does not hold the page."""

from __future__ import annotations

import json

import pytest
from hostile.screen_probe import capture
from textual.command import CommandPalette
from textual.widgets import Input, TextArea

from reader.anchoring import TextAnchor, range_anchor
from reader.errors import StoreError
from reader.store import open_store
from reader.store.highlights import HighlightImport
from reader.ui.dialogs.confirm import ConfirmScreen
from reader.ui.dialogs.note_editor import NoteEditor
from reader.ui.dialogs.text_prompt import TextPrompt
from reader.ui.reading.sidebar.bookmarks import BookmarksPane
from reader.ui.reading.sidebar.notes import NotesPane

from .annotation_support import (
    layer_text,
    notes_of,
    page_in_library,
    press_and_settle,
    store_of,
    type_text,
)
from .built_articles import field_guide
from .shell_support import (
    app_for,
    pilot_test,
    reading,
    record_notifications,
    register,
    settle,
    view,
)

FIRST = "Tidal pools are small worlds left behind by the falling tide."
SECOND = "Each one holds anemones, crabs and snails that wait for the sea to return."


def stored(app) -> list[tuple[str, str, str]]:
    store, article_id = store_of(app)
    return [(h.anchor.exact, h.color, h.note) for h in store.highlights.list(article_id)]


# --- highlights ------------------------------------------------------------------------


@pilot_test
async def test_h_highlights_the_sentence_in_the_pen_colour(pages_on_disk, tmp_path) -> None:
    async with page_in_library(pages_on_disk, tmp_path) as (app, pilot):
        shown = record_notifications(app)
        await press_and_settle(pilot, "right_parenthesis", "right_parenthesis", "h")
        assert view(app).overlay("highlights")[0][2] == "highlight-yellow"
        assert layer_text(view(app), "highlights") == [FIRST]
        await pilot.press("H")
        assert shown[-1] == "Highlighter: green."
        await press_and_settle(pilot, "right_parenthesis", "h")
        assert stored(app) == [(FIRST, "yellow", ""), (SECOND, "green", "")]
        # h again on a highlighted passage gives it the pen's colour
        await press_and_settle(pilot, "left_parenthesis", "h")
        assert stored(app) == [(FIRST, "green", ""), (SECOND, "green", "")]
        await pilot.press("h")
        assert shown[-1] == "Already highlighted."
        roles = [role for _, _, role in view(app).overlay("highlights")]
        assert roles == ["highlight-green", "highlight-green"]


@pilot_test
async def test_the_pen_colour_is_remembered(pages_on_disk, tmp_path) -> None:
    async with page_in_library(pages_on_disk, tmp_path) as (app, pilot):
        await pilot.press("H", "H")
    async with page_in_library(pages_on_disk, tmp_path) as (app, pilot):
        assert notes_of(app).highlight.pen == "blue"


@pilot_test
async def test_h_highlights_a_keyboard_selection(pages_on_disk, tmp_path) -> None:
    async with page_in_library(pages_on_disk, tmp_path) as (app, pilot):
        await pilot.press("right_parenthesis", "right_parenthesis", "v", "right_parenthesis")
        await press_and_settle(pilot, "h")
        assert stored(app) == [(f"{FIRST} {SECOND}", "yellow", "")]
        assert view(app).overlay("selection") == []


@pilot_test
async def test_without_a_passage_h_takes_the_first_sentence_on_screen(
    pages_on_disk, tmp_path
) -> None:
    async with page_in_library(pages_on_disk, tmp_path) as (app, pilot):
        await press_and_settle(pilot, "h")
        assert stored(app) == [("A Field Guide to Tidal Pools", "yellow", "")]


# --- notes -----------------------------------------------------------------------------


@pilot_test
async def test_a_writes_a_note_saved_with_ctrl_s(pages_on_disk, tmp_path) -> None:
    async with page_in_library(pages_on_disk, tmp_path) as (app, pilot):
        await pilot.press("right_parenthesis", "right_parenthesis", "a")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await type_text(pilot, "Look at low tide")
        await pilot.press("enter")
        await type_text(pilot, "second line")
        await press_and_settle(pilot, "ctrl+s")
        assert not isinstance(app.screen, NoteEditor)
        assert stored(app) == [(FIRST, "yellow", "Look at low tide\nsecond line")]
        assert "✎" in capture(app).text  # the note's sign beside its passage


@pilot_test
async def test_escape_leaves_an_untouched_note_at_once(pages_on_disk, tmp_path) -> None:
    async with page_in_library(pages_on_disk, tmp_path) as (app, pilot):
        await pilot.press("right_parenthesis", "a")
        await pilot.pause()
        await press_and_settle(pilot, "escape")
        assert not isinstance(app.screen, NoteEditor)
        assert notes_of(app).notes == [] and stored(app) == []


@pilot_test
async def test_escape_asks_before_throwing_a_note_away(pages_on_disk, tmp_path) -> None:
    async with page_in_library(pages_on_disk, tmp_path) as (app, pilot):
        await pilot.press("right_parenthesis", "a")
        await pilot.pause()
        await type_text(pilot, "draft")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # no: keep editing
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == "draft"
        await pilot.press("escape")
        await pilot.pause()
        await press_and_settle(pilot, "y")
        assert not isinstance(app.screen, (NoteEditor, ConfirmScreen))
        assert stored(app) == []


@pilot_test
async def test_a_on_a_highlight_edits_its_note(pages_on_disk, tmp_path) -> None:
    async with page_in_library(pages_on_disk, tmp_path) as (app, pilot):
        await press_and_settle(pilot, "right_parenthesis", "right_parenthesis", "h", "a")
        assert isinstance(app.screen, NoteEditor)
        await type_text(pilot, "added later")
        await press_and_settle(pilot, "ctrl+s")
        assert stored(app) == [(FIRST, "yellow", "added later")]
        assert len(notes_of(app).notes) == 1


# --- the Notes tab ----------------------------------------------------------------------


async def two_notes(pilot) -> None:
    await press_and_settle(pilot, "right_parenthesis", "right_parenthesis", "h")
    await pilot.press("right_parenthesis", "a")
    await pilot.pause()
    await type_text(pilot, "crabs")
    await press_and_settle(pilot, "ctrl+s")


@pilot_test
async def test_notes_tab_lists_jumps_edits_recolours_and_deletes(pages_on_disk, tmp_path) -> None:
    async with page_in_library(pages_on_disk, tmp_path) as (app, pilot):
        await two_notes(pilot)
        await press_and_settle(pilot, "G", "A")
        pane = reading(app).sidebar.pane(NotesPane)
        assert app.focused is pane.option_list
        rows = [str(pane.option_list.get_option_at_index(i).prompt) for i in range(2)]
        assert rows[0].startswith("▌ Tidal pools") and "crabs" in rows[1]
        # Enter jumps to the passage and gives the article the keys back
        await pilot.press("down", "enter")
        await pilot.pause()
        assert view(app).cursor == view(app).article.text.index(SECOND)
        assert app.focused is view(app)
        await press_and_settle(pilot, "A", "e")  # the list kept its place
        assert isinstance(app.screen, NoteEditor)
        await type_text(pilot, " and snails")
        await press_and_settle(pilot, "ctrl+s")
        await press_and_settle(pilot, "c")
        assert stored(app) == [(FIRST, "yellow", ""), (SECOND, "green", "crabs and snails")]
        await press_and_settle(pilot, "up", "d")
        assert stored(app) == [(SECOND, "green", "crabs and snails")]
        assert layer_text(view(app), "highlights") == [SECOND]


@pilot_test
async def test_a_deleted_highlight_comes_back_as_the_same_annotation(
    pages_on_disk, tmp_path
) -> None:
    async with page_in_library(pages_on_disk, tmp_path) as (app, pilot):
        await two_notes(pilot)
        store, article_id = store_of(app)
        before = {h.uid: h for h in store.highlights.list(article_id)}
        shown = record_notifications(app)
        await press_and_settle(pilot, "A", "down", "delete")
        assert shown[-1] == "Highlight deleted; u brings it back."
        assert len(store.highlights.list(article_id)) == 1
        await press_and_settle(pilot, "u")
        after = {h.uid: h for h in store.highlights.list(article_id)}
        assert after.keys() == before.keys()
        for uid, highlight in after.items():
            assert (highlight.note, highlight.created_at) == (
                before[uid].note,
                before[uid].created_at,
            )
        assert "✎" in capture(app).text


@pilot_test
async def test_passages_not_found_are_listed_last_and_kept(pages_on_disk, tmp_path) -> None:
    path = tmp_path / "guide.html"
    article = field_guide(str(path))
    async with page_in_library(pages_on_disk, tmp_path, article) as (app, pilot):
        store, article_id = store_of(app)
        lost = TextAnchor(-1, -1, "A sentence the page no longer has", "before ", " after")
        gone = HighlightImport("urn:uuid:gone", lost, "pink", "my old note", None, None, True)
        here = HighlightImport(
            "urn:uuid:here", range_anchor(article.text, 30, 91), "blue", "", None, None, False
        )
        store.highlights.merge(article_id, [gone, here])
    async with page_in_library(pages_on_disk, tmp_path, article) as (app, pilot):
        await press_and_settle(pilot, "A")
        pane = reading(app).sidebar.pane(NotesPane)
        options = pane.option_list
        rows = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert rows[0].startswith("▌ Tidal pools")
        assert rows[1] == "Could not be placed"
        assert rows[2].startswith("▌ A sentence the page no longer has")
        assert "my old note" in rows[2]
        assert layer_text(view(app), "highlights") == [FIRST]  # orphans are not drawn
        shown = record_notifications(app)
        await pilot.press("end", "enter")
        await pilot.pause()
        assert shown[-1] == "This passage is not in the page any more."


# --- bookmarks --------------------------------------------------------------------------


@pilot_test
async def test_b_names_a_bookmark_at_the_passage(pages_on_disk, tmp_path) -> None:
    async with page_in_library(pages_on_disk, tmp_path) as (app, pilot):
        await pilot.press("right_parenthesis", "right_parenthesis", "B")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        field = app.screen.query_one(Input)
        assert field.value == "Tidal pools are small worlds left behind by"
        await type_text(pilot, "Pools")  # typing replaces the suggestion
        await press_and_settle(pilot, "enter")
        store, article_id = store_of(app)
        marks = store.bookmarks.list(article_id)
        assert [(b.name, b.anchor.start) for b in marks] == [
            ("Pools", view(app).article.text.index(FIRST))
        ]
        await pilot.press("B")
        await pilot.pause()
        await press_and_settle(pilot, "escape")
        assert len(store.bookmarks.list(article_id)) == 1


@pilot_test
async def test_bookmarks_tab_jumps_renames_deletes_and_undoes(pages_on_disk, tmp_path) -> None:
    async with page_in_library(pages_on_disk, tmp_path) as (app, pilot):
        await pilot.press("right_parenthesis", "right_parenthesis", "B")
        await pilot.pause()
        await press_and_settle(pilot, "enter")
        await pilot.press("right_curly_bracket", "right_curly_bracket", "B")
        await pilot.pause()
        await type_text(pilot, "Shores")
        await press_and_settle(pilot, "enter", "G", "M")
        pane = reading(app).sidebar.pane(BookmarksPane)
        assert app.focused is pane.option_list
        names = [str(pane.option_list.get_option_at_index(i).prompt) for i in range(2)]
        assert names[0].startswith("Tidal pools are small worlds left behind by\n")
        assert names[1].startswith("Shores\nRocky shores")
        await pilot.press("down", "enter")
        await pilot.pause()
        assert view(app).cursor == view(app).article.text.index("Rocky shores")
        await press_and_settle(pilot, "M", "up", "r")
        assert isinstance(app.screen, TextPrompt)
        await type_text(pilot, "Start")
        await press_and_settle(pilot, "enter")
        store, article_id = store_of(app)
        assert [b.name for b in store.bookmarks.list(article_id)] == ["Start", "Shores"]
        await press_and_settle(pilot, "d")
        assert [b.name for b in store.bookmarks.list(article_id)] == ["Shores"]
        await press_and_settle(pilot, "u")
        assert [b.name for b in store.bookmarks.list(article_id)] == ["Start", "Shores"]
        await pilot.press("M")  # from inside the tab: the sidebar closes
        assert not reading(app).sidebar_open


# --- export ----------------------------------------------------------------------------


@pilot_test
async def test_e_exports_markdown_into_the_working_directory(
    pages_on_disk, tmp_path, monkeypatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    async with page_in_library(pages_on_disk, tmp_path) as (app, pilot):
        await two_notes(pilot)
        shown = record_notifications(app)
        await pilot.press("E")
        await pilot.pause()
        field = app.screen.query_one(Input)
        target = work / "a-field-guide-to-tidal-pools.md"
        assert field.value == str(target)
        await press_and_settle(pilot, "enter")
        text = target.read_text(encoding="utf-8")
        assert text.startswith("# A Field Guide to Tidal Pools\n")
        assert f"> {FIRST}" in text and f"> {SECOND}\n\ncrabs\n" in text
        assert shown[-1] == f"2 highlights written to {target}"


@pilot_test
async def test_e_writes_web_annotation_json_for_a_json_name(pages_on_disk, tmp_path) -> None:
    async with page_in_library(pages_on_disk, tmp_path) as (app, pilot):
        await two_notes(pilot)
        await pilot.press("E")
        await pilot.pause()
        target = tmp_path / "out" / "notes.json"
        app.screen.query_one(Input).value = str(target)
        await press_and_settle(pilot, "enter")
        data = json.loads(target.read_text(encoding="utf-8"))
        assert [item["type"] for item in data] == ["Annotation", "Annotation"]
        selectors = data[1]["target"]["selector"]
        assert selectors[0] == {
            "type": "TextQuoteSelector",
            "exact": SECOND,
            "prefix": selectors[0]["prefix"],
            "suffix": selectors[0]["suffix"],
        }
        assert data[1]["body"][0]["value"] == "crabs"


@pilot_test
async def test_export_to_a_folder_is_refused_in_the_prompt(pages_on_disk, tmp_path) -> None:
    async with page_in_library(pages_on_disk, tmp_path) as (app, pilot):
        await pilot.press("E")
        await pilot.pause()
        app.screen.query_one(Input).value = str(tmp_path)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        assert "is a folder" in str(app.screen.query_one("#prompt-error").content)


# --- where the notes are kept ------------------------------------------------------------


@pilot_test
async def test_a_page_outside_the_library_keeps_notes_for_the_session(tmp_path) -> None:
    app = app_for(field_guide())  # an article handed over directly, like standard input
    async with app.run_test() as pilot:
        await settle(pilot)
        shown = record_notifications(app)
        await press_and_settle(pilot, "right_parenthesis", "right_parenthesis", "h")
        await press_and_settle(pilot, "right_parenthesis", "h", "m", "a")
        warnings = [text for text in shown if "not in the library" in text]
        assert len(warnings) == 1
        assert layer_text(view(app), "highlights") == [FIRST, SECOND]
        await pilot.press("E")
        await pilot.pause()
        target = tmp_path / "session.md"
        app.screen.query_one(Input).value = str(target)
        await press_and_settle(pilot, "enter")
        assert f"> {SECOND}" in target.read_text(encoding="utf-8")


@pilot_test
async def test_a_read_only_library_keeps_notes_for_the_session(
    pages_on_disk, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("reader.store.db.unwritable_reason", lambda folder: "a test says so")
    async with page_in_library(pages_on_disk, tmp_path) as (app, pilot):
        assert app.library.store.read_only
        await press_and_settle(pilot, "right_parenthesis", "right_parenthesis", "h")
        assert stored(app) == [(FIRST, "yellow", "")]  # in the session's copy
        assert layer_text(view(app), "highlights") == [FIRST]
    with open_store(app.settings.resolved_data_dir()) as store:
        assert all(not store.highlights.list(e.id) for e in store.articles.list())


@pilot_test
async def test_a_failed_write_is_one_line_and_the_highlight_stays(
    pages_on_disk, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise StoreError("disk full")

    async with page_in_library(pages_on_disk, tmp_path) as (app, pilot):
        shown = record_notifications(app)
        monkeypatch.setattr("reader.store.highlights.HighlightRepository.add", refuse)
        await press_and_settle(pilot, "right_parenthesis", "right_parenthesis", "h")
        assert shown[-1] == "Could not save the highlight: disk full"
        assert layer_text(view(app), "highlights") == [FIRST]
        # later changes to it are not attempted, and say nothing more
        await press_and_settle(pilot, "H", "h")
        assert shown[-1] == "Highlighter: green."


@pilot_test
async def test_the_palette_runs_export_and_opens_the_tabs(pages_on_disk, tmp_path) -> None:
    async with page_in_library(pages_on_disk, tmp_path) as (app, pilot):
        titles = [row.description for row in reading(app).palette_entries()]
        for title in ("Export notes", "Bookmarks", "Notes", "Highlight", "Bookmark"):
            assert title in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Export notes")
        await pilot.pause(0.3)
        await press_and_settle(pilot, "enter")
        assert isinstance(app.screen, TextPrompt)
        await press_and_settle(pilot, "escape", "ctrl+p")
        await pilot.press(*"Notes")
        await pilot.pause(0.3)
        await press_and_settle(pilot, "enter")
        assert app.focused is reading(app).sidebar.pane(NotesPane).option_list


@pilot_test
async def test_passage_keys_belong_to_the_article(pages_on_disk, tmp_path) -> None:
    async with page_in_library(pages_on_disk, tmp_path) as (app, pilot):
        await press_and_settle(pilot, "M", "h", "v", "right_parenthesis", "a")
        assert app.focused is reading(app).sidebar.pane(BookmarksPane).option_list
        assert notes_of(app).notes == [] and not notes_of(app).cursor.active
        assert not isinstance(app.screen, NoteEditor)


@pilot_test
async def test_hostile_passages_are_shown_literally_in_the_tabs_and_editors() -> None:
    from hostile.screen_probe import capture as shoot

    from .test_pilot_hostile import hostile_article

    app = app_for(hostile_article(), sidebar=True)
    async with app.run_test() as pilot:
        await settle(pilot)
        for _ in range(3):
            await pilot.press("right_parenthesis")
        await press_and_settle(pilot, "h", "right_parenthesis", "a")
        assert isinstance(app.screen, NoteEditor)
        assert not shoot(app).problems
        await type_text(pilot, "[@click=app.quit]x[/]")
        await press_and_settle(pilot, "ctrl+s", "B")
        assert not shoot(app).problems
        await press_and_settle(pilot, "enter", "A")
        annotations = notes_of(app)
        assert len(annotations.notes) == 2 and len(annotations.bookmarks) == 1
        assert any("[@click=app.quit]" in note.quote for note in annotations.notes)
        shot = shoot(app)
        assert not shot.problems
        assert "[@click=app.quit]" in shot.text
        spot = shot.find("[@click=app.quit]")
        assert spot is not None
        await pilot.click(offset=(spot[0] + 3, spot[1]))
        await press_and_settle(pilot, "enter", "M")
        assert not shoot(app).problems
        assert app.is_running and app.return_code is None, "page markup ran an action"


@pilot_test
async def test_m_and_a_work_right_after_the_first_paint(pages_on_disk, tmp_path) -> None:
    path = tmp_path / "guide.html"
    register(pages_on_disk, path, field_guide(str(path)))
    app = app_for(str(path))
    async with app.run_test() as pilot:
        await pilot.press("A")  # the sidebar and its tabs may not be mounted yet
        await settle(pilot)
        assert app.focused is reading(app).sidebar.pane(NotesPane).option_list


@pilot_test
async def test_exporting_a_page_without_highlights_says_so(pages_on_disk, tmp_path) -> None:
    async with page_in_library(pages_on_disk, tmp_path) as (app, pilot):
        shown = record_notifications(app)
        await pilot.press("E")
        await pilot.pause()
        target = tmp_path / "empty.md"
        app.screen.query_one(Input).value = str(target)
        await press_and_settle(pilot, "enter")
        assert target.read_text(encoding="utf-8").startswith("# A Field Guide to Tidal Pools")
        assert any(text.startswith("No highlights or bookmarks on this page yet") for text in shown)


@pilot_test
async def test_a_notes_line_breaks_survive_the_markdown_export(pages_on_disk, tmp_path) -> None:
    async with page_in_library(pages_on_disk, tmp_path) as (app, pilot):
        await pilot.press("right_parenthesis", "a")
        await pilot.pause()
        await type_text(pilot, "first line")
        await pilot.press("enter")
        await type_text(pilot, "second line")
        await press_and_settle(pilot, "ctrl+s")
        await pilot.press("E")
        await pilot.pause()
        target = tmp_path / "lines.md"
        app.screen.query_one(Input).value = str(target)
        await press_and_settle(pilot, "enter")
        assert "first line\\\nsecond line" in target.read_text(encoding="utf-8")
