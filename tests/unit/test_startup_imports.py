"""What the reader imports before its first paint: nothing that only extraction,
analysis, exporting or highlighting needs. Each check runs in a fresh interpreter,
since this process has imported everything already."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reader import locations

ROOT = Path(__file__).resolve().parents[2]

NOT_AT_START = (
    "pydantic_settings",
    "spacy",
    "dateparser",
    "htmldate",
    "readability",
    "trafilatura",
    "lxml",
    "bs4",
    "markdownify",
    "markdown_it",
    "charset_normalizer",
    "pygments",
    "reader.analysis.engine",
    "reader.analysis.dates",
    "reader.extract.pipeline",
    "reader.loaders.document",
    "reader.commands.export_notes",
    "reader.store.annotations",
    "reader.notes_export",
    "pydantic",
    "reader.config_validation",
    "reader.ui.themes.model",
    "urllib.request",
    "http.client",
    "webbrowser",
    "textual.widgets._text_area",
    "tree_sitter",
)
"""Modules the reading screen must not load before it shows a page (pydantic: while
there is no config file, no ``READER_*`` setting and no user theme to check)."""

EXTRACTION = ("lxml", "readability", "bs4", "markdownify", "reader.extract.pipeline")
"""What extracting an HTML page loads."""
NOT_ON_REOPEN = {*EXTRACTION, "markdown_it", "charset_normalizer", "reader.loaders.document"}


def loaded_after(
    code: str, env: dict[str, str] | None = None, without: tuple[str, ...] = ()
) -> set[str]:
    """The modules loaded once ``code`` has run in a new interpreter (with ``env`` added
    to this one's environment and the variables ``without`` taken out)."""
    script = textwrap.dedent(code) + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))\n"
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={
            name: value
            for name, value in {**os.environ, **(env or {})}.items()
            if name not in without
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


# A first start: no config file, no READER_* setting (the library in the XDG data
# folder, as the test's environment sets it), no user themes.
FIRST_START = textwrap.dedent(
    """
    import reader.__main__, reader.commands.read, reader.service
    from reader.config import load_settings
    settings = load_settings()
    import reader.ui.app, reader.ui.reading.screen
    from reader.ui.themes.loader import load_themes, theme_directories
    themes, failed = load_themes(theme_directories(settings.reading.user_themes))
    assert "paper-dark" in themes and not failed, failed
    """
)
SETTINGS_VARIABLE = "READER_DATA_DIR"
"""The only settings variable the test environment sets."""


def test_the_reading_screen_loads_without_extraction_analysis_or_export() -> None:
    loaded = loaded_after(FIRST_START, without=(SETTINGS_VARIABLE,))
    assert "textual.app" in loaded  # the check itself works
    assert sorted(loaded & set(NOT_AT_START)) == []


def test_what_a_user_wrote_is_checked_by_pydantic(tmp_path: Path) -> None:
    measure = "assert load_settings().reading.measure == 72"
    by_variable = loaded_after(FIRST_START + measure, {"READER_READING__MEASURE": "72"})
    assert "reader.config_validation" in by_variable
    config = tmp_path / "config.toml"
    config.write_text("[reading]\nmeasure = 72\n", encoding="utf-8")
    by_file = loaded_after(FIRST_START + measure, {"READER_CONFIG_FILE": str(config)})
    assert "reader.config_validation" in by_file
    themes = locations.user_themes_dir()
    themes.mkdir(parents=True)
    (themes / "mine.toml").write_text('primary = "#3366cc"\n', encoding="utf-8")
    with_theme = loaded_after(FIRST_START, without=(SETTINGS_VARIABLE,))
    assert "reader.ui.themes.model" in with_theme
    assert "reader.config_validation" not in with_theme


def test_a_page_reopened_from_the_library_is_not_extracted(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Tide tables</title></head><body><article>"
        + "<p>The harbour clock keeps the tide tables of the port, every day.</p>" * 20
        + "</article></body></html>",
        encoding="utf-8",
    )
    env = {"READER_DATA_DIR": str(tmp_path / "data")}
    opening = f"""
        from reader import service
        article, _ = service.open_article({str(page)!r})
        assert article.title == "Tide tables", article.title
        """
    assert set(EXTRACTION) <= loaded_after(opening, env)  # the first time it is extracted
    assert sorted(loaded_after(opening, env) & NOT_ON_REOPEN) == []


def test_the_demo_page_is_read_back_without_extraction(tmp_path: Path) -> None:
    env = {"READER_DATA_DIR": str(tmp_path / "data")}
    reading = """
        from reader import service
        assert service.read_demo().title
        """
    assert set(EXTRACTION) <= loaded_after(reading, env)
    assert sorted(loaded_after(reading, env) & NOT_ON_REOPEN) == []


def test_the_extract_command_loads_no_textual() -> None:
    loaded = loaded_after("import reader.__main__, reader.commands.extract")
    assert not any(name == "textual" or name.startswith("textual.") for name in loaded)


@pytest.mark.parametrize("name", __import__("reader.analysis").analysis.__all__)
def test_every_name_of_the_analysis_package_resolves(name: str) -> None:
    import reader.analysis

    assert getattr(reader.analysis, name) is not None
    assert name in dir(reader.analysis)


def test_asking_about_the_library_screen_does_not_load_it() -> None:
    loaded = loaded_after(
        """
        from types import SimpleNamespace
        from reader.ui.navigation import library_below, library_hidden
        app = SimpleNamespace(screen=object(), screen_stack=[])
        assert not library_hidden(app) and not library_below(app, app.screen)
        """
    )
    assert "reader.ui.navigation" in loaded
    assert "reader.ui.library.screen" not in loaded
