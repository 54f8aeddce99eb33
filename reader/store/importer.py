"""Add many pages to the library, extracting in parallel worker processes.

Extraction (CPU-bound, in lxml and readability) runs in a process pool; the parent
process alone writes to the library, one transaction per page. Pages already in the
library (same file bytes, or same article text) are skipped. A page that fails — even
one that crashes or hangs its worker — is reported and the batch goes on.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from reader.config import Limits
from reader.errors import ReaderError
from reader.loaders.files import special_kind
from reader.models import Article
from reader.store.db import Store
from reader.store.packed import PackedArticle
from reader.store.records import AddStatus
from reader.store.sources import STDIN, is_url, normalize_source, raw_hash

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".mhtml", ".mht", ".txt", ".md", ".markdown", ".gz")
"""Files taken when a directory is walked (files named explicitly are always taken)."""
TEST_CASE_PAGE = "source.html"
"""In a folder holding this file (a test-corpus case), the other files are its expected
outputs, not pages."""
DEFAULT_JOBS = 2
JOBS_PER_CORE = 4
MAX_JOBS = 64
_PRELOAD = ["reader.service", "reader.extract.pipeline", "reader.loaders"]


class Outcome(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    """Already in the library with other text: refreshed, notes re-anchored."""
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class PageResult:
    source: str
    outcome: Outcome
    article_id: int | None = None
    title: str = ""
    reason: str = ""
    """Why it was skipped or failed (one line)."""


@dataclass(slots=True)
class ImportReport:
    results: list[PageResult] = field(default_factory=list)

    def of(self, outcome: Outcome) -> list[PageResult]:
        return [r for r in self.results if r.outcome == outcome]

    @property
    def failed(self) -> list[PageResult]:
        return self.of(Outcome.FAILED)


Progress = Callable[[int, int, PageResult], None]
"""Called after each page with (pages done, pages in all, what happened to it)."""


# --- finding pages -----------------------------------------------------------------


def collect_pages(arguments: Sequence[str]) -> tuple[list[str], list[PageResult]]:
    """Expand directories into page files. Returns the pages (each once, in order) and
    a failure for each argument that does not exist."""
    pages: list[str] = []
    missing: list[PageResult] = []
    seen: set[str] = set()

    def take(source: str) -> None:
        key = normalize_source(source)
        if key not in seen:
            seen.add(key)
            pages.append(source)

    for argument in arguments:
        if argument == STDIN or is_url(argument):
            take(argument)
            continue
        path = Path(argument).expanduser()
        if path.is_dir():
            for found in walk_pages(path):
                take(str(found))
        elif path.is_file():
            take(str(path))
        elif path.exists():  # a pipe or a device would block the reader
            kind = special_kind(path.stat().st_mode) or "not a regular file"
            reason = f"{kind}, not a regular file" if kind.startswith("a ") else kind
            missing.append(PageResult(argument, Outcome.FAILED, reason=reason))
        else:
            missing.append(PageResult(argument, Outcome.FAILED, reason="no such file or directory"))
    return pages, missing


def walk_pages(top: Path) -> Iterable[Path]:
    """The page files in a folder and its subfolders, in a stable order."""
    for folder, dirs, files in os.walk(top, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if TEST_CASE_PAGE in files:
            names = [TEST_CASE_PAGE]
        else:
            names = [
                name
                for name in sorted(files)
                if not name.startswith(".") and name.lower().endswith(PAGE_SUFFIXES)
            ]
        for name in names:
            if (Path(folder) / name).is_file():
                yield Path(folder) / name


# --- extraction in workers -------------------------------------------------------


def packed_or_reason(read: Callable[[], Article]) -> tuple[PackedArticle | None, str]:
    """Runs in a worker: the article ``read`` makes, packed for storing, or None and one
    line saying why not (one bad page must not stop a batch)."""
    try:
        return PackedArticle.of(read()), ""
    except ReaderError as error:
        return None, str(error)
    except RecursionError:
        return None, "the page is nested too deeply"
    except MemoryError:
        return None, "the page needs too much memory"
    except Exception as error:
        return None, f"internal error in extraction ({type(error).__name__}: {error})"


def extract_page(source: str, limits: Limits) -> tuple[PackedArticle | None, str]:
    """Runs in a worker: the page at ``source``, packed for storing."""
    from reader.service import read_article

    return packed_or_reason(lambda: read_article(source, limits))


class _InlineExecutor(Executor):
    """Runs each task at once in this process: `--jobs 1` takes the same path."""

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def, override]
        future: Future[object] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:  # handed over in the future
            future.set_exception(error)
        return future


def ignore_interrupts() -> None:
    """In a worker process: ctrl+c is the parent's to handle (it kills its workers), so
    a worker never prints a KeyboardInterrupt traceback of its own."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def max_jobs(cores: int | None = None) -> int:
    """The most worker processes an import starts: four per core, at most 64 (each
    takes tens of MB and extraction is CPU-bound, so more only thrash)."""
    return max(1, min(JOBS_PER_CORE * (cores or usable_cores()), MAX_JOBS))


