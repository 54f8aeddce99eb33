"""Pilot tests of the help screen (? and F1), the command palette (ctrl+p) and keymaps."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import Input

from reader.ui.article_view.keys import VIEW_SEQUENCES
from reader.ui.dialogs.help import HelpScreen
from reader.ui.keymap import renamed_notice
from reader.ui.reading.screen import ReadingScreen

from .built_articles import field_guide, long_article
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


def help_text(app: object) -> str:
    return static_text(app, "#help-text")  # type: ignore[arg-type]


@pilot_test
async def test_question_mark_shows_every_active_key_and_the_sequences() -> None:
    app = app_for(field_guide())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app)
        # Every binding of the focused view, the screen and the app, from the live bindings.
        for binding in reading(app).active_bindings.values():
            if not binding.binding.system:
                assert binding.binding.description in text, binding.binding.description
        for sequence in VIEW_SEQUENCES:
            assert sequence.display in text and sequence.description in text
        for group in ("Article", "Reading", "Application"):
            assert group in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen)


@pilot_test
async def test_f1_opens_help_j_and_k_scroll_and_q_closes_it() -> None:
    app = app_for(field_guide())
    async with app.run_test(size=(100, 16)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        scroll = app.screen.query_one("#help-scroll")
        await pilot.press("j", "j", "j")
        await pilot.pause()
        assert scroll.scroll_y == 3
        await pilot.press("k")
        await pilot.pause()
        assert scroll.scroll_y == 2
        await pilot.press("G")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y > 0
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen) and app.is_running


@pilot_test
async def test_help_follows_focus() -> None:
    app = app_for(field_guide())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t", "question_mark")
        await pilot.pause()
        text = help_text(app)
        assert "Contents" in text  # the screen's keys still listed
        assert "za" not in text, "the view's sequences only apply when it has focus"


@pilot_test
async def test_keymap_from_settings_rebinds_by_id() -> None:
    app = app_for(field_guide(), keymap={"reading.search": "ctrl+f", "reading.toggle-sidebar": "S"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.pause()
        assert not isinstance(app.focused, Input), "/ no longer searches"
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await pilot.press("escape", "S")
        await pilot.pause()
        assert reading(app).sidebar_open
        await pilot.press("question_mark")
        await pilot.pause()
        assert "^f" in help_text(app)


@pilot_test
async def test_old_keymap_ids_still_rebind_with_one_notice_each() -> None:
    # ctrl+t is no other binding's key (T would take the page's tags key, and say so).
    app = app_for(field_guide(), keymap={"search": "ctrl+f", "view.top": "ctrl+t"})
    shown = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.pause()
        assert not isinstance(app.focused, Input), "/ no longer searches"
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await pilot.press("escape")
        await pilot.pause()
        notices = [text for text in shown if '"search"' in text]
        assert len(notices) == 1, shown
        assert notices == [renamed_notice("search", "reading.search")]
        assert '"reading.search"' in notices[0] and "deprecated" in notices[0]
        assert "view.top" not in "".join(shown), "a current id needs no notice"
        # The palette lists the key the old id gave.
        rows = {row.binding_id: row.keys for row in reading(app).palette_entries()}
        assert rows["reading.search"] == ("^f",)


async def _run_palette(pilot: object, query: str) -> None:
    await pilot.press("ctrl+p")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(pilot.app.screen, CommandPalette)  # type: ignore[attr-defined]
    await pilot.press(*query)  # type: ignore[attr-defined]
    await pilot.pause(0.3)  # type: ignore[attr-defined]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]


@pilot_test
async def test_palette_runs_view_actions() -> None:
    app = app_for(long_article())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _run_palette(pilot, "Bottom")
        assert view(app).scroll_y == view(app).max_scroll_y > 0


@pilot_test
async def test_palette_runs_screen_actions_and_sequences() -> None:
    app = app_for(long_article())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _run_palette(pilot, "Sidebar")
        assert reading(app).sidebar_open
        await _run_palette(pilot, "Close every section")
        headings = [s for s in view(app).sections() if s.level == 2]
        assert headings and view(app).virtual_size.height < 40


@pilot_test
async def test_palette_offers_every_action_with_its_keys() -> None:
    from reader.ui.palette import ReaderCommands

    app = app_for(field_guide())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reading(app)
        provider = ReaderCommands(screen)
        titles = {command.title: command.keys for command in provider._commands()}
        for expected, keys in [
            ("Search", "/"),
            ("Links", "f"),
            ("Link list", "o"),
            ("Contents", "t"),
            ("Sidebar", "s"),
            ("Back", "⌫ ^o"),
            ("Line down", "j ↓"),
            ("Next heading", "]"),
            ("Fold", "⏎ za"),
            ("Open every section", "zR"),
            ("Quit", "^q q"),
            ("Help", "? f1"),
            ("Theme: sepia", ""),
        ]:
            assert titles.get(expected) == keys, (expected, titles.get(expected))
        assert "Next page" not in titles, "page keys are off with one page"
