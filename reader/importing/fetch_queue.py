"""Fetch the reading queue's pages: one when it is first opened, or all of them with
``reader import --fetch`` (one request at a time, at most one every ``interval``
seconds, each with the usual timeout and size cap). Only this fetches anything.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from reader.config import Limits
from reader.errors import ReaderError
from reader.importing.highlights import Tally, place_highlights
from reader.loaders.readlater.records import ExportHighlight
from reader.models import Article
from reader.store.db import Store
from reader.store.queue import QueueItem

DEFAULT_INTERVAL = 1.0
"""Seconds between two requests (polite to the sites, whatever their number)."""

FetchProgress = Callable[[int, int, QueueItem, str | None], None]
"""(done, in all, the entry, the failure or None)."""
Reader = Callable[[str, Limits], Article]


@dataclass(slots=True)
class FetchReport:
    fetched: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    highlights: Tally = field(default_factory=Tally)


def _read(url: str, limits: Limits) -> Article:
    from reader.service import read_article

    return read_article(url, limits)


def fetch_item(
    store: Store, item: QueueItem, limits: Limits, read: Reader = _read
) -> tuple[int, Tally]:
    """Fetch, extract and add one queued page; its tags, state and waiting highlights
    come along. Returns the article id; ReaderError when it cannot be had."""
    try:
        article = read(item.url, limits)
    except ReaderError as error:
        store.queue.failed(item.id, str(error))
        raise
    added = store.articles.add(article, source=item.url)
    store.queue.fetched(item.id, added.article_id)
    tally = Tally()
    waiting = store.notes.loose(item.url)
    if waiting:
        highlights = tuple(
            ExportHighlight(w.quote, w.note, created=w.created_at, tags=w.tags) for w in waiting
        )
        placed, tally = place_highlights(item.url, article.text, highlights)
        store.highlights.merge(added.article_id, placed)
        store.notes.drop_loose([w.id for w in waiting])
    return added.article_id, tally


def fetch_queue(
    store: Store,
    limits: Limits,
    *,
    interval: float = DEFAULT_INTERVAL,
    limit: int | None = None,
    progress: FetchProgress | None = None,
    read: Reader = _read,
    sleep: Callable[[float], None] = time.sleep,
) -> FetchReport:
    """Fetch every queued page not fetched yet (failed ones are tried again)."""
    store.require_writable()
    pending = store.queue.pending(limit)
    report = FetchReport()
    last = None
    for done, item in enumerate(pending, 1):
        if last is not None:
            wait = interval - (time.monotonic() - last)
            if wait > 0:
                sleep(wait)
        last = time.monotonic()
        error: str | None = None
        try:
            _, tally = fetch_item(store, item, limits, read)
            report.fetched += 1
            report.highlights.add(tally)
        except ReaderError as failure:
            error = str(failure)
            report.failed.append((item.url, error))
        if progress is not None:
            progress(done, len(pending), item, error)
    return report