def usable_cores() -> int:
    """Cores this process may run on (its affinity, where the system tells)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def worker_pool(jobs: int) -> Executor:
    if jobs <= 1:
        return _InlineExecutor()
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        # A single-threaded process (the command line) forks safely and at once, and
        # the workers inherit the extractor imported here: no start-up cost at all.
        for module in _PRELOAD:
            importlib.import_module(module)
        return ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=multiprocessing.get_context("fork"),
            initializer=ignore_interrupts,
        )
    # forkserver: workers fork from a clean, preloaded process, which is safe even when
    # the caller has threads (the UI).
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
    else:
        context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=ignore_interrupts)


def _kill(executor: Executor) -> None:
    """Stop a pool now, even with a worker stuck in a page."""
    processes = getattr(executor, "_processes", None) or {}
    for process in list(processes.values()):
        process.kill()
    executor.shutdown(wait=False, cancel_futures=True)
    # At exit Python 3.11 wakes the pool's manager thread through a pipe that thread
    # closes as it winds down; met halfway, that printed an "Exception ignored"
    # traceback after ctrl+c. With its workers killed it ends at once: let it.
    manager = getattr(executor, "_executor_manager_thread", None)
    if isinstance(manager, threading.Thread):
        manager.join(timeout=5.0)


# --- the batch ---------------------------------------------------------------------


Extracted = tuple[PackedArticle | None, str]
Extract = Callable[[str, Limits], Extracted]
"""A picklable, module-level function run in the workers (``extract_page``)."""


class _Batch:
    def __init__(
        self,
        store: Store,
        limits: Limits,
        jobs: int,
        progress: Progress | None,
        extract: Extract,
        timeout: float | None,
        stored_source: Callable[[str], str] | None = None,
        on_record: Callable[[str, PageResult], None] | None = None,
    ):
        self.store = store
        self.limits = limits
        self.jobs = max(1, min(jobs, max_jobs()))
        self.progress = progress
        self.extract = extract
        self.stored_source = stored_source
        self.on_record = on_record
        self.report = ImportReport()
        self.total = 0
        # Hard stop for a worker that hangs despite the extractor's own time budget.
        self.deadline = timeout if timeout is not None else limits.extract_seconds * 3 + 10

    def finish(self, result: PageResult) -> None:
        self.report.results.append(result)
        if self.progress is not None:
            self.progress(len(self.report.results), self.total, result)

    def known(self, source: str) -> tuple[str | None, PageResult | None]:
        """The file's hash, and a skip result when the library already has these bytes."""
        if source == STDIN or is_url(source) or self.stored_source is not None:
            return None, None
        digest = raw_hash(Path(source), self.limits.max_input_bytes)
        if digest is None:
            return None, None
        stored = self.store.articles.get_by_raw_hash(digest)
        if stored is None:
            return digest, None
        return digest, PageResult(
            source, Outcome.SKIPPED, stored.id, stored.entry.title, "already in the library"
        )

    def record(self, source: str, digest: str | None, article: PackedArticle) -> PageResult:
        result = self._record(source, digest, article)
        if self.on_record is not None:
            self.on_record(source, result)
        return result

    def _record(self, source: str, digest: str | None, article: PackedArticle) -> PageResult:
        where = self.stored_source(source) if self.stored_source else source
        try:
            added = self.store.articles.add(article, source=where, raw_hash=digest)
        except ReaderError as error:
            return PageResult(source, Outcome.FAILED, reason=str(error))
        title = article.title
        if article.pictures:
            from reader.service import keep_pictures

            keep_pictures(self.store, added.article_id, article.pictures, source, self.limits)
        if added.status == AddStatus.ADDED:
            return PageResult(source, Outcome.ADDED, added.article_id, title)
        if added.status == AddStatus.UPDATED:
            return PageResult(source, Outcome.UPDATED, added.article_id, title)
        reason = (
            "already in the library"
            if added.status == AddStatus.UNCHANGED
            else "same text as a page already in the library"
        )
        return PageResult(source, Outcome.SKIPPED, added.article_id, title, reason)

    def run(self, pages: Sequence[str]) -> ImportReport:
        self.total += len(pages)
        # Pages are hashed (and skipped when known) as their turn comes, while the
        # workers are already extracting.
        queue: deque[str] = deque(pages)
        ready: deque[tuple[str, str | None]] = deque()
        suspects: deque[tuple[str, str | None]] = deque()
        # No more workers than pages: a fork pool starts all of its workers at once.
        self.jobs = max(1, min(self.jobs, len(pages)))
        executor = worker_pool(self.jobs)
        running: dict[Future[Extracted], tuple[str, str | None, float]] = {}
        try:
            while queue or ready or suspects or running:
                # After a worker crash, pages that were in flight run one at a time so
                # the one that crashes is known. Otherwise one page waits behind each
                # running one, so workers stay busy while this process stores results.
                limit = 1 if suspects else (self.jobs * 2 if self.jobs > 1 else 1)
                pool_broken = False
                while len(running) < limit and (suspects or ready or queue):
                    if suspects:
                        source, digest = suspects.popleft()
                    elif ready:
                        source, digest = ready.popleft()
                    else:
                        source = queue.popleft()
                        digest, skipped = self.known(source)
                        if skipped is not None:
                            self.finish(skipped)
                            continue
                    try:
                        future = executor.submit(self.extract, source, self.limits)
                    except BrokenProcessPool:  # a worker just died: this page never ran
                        (suspects if suspects else ready).appendleft((source, digest))
                        pool_broken = True
                        break
                    running[future] = (source, digest, time.monotonic())
                done, _ = wait(list(running), timeout=1.0, return_when=FIRST_COMPLETED)
                broken: list[tuple[str, str | None]] = []
                for future in done:
                    source, digest, _ = running.pop(future)
                    try:
                        article, reason = future.result()
                    except BrokenProcessPool:
                        broken.append((source, digest))
                        continue
                    if article is None:
                        self.finish(PageResult(source, Outcome.FAILED, reason=reason))
                    else:
                        self.finish(self.record(source, digest, article))
                overdue = [
                    f
                    for f, (_, _, start) in running.items()
                    if time.monotonic() - start > self.deadline
                ]
                if broken or overdue or pool_broken:
                    executor, broken = self._restart(executor, running, broken, overdue, suspects)
                    for source, _ in broken:
                        self.finish(
                            PageResult(source, Outcome.FAILED, reason="the extractor crashed")
                        )
        finally:
            if running:
                _kill(executor)
            else:
                executor.shutdown(wait=True)
        return self.report

    def _restart(
        self,
        executor: Executor,
        running: dict[Future[Extracted], tuple[str, str | None, float]],
        broken: list[tuple[str, str | None]],
        overdue: list[Future[Extracted]],
        suspects: deque[tuple[str, str | None]],
    ) -> tuple[Executor, list[tuple[str, str | None]]]:
        """Replace a broken or stuck pool. Returns the new pool and the pages known to
        crash a worker: one that crashed while it ran alone."""
        alone = len(broken) == 1 and not running and not overdue
        for future in overdue:
            source, _, _ = running.pop(future)
            self.finish(
                PageResult(source, Outcome.FAILED, reason=f"took over {self.deadline:.0f} s")
            )
        # The rest of the pool's work is lost with it: try those pages again, alone.
        retry = broken + [(s, d) for s, d, _ in running.values()]
        running.clear()
        _kill(executor)
        if alone:
            return worker_pool(self.jobs), broken
        suspects.extend(retry)
        return worker_pool(self.jobs), []


