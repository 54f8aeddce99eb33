"""Import a read-later export into the library.

Items that carry their article (Omnivore, wallabag) are extracted (in worker
processes) and added with their tags, dates, state and highlights, anchored in the
extracted text. Link-only items (Pocket, Instapaper, Raindrop) join the reading
queue; highlights they carry wait, as loose highlights, for their page to be fetched.
Readwise highlights are attached to the library article with the same URL (or, lacking
a URL, the same title) and kept loose otherwise.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path

from reader.config import Limits
from reader.errors import ReaderError
from reader.importing.highlights import Tally, highlight_uid, place_highlights
from reader.loaders.readlater import Export, ExportItem, read_export
from reader.models import Article
from reader.store.all_notes import LooseHighlight
from reader.store.db import Store
from reader.store.highlights import merge_highlights
from reader.store.importer import DEFAULT_JOBS, packed_or_reason, worker_pool
from reader.store.library import add_tags, set_state
from reader.store.packed import PackedArticle
from reader.store.queue import QueueItem
from reader.store.records import AddStatus

ExportProgress = Callable[[int, int, str], None]
"""(items done, items in all, the item's URL)."""
_CHUNK = 8


@dataclass(slots=True)
class ExportReport:
    kind: str
    items: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    queued: int = 0
    already_queued: int = 0
    loose: int = 0
    highlights: Tally = field(default_factory=Tally)
    failed: list[tuple[str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    skipped: int = 0

    def lines(self) -> list[str]:
        out = [
            f"{self.kind} export: {self.items} items: added {self.added}, updated "
            f"{self.updated}, unchanged {self.unchanged}, queued {self.queued}"
            + (f" ({self.already_queued} already queued)" if self.already_queued else "")
            + f", failed {len(self.failed)}, skipped {self.skipped}"
        ]
        if self.highlights.total or self.loose:
            out.append(
                f"highlights: {self.highlights.line()}"
                + (f", {self.loose} kept without their article" if self.loose else "")
            )
        return out


def extract_content(task: tuple[str, str], limits: Limits) -> tuple[PackedArticle | None, str]:
    """Runs in a worker: the article in a service's saved HTML."""
    from reader.extract.pipeline import extract
    from reader.loaders.document import document_from_bytes
    from reader.loaders.names import display_name
    from reader.loaders.sniff import Format

    url, html = task

    def read() -> Article:
        document = document_from_bytes(
            html.encode("utf-8", "surrogatepass"),
            source=url,
            name=display_name(url),
            filename="",
            limits=limits,
            hint=Format.HTML,
            page_url=url,
        )
        return extract(document, limits)

    return packed_or_reason(read)


def _extracted(
    items: list[ExportItem], limits: Limits, jobs: int
) -> Iterator[tuple[ExportItem, tuple[PackedArticle | None, str]]]:
    """Each item with its extraction, in order, a few at a time per worker."""
    executor: Executor = worker_pool(jobs)
    try:
        for start in range(0, len(items), _CHUNK * max(jobs, 1)):
            batch = items[start : start + _CHUNK * max(jobs, 1)]
            tasks = [(item.url, item.content_html or "") for item in batch]
            futures = [executor.submit(extract_content, task, limits) for task in tasks]
            for item, future in zip(batch, futures, strict=True):
                yield item, future.result()
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _store_extras(
    conn: sqlite3.Connection,
    article_id: int,
    item: ExportItem,
    fresh: bool,
) -> None:
    add_tags(conn, article_id, item.tags)
    set_state(
        conn,
        article_id,
        is_read=item.is_read or None,
        archived=item.archived or None,
        starred=item.starred or None,
    )
    if fresh and item.added_at is not None:
        conn.execute(
            "UPDATE articles SET added_at = ? WHERE id = ?",
            (item.added_at.isoformat(timespec="milliseconds"), article_id),
        )


def import_export(
    store: Store,
    path: str | Path,
    *,
    jobs: int = DEFAULT_JOBS,
    limits: Limits | None = None,
    progress: ExportProgress | None = None,
) -> ExportReport:
    """Bring the export at ``path`` into the library (LoadError when it is none)."""
    store.require_writable()
    limits = limits or Limits()
    export = read_export(path, limits)
    report = ExportReport(export.kind, items=len(export.items))
    report.problems, report.skipped = list(export.problems), export.skipped
    if export.kind == "readwise":
        _attach_readwise(store, export, report, progress)
        return report
    with_content = [item for item in export.items if item.content_html]
    links = [item for item in export.items if not item.content_html]
    extracted = _extracted(with_content, limits, jobs)
    for done, (item, (packed, reason)) in enumerate(extracted, 1):
        if packed is None:
            report.failed.append((item.url, reason))
        else:
            _store_article(store, item, packed, report)
        if progress is not None:
            progress(done, len(export.items), item.url)
    if links:
        added, known = store.queue.add([_queue_item(item, export.kind) for item in links])
        report.queued, report.already_queued = added, known
        loose = [_loose(item, h, export.kind) for item in links for h in item.highlights]
        report.loose += store.notes.add_loose(loose) if loose else 0
        if progress is not None:
            progress(len(export.items), len(export.items), "")
    return report


def _store_article(
    store: Store, item: ExportItem, packed: PackedArticle, report: ExportReport
) -> None:
    try:
        added = store.articles.add(packed, source=item.url)
    except ReaderError as error:
        report.failed.append((item.url, str(error)))
        return
    status = added.status
    if status == AddStatus.ADDED:
        report.added += 1
    elif status == AddStatus.UPDATED:
        report.updated += 1
    else:
        report.unchanged += 1
    text = packed.text if status != AddStatus.DUPLICATE else store.articles.text(added.article_id)
    placed, tally = place_highlights(item.url, text or "", item.highlights)
    report.highlights.add(tally)

    def work(conn: sqlite3.Connection) -> None:
        # Tags, state and highlights in one transaction: one sync per item, not three.
        _store_extras(conn, added.article_id, item, status == AddStatus.ADDED)
        if placed:
            merge_highlights(conn, added.article_id, placed)

    store.write(work)


def _queue_item(item: ExportItem, origin: str) -> QueueItem:
    return QueueItem(
        url=item.url,
        title=item.title,
        tags=item.tags,
        added_at=item.added_at,
        origin=origin,
        is_read=item.is_read,
        archived=item.archived,
        starred=item.starred,
    )


def _loose(item: ExportItem, highlight: object, origin: str) -> LooseHighlight:
    from reader.loaders.readlater.records import ExportHighlight
    from reader.store.rows import to_time_required

    assert isinstance(highlight, ExportHighlight)
    return LooseHighlight(
        id=0,
        uid=highlight_uid(item.url or item.title, highlight),
        url=item.url,
        title=item.title,
        quote=highlight.quote,
        note=highlight.note,
        tags=highlight.tags,
        origin=origin,
        created_at=highlight.created or to_time_required(""),
    )


def _attach_readwise(
    store: Store, export: Export, report: ExportReport, progress: ExportProgress | None
) -> None:
    """Highlights grouped by their document, attached where the library has it."""
    groups: dict[tuple[str, str], list[ExportItem]] = {}
    for item in export.items:
        groups.setdefault((item.url, item.title if not item.url else ""), []).append(item)
    done = 0
    loose: list[LooseHighlight] = []
    for (url, title), items in groups.items():
        done += len(items)
        article_id = _find_article(store, url, title)
        text = store.articles.text(article_id) if article_id is not None else None
        highlights = tuple(h for item in items for h in item.highlights)
        if article_id is None or text is None:
            loose.extend(_loose(item, h, export.kind) for item in items for h in item.highlights)
            continue
        placed, tally = place_highlights(url or title, text, highlights)
        report.highlights.add(tally)
        store.highlights.merge(article_id, placed)
        store.library.add_tags(article_id, items[0].tags)
        if progress is not None:
            progress(done, len(export.items), url or title)
    if loose:
        report.loose = store.notes.add_loose(loose)


def _find_article(store: Store, url: str, title: str) -> int | None:
    if url:
        stored = store.articles.get_by_source(url)
        return stored.id if stored else None
    if not title.strip():
        return None
    row = store.fetchone(
        "SELECT id FROM articles WHERE deleted_at IS NULL AND title = ? ORDER BY id LIMIT 1",
        (title.strip(),),
    )
    return int(row[0]) if row else None
