"""Search on the reading screen: the bar, the matches and the view's "search" overlay.

Incremental like vim's ``incsearch``: every key typed highlights all matches and
jumps to the first one after where the search started; Esc puts the view back.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from reader.sanitize import clean_line
from reader.search import find
from reader.search_matches import SearchMatches
from reader.ui.article_view.view import ArticleView
from reader.ui.widgets.search_bar import SearchBar

Notify = Callable[[str], None]
"""Tells the reader something in one line of plain text."""

LAYER = "search"


class SearchController:
    """The query in force and its matches, shown in ``view`` and counted in ``bar``."""

    def __init__(self, view: ArticleView, bar: SearchBar, notify: Notify) -> None:
        self.view = view
        self.bar = bar
        self.notify = notify
        self.matches = SearchMatches()
        self._origin: int | None = None
        """Where the view was when the bar opened (Esc goes back there)."""
        self._held: list[bool] = []
        """n/N (forward?) pressed while the query typed before them was on its way."""

    @property
    def active(self) -> bool:
        """A query is in force (its matches are highlighted)."""
        return bool(self.matches.query)

    def start(self) -> None:
        if self.view.article is None:
            return
        if self.bar.open():
            self._origin = self.view.top_offset()

    def _search(self, text: str, query: str) -> None:
        """Find ``query`` in everything the view shows: the article's text, and the
        text shown beside it (link groups, member lists, alt text)."""
        shown = self.view.shown_text
        if shown is None or not query:
            self.matches.search(text, query)
            return
        self.matches.use(query, [*find(text, query), *shown.find(query)], shown.position)

    def changed(self, query: str) -> None:
        article = self.view.article
        if article is None:
            return
        self._search(article.text, query)
        self.matches.first_from(self._origin if self._origin is not None else 0)
        self._show(jump=True)

    def carry(self, query: str) -> bool:
        """Go on with a search made elsewhere (the library's): its matches are
        highlighted and ``n``/``N`` step through them, from the first. A phrase not in
        the text as a whole falls back to its longest word found. False: no match."""
        article = self.view.article
        words = sorted(query.split(), key=len, reverse=True)
        if article is None or not words:
            return False
        for candidate in (" ".join(query.split()), *words):
            self._search(article.text, candidate)
            if self.matches:
                self.matches.first_from(0)
                self._show(jump=True)
                return True
        self.matches.clear()
        return False

    def hold(self, forward: bool) -> bool:
        """Keep an n/N that comes while the query typed just before it is on its way
        ("/word⏎n" in one burst): True when held, to step once the query is in force."""
        if not self.bar.submitting:
            return False
        self._held.append(forward)
        return True

    def submitted(self, query: str) -> None:
        self.bar.submitting = False
        self._origin = None
        held, self._held = self._held, []
        if not query:
            self.reset()
        self.view.focus()
        if query and not held and self.matches.wrapped:
            self._say_wrapped(forward=True)
        if query:
            for forward in held:
                # The view may not have reached the first match yet: step from it.
                self.step(forward, from_current=True)

    def cancelled(self) -> None:
        origin = self._origin
        self.reset()
        if origin is not None:
            self.view.scroll_to_offset(origin)

    def step(self, forward: bool, *, from_current: bool = False) -> None:
        """The next (previous) match: from the current one while it is on screen (or
        ``from_current``: the view is still on its way there), else from the screen."""
        if not self.matches.query:
            self.notify("No search yet: press / to search.")
            return
        if not self.matches:
            query = clean_line(self.matches.query)
            self.notify(f"No match for {query!r}.")
            return
        view = self.view
        current = self.matches.current_position
        top = view.top_offset()
        # Where the first row below the screen starts (the end: nothing is below).
        below = (
            sys.maxsize
            if view.scroll_offset.y >= view.max_scroll_y
            else max(top + 1, view.offset_at(view.scrollable_content_region.height))
        )
        # Step from the current match while it is on screen; after scrolling away, from
        # what is on screen now (as less and vim do).
        on_screen = current is not None and (from_current or top <= current < below)
        self.matches.step(forward, anchor=None if on_screen else (top if forward else below))
        self._show(jump=True)
        if self.matches.wrapped:
            self._say_wrapped(forward)

    def _say_wrapped(self, forward: bool) -> None:
        """As vim's "search hit BOTTOM, continuing at TOP"."""
        self.notify("Search wrapped to top." if forward else "Search wrapped to bottom.")

    def _show(self, *, jump: bool) -> None:
        self.view.set_overlay(LAYER, self.matches.overlay())
        self.bar.set_count(self.matches.current + 1, len(self.matches))
        current = self.matches.current_span
        if jump and current is not None:
            self.view.scroll_to_offset(current.start, center=True)

    def reset(self) -> None:
        """Forget the query, clear the highlights and close the bar."""
        self.matches.clear()
        self._origin = None
        self._held.clear()
        self.bar.submitting = False
        view = self.view
        if not view.is_mounted:
            return
        view.clear_overlay(LAYER)
        self.bar.close()
        focused = view.screen.focused
        if focused is None or self.bar in focused.ancestors_with_self:
            view.focus()
