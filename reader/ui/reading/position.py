"""The reading screen's side of the library: pages are opened through it (so they are
recorded, and a known page reopens without being extracted again), and the reading
position of the page on screen is kept in it.

The position is a text anchor (``reader.anchoring.point_anchor`` at the offset shown at
the top of the view), so it resumes at the same passage whatever the terminal width.
It is written a moment after scrolling stops (in a thread worker), and when the page
is left or the app ends.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from reader import service
from reader.anchoring import TextAnchor, TextIndex, point_anchor
from reader.errors import LoadError, StoreError
from reader.locations import demo_page, recorded
from reader.models import Article
from reader.sanitize import clean_line
from reader.store.sources import whole_page_base
from reader.ui.reading.whole_page import progress_cap

if TYPE_CHECKING:
    from textual.timer import Timer

    from reader.config import Settings
    from reader.store import ReanchorReport, Store
    from reader.store.images import PictureSource
    from reader.ui.article_view.view import ArticleView
    from reader.ui.library.session import LibrarySession

SAVE_DELAY = 1.0
"""Seconds after scrolling stops before the position is written."""


@dataclass(frozen=True, slots=True)
class Opened:
    """A page read through the library."""

    article_id: int
    offset: int | None
    """Where reading resumes (None: from the top)."""
    progress: float


@dataclass(frozen=True, slots=True)
class Place:
    """Where the reader is in the page on screen."""

    offset: int
    progress: float


def resume_offset(store: Store, article_id: int, article: Article) -> Opened:
    stored = store.articles.get(article_id)
    if stored is None:
        return Opened(article_id, None, 0.0)
    offset = None
    if stored.position is not None:
        offset = TextIndex(article.text).locate_point(stored.position)
    return Opened(article_id, offset, stored.entry.progress)


def stored_copy(store: Store, source: str) -> tuple[Article, int] | None:
    """The library's copy of a page whose file is gone (moved, deleted, unmounted)."""
    entry = store.articles.get_by_source(source)
    article = store.articles.load(entry.id) if entry else None
    return (article, entry.id) if article is not None and entry is not None else None


def _read_outside_library(source: str, settings: Settings) -> Article:
    """A page read without the library (standard input, the demo, a library that
    cannot be used); a whole-page key reads its page's whole text."""
    base = whole_page_base(source)
    if base is not None:
        return service.read_whole_page(base, settings.limits)
    return service.read_article(source, settings.limits, whole_page_fallback=True)


