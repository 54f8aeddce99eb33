"""``reader [PAGE...] [--theme NAME]``: open pages in the reading TUI.

What can be checked cheaply is checked before the screen is taken over, so a typo in
a file name gives one line on stderr and exit status 2, not a TUI. Anything found
later (a page with no article, a failed download) shows in the TUI.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from reader.errors import ReaderError
from reader.loaders.source_check import check_source

if TYPE_CHECKING:
    from reader.config import Limits, Settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "pages",
        nargs="*",
        metavar="PAGE",
        help="saved page (HTML, MHTML, text, Markdown), http(s) URL, or - for stdin;"
        " several pages are read in turn (< and > switch)",
    )
    parser.add_argument("--theme", metavar="NAME", help="colour theme for this run")


def check_theme(name: str, user_themes: bool) -> None:
    """An unknown theme name is an error now; a known theme whose file is broken is
    reported in the TUI, which falls back to the default theme."""
    from reader.ui.themes.loader import theme_directories, theme_names

    names = theme_names(theme_directories(user_themes))
    if name not in names:
        raise ReaderError(f"unknown theme {name!r} (themes: {', '.join(sorted(names))})")


def _attach_terminal_to_stdin() -> None:
    """After reading a page from a pipe, read keys from the terminal instead."""
    try:
        terminal = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        raise ReaderError(
            "no terminal to read keys from; use `reader extract -` to print the page"
        ) from None
    os.dup2(terminal, 0)
    os.close(terminal)


_ARCHIVE_STARTS = (b"WARC/", b"\x1f\x8b", b"PK\x03\x04")
"""How a WARC, a gzipped WARC and a WACZ (a ZIP) begin: only such files are looked
at more closely, so opening an ordinary page loads nothing more."""


def web_archive(source: str) -> bool:
    """Is ``source`` a WARC/WACZ web archive (by its content)?"""
    if source == "-" or "://" in source:
        return False
    try:
        with open(source, "rb") as handle:
            head = handle.read(5)
    except OSError:
        return False
    if not head.startswith(_ARCHIVE_STARTS):
        return False
    from reader.loaders.webarchive import archive_kind

    return archive_kind(source) is not None


def _archive_to_pick(sources: list[str]) -> str | None:
    """The web archive named alone on the command line, whose pages are offered to
    pick from; an archive among other pages is an error."""
    archives = [source for source in sources if web_archive(source)]
    if not archives:
        return None
    if len(sources) > 1:
        from reader.loaders.names import display_name

        raise ReaderError(f"{display_name(archives[0])} is a web archive: open it on its own")
    return archives[0]


def _require_terminal() -> None:
    if not sys.stdout.isatty():
        raise ReaderError("the reader needs a terminal; use `reader extract PAGE` to print a page")


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while the reader's modules load and the app is
    built: they make tens of thousands of objects that live as long as the process,
    and collecting walked them again and again (about a tenth of start-up). What was
    made is then frozen out of the collector's sight, as the article view does with
    an article it shows."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _early_candidate(source: str) -> bool:
    """Whether ``source`` is a local page read in a child process while Textual loads
    (see ``reader.early_extract``): not a URL, standard input or the demo page."""
    from reader.locations import demo_page

    return "://" not in source and source != str(demo_page()) and os.path.isfile(source)


def _start_early(source: str, limits: Limits) -> bool:
    """Start extracting a local page in a child process before Textual loads; False
    for anything else (a URL, the demo page)."""
    if not _early_candidate(source):
        return False
    from reader import early_extract

    early_extract.start(source, limits)
    return True


def run(args: argparse.Namespace) -> int:
    ahead = bool(args.pages) and _early_candidate(args.pages[0])
    if ahead:
        from reader import early_extract

        # Its Python start and the extractor's imports overlap reading the settings.
        early_extract.spawn_ahead(args.pages[0])
    try:
        return _run(args)
    finally:
        if ahead:
            early_extract.drop_ahead()


def _run(args: argparse.Namespace) -> int:
    with _collector_paused():
        from reader import service
        from reader.config import load_settings
        from reader.models import Article

        settings = load_settings()
    pages: list[str | Article] = []
    for source in args.pages:
        check_source(source)
    if args.theme:
        check_theme(args.theme, settings.reading.user_themes)
    archive = _archive_to_pick(args.pages)
    _require_terminal()
    for source in [] if archive else args.pages:
        if source == "-":
            # Standard input is the page, so it must be read before the TUI needs the
            # keyboard; the article then opens at once.
            pages.append(service.read_article("-", settings.limits, whole_page_fallback=True))
        else:
            pages.append(source)
    if "-" in args.pages and not sys.stdin.isatty():
        _attach_terminal_to_stdin()
    first = pages[0] if pages else None
    # A local page is extracted in a child process beside Textual's start. It starts
    # before the library is opened (a few tens of milliseconds): a page never opened
    # before waits for nothing but its extraction.
    early = isinstance(first, str) and _start_early(first, settings.limits)
    with _collector_paused():
        from reader.locations import recorded
        from reader.ui.library.session import LibrarySession

        library = LibrarySession(settings)
        # A page the library holds unchanged is read back now, and its child is
        # stopped at once (it would take the second core from that start for nothing).
        held = isinstance(first, str) and recorded(first) and library.preload(first)
    if early and held:
        from reader import early_extract

        early_extract.cancel(first)  # type: ignore[arg-type]

    with _collector_paused():
        from reader.ui.app import make_app

        app = make_app(settings, pages, theme=args.theme, archive=archive, library=library)
        _prepare_graphics(settings)
    app.run()
    # Shown in the TUI at start; left on the terminal too, where it outlives the screen.
    for notice in [*app.keymap_notices, *app.config_notices]:
        print(f"reader: {notice}", file=sys.stderr)
    if app.failure:
        print(f"reader: {app.failure}", file=sys.stderr)
    return app.return_code or 0


def _prepare_graphics(settings: Settings) -> None:
    """kitty graphics or Sixel for the figure viewer, when the setting or the terminal
    asks for them: the terminal is asked what it draws now, before the app owns it."""
    from reader.images.terminal import draw_mode

    mode = draw_mode(settings.reading.images, os.environ)
    if mode in ("kitty", "sixel"):
        from reader.ui.image_viewer.graphics import prepare

        prepare(mode)
