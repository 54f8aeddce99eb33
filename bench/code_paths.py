"""Which of the reader's source files run for one user action: how far a feature's code
is spread.

    python3 bench/code_paths.py PAGE [--word WORD] [--list] [--only h,/,start]

Three paths are followed, each with a fresh library (private data and config folders,
no ``READER_*`` setting: a new user's defaults):

- ``h``: the page open and idle, the passage cursor moved with ``)``, then only the
  ``h`` press (highlight the passage at the cursor) until the app is idle again and the
  highlight is in the library's database;
- ``/``: the page open and idle, then ``/``, the word typed, and Enter, until idle;
- ``start``: ``reader PAGE`` run in a fresh process on a pseudo-terminal, from the
  interpreter's start to the first frame that paints a word of the article's text.

The first two drive the real command line (``reader.__main__.main``) in this process,
with Textual's ``App.run`` replaced by a headless Pilot session, so nothing here names
a module of ``reader/ui``: the same script measures any layout of the package. A
profiler (``sys.setprofile``, and ``threading.setprofile`` for every thread started
after it, which includes the app's workers and its store thread) records the distinct
files under the ``reader`` package whose code is entered. Counts are of files, not of
calls: what a newcomer has to open to follow the action.

``WORD`` (searched for, and looked for in the first paint) defaults to the longest
lower-case word near the start of the article's text, as ``reader extract`` gives it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import fcntl
import importlib.util
import json
import os
import pty
import re
import select
import shutil
import sqlite3
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

SIZE = (100, 32)
IDLE_CHECKS = 5
"""Checks in a row (50 ms apart) with no worker running before the app counts as idle."""
DEADLINE_SECONDS = 180.0


def reader_dir() -> str:
    """The folder of the ``reader`` package that ``import reader`` would load (found
    without importing it, so that the start-up path is measured from the start)."""
    spec = importlib.util.find_spec("reader")
    if spec is None or spec.origin is None:
        raise SystemExit("code_paths: the reader package is not importable")
    return os.path.dirname(os.path.abspath(spec.origin)) + os.sep


class FileRecorder:
    """A profile function recording the distinct ``reader`` files entered while on."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.on = False
        self.files: set[str] = set()
        self._lock = threading.Lock()

    def __call__(self, frame: FrameType, event: str, arg: Any) -> None:
        if not self.on or event != "call":
            return
        name = frame.f_code.co_filename
        if name.startswith(self.prefix) and name not in self.files:
            with self._lock:
                self.files.add(name)

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        """Profile this thread and every thread started from now on (off until ``on``)."""
        sys.setprofile(self)
        threading.setprofile(self)
        try:
            yield
        finally:
            sys.setprofile(None)
            threading.setprofile(None)  # type: ignore[arg-type]


# -- in-process paths: h and / -------------------------------------------------------


def _busy(app: Any) -> bool:
    return any(w.state.name in ("PENDING", "RUNNING") for w in app.workers)


async def _idle(pilot: Any, extra: Callable[[], bool] = lambda: True) -> None:
    """Until no worker runs for IDLE_CHECKS checks in a row and ``extra()`` holds."""
    quiet = 0
    deadline = time.monotonic() + DEADLINE_SECONDS
    while quiet < IDLE_CHECKS:
        if time.monotonic() > deadline:
            raise SystemExit("code_paths: the app did not become idle")
        await pilot.pause(0.05)
        quiet = quiet + 1 if not _busy(pilot.app) and extra() else 0


def _highlights(data_dir: Path) -> int:
    """Highlights in the library (read with sqlite3 itself: no reader code runs)."""
    path = data_dir / "library.db"
    if not path.exists():
        return 0
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        try:
            return int(db.execute("SELECT count(*) FROM highlights").fetchone()[0])
        except sqlite3.Error:
            return 0


class _TerminalStdout:
    """``sys.stdout`` as a terminal, for the command's check; Pilot draws nowhere."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def isatty(self) -> bool:
        return True

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def measure_in_process(page: str, word: str, action: str) -> set[str]:
    """Files entered by ``action`` ("h" or "/") on ``page``, shown by the real CLI."""
    from textual.app import App

    recorder = FileRecorder(reader_dir())
    folder = Path(tempfile.mkdtemp(prefix="code-paths-"))
    data_dir = folder / "data"
    failure: list[BaseException] = []

    async def drive(app: Any) -> None:
        async with app.run_test(size=SIZE) as pilot:
            await _idle(pilot)
            if action == "h":
                await pilot.press("right_parenthesis")
                await _idle(pilot)
                before = _highlights(data_dir)
                recorder.on = True
                await pilot.press("h")
                await _idle(pilot, lambda: _highlights(data_dir) > before)
            else:
                recorder.on = True
                await pilot.press("slash", *word, "enter")
                await _idle(pilot)
            recorder.on = False
            app.exit()

    def headless_run(app: Any, *args: object, **kwargs: object) -> Any:
        try:
            asyncio.run(drive(app))
        except BaseException as error:  # reported after the CLI returns
            failure.append(error)
        return app.return_value

    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(_private_env(folder))
    original_run = App.run
    stdout = sys.stdout
    App.run = headless_run  # type: ignore[method-assign]
    sys.stdout = _TerminalStdout(stdout)  # type: ignore[assignment]
    try:
        with recorder.installed(), contextlib.suppress(SystemExit):
            from reader.__main__ import main

            main([page])
    finally:
        App.run = original_run  # type: ignore[method-assign]
        sys.stdout = stdout
        os.environ.clear()
        os.environ.update(saved)
        shutil.rmtree(folder, ignore_errors=True)
    if failure:
        raise failure[0]
    return recorder.files


# -- start-up: reader PAGE to the first paint ----------------------------------------

_CHILD = """
import importlib.util, json, os, sys, threading
prefix = os.path.dirname(os.path.abspath(importlib.util.find_spec("reader").origin)) + os.sep
files = set()
def record(frame, event, arg):
    if event == "call":
        name = frame.f_code.co_filename
        if name.startswith(prefix):
            files.add(name)