class LibraryControl:
    """Bound to one reading screen."""

    def __init__(
        self, view: ArticleView, session: LibrarySession | None, settings: Settings
    ) -> None:
        self.view = view
        self.session = session
        self.settings = settings
        self._opened: dict[str, Opened] = {}
        self._opened_lock = threading.Lock()
        self.article_id: int | None = None
        """The library id of the page on screen (None: not in the library)."""
        self._article: Article | None = None
        self._saved: Place | None = None
        """The place last written (or read back when the page opened)."""
        self._place: Place | None = None
        """The place now, as of the last scroll."""
        self._laid_out = False
        self._resuming = False
        self._timer: Timer | None = None
        self._write_lock = threading.Lock()
        self._requested = 0
        self._written = 0
        self._warned = False

    # --- opening (worker threads) ---------------------------------------------------

    def read(self, source: str) -> Article:
        """Read ``source`` through the library when there is one. Runs in a worker."""
        settings = self.settings
        session = self.session
        if source == str(demo_page()):
            return service.read_demo(settings)
        store = session.store if session is not None and recorded(source) else None
        if store is None:
            return _read_outside_library(source, settings)
        try:
            preloaded = session.take_preloaded(source) if session is not None else None
            article, article_id = preloaded or service.open_article(
                source, settings, store, reanchored=self._reanchored
            )
        except LoadError:
            copy = stored_copy(store, source)
            if copy is None:
                raise
            article, article_id = copy
            self._notify(f"Showing the library's copy: {clean_line(source)} is gone.")
        except StoreError as error:
            self._warn(f"The page is not recorded in the library: {error}")
            return _read_outside_library(source, settings)
        opened = resume_offset(store, article_id, article)
        with self._opened_lock:
            self._opened[source] = opened
        return article

    def pictures(self, source: str) -> service.FigurePictures:
        """Where the figures of ``source`` are drawn from: the library's copy of its
        pictures when it has one, else the saved page. Read in worker threads."""
        with self._opened_lock:
            opened = self._opened.get(source)
        article_id = opened.article_id if opened is not None else None
        session = self.session

        def stored() -> PictureSource | None:
            # In a worker: opening the library is never the first paint's business.
            store = session.store if session is not None and article_id is not None else None
            return store.images.sources(article_id) if store is not None else None

        page = whole_page_base(source) or source
        return service.FigurePictures(page, self.settings.limits, stored)

    def _reanchored(self, report: ReanchorReport) -> None:
        self._notify(f"The page changed since it was saved; its notes: {report.line()}.")

    def _notify(self, text: str) -> None:
        self.view.notify(clean_line(text), timeout=6, markup=False)

    def _warn(self, text: str) -> None:
        if not self._warned:
            self._warned = True
            self.view.notify(clean_line(text), severity="warning", timeout=8, markup=False)

    # --- the page on screen (event loop) ---------------------------------------------

    def enter(self, source: str, article: Article, *, resume: bool = True) -> None:
        """``article`` is now shown; unless told otherwise, go back to where the reader
        left it last time."""
        with self._opened_lock:
            opened = self._opened.get(source)
            if opened is not None and opened.offset is not None:
                self._opened[source] = Opened(opened.article_id, None, opened.progress)
        self._article = article
        self._laid_out = False
        self._resuming = False
        self.article_id = opened.article_id if opened is not None else None
        if opened is None:
            self._saved = self._place = None
            return
        self._saved = self._place = Place(opened.offset or 0, opened.progress)
        if resume and opened.offset:
            # The view keeps the scroll until it is laid out that far.
            self._resuming = True
            self.view.scroll_to_offset(opened.offset)

    def moved(self) -> None:
        """The view scrolled: write the position once scrolling stops."""
        if self.article_id is None:
            return
        if self._resuming:
            # The stored place stays the place until the reader moves: reopening and
            # closing a page must not creep its position by a line each time. The
            # view's own moves while it gets to the resumed place are not the reader's.
            if self._resume_settling():
                return
            self._resuming = False
        self._place = self.place() or self._place
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.view.set_timer(SAVE_DELAY, self._save_in_background)

    def _resume_settling(self) -> bool:
        view = self.view
        saved = self._saved
        if saved is None or view.article is not self._article:
            return False
        return view.scroll_pending or view.top_offset() == view.top_offset_for(saved.offset)

    def layout_ready(self) -> None:
        """The whole article is laid out: the scroll position now measures progress."""
        self._laid_out = True
        if self.article_id is not None and not self._resuming and self._place != self._saved:
            self._place = self.place() or self._place

    def save_now(self) -> None:
        """Write the position at once (the screen is being covered or closed)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        request = self._request()
        if request is not None:
            self._write(*request)

    def leave(self) -> None:
        """The page is being left for another one, or the screen is closing."""
        self.save_now()
        self.article_id = None
        self._article = None
        self._place = None

    def place(self) -> Place | None:
        """Where the reader is in the page on screen. Progress is the scroll position
        (as the header shows it) once the article is laid out; before, the share of
        the text above the bottom of the view."""
        article = self._article
        view = self.view
        if article is None or view.article is not article or not view.is_mounted:
            return None
        top = view.top_offset()
        if self._laid_out:
            maximum = view.max_scroll_y
            progress = 1.0 if maximum <= 0 else view.scroll_y / maximum
        else:
            bottom = view.offset_at(max(0, view.scrollable_content_region.height - 1))
            progress = bottom / len(article.text) if article.text else 1.0
        # The library keeps what the header shows: a cut article is never all read.
        return Place(top, min(progress_cap(article), max(0.0, progress)))

    def _request(self) -> tuple[int, int, TextAnchor, float] | None:
        """A numbered write of the current place, or None when there is nothing new."""
        article, place = self._article, self._place
        if self.article_id is None or article is None:
            return None
        if place is None or place == self._saved:
            return None
        self._saved = place
        self._requested += 1
        anchor = point_anchor(article.text, place.offset)
        return self._requested, self.article_id, anchor, place.progress

    def _save_in_background(self) -> None:
        self._timer = None
        request = self._request()
        if request is None:
            return
        self.view.run_worker(
            partial(self._write, *request),
            thread=True,
            group="reading-position",
            exit_on_error=False,
            name="save reading position",
        )

    def _write(self, number: int, article_id: int, anchor: TextAnchor, progress: float) -> None:
        session = self.session
        store = session.store if session is not None else None
        if store is None:
            return
        # Writes may finish out of order (a worker, then the one at exit): never let an
        # older position overwrite a newer one.
        with self._write_lock:
            if number <= self._written:
                return
            try:
                store.articles.save_position(article_id, anchor, progress)
            except StoreError as error:
                self._warn(f"Cannot save the reading position: {error}")
                return
            self._written = number
