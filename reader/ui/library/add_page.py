"""Adding a page to the library: asking for a saved file's path or an http(s) URL,
then reading it in.

What can be checked at once (a missing file, a directory, an unsupported scheme) is
said under the input, without closing; the page is read afterwards, off the event
loop, by whoever asked.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import ReaderError
from reader.loaders.source_check import check_source
from reader.sanitize import clean_line
from reader.ui.dialogs.text_prompt import TextPrompt

if TYPE_CHECKING:
    from reader.config import Settings
    from reader.ui.library.session import LibrarySession


def checked_source(text: str) -> str:
    """The page the user typed, ready to read; ReaderError (one line) when it cannot be."""
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


def add_to_library(
    session: LibrarySession, settings: Settings, source: str
) -> tuple[int, str, bool]:
    """Read ``source`` into the library (a worker's job): its id, its title, and
    whether it was there already (then nothing is read)."""
    from reader import service

    store = session.store
    if store is None:
        raise ReaderError(session.problem or "the library cannot be used")
    known = store.articles.find(source)
    if known is not None:
        return known.id, known.entry.display_title, True
    article, article_id = service.open_article(source, settings, store)
    return article_id, clean_line(article.title).strip() or clean_line(source), False
