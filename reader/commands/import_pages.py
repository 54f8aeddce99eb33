"""``reader import DIR_OR_FILES...``: add many pages to the library.

Pages are extracted in parallel worker processes (``--jobs``); a one-line progress bar
updates in place on stderr when it is a terminal. Pages already in the library are
skipped; failures are listed at the end and never stop the batch (exit status 2 if
any page failed).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from collections import Counter
from pathlib import Path
from typing import TextIO

from reader.loaders.names import display_name
from reader.sanitize import clean_line
from reader.store.importer import DEFAULT_JOBS, Outcome, PageResult, import_pages


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "sources",
        nargs="+",
        metavar="DIR_OR_FILE",
        help="saved pages, or directories walked for .html .htm .mhtml .mht .txt .md .gz",
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


def run(args: argparse.Namespace) -> int:
    from reader.config import load_settings
    from reader.store import open_library

    settings = load_settings()
    progress = ProgressLine(sys.stderr)
    with open_library(settings) as store:
        try:
            report = import_pages(
                store, args.sources, jobs=args.jobs, limits=settings.limits, progress=progress
            )
        finally:
            progress.close()
    print(summary(report.results))
    if report.failed:
        print("failed:", file=sys.stderr)
        for result in report.failed:
            print(f"  {display_name(result.source)}: {clean_line(result.reason)}", file=sys.stderr)
        return 2
    return 0
