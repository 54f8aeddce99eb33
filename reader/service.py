"""load → extract → analyse → store, as plain Python (no Textual).

The CLI and the UI call these functions; the UI calls them from worker threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from reader.config import Limits, Settings
from reader.errors import ReaderError
from reader.models import Article, Incomplete

if TYPE_CHECKING:
    from reader.extract.site_rules import SiteRules
    from reader.images.sources import ImageSources
    from reader.loaders.webarchive import Capture
    from reader.store import ReanchorReport, Store
    from reader.store.images import PictureSource


def read_article(
    source: str, limits: Limits | None = None, *, whole_page_fallback: bool = False
) -> Article:
    """Load ``source`` (a path, ``-`` or an http(s) URL) and extract its article.

    With ``whole_page_fallback``, a page where no article is found comes back as the
    whole page as text (``whole_page`` set, ``incomplete`` NOTHING_FOUND) instead of
    an error; a page with no text at all is still an error.
    Raises ReaderError (one clear line) for anything unreadable."""
    from reader import early_extract

    # The page named on the command line may have been read while the TUI started.
    early = early_extract.take(source, limits or Limits())
    if early is not None and (whole_page_fallback or not early.whole_page):
        return early
    return read_page(source, limits, whole_page_fallback=whole_page_fallback)[0]


def read_page(
    source: str, limits: Limits | None = None, *, whole_page_fallback: bool = False
) -> tuple[Article, ImageSources | None]:
    """``read_article``, with where the page's pictures are on this machine (its
    folder, archive parts, data: URIs) for the figures' ``image`` references (None
    for a large page extracted in a child process: its pictures are not kept)."""
    from reader.errors import ExtractError
    from reader.extract import bounded
    from reader.extract.pipeline import extract, extract_whole_page
    from reader.loaders import load

    limits = limits or Limits()
    sites = site_rules()
    # A large page is read and extracted in a child process with hard bounds (its
    # site rules and whole-page fallback stay in this process's small-page path).
    local = source != "-" and not source.lower().startswith(("http://", "https://"))
    if local and bounded.needs_isolation_for_file(source, limits):
        return bounded.extract_bounded(limits, path=source), None
    doc = load(source, limits)
    if bounded.needs_isolation_for_text(doc, limits):
        return bounded.extract_bounded(limits, doc=doc), None
    try:
        return extract(doc, limits, sites), doc.images
    except ExtractError:
        if not whole_page_fallback:
            raise
        whole = extract_whole_page(doc, limits)
    return replace(whole, incomplete=Incomplete.NOTHING_FOUND), doc.images


def site_rules() -> SiteRules:
    """The user's per-site rules (``sites.toml`` beside the config file); a bad file
    is a ReaderError naming the rule."""
    from reader import locations
    from reader.extract.site_rules import load_site_rules

    return load_site_rules(locations.config_file().parent)


def read_whole_page(source: str, limits: Limits | None = None) -> Article:
    """The whole page at ``source`` as text (reader view off): an Article of its own,
    with the same block kinds, for a reader to show when the article looks cut.

    Reads the source again (a file or stdin copy; an http(s) URL is fetched again).
    Raises ReaderError for an unreadable page or one with no text at all."""
    from reader.extract.pipeline import extract_whole_page
    from reader.loaders import load

    limits = limits or Limits()
    return extract_whole_page(load(source, limits), limits)


def page_pictures(source: str, limits: Limits | None = None) -> ImageSources | None:
    """Where the pictures of the saved page ``source`` are, read again from the file
    (nothing is extracted); None for a URL or standard input, which are never read
    twice."""
    from reader.errors import ReaderError
    from reader.loaders import load
    from reader.store.sources import STDIN, is_url

    if source == STDIN or is_url(source):
        return None
    try:
        return load(source, limits or Limits()).images
    except (ReaderError, OSError, ValueError):
        return None


class FigurePictures:
    """Where a shown article's pictures are read from: the library's copy (by the
    library id, once known), else the saved page read again, once, on first use.
    ``read`` runs in a worker thread, never on the event loop."""

    def __init__(
        self, source: str, limits: Limits, stored: Callable[[], PictureSource | None]
    ) -> None:
        self._source = source
        self._limits = limits
        self._stored = stored
        self._page: ImageSources | None = None
        self._page_read = False
        self._lock = threading.Lock()

    def read(self, reference: str) -> bytes | None:
        stored = self._stored()
        data = stored.read(reference) if stored is not None else None
        if data is not None:
            return data
        with self._lock:
            if not self._page_read:
                self._page_read = True
                self._page = page_pictures(self._source, self._limits)
        return self._page.read(reference) if self._page is not None else None


def keep_pictures(
    store: Store, article_id: int, references: Sequence[str], source: str, limits: Limits
) -> None:
    """Copy the local pictures (``references``) of a page just stored into the
    library, from the saved page read again."""
    if store.read_only or not references:
        return
    pictures = page_pictures(source, limits)
    if pictures is not None:
        store.images.keep(article_id, references, pictures)


def settings_limits(settings: Settings | None) -> Limits:
    return settings.limits if settings else Limits()


def read_demo(settings: Settings | None = None) -> Article:
    """The built-in demo page's article, read back from the copy kept in the data
    directory while the page and the code are unchanged, else extracted (and kept)."""
    from reader import locations
    from reader.store import demo_cache

    limits = settings_limits(settings)
    page = locations.demo_page()
    folder = settings.resolved_data_dir() if settings else locations.data_dir()
    key = demo_cache.cache_key(page, limits)
    article = demo_cache.load(folder, key) if key else None
    if article is None:
        article = read_article(str(page), limits)
        if key:
            demo_cache.save(folder, key, article)
    return article


def open_article(
    source: str,
    settings: Settings | None = None,
    store: Store | None = None,
    *,
    refresh: bool = False,
    reanchored: Callable[[ReanchorReport], None] | None = None,
) -> tuple[Article, int]:
    """Open a page through the library: ``(article, library id)``.

    A file whose bytes are unchanged since it was stored is not extracted again (its
    cached Article is used, unless an older extractor made it); a URL in the library is
    read from the library, never fetched, unless ``refresh``. Anything extracted is
    recorded in the library (a changed page is updated and its notes re-anchored). A
    page with no article found opens as the whole page as text (``whole_page`` set,
    ``incomplete`` NOTHING_FOUND: show a one-line notice).
    ``reanchored`` hears how a changed page's highlights and bookmarks were placed
    again (anchored, moved, orphaned), when it had any.
    Pass the session's ``store``; without one the library is opened and closed here.
    Raises ReaderError for an unreadable page, StoreError for an unusable library."""
    from reader.store import open_library
    from reader.store.packed import figure_references
    from reader.store.sources import whole_page_base

    if store is None:
        with open_library(settings) as own:
            return open_article(source, settings, own, refresh=refresh, reanchored=reanchored)
    base = whole_page_base(source)
    if base is not None:  # an entry of the library that holds a page's whole text
        return open_whole_page(base, settings, store, refresh=refresh)
    limits = settings_limits(settings)
    cached, digest = _cached_article(store, source, limits, refresh)
    if cached is not None:
        store.articles.mark_opened(cached[1])
        return cached
    article = read_article(source, limits, whole_page_fallback=True)
    result = store.articles.add(article, source=source, raw_hash=digest)
    report = result.reanchored
    if reanchored is not None and report is not None and report.placed + report.orphaned:
        reanchored(report)
    if digest is not None and result.status == "added" and not store.read_only:
        from reader.importing.singlefile import attach_saved_annotations

        attach_saved_annotations(store, result.article_id, source, limits)
    keep_pictures(store, result.article_id, figure_references(article), source, limits)
    store.articles.mark_opened(result.article_id)
    return article, result.article_id


def open_whole_page(
    source: str, settings: Settings | None, store: Store, *, refresh: bool = False
) -> tuple[Article, int]:
    """The whole page at ``source`` as text, through the library: kept under a key of
    its own (``whole_page_key``), so notes made on it anchor in that text and the
    article's own notes stay with the article. A saved file is read again (its whole
    text is cheap to redo and a changed page re-anchors its notes); a URL comes from
    the library once it is there, never fetched again unless ``refresh``.
    Raises ReaderError for an unreadable page or one with no text at all."""
    from reader.store.sources import STDIN, is_url, whole_page_base, whole_page_key

    base = whole_page_base(source) or source
    if base == STDIN:
        raise ReaderError("standard input cannot be read again for the whole page")
    key = whole_page_key(base)
    if is_url(base) and not refresh:
        stored = store.articles.get_by_source(key)
        article = store.articles.load(stored.id) if stored else None
        if article is not None and stored is not None:
            store.articles.mark_opened(stored.id)
            return article, stored.id
    article = read_whole_page(base, settings_limits(settings))
    # No raw hash: the article's entry is the one a copy of the file must find.
    result = store.articles.add(article, source=key)
    store.articles.mark_opened(result.article_id)
    return article, result.article_id


def reopen_article(source: str, settings: Settings, store: Store) -> tuple[Article, int] | None:
    """``open_article`` when the library holds ``source`` unchanged (nothing to extract,
    nothing fetched): ``(article, library id)``, marked as opened; None when the page
    must be read again, or cannot be (``open_article`` then says why)."""
    try:
        cached, _ = _cached_article(store, source, settings_limits(settings), False)
    except (ReaderError, OSError, ValueError):
        return None
    if cached is not None:
        store.articles.mark_opened(cached[1])
    return cached


def _cached_article(
    store: Store, source: str, limits: Limits, refresh: bool
) -> tuple[tuple[Article, int] | None, str | None]:
    """The stored article for ``source`` when it can be reused, and the file's hash."""
    from pathlib import Path

    from reader.store.sources import STDIN, is_url, raw_hash

    if source == STDIN:
        return None, None
    if is_url(source):
        stored = None if refresh else store.articles.get_by_source(source)
        article = store.articles.load(stored.id) if stored else None
        return ((article, stored.id) if article and stored else None), None
    path = Path(source).expanduser()
    digest = raw_hash(path, limits.max_input_bytes) if path.is_file() else None
    if digest is None:
        return None, None
    stored = store.articles.get_by_source(source)
    if stored is None or stored.raw_hash != digest:
        stored = store.articles.get_by_raw_hash(digest)  # the same file saved elsewhere
    article = store.articles.load(stored.id) if stored else None
    return ((article, stored.id) if article and stored else None), digest


