"""Whole-process batch time: ``reader extract --format jsonl`` over a corpus against
bare readability-lxml over the same pages, in the same run.

Each side is a fresh ``python`` process, timed from its start to its exit (imports and
start-up included), its output thrown away: ours runs the reader's command line, bare
readability a loop of ``Document(page).summary()`` (a page it fails on is skipped). The
sides take turns (ours, bare, ours, bare, ...) so that a burst of load on a shared
machine hits both alike; the ratio is taken pair by pair and its median reported, with
the min and median of each side's wall and CPU seconds (the child's user + system time,
as the operating system counts it). ``--before DIR`` adds a third side: the reader of
another checkout (``PYTHONPATH=DIR``), to compare two versions in one run.

    python bench/batch_bench.py [--corpus tdev|mozilla|DIR] [--repeat N] [--before DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = {
    "tdev": ROOT.parent / "shared" / "corpus" / "trafilatura-eval-dev" / "html",
    "mozilla": ROOT.parent / "shared" / "corpus" / "mozilla",
}
TARGET = 1.6
BARE = """
import sys
from readability import Document
for path in sys.argv[1:]:
    try:
        with open(path, "rb") as handle:
            Document(handle.read()).summary()
    except Exception:
        pass
"""


@dataclass
class Side:
    name: str
    command: list[str]
    env: dict[str, str]
    cwd: Path | None = None
    """Where the child starts: ``python -m`` imports from there before PYTHONPATH."""
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)


def pages_of(corpus: str) -> list[str]:
    folder = CORPORA.get(corpus, Path(corpus))
    if (folder / "html").is_dir():
        folder = folder / "html"
    pages = sorted(str(p.resolve()) for p in folder.glob("*/source.html"))
    return pages or sorted(str(p.resolve()) for p in folder.iterdir() if p.is_file())


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(side: Side) -> None:
    cpu, start = _children_cpu(), time.perf_counter()
    subprocess.run(
        side.command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=side.env,
        cwd=side.cwd,
    )
    side.wall.append(time.perf_counter() - start)
    side.cpu.append(_children_cpu() - cpu)


def reader_side(name: str, checkout: Path, pages: list[str]) -> Side:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    command = [sys.executable, "-m", "reader", "extract", "--format", "jsonl", *pages]
    return Side(name, command, env, cwd=checkout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="tdev", help="tdev, mozilla or a folder of pages")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each side")
    parser.add_argument("--before", type=Path, help="another checkout, run as a third side")
    args = parser.parse_args(argv)
    pages = pages_of(args.corpus)
    if not pages:
        print(f"no pages found for {args.corpus}", file=sys.stderr)
        return 2
    sides = [reader_side("ours", ROOT, pages)]
    if args.before:
        sides.append(reader_side("before", args.before.resolve(), pages))
    sides.append(Side("bare", [sys.executable, "-c", BARE, *pages], dict(os.environ)))
    for _ in range(args.repeat):
        for side in sides:
            run_once(side)
    bare = sides[-1]
    print(f"{len(pages)} pages ({args.corpus}), {args.repeat} runs per side, whole process")
    for side in sides:
        line = (
            f"  {side.name:7s} wall min {min(side.wall):6.2f} s  median "
            f"{statistics.median(side.wall):6.2f} s   CPU min {min(side.cpu):6.2f} s  "
            f"median {statistics.median(side.cpu):6.2f} s"
        )
        if side is not bare:
            wall = statistics.median(a / b for a, b in zip(side.wall, bare.wall, strict=True))
            cpu = statistics.median(a / b for a, b in zip(side.cpu, bare.cpu, strict=True))
            line += f"   / bare: wall {wall:.2f}, CPU {cpu:.2f} (target {TARGET})"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
