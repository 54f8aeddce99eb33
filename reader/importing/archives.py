"""Import a WARC/WACZ web archive: every HTML capture becomes a library page.

Captures are extracted in the import's worker processes; each worker reads its own
capture by seeking in the archive, so nothing holds the whole archive in memory. The
page's source in the library is the captured URL and its capture time is kept; a
later capture of the same URL with other text updates the page (newest last).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reader.config import Limits
from reader.loaders.webarchive import Capture, list_pages, load_page
from reader.models import Article
from reader.store.db import Store
from reader.store.importer import (
    DEFAULT_JOBS,
    ImportReport,
    Outcome,
    PageResult,
    Progress,
    import_sources,
    packed_or_reason,
)
from reader.store.packed import PackedArticle

_SEP = "\x00"
"""Joins an archive path, capture key, URL and date into one import source (a NUL
never occurs in a path, so it cannot be mistaken for a file)."""


@dataclass(frozen=True, slots=True)
class ArchiveImport:
    report: ImportReport
    pages: int
    skipped_records: int
    resources: int


def capture_source(archive: Path, capture: Capture) -> str:
    when = capture.captured_at.isoformat() if capture.captured_at else ""
    parts = (str(archive), capture.payload_key, capture.url, when, capture.title)
    return _SEP.join(part.replace(_SEP, "\ufffd") for part in parts)


def split_source(source: str) -> tuple[Path, Capture]:
    archive, key, url, when, title = source.split(_SEP, 4)
    captured = datetime.fromisoformat(when) if when else None
    return Path(archive), Capture(key, url, title, captured, key)


def is_capture_source(source: str) -> bool:
    return _SEP in source


def capture_url(source: str) -> str:
    """How a capture source is named to the user and in the library: its URL."""
    return split_source(source)[1].url if is_capture_source(source) else source


def extract_capture(source: str, limits: Limits) -> tuple[PackedArticle | None, str]:
    """Runs in a worker: one capture, extracted and packed."""
    from reader.extract.pipeline import extract

    def read() -> Article:
        archive, capture = split_source(source)
        return extract(load_page(archive, capture, limits), limits)

    return packed_or_reason(read)


def import_archive(
    store: Store,
    archive: str | Path,
    *,
    jobs: int = DEFAULT_JOBS,
    limits: Limits | None = None,
    progress: Progress | None = None,
) -> ArchiveImport:
    """Add every HTML capture of ``archive``; LoadError when it is not a readable one."""
    path = Path(archive).expanduser().absolute()
    listing = list_pages(path)
    pages = sorted(listing.pages, key=lambda c: c.captured_at.isoformat() if c.captured_at else "")
    # A revisit holds no bytes of its own: its original is extracted once.
    first = {capture.payload_key: capture for capture in reversed(pages)}
    sources = [
        capture_source(path, capture) for capture in pages if first[capture.payload_key] is capture
    ]

    def on_record(source: str, result: PageResult) -> None:
        if result.article_id is None or result.outcome == Outcome.FAILED:
            return
        when = split_source(source)[1].captured_at
        # The same text captured twice keeps its first capture date.
        store.library.set_captured(
            result.article_id, when, earliest=result.outcome == Outcome.SKIPPED
        )

    report = import_sources(
        store,
        sources,
        extract=extract_capture,
        stored_source=capture_url,
        on_record=on_record,
        jobs=jobs,
        limits=limits,
        progress=progress,
    )
    return ArchiveImport(report, len(pages), listing.skipped, len(listing.resources))