# --- web archives and the reading queue (for the TUI's picker and queue) -------------


def list_pages(archive: str, progress: Callable[[int, int], None] | None = None) -> list[Capture]:
    """The HTML captures of a WARC/WACZ archive (title, URL, capture date), in archive
    order, for a picker (``progress(records, pages)`` now and then). LoadError (one
    line) when it is not a readable archive."""
    from reader.loaders.webarchive import list_pages as listing

    return listing(archive, progress).pages


def load_page(archive: str, capture: Capture | str, settings: Settings | None = None) -> Article:
    """The article of one capture (a :class:`Capture` or its key); nothing fetched."""
    from reader.extract.pipeline import extract
    from reader.loaders.webarchive import load_page as load

    limits = settings_limits(settings)
    return extract(load(archive, capture, limits), limits)


def open_capture(
    archive: str, capture: Capture, settings: Settings | None, store: Store
) -> tuple[Article, int]:
    """Open a capture through the library: stored under its URL with its capture date,
    read back from the library when it is already there."""
    stored = store.articles.get_by_source(capture.url)
    article = store.articles.load(stored.id) if stored else None
    if article is not None and stored is not None:
        store.articles.mark_opened(stored.id)
        return article, stored.id
    article = load_page(archive, capture, settings)
    result = store.articles.add(article, source=capture.url)
    store.library.set_captured(result.article_id, capture.captured_at, earliest=True)
    store.articles.mark_opened(result.article_id)
    return article, result.article_id


def open_queued(url: str, settings: Settings | None, store: Store) -> tuple[Article, int]:
    """Open a reading-queue entry: fetched and extracted the first time (the one
    network use besides an explicit URL), from the library afterwards."""
    from reader.importing.fetch_queue import fetch_item

    item = store.queue.get(url)
    if item is None or item.article_id is not None:
        return open_article(url, settings, store)
    article_id, _ = fetch_item(store, item, settings_limits(settings))
    article = store.articles.load(article_id)
    if article is None:  # pragma: no cover - just stored by this model
        return open_article(url, settings, store, refresh=True)
    store.articles.mark_opened(article_id)
    return article, article_id
