"""Asking for a page to add to the library: a saved file's path or an http(s) URL.

What can be checked at once (a missing file, a directory, an unsupported scheme) is
said under the input, without closing; the page is read afterwards, off the event
loop, by whoever asked.
"""

from __future__ import annotations

from pathlib import Path

from reader.errors import ReaderError
from reader.ui.screens.text_prompt import TextPrompt


def checked_source(text: str) -> str:
    """The page the user typed, ready to read; ReaderError (one line) when it cannot be."""
    from reader.commands.read import check_source

    source = text.strip()
    if not source:
        raise ReaderError("type a file path or an http(s) URL")
    if source == "-":
        raise ReaderError("standard input cannot be added from here")
    if source.startswith("~"):
        source = str(Path(source).expanduser())
    check_source(source)
    return source


def add_page_prompt(*, cursor_blink: bool = True) -> TextPrompt:
    """Dismisses with the page to add, or None when cancelled."""
    return TextPrompt(
        "Add a page to the library",
        "A saved page (HTML, MHTML, text, Markdown) or an http(s) URL.",
        placeholder="path or URL",
        check=checked_source,
        select=False,
        cursor_blink=cursor_blink,
    )
