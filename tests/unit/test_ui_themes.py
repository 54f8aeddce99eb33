"""Theme files → Textual themes, and the small state file that remembers the choice."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.color import Color
from textual.theme import BUILTIN_THEMES

from reader.app_state import load_state, save_state
from reader.locations import builtin_themes_dir
from reader.ui.themes.loader import (
    APP_VARIABLES,
    DEFAULT_THEME,
    MAX_THEME_FILE_BYTES,
    ThemeFileError,
    choose_theme,
    complete_variables,
    derive_variables,
    load_theme_file,
    load_themes,
)


def test_built_in_themes_load_with_every_app_colour() -> None:
    loaded, failed = load_themes([builtin_themes_dir()])
    assert failed == []
    assert {"paper-dark", "paper-light", "sepia", "high-contrast"} <= set(loaded)
    assert loaded["paper-light"].dark is False and loaded["paper-dark"].dark is True
    for theme in loaded.values():
        assert theme.description
        for name in APP_VARIABLES:
            Color.parse(theme.variables[name])


def test_readme_documents_every_app_colour() -> None:
    readme = (builtin_themes_dir() / "README.md").read_text(encoding="utf-8")
    for name in APP_VARIABLES:
        assert f"\n{name} = " in readme, name


def test_missing_colours_are_derived_from_the_semantic_ones(tmp_path: Path) -> None:
    path = tmp_path / "minimal.toml"
    path.write_text('primary = "#3366cc"\n[variables]\nlink = "#ff0000"\n')
    theme = load_theme_file(path)
    assert theme.name == "minimal", "named after the file"
    assert theme.variables["link"] == "#ff0000", "given colours are kept"
    for name in APP_VARIABLES:
        Color.parse(theme.variables[name])
    # Text on the current-match colour contrasts with it.
    on = Color.parse(theme.variables["search-current-text"])
    under = Color.parse(theme.variables["search-current"])
    assert abs(on.brightness - under.brightness) > 0.3


@pytest.mark.parametrize("name", sorted(BUILTIN_THEMES))
def test_any_textual_theme_gets_app_colours(name: str) -> None:
    variables = complete_variables(BUILTIN_THEMES[name])
    assert set(APP_VARIABLES) <= set(variables)
    assert derive_variables(BUILTIN_THEMES[name])


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("primary = \n", "not valid TOML"),
        ('primary = "nope"\n', "primary: Value error, not a colour: 'nope'"),
        ("dark = true\n", "primary: Field required"),
        ('primary = "#123456"\nforeground_colour = "#fff"\n', "foreground_colour"),
        ('primary = "#123456"\n[variables]\n"Bad Name" = "#fff"\n', "bad variable name"),
        ('primary = "#123456"\n[variables]\nlink = "blurple"\n', "not a colour"),
        ('name = "../../etc"\nprimary = "#123456"\n', "name"),
    ],
)
def test_broken_files_give_one_line_reasons(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content)
    with pytest.raises(ThemeFileError) as error:
        load_theme_file(path)
    assert reason in str(error.value)
    assert "\n" not in str(error.value)


def test_binary_and_huge_files_are_refused(tmp_path: Path) -> None:
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00primary")
    huge = tmp_path / "huge.toml"
    huge.write_text("# " + "x" * MAX_THEME_FILE_BYTES)
    loaded, failed = load_themes([tmp_path])
    assert loaded == {}
    reasons = {failure.path.name: failure.reason for failure in failed}
    assert reasons == {"binary.toml": "not UTF-8 text", "huge.toml": "larger than 64 KB"}


def test_later_directories_override_and_missing_ones_are_skipped(tmp_path: Path) -> None:
    user = tmp_path / "user"
    user.mkdir()
    (user / "mine.toml").write_text('name = "sepia"\nprimary = "#ff0000"\n')
    loaded, failed = load_themes([builtin_themes_dir(), user, tmp_path / "absent"])
    assert failed == []
    assert loaded["sepia"].primary == "#ff0000"


def test_choose_theme_order_and_warnings() -> None:
    themes = dict.fromkeys(["paper-dark", "sepia", "paper-light"])
    assert choose_theme("sepia", "paper-light", "paper-dark", themes) == ("sepia", None)
    assert choose_theme(None, "paper-light", "paper-dark", themes) == ("paper-light", None)
    assert choose_theme(None, None, "sepia", themes) == ("sepia", None)
    name, warning = choose_theme("neon", None, "sepia", themes)
    assert name == "sepia" and warning == "theme 'neon' is not available"
    name, warning = choose_theme(None, None, "neon", themes)
    assert name == DEFAULT_THEME and "'neon' is not available" in str(warning)


def test_state_round_trip_and_tolerance(tmp_path: Path) -> None:
    assert load_state(tmp_path / "none") == {}
    assert save_state(tmp_path / "new", theme="sepia")
    assert save_state(tmp_path / "new", configured="paper-dark")
    assert load_state(tmp_path / "new") == {"theme": "sepia", "configured": "paper-dark"}
    (tmp_path / "new" / "state.json").write_text("[1, 2]")
    assert load_state(tmp_path / "new") == {}
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    assert save_state(blocker, theme="sepia") is False
    assert not [p for p in (tmp_path / "new").iterdir() if p.name.startswith(".state-")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_state_in_a_read_only_directory(tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        assert save_state(tmp_path, theme="sepia") is False
    finally:
        tmp_path.chmod(0o700)


@pytest.mark.parametrize(
    "path", sorted(builtin_themes_dir().glob("*.toml")), ids=lambda path: path.name
)
def test_every_built_in_theme_passes_the_check_it_is_trusted_without(path: Path) -> None:
    checked = load_theme_file(path)
    trusted = load_theme_file(path, trusted=True)
    assert trusted == checked
    assert (trusted.name, trusted.description, trusted.variables) == (
        checked.name,
        checked.description,
        checked.variables,
    )


def test_themes_outside_the_built_in_folder_are_checked(tmp_path: Path) -> None:
    user = tmp_path / "user"
    user.mkdir()
    for path in builtin_themes_dir().glob("*.toml"):
        (user / path.name).write_text('colour = "#fff"\n' + path.read_text(encoding="utf-8"))
    loaded, failed = load_themes([builtin_themes_dir(), user])
    assert {failure.path.parent for failure in failed} == {user}
    assert all("colour: Extra inputs are not permitted" in f.reason for f in failed)
    assert {theme.path.parent for theme in loaded.values() if theme.path} == {builtin_themes_dir()}
