"""Where the library and the reading screens stand in the screen stack.

The stack stays shallow: the library is at most once in it, and a page opened from
the library is read on a screen of its own right above it, so going back (or ``L``)
returns to the library as it was left. The moves themselves are the App's
(``ReaderApp.show_library``, asked for with :mod:`reader.ui.messages`); this module
only answers questions about the stack, by each screen's ``KIND``, so asking never
imports (nor loads) a screen's module: the footer asks on every key refresh.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol


class ScreenKind(StrEnum):
    READING = "reading"
    LIBRARY = "library"
    ARCHIVE = "archive"
    """A web archive's page picker."""


class _Stacked(Protocol):
    @property
    def screen(self) -> object: ...
    @property
    def screen_stack(self) -> list[object]: ...


def kind(screen: object) -> ScreenKind | None:
    """What ``screen`` is, as its class declares it (None for dialogs and the like)."""
    return getattr(type(screen), "KIND", None)


def library_index(app: _Stacked) -> int | None:
    for index, screen in enumerate(app.screen_stack):
        if kind(screen) is ScreenKind.LIBRARY:
            return index
    return None


def library_below(app: _Stacked, screen: object) -> bool:
    """Is there a library under ``screen`` to go back to?"""
    stack = app.screen_stack
    index = library_index(app)
    return index is not None and screen in stack and index < stack.index(screen)


def reading_below(app: _Stacked, library: object) -> bool:
    """Was the library opened from a page (which it can go back to)?"""
    stack = app.screen_stack
    if library not in stack:
        return False
    return any(kind(screen) is ScreenKind.READING for screen in stack[: stack.index(library)])


def picker_below(app: _Stacked, screen: object) -> bool:
    """Is ``screen`` right above a web archive's picker (back goes to it)?"""
    stack = app.screen_stack
    if screen not in stack:
        return False
    index = stack.index(screen)
    return index > 0 and kind(stack[index - 1]) is ScreenKind.ARCHIVE


def library_hidden(app: _Stacked) -> bool:
    """The library key means nothing here (already in it)."""
    return kind(app.screen) is ScreenKind.LIBRARY
