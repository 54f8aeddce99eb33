"""Moving between the library and the reading screen.

The screen stack stays shallow: the library is at most once in it, and a page opened
from the library is read on a screen of its own right above it, so going back (or
``L``) returns to the library as it was left.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from textual.app import App
from textual.screen import Screen

if TYPE_CHECKING:
    from reader.ui.library.screen import LibraryScreen


def _library_class() -> type[LibraryScreen] | None:
    """The library screen's class once its module is loaded: until then no library
    screen exists, and asking must not load it (the footer asks on every key refresh,
    from the first frames on)."""
    module = sys.modules.get("reader.ui.library.screen")
    return getattr(module, "LibraryScreen", None)


def _library_index(app: App[object]) -> int | None:
    library = _library_class()
    if library is None:
        return None
    for index, screen in enumerate(app.screen_stack):
        if isinstance(screen, library):
            return index
    return None


def library_below(app: App[object], screen: Screen[object]) -> bool:
    """Is there a library under ``screen`` to go back to?"""
    stack = app.screen_stack
    index = _library_index(app)
    return index is not None and screen in stack and index < stack.index(screen)


def reading_below(app: App[object], library: LibraryScreen) -> bool:
    """Was the library opened from a page (which it can go back to)?"""
    from reader.ui.reading.screen import ReadingScreen

    stack = app.screen_stack
    if library not in stack:
        return False
    below = stack[: stack.index(library)]
    return any(isinstance(screen, ReadingScreen) for screen in below)


def library_hidden(app: App[object]) -> bool:
    """The library key means nothing here (already in it)."""
    library = _library_class()
    return library is not None and isinstance(app.screen, library)


def show_library(app: App[object]) -> None:
    """The library: the one under the current page, else a new one on top."""
    from reader.ui.library.screen import LibraryScreen
    from reader.ui.reading.screen import ReadingScreen

    leaving = app.screen
    if isinstance(leaving, ReadingScreen):
        # Written now, so the library lists this page's progress as it is.
        leaving.library.save_now()
    index = _library_index(app)
    if index is not None:
        while len(app.screen_stack) > index + 1:
            app.pop_screen()
        return
    session = getattr(app, "library", None)
    settings = getattr(app, "settings", None)
    if session is None or settings is None:
        return
    app.push_screen(LibraryScreen(settings, session))


def read_from_library(app: App[object], source: str) -> None:
    """Read a library article on a new reading screen above the library."""
    from reader.ui.reading.screen import ReadingScreen

    settings = getattr(app, "settings", None)
    if settings is None:
        return
    app.push_screen(ReadingScreen([source], settings))
