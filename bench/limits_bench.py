"""Time and memory of ``reader extract`` on pathological pages, against the limits.

    python3 bench/limits_bench.py [--only NAME ...] [--keep DIR] [--json OUT]

Each case is generated into a temporary folder (nothing large is kept in the
repository) and extracted by ``python -m reader extract CASE`` in a child process with
private XDG folders and the default limits. Reported per case: exit status, the line on
stderr when it failed, wall time, and the peak resident memory of the whole process
tree (the reader and the extraction process it starts for a large page), sampled from
``/proc`` every 20 ms, next to the kernel's figure (``ru_maxrss``: the largest single
process of this run so far). Time is given against the extraction
budget (``limits.extract_seconds``) and memory against ``limits.max_memory_bytes``;
a small page extracted in the same run is the baseline (the cost of a start). CPU
time (the reader and its children) is given too: on a busy machine it is what says
whether a page fits the budget.

Cases (from the hardening audit):

- ``paragraphs-400k``: 400,000 tiny paragraphs (5.9 MB of HTML);
- ``paragraphs-1m``: 1,000,000 paragraphs;
- ``headings-300k``: a text dump with 300,000 headings;
- ``random-high-60mb``: 60 MB of random bytes 0x80-0xFF saved as .html.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.config import Limits  # noqa: E402

MB = 1024 * 1024


def paragraphs_400k() -> bytes:
    body = "".join(f"<p>w{i}</p>" for i in range(400_000))
    return (
        f"<html><head><title>T</title></head><body><article>{body}</article></body></html>".encode()
    )


def paragraphs_1m() -> bytes:
    return ("<html><body>" + "<p>a</p>" * 1_000_000 + "</body></html>").encode()


def headings_300k() -> bytes:
    parts = [f"HEADING NUMBER {i}\n\nA line of text under it.\n\n" for i in range(300_000)]
    return ("Title\n\n" + "".join(parts)).encode()


def random_high_60mb() -> bytes:
    rng = random.Random(13)
    return bytes(rng.randrange(128, 256) for _ in range(60 * 1000 * 1000))


def baseline_page() -> bytes:
    body = "".join(f"<p>The tide at pier {i} rose a metre before noon.</p>" for i in range(40))
    head = "<html><head><title>Tides</title></head>"
    return f"{head}<body><article>{body}</article></body></html>".encode()


CASES: dict[str, tuple[str, Callable[[], bytes]]] = {
    "baseline": ("baseline.html", baseline_page),
    "paragraphs-400k": ("paragraphs-400k.html", paragraphs_400k),
    "paragraphs-1m": ("paragraphs-1m.html", paragraphs_1m),
    "headings-300k": ("headings-300k.txt", headings_300k),
    "random-high-60mb": ("random-high-60mb.html", random_high_60mb),
}


@dataclass
class Result:
    case: str
    input_mb: float
    status: int
    seconds: float
    peak_tree_mb: float
    """Largest sum of the resident memory of the process and its descendants seen."""
    kernel_mb: float
    """ru_maxrss of the largest single process this benchmark has run so far."""
    cpu_seconds: float
    """User + system time of the reader and the processes it started (what a busy
    machine does not inflate, unlike the wall time)."""
    message: str


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    return children


def _tree_rss(root: int) -> int:
    page = os.sysconf("SC_PAGE_SIZE")
    children = _children_map()
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/statm", "rb") as statm:
                total += int(statm.read().split()[1]) * page
        except (OSError, ValueError, IndexError):
            pass
        todo.extend(children.get(pid, []))
    return total


def run_case(name: str, path: Path, home: Path) -> Result:
    env = dict(os.environ)
    env.update(
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")])),
    )
    for key in list(env):
        if key.upper().startswith("READER_"):
            del env[key]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "reader", "extract", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.02)
    seconds = time.perf_counter() - start
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    # Over every process this script has waited for (directly or not), so far.
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return Result(
        case=name,
        input_mb=path.stat().st_size / MB,
        status=proc.returncode,
        seconds=seconds,
        peak_tree_mb=peak / MB,
        kernel_mb=usage.ru_maxrss / 1024,
        cpu_seconds=(usage.ru_utime + usage.ru_stime) - (before.ru_utime + before.ru_stime),
        message=err.strip().splitlines()[0] if err.strip() else "",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="*", choices=[c for c in CASES if c != "baseline"])
    parser.add_argument("--keep", type=Path, help="write the cases here and keep them")
    parser.add_argument("--json", type=Path, help="write the results as JSON")
    args = parser.parse_args()
    limits = Limits()
    names = ["baseline", *(args.only or [c for c in CASES if c != "baseline"])]
    with tempfile.TemporaryDirectory(prefix="limits-bench-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        results = []
        for name in names:
            filename, build = CASES[name]
            path = folder / filename
            if not path.exists():
                path.write_bytes(build())
            result = run_case(name, path, Path(scratch) / f"home-{name}")
            results.append(result)
            print(
                f"{name:18} {result.input_mb:6.1f} MB  exit {result.status}  "
                f"{result.seconds:6.2f} s ({result.seconds / limits.extract_seconds:4.0%} of "
                f"{limits.extract_seconds:g} s; CPU {result.cpu_seconds:.1f} s)  "
                f"tree peak {result.peak_tree_mb:6.0f} MB "
                f"({result.peak_tree_mb * MB / limits.max_memory_bytes:4.0%} of "
                f"{limits.max_memory_bytes // MB} MiB; kernel max {result.kernel_mb:.0f} MB)"
                + (f"\n{'':18} {result.message}" if result.message else ""),
                flush=True,
            )
    base = results[0]
    print(f"\nbaseline (a small page): {base.seconds:.2f} s, {base.peak_tree_mb:.0f} MB")
    for result in results[1:]:
        print(
            f"{result.case:18} {result.seconds / base.seconds:5.1f}x the baseline's time, "
            f"{result.peak_tree_mb / max(base.peak_tree_mb, 1):5.1f}x its memory"
        )
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2))


if __name__ == "__main__":
    main()
