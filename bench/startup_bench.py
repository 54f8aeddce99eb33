"""Whole-process first paint: from starting the command to the article on screen.

    python3 bench/startup_bench.py [--repeat 7] [--no-bytecode-cache]

Each command runs in a fresh pseudo-terminal (120x40); the time is from spawning the
process to the moment a known word of the page appears in what it writes to the
terminal. The baseline, run alternately with the reader in the same run, is a bare
Textual app showing one static label. Pages:

- the built-in demo page (about 50 blocks), what ``reader`` shows before the library
  holds anything: the library does not list it, its article is read back from the
  copy kept beside the library (made by the warm-up run);
- a copy of it and a generated 5,000-block article, each opened once first so the
  library's copy is what is timed (as when a reader reopens a page);
- the demo page again with a config file (turning the entity analysis off), whose
  settings pydantic checks: what a start costs once the user has written settings;
- a 126 KB news page the library has never seen (a fresh copy each run, from
  ``../shared/corpus/mozilla``; skipped where that is absent): extraction included.

The reader's folders are private (XDG_DATA_HOME, XDG_CONFIG_HOME) and no ``READER_*``
setting is set, so the other pages start as a new user's reader does: no config file,
the entity analysis on (it starts after the first paint).

Python modules are compiled once into a private bytecode cache (warm-up runs), as an
installed reader's are; ``--no-bytecode-cache`` compiles the reader's sources at every
start instead (a checkout run with PYTHONDONTWRITEBYTECODE set).
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = (
    "from textual.app import App\n"
    "from textual.widgets import Static\n"
    "class Bare(App):\n"
    "    def compose(self):\n"
    "        yield Static('Harbour clock ready')\n"
    "Bare().run()\n"
)


def time_to_word(command: list[str], word: bytes, env: dict[str, str]) -> float:
    """Seconds from spawn until ``word`` is written to the terminal; then quit."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True
    )
    os.close(slave)
    seen = b""
    elapsed = float("nan")
    deadline = start + 60
    try:
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            seen = seen[-4096:] + chunk
            if word in seen:
                elapsed = time.perf_counter() - start
                break
    finally:
        process.kill()
        process.wait()
        os.close(master)
    return elapsed


def long_markdown(blocks: int) -> str:
    """A Markdown article of ``blocks`` blocks: a heading every tenth block."""
    words = [
        "tide",
        "harbour",
        "clock",
        "lamp",
        "dial",
        "gear",
        "hand",
        "water",
        "moon",
        "spring",
        "neap",
        "quay",
    ]
    parts = ["# A long article", "", "Opening line of the long article, about the harbour."]
    for index in range(1, blocks):
        if index % 10 == 0:
            parts += ["", f"## Section {index // 10}"]
        else:
            body = " ".join(words[(index * 7 + k) % len(words)] for k in range(40))
            parts += ["", f"Paragraph {index}: {body}."]
    return "\n".join(parts) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="compile Python sources at every start instead of caching their bytecode",
    )
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="reader-startup-"))
    try:
        measure(home, args.repeat, args.no_bytecode_cache)
    finally:
        shutil.rmtree(home, ignore_errors=True)


NEWS_PAGE = ROOT.parent / "shared" / "corpus" / "mozilla" / "wapo-2" / "source.html"
NEWS_WORD = b"breakthroughs"
NEWS_CASE = "reader, 126 KB news page, never opened"


def fresh_copy(home: Path, run: int) -> str:
    """A copy of the news page with bytes of its own, so the library has never seen it."""
    path = home / f"news-{run}.html"
    path.write_bytes(NEWS_PAGE.read_bytes() + f"<!-- run {run} -->".encode())
    return str(path)


def measure(home: Path, repeat: int, no_bytecode_cache: bool) -> None:
    env = {name: value for name, value in os.environ.items() if not name.startswith("READER_")}
    env.update(
        TERM="xterm-256color",
        TEXTUAL_ANIMATIONS="none",
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
    )
    config = home / "config.toml"
    config.write_text("[analysis]\nenabled = false\n", encoding="utf-8")
    if no_bytecode_cache:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    big = home / "big.md"
    big.write_text(long_markdown(5000), encoding="utf-8")
    bare = home / "bare.py"
    bare.write_text(BARE)
    demo = ROOT / "reader" / "demo" / "demo.html"
    page = home / "page.html"
    shutil.copyfile(demo, page)
    reader = [sys.executable, "-m", "reader"]
    configured = {**env, "READER_CONFIG_FILE": str(config)}
    cases = {
        "bare Textual app, one label": ([sys.executable, str(bare)], b"Harbour clock", env),
        "reader, built-in demo page": ([*reader, str(demo)], b"Visitors to Port", env),
        "reader, ~50 blocks, from library": ([*reader, str(page)], b"Visitors to Port", env),
        "reader, 5,000 blocks, from library": ([*reader, str(big)], b"Opening line", env),
        "reader, demo page, config file": ([*reader, str(demo)], b"Visitors to Port", configured),
    }
    # Open each page once so the library holds it (reopening is what people do most),
    # and every module is compiled before anything is timed.
    for command, word, case_env in cases.values():
        time_to_word(command, word, case_env)
    times: dict[str, list[float]] = {name: [] for name in cases}
    if NEWS_PAGE.is_file():
        times[NEWS_CASE] = []
        time_to_word([*reader, fresh_copy(home, 0)], NEWS_WORD, env)
    for run in range(repeat):
        for name, (command, word, case_env) in cases.items():
            times[name].append(time_to_word(command, word, case_env))
        if NEWS_CASE in times:
            # A page the library has never seen: new bytes every run.
            command = [*reader, fresh_copy(home, run + 1)]
            times[NEWS_CASE].append(time_to_word(command, NEWS_WORD, env))
    base = statistics.median(times["bare Textual app, one label"])
    compiled = "sources compiled at every start" if no_bytecode_cache else "bytecode cached"
    print(f"whole-process first paint, median of {repeat} (min-max), 120x40 pty, {compiled}")
    for name, values in times.items():
        median = statistics.median(values)
        print(
            f"  {name:36} {median * 1000:7.0f} ms ({min(values) * 1000:.0f}-"
            f"{max(values) * 1000:.0f})  ratio {median / base:4.2f}"
        )


if __name__ == "__main__":
    main()
