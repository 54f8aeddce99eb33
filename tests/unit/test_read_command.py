"""``reader [PAGE...] [--theme NAME]``: what is refused before the TUI starts, and how the
TUI's outcome becomes the exit status."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.__main__ import main
from reader.commands import read
from reader.errors import LoadError
from reader.locations import demo_page
from reader.ui.app import ReaderApp
from reader.ui.reading.screen import ReadingScreen


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[ReaderApp]:
    """Record apps instead of running them; pretend stdout is a terminal."""
    apps: list[ReaderApp] = []

    def fake_run(self: ReaderApp, **_: object) -> None:
        apps.append(self)
        self._return_code = 0

    monkeypatch.setattr(ReaderApp, "run", fake_run)
    monkeypatch.setattr(read, "_require_terminal", lambda: None)
    return apps


def run_cli(argv: list[str]) -> int:
    with pytest.raises(SystemExit) as leaving:
        main(argv)
    return int(leaving.value.code or 0)


def test_missing_file_is_one_line_and_exit_2_without_a_tui(
    started: list[ReaderApp], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code = run_cli([str(tmp_path / "nope.html")])
    err = capsys.readouterr().err
    assert code == 2 and started == []
    assert err == f"reader: no such file: {tmp_path / 'nope.html'}\n"


def test_directory_and_odd_scheme_are_refused(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="is a directory, not a page"):
        read.check_source(str(tmp_path))
    with pytest.raises(LoadError, match="only files and http"):
        read.check_source("ftp://example.org/page.html")
    read.check_source("https://example.org/page.html")
    read.check_source("-")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "secret.html"
    page.write_text("<p>x</p>")
    page.chmod(0)
    with pytest.raises(LoadError, match="permission denied"):
        read.check_source(str(page))


def test_control_characters_in_a_name_never_reach_stderr(
    started: list[ReaderApp], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code = run_cli([str(tmp_path / "evil\x1b]52;c;aGk=\x07name.html")])
    err = capsys.readouterr().err
    assert code == 2 and "\x1b" not in err and "\x07" not in err


def test_pages_and_theme_reach_the_app(started: list[ReaderApp], tmp_path: Path) -> None:
    one, two = tmp_path / "one.html", tmp_path / "two.html"
    for page in (one, two):
        page.write_text("<p>hello</p>")
    assert run_cli([str(one), str(two), "--theme", "sepia"]) == 0
    (app,) = started
    assert app.pages == [str(one), str(two)]
    assert app.theme == "sepia"


def test_a_library_page_is_read_back_before_the_tui_starts(
    started: list[ReaderApp], tmp_path: Path
) -> None:
    from reader import service
    from reader.config import load_settings

    page = tmp_path / "kept.html"
    page.write_text("<article><p>A page the library keeps, reopened.</p></article>")
    settings = load_settings()
    article, article_id = service.open_article(str(page), settings)
    assert run_cli([str(page)]) == 0
    (app,) = started
    assert app.library.take_preloaded(str(page)) == (article, article_id)
    app.library.close()


def test_a_new_page_is_read_while_the_tui_starts_and_a_kept_one_is_not(
    started: list[ReaderApp], tmp_path: Path
) -> None:
    from reader import early_extract, service
    from reader.config import load_settings

    new, kept = tmp_path / "new.html", tmp_path / "kept.html"
    for page in (new, kept):
        page.write_text(f"<article><p>{page.stem}: a page about the harbour.</p></article>")
    service.open_article(str(kept), load_settings())
    assert run_cli([str(new)]) == 0 and run_cli([str(kept)]) == 0
    # The library holds the kept page: its head start was stopped, nothing is taken.
    assert early_extract.started(str(new)) and not early_extract.started(str(kept))
    assert early_extract.take(str(kept), load_settings().limits) is None
    early = early_extract.take(str(new), load_settings().limits)
    assert early is not None and "harbour" in early.text
    for app in started:
        app.library.close()


def test_unknown_theme_lists_the_themes(
    started: list[ReaderApp], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = tmp_path / "one.html"
    page.write_text("<p>hello</p>")
    assert run_cli([str(page), "--theme", "neon"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("reader: unknown theme 'neon' (themes: high-contrast, paper-dark")
    assert started == []


def test_no_page_opens_the_demo_page(started: list[ReaderApp]) -> None:
    assert run_cli([]) == 0
    (app,) = started
    assert app.pages == []
    screen = app.first_screen()
    assert isinstance(screen, ReadingScreen)
    assert screen.pages == [str(demo_page())]


def test_failure_inside_the_tui_is_printed_after_it_closes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def fake_run(self: ReaderApp, **_: object) -> None:
        self.failure = "no article in empty.html"
        self._return_code = 2

    monkeypatch.setattr(ReaderApp, "run", fake_run)
    monkeypatch.setattr(read, "_require_terminal", lambda: None)
    page = tmp_path / "empty.html"
    page.write_text("")
    assert run_cli([str(page)]) == 2
    assert capsys.readouterr().err == "reader: no article in empty.html\n"


def test_output_that_is_not_a_terminal_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = tmp_path / "one.html"
    page.write_text("<p>hello</p>")
    assert run_cli([str(page)]) == 2  # pytest captures stdout: not a terminal
    assert "needs a terminal" in capsys.readouterr().err


def test_old_keymap_ids_are_named_on_stderr_once_the_tui_closes(
    started: list[ReaderApp], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_KEYMAP", '{"quit": "Q", "reading.search": "ctrl+f"}')
    assert run_cli([]) == 0
    app = started[0]
    assert app.keymap == {"app.quit": "Q", "reading.search": "ctrl+f"}
    err = capsys.readouterr().err
    assert (
        err
        == 'reader: [keymap] "quit" is now "app.quit"; the old id still works but is deprecated.\n'
    )