sys.setprofile(record)
threading.setprofile(record)
from textual.drivers.linux_driver import LinuxDriver
write = LinuxDriver.write
word, out = sys.argv[1], sys.argv[2]
def painting(self, data):
    write(self, data)
    if word in data:
        sys.setprofile(None)
        with open(out, "w") as file:
            json.dump(sorted(files), file)
        os._exit(0)
LinuxDriver.write = painting
sys.argv = ["reader", sys.argv[3]]
from reader.__main__ import main
main()
"""


def measure_start(page: str, word: str) -> set[str]:
    """Files entered from the interpreter's start to the first frame showing ``word``."""
    folder = Path(tempfile.mkdtemp(prefix="code-paths-"))
    out = folder / "files.json"
    env = {**_private_env(folder), "TERM": "xterm-256color"}
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
    command = [sys.executable, "-c", _CHILD, word, str(out), page]
    process = subprocess.Popen(
        command, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True
    )
    os.close(slave)
    deadline = time.monotonic() + DEADLINE_SECONDS
    seen = b""
    try:
        while process.poll() is None and time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                with contextlib.suppress(OSError):
                    seen = (seen + os.read(master, 65536))[-2000:]
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        os.close(master)
    files = json.loads(out.read_text("utf-8")) if out.exists() else None
    shutil.rmtree(folder, ignore_errors=True)
    if files is None:
        tail = re.sub(rb"\x1b\[[0-9;?]*[a-zA-Z]", b"", seen).decode("utf-8", "replace")
        raise SystemExit(
            f"code_paths: {word!r} was never painted; the terminal ended with:\n{tail}"
        )
    return set(files)


# -- common --------------------------------------------------------------------------


def _private_env(folder: Path) -> dict[str, str]:
    """This process's environment with the reader's folders in ``folder`` and no other
    ``READER_*`` setting."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("READER_")}
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(folder / name.lower())
    env["READER_DATA_DIR"] = str(folder / "data")
    env["READER_CONFIG_FILE"] = str(folder / "config.toml")
    return env


def default_word(page: str) -> str:
    """The longest lower-case word in the first 300 characters of the article's text."""
    result = subprocess.run(
        [sys.executable, "-m", "reader", "extract", page, "--format", "text"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"code_paths: cannot read {page}: {result.stderr.strip()}")
    words = re.findall(r"\b[a-z]{5,}\b", result.stdout[:300])
    if not words:
        raise SystemExit("code_paths: no word to look for; pass --word")
    return max(words, key=len)


def report(name: str, files: set[str], prefix: str, show: bool) -> None:
    relative = sorted(os.path.relpath(f, os.path.dirname(prefix.rstrip(os.sep))) for f in files)
    in_ui = [f for f in relative if f.startswith(os.path.join("reader", "ui") + os.sep)]
    print(f"{name:<8} {len(relative):>4} files, {len(in_ui):>3} under reader/ui/")
    if show:
        for path in relative:
            print(f"    {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page", help="a saved page to open")
    parser.add_argument("--word", help="word searched for and looked for in the first paint")
    parser.add_argument("--list", action="store_true", help="print the files of each path")
    parser.add_argument("--only", default="h,/,start", help="paths to measure (default: all)")
    args = parser.parse_args()
    page = os.path.abspath(args.page)
    word = args.word or default_word(page)
    prefix = reader_dir()
    print(f"reader package: {prefix}")
    print(f"page: {page}  word: {word!r}")
    wanted = args.only.split(",")
    # The start-up first, while this process has imported nothing of the reader.
    if "start" in wanted:
        report("start", measure_start(page, word), prefix, args.list)
    if "h" in wanted:
        report("h", measure_in_process(page, word, "h"), prefix, args.list)
    if "/" in wanted:
        report("/", measure_in_process(page, word, "/"), prefix, args.list)


if __name__ == "__main__":
    main()
