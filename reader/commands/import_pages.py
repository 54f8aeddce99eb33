"""``reader import DIR_OR_FILES...``: add many pages to the library.

Pages are extracted in parallel worker processes (``--jobs``); a one-line progress bar
updates in place on stderr when it is a terminal. Pages already in the library are
skipped; failures are listed at the end and never stop the batch (exit status 2 if
any page failed).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from reader.loaders.names import display_name
from reader.sanitize import clean_line
from reader.store.importer import (
    DEFAULT_JOBS,
    JOBS_PER_CORE,
    MAX_JOBS,
    Outcome,
    PageResult,
    import_pages,
    max_jobs,
)

if TYPE_CHECKING:
    from reader.config import Limits
    from reader.store import Store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "sources",
        nargs="*",
        metavar="DIR_OR_FILE",
        help="saved pages, or directories walked for .html .htm .mhtml .mht .txt .md .gz; "
        "WARC/WACZ web archives (every HTML capture); read-later exports (Omnivore ZIP, "
        "wallabag JSON, Pocket/Instapaper/Raindrop CSV, Readwise highlights CSV)",
    )
    parser.add_argument(
        "--fetch",
        action="store_true",
        help="then fetch and extract the reading queue's pages (the only network use)",
    )
    parser.add_argument(
        "--rate",
        type=float,
        default=1.0,
        metavar="SECONDS",
        help="with --fetch: at least this long between two requests (default 1)",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        default=DEFAULT_JOBS,
        metavar="N",
        help=f"extract N pages at once in worker processes (default {DEFAULT_JOBS})",
    )


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def capped_jobs(jobs: int, stderr: TextIO) -> int:
    """``jobs``, or the most this machine can use (with a line saying so)."""
    most = max_jobs()
    if jobs <= most:
        return jobs
    print(
        f"reader: --jobs {jobs} is more than this machine can use; using {most} "
        f"({JOBS_PER_CORE} per core, at most {MAX_JOBS})",
        file=stderr,
    )
    return most


def _short(source: str) -> str:
    """A test-corpus page is known by its folder, other pages by their file name."""
    path = Path(source)
    name = f"{path.parent.name}/{path.name}" if path.name == "source.html" else path.name
    return display_name(name or source)


class ProgressLine:
    """``[#####-----]  57/130  added 50 · skipped 5 · failed 2  page.html`` in place.

    Drawn only on a terminal; redrawn at most 20 times a second."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.active = stream.isatty()
        self.counts: Counter[Outcome] = Counter()
        self._last = 0.0

    def __call__(self, done: int, total: int, result: PageResult) -> None:
        self.counts[result.outcome] += 1
        now = time.monotonic()
        if not self.active or (now - self._last < 0.05 and done < total):
            return
        self._last = now
        width = shutil.get_terminal_size((80, 24)).columns
        bar_width = 20
        filled = round(bar_width * done / total) if total else bar_width
        counts = " · ".join(f"{o.value} {self.counts[o]}" for o in Outcome if self.counts[o])
        line = f"[{'#' * filled}{'-' * (bar_width - filled)}] {done}/{total}  {counts}  "
        line += _short(result.source)
        self.stream.write("\r" + line[: max(width - 1, 10)] + "\x1b[K")
        self.stream.flush()

    def close(self) -> None:
        if self.active:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def summary(results: list[PageResult]) -> str:
    counts = Counter(r.outcome for r in results)
    pages = sum(counts.values())
    parts = [f"added {counts[Outcome.ADDED]}"]
    if counts[Outcome.UPDATED]:
        parts.append(f"updated {counts[Outcome.UPDATED]}")
    parts.append(f"skipped {counts[Outcome.SKIPPED]} (already in the library)")
    parts.append(f"failed {counts[Outcome.FAILED]}")
    return f"{pages} page{'s' if pages != 1 else ''}: " + ", ".join(parts)


def _list_failures(failures: list[tuple[str, str]]) -> None:
    if failures:
        print("failed:", file=sys.stderr)
        for source, reason in failures:
            print(f"  {display_name(source)}: {clean_line(reason)}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    from reader.config import load_settings
    from reader.errors import ReaderError
    from reader.importing.kinds import split_sources
    from reader.store import open_library

    if not args.sources and not args.fetch:
        raise ReaderError("nothing to import: name pages, archives or exports, or use --fetch")
    missing = [s for s in args.sources if not os.path.lexists(s)]
    if missing and len(missing) == len(args.sources):
        # Nothing named exists: said at once, a mistyped folder is not "1 page failed".
        # (Among other pages, a missing one is listed with the batch's failures.)
        names = ", ".join(display_name(s) for s in missing[:3])
        more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        raise ReaderError(f"no such file or folder: {names}{more}")
    settings = load_settings()
    limits = settings.limits
    jobs = capped_jobs(args.jobs, sys.stderr)
    pages, archives, exports = split_sources(args.sources)
    failures: list[tuple[str, str]] = []
    with open_library(settings) as store:
        store.require_writable()
        if pages:
            progress = ProgressLine(sys.stderr)
            try:
                report = import_pages(store, pages, jobs=jobs, limits=limits, progress=progress)
            finally:
                progress.close()
            print(summary(report.results))
            failures += [(r.source, r.reason) for r in report.failed]
        for archive in archives:
            failures += _import_archive(store, archive, jobs, limits)
        for export in exports:
            failures += _import_export(store, export, jobs, limits)
        if args.fetch:
            failures += _fetch(store, limits, max(0.0, args.rate))
    _list_failures(failures)
    return 2 if failures else 0


def _import_archive(store: Store, archive: str, jobs: int, limits: Limits) -> list[tuple[str, str]]:
    from reader.errors import ReaderError
    from reader.importing.archives import capture_url, import_archive

    progress = ProgressLine(sys.stderr)
    try:
        done = import_archive(store, archive, jobs=jobs, limits=limits, progress=progress)
    except ReaderError as error:
        return [(archive, str(error))]
    finally:
        progress.close()
    results = [replace(r, source=capture_url(r.source)) for r in done.report.results]
    print(
        f"{display_name(archive)}: {summary(results)}; "
        f"{done.resources} resources and {done.skipped_records} other records kept out"
    )
    return [(r.source, r.reason) for r in results if r.outcome == Outcome.FAILED]


def _import_export(store: Store, export: str, jobs: int, limits: Limits) -> list[tuple[str, str]]:
    from reader.errors import ReaderError
    from reader.importing.exports import import_export

    bar = CountLine(sys.stderr)
    try:
        report = import_export(store, export, jobs=jobs, limits=limits, progress=bar)
    except ReaderError as error:
        return [(export, str(error))]
    finally:
        bar.close()
    for line in report.lines():
        print(f"{display_name(export)}: {line}")
    for problem in report.problems[:10]:
        print(f"reader: {display_name(export)}: skipped {clean_line(problem)}", file=sys.stderr)
    return report.failed


def _fetch(store: Store, limits: Limits, rate: float) -> list[tuple[str, str]]:
    from reader.importing.fetch_queue import fetch_queue

    bar = CountLine(sys.stderr)
    try:
        report = fetch_queue(
            store,
            limits,
            interval=rate,
            progress=lambda done, total, item, error: bar(done, total, item.url),
        )
    finally:
        bar.close()
    line = f"reading queue: fetched {report.fetched}, failed {len(report.failed)}"
    if report.highlights.total:
        line += f"; highlights waiting for them: {report.highlights.line()}"
    print(line)
    return report.failed


class CountLine:
    """``[#####-----]  57/130  name`` in place on a terminal, nothing elsewhere."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.active = stream.isatty()
        self._last = 0.0

    def __call__(self, done: int, total: int, name: str) -> None:
        now = time.monotonic()
        if not self.active or (now - self._last < 0.05 and done < total):
            return
        self._last = now
        width = shutil.get_terminal_size((80, 24)).columns
        filled = round(20 * done / total) if total else 20
        line = f"[{'#' * filled}{'-' * (20 - filled)}] {done}/{total}  {display_name(name)}"
        self.stream.write("\r" + line[: max(width - 1, 10)] + "\x1b[K")
        self.stream.flush()

    def close(self) -> None:
        if self.active:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