def import_sources(
    store: Store,
    sources: Sequence[str],
    *,
    extract: Extract,
    stored_source: Callable[[str], str],
    on_record: Callable[[str, PageResult], None] | None = None,
    jobs: int = DEFAULT_JOBS,
    limits: Limits | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Like :func:`import_pages` for sources that are not files (captures inside an
    archive): ``extract`` reads each in a worker, ``stored_source`` names it in the
    library, ``on_record`` hears of each one stored."""
    store.require_writable()
    batch = _Batch(
        store, limits or Limits(), jobs, progress, extract, None, stored_source, on_record
    )
    return batch.run(list(sources))


def import_pages(
    store: Store,
    arguments: Sequence[str],
    *,
    jobs: int = DEFAULT_JOBS,
    limits: Limits | None = None,
    progress: Progress | None = None,
    extract: Extract = extract_page,
    timeout: float | None = None,
) -> ImportReport:
    """Add the pages named (files, directories walked for pages, URLs) to the library.

    ``timeout``: seconds one page may take before its worker is killed and the page
    reported as failed (default: three times the extraction budget, plus 10 s)."""
    store.require_writable()
    pages, missing = collect_pages(arguments)
    limits = limits or Limits()

    def keep_saved_annotations(source: str, result: PageResult) -> None:
        if result.outcome == Outcome.ADDED and result.article_id is not None:
            from reader.importing.singlefile import attach_saved_annotations

            attach_saved_annotations(store, result.article_id, source, limits)

    batch = _Batch(
        store, limits, jobs, progress, extract, timeout, on_record=keep_saved_annotations
    )
    batch.total = len(missing)
    for result in missing:
        batch.finish(result)
    return batch.run(pages)
