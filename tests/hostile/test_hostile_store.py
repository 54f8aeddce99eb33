"""Nothing lost: importing a folder that mixes good and hostile pages (and killing an
import half-way) leaves the library intact — integrity check ok, every bookmark, mark,
highlight and note exactly as it was, the good pages added, each failure named on one
clean line."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.anchoring import point_anchor, range_anchor
from reader.locations import demo_page
from reader.service import read_article
from reader.store import DB_NAME, Store, open_store

from .checks import check_terminal_bytes
from .clirun import ROOT, run_cli
from .conftest import LIGHT_NAMES
from .registry import Page

# Heavy pages that fail fast or are cut by a limit, to mix refusals of every kind in.
HEAVY_MIX = ("gzip_bomb", "gzip_in_gzip_bomb", "nested_divs_100k", "unclosed_100k")
NOTE = "My note: [@click=app.quit] stays text \u2014 and survives every import."


def _library(data_dir: Path) -> tuple[int, dict[str, object]]:
    """A library holding the demo article with a bookmark, a mark and two highlights
    (one with a note); returns the article id and a snapshot of what must survive."""
    article = read_article(os.fspath(demo_page()))
    with open_store(data_dir) as store:
        article_id = store.articles.add(article, source=os.fspath(demo_page())).article_id
        text = article.text
        store.bookmarks.add(article_id, "where I stopped", point_anchor(text, len(text) // 2))
        store.marks.set(article_id, "a", point_anchor(text, 40))
        store.highlights.add(article_id, range_anchor(text, 10, 60), "yellow", note=NOTE)
        store.highlights.add(article_id, range_anchor(text, 100, 180), "green")
        return article_id, _snapshot(store, article_id)


def _snapshot(store: Store, article_id: int) -> dict[str, object]:
    return {
        "text": store.articles.text(article_id),
        "bookmarks": store.bookmarks.list(article_id),
        "marks": store.marks.list(article_id),
        "highlights": store.highlights.list(article_id),
    }


def _check_intact(data_dir: Path, article_id: int, before: dict[str, object]) -> None:
    with sqlite3.connect(data_dir / DB_NAME) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    with open_store(data_dir) as store:
        after = _snapshot(store, article_id)
    assert after == before, "bookmarks, marks, highlights or notes changed"
    assert any(h.note == NOTE for h in after["highlights"])  # type: ignore[attr-defined]


def _article_count(data_dir: Path) -> int:
    try:
        with sqlite3.connect(f"file:{data_dir / DB_NAME}?mode=ro", uri=True, timeout=0.1) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def _mixed_folder(folder: Path, pages: dict[str, Page], names: list[str]) -> None:
    folder.mkdir()
    for index, name in enumerate(names):
        source = pages[name].path
        # One folder each: odd names stay exactly as generated, and never collide.
        (folder / f"{index:02d}").mkdir()
        shutil.copy(source, folder / f"{index:02d}" / os.path.basename(source))
    for copy in range(3):
        shutil.copy(demo_page(), folder / f"good-{copy}.html")


def test_import_of_hostile_folder_keeps_the_library(
    tmp_path: Path, hostile_pages: dict[str, Page]
) -> None:
    data_dir = tmp_path / "data"
    article_id, before = _library(data_dir)
    folder = tmp_path / "mixed"
    _mixed_folder(folder, hostile_pages, [*LIGHT_NAMES, *HEAVY_MIX])
    result = run_cli(["import", "--data-dir", os.fspath(data_dir), os.fspath(folder)], cwd=tmp_path)
    assert not result.timed_out and "Traceback" not in result.err, result.describe()
    assert result.status == 2, f"some pages must fail\n{result.describe()}"
    check_terminal_bytes(result)
    assert not result.network, result.describe()
    failed_lines = [line for line in result.err.splitlines() if line.startswith("  ")]
    refused = [n for n in [*LIGHT_NAMES, *HEAVY_MIX] if hostile_pages[n].kind.outcome == "error"]
    assert len(failed_lines) >= len(refused), result.describe()
    assert all("internal error" not in line for line in failed_lines), result.describe()
    _check_intact(data_dir, article_id, before)
    with open_store(data_dir) as store:
        assert store.articles.count() > 1 + len(LIGHT_NAMES) // 2, "the good pages were lost"


def test_killed_import_keeps_the_library(tmp_path: Path, hostile_pages: dict[str, Page]) -> None:
    """SIGKILL in the middle of an import (workers extracting, the store being written),
    then a second import to the end: the library is whole both times."""
    data_dir = tmp_path / "data"
    article_id, before = _library(data_dir)
    folder = tmp_path / "mixed"
    _mixed_folder(folder, hostile_pages, [*LIGHT_NAMES, *HEAVY_MIX])
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(filter(None, [os.fspath(ROOT), os.environ.get("PYTHONPATH")])),
    )
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "reader",
            "import",
            "--data-dir",
            os.fspath(data_dir),
            os.fspath(folder),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    # Kill once the import is writing pages, so the kill lands among its transactions.
    deadline = time.monotonic() + 30
    while _article_count(data_dir) < 4 and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    if child.poll() is not None:
        pytest.fail("the import finished before it could be interrupted")
    os.killpg(child.pid, signal.SIGKILL)
    child.wait()
    _check_intact(data_dir, article_id, before)
    result = run_cli(["import", "--data-dir", os.fspath(data_dir), os.fspath(folder)], cwd=tmp_path)
    assert not result.timed_out and "Traceback" not in result.err, result.describe()
    _check_intact(data_dir, article_id, before)
