"""The whole page as text, for an article that looks cut.

When the extraction looks incomplete (``Article.incomplete``) the header says so and
``W`` shows the whole page as text (reader view off) on the same screen, with the
same keys, search and notes; ``W`` again goes back to the article. The whole page is
opened under a library key of its own (``whole_page_key``), so notes made on it are
kept against its text, not the article's.
"""

from __future__ import annotations

from collections.abc import Callable

from reader.history import History
from reader.models import Article, Incomplete
from reader.store.sources import STDIN, whole_page_base, whole_page_key

PARTIAL_LABEL = "partial article?"
WHOLE_PAGE_LABEL = "whole page"
CUT_PROGRESS = 0.99
"""The most an article known to be cut is said to be read: never "100%"."""
NOTHING_FOUND_NOTICE = "No article found on this page: showing the whole page as text."


def view_label(article: Article | None) -> str:
    """What the header says about the text shown: the whole page, a partial article,
    or nothing for an article that looks whole."""
    if article is None:
        return ""
    if article.whole_page:
        return WHOLE_PAGE_LABEL
    return PARTIAL_LABEL if article.incomplete is not None else ""


def progress_cap(article: Article | None) -> float:
    """The highest reading progress to show for ``article``."""
    if article is not None and article.incomplete is not None and not article.whole_page:
        return CUT_PROGRESS
    return 1.0


def opening_notice(article: Article) -> str | None:
    """The one line to show when ``article`` opens, if any."""
    if article.incomplete is Incomplete.NOTHING_FOUND:
        return NOTHING_FOUND_NOTICE
    return None


class WholePageSwitch:
    """``W``: from an article to its page's whole text and back."""

    def __init__(
        self,
        history: History,
        open_page: Callable[[str], None],
        back: Callable[[], None],
        say: Callable[[str], None],
    ) -> None:
        self._history = history
        self._open_page = open_page
        self._back = back
        self._say = say

    def toggle(self, source: str, article: Article | None) -> None:
        if article is None:
            return
        base = whole_page_base(source)
        if base is not None:
            last = list(self._history)[-1:] if self._history else []
            if last and last[0].source == base:
                self._back()  # where the article was left
            else:
                self._open_page(base)
            return
        if article.whole_page:
            self._say("This is the whole page: no article was found on it.")
            return
        if source in ("", STDIN):
            self._say("Standard input cannot be read again for the whole page.")
            return
        self._open_page(whole_page_key(source))
        self._say("The whole page as text (reader view off); the same key goes back.")
