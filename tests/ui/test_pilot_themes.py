"""Pilot tests of themes: built-in and user files, --theme, the palette, remembering,
broken files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from textual.command import CommandPalette

from reader.locations import user_themes_dir
from reader.ui.app import ReaderApp
from reader.ui.themes.loader import APP_VARIABLES, theme_directories, theme_names

from .built_articles import field_guide
from .shell_support import SIZE, app_for, pilot_test, settle, view

BUILT_IN = ("high-contrast", "paper-dark", "paper-light", "sepia")


def state_file() -> Path:
    return Path(os.environ["READER_DATA_DIR"]) / "state.json"


@pytest.fixture
def notices(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    original = ReaderApp.notify

    def notify(self: ReaderApp, message: str, **options: object) -> None:
        shown.append(message)
        original(self, message, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(ReaderApp, "notify", notify)
    return shown


@pilot_test
async def test_default_theme_and_only_the_readers_themes_are_offered() -> None:
    app = app_for(field_guide())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "paper-dark"
        assert sorted(app.available_themes) == list(BUILT_IN)
        variables = app.get_css_variables()
        for name in (*APP_VARIABLES, "search-current-text", "link-hint-text"):
            assert name in variables, name


@pilot_test
async def test_theme_flag_picks_the_theme_without_remembering_it() -> None:
    app = app_for(field_guide(), theme="high-contrast")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "high-contrast"
        assert not state_file().exists(), "--theme is for this run only"
        for name in BUILT_IN:
            app.theme = name
            await pilot.pause()
            variables = app.get_css_variables()
            assert variables["search-hit"] == app.current_theme.variables["search-hit"]


@pilot_test
async def test_switching_from_the_palette_repaints_and_is_remembered() -> None:
    app = app_for(field_guide())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = view(app).render_line(0)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Theme: sepia")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert app.theme == "sepia"
        after = view(app).render_line(0)
        assert [s.style for s in before] != [s.style for s in after], "the view repainted"
    assert json.loads(state_file().read_text())["theme"] == "sepia"
    again = app_for(field_guide())
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.theme == "sepia", "remembered"


@pilot_test
async def test_a_theme_changed_in_the_config_wins_over_the_remembered_one() -> None:
    state_file().parent.mkdir(parents=True, exist_ok=True)
    state_file().write_text(json.dumps({"theme": "sepia", "configured": "paper-dark"}))
    app = app_for(field_guide(), reading_theme="paper-light")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "paper-light"


@pilot_test
async def test_corrupt_or_unwritable_state_never_stops_the_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state_file().parent.mkdir(parents=True, exist_ok=True)
    state_file().write_bytes(b"\x00not json")
    app = app_for(field_guide())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "paper-dark"
        monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "file-not-dir"))
        (tmp_path / "file-not-dir").write_text("in the way")
        app.choose_theme("high-contrast")
        await settle(pilot)
        assert app.theme == "high-contrast" and app.is_running


@pilot_test
async def test_user_theme_files_are_loaded_and_broken_ones_reported(notices: list[str]) -> None:
    folder = user_themes_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dusk.toml").write_text(
        'name = "dusk"\nprimary = "#aa66cc"\nbackground = "#101018"\ndark = true\n'
        '[variables]\nlink = "#ff00ff"\n'
    )
    (folder / "broken.toml").write_text('name = "broken"\nprimary = "not a colour"\n')
    (folder / "typo.toml").write_text('primary = "#123456"\nbackgroud = "#000000"\n')
    app = app_for(field_guide(), theme="dusk", user_themes=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "dusk"
        variables = app.get_css_variables()
        assert variables["link"].lower() == "#ff00ff"
        assert variables["search-hit"], "missing app colours are derived"
        assert len(notices) == 1, "one notification for all the broken files"
        assert "broken.toml" in notices[0] and "typo.toml" in notices[0]


@pilot_test
async def test_asking_for_a_broken_theme_gives_the_default(notices: list[str]) -> None:
    folder = user_themes_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "broken.toml").write_text("this is not toml = = =")
    app = app_for(field_guide(), theme="broken", user_themes=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "paper-dark"
        assert "broken" in theme_names(theme_directories(user_themes=True))
        assert "Theme 'broken' is not available" in notices[0]


@pilot_test
async def test_user_themes_are_ignored_when_turned_off() -> None:
    folder = user_themes_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dusk.toml").write_text('primary = "#aa66cc"\n')
    app = app_for(field_guide(), user_themes=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "dusk" not in app.available_themes
