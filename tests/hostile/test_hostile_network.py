"""Opening or importing saved pages full of remote references makes no connection and
no name lookup: in ``read_article``, in the TUI and in ``reader import``. Every test in
this folder runs under the ``no_network`` guard; these open the pages built to tempt a
reader onto the network, and prove the guard itself bites."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import socket
import time
import urllib.request
from pathlib import Path

import pytest

from reader.config import load_settings
from reader.errors import ReaderError
from reader.service import read_article
from reader.ui.app import make_app

from .checks import TIME_LIMIT_SECONDS
from .clirun import run_cli
from .conftest import NetworkAttempt
from .registry import Page
from .screen_probe import capture, settle

REMOTE_KINDS = (
    "remote_references",
    "remote_references_md",
    "complete_save",
    "spa_shell",
    "frameset",
    "external_entities",
    "external_dtd",
    "hostile_links",
    "mhtml_no_html_part",
    "mhtml_many_parts",
    "mhtml_escapes",
)


def test_guard_refuses_and_records(no_network: list[str]) -> None:
    for attempt in (
        lambda: socket.create_connection(("remote.example", 80), timeout=1),
        lambda: socket.getaddrinfo("remote.example", 443),
        lambda: socket.socket().connect(("127.0.0.1", 9)),
        lambda: urllib.request.urlopen("http://remote.example/", timeout=1),
    ):
        with pytest.raises((NetworkAttempt, OSError)):
            attempt()
    assert len(no_network) == 4
    no_network.clear()


def test_child_guard_refuses_and_records(tmp_path: Path) -> None:
    """The child-process guard logs an attempt even when the program swallows it."""
    result = run_cli(["extract", "http://remote.example/page.html"], cwd=tmp_path)
    assert result.status == 2
    assert result.network, result.describe()


@pytest.mark.parametrize("name", REMOTE_KINDS)
def test_read_article_stays_offline(name: str, hostile_pages: dict[str, Page]) -> None:
    with contextlib.suppress(ReaderError):
        read_article(os.fspath(hostile_pages[name].path))


def test_tui_stays_offline(hostile_pages: dict[str, Page]) -> None:
    async def run() -> None:
        for name in ("remote_references", "remote_references_md", "complete_save"):
            app = make_app(load_settings(), [os.fspath(hostile_pages[name].path)])
            async with app.run_test(size=(100, 32)) as pilot:
                assert await settle(pilot, time.perf_counter() + TIME_LIMIT_SECONDS)
                await pilot.press("end", "z", "R", "o", "escape", "f", "escape")
                await settle(pilot, time.perf_counter() + 5)
                assert "Remote" in capture(app).text or name != "remote_references"

    asyncio.run(run())


def test_import_stays_offline(hostile_pages: dict[str, Page], tmp_path: Path) -> None:
    """``reader import`` (and any worker processes it starts) never connects."""
    sources = tmp_path / "pages"
    sources.mkdir()
    for name in REMOTE_KINDS:
        page = hostile_pages[name]
        shutil.copy(page.path, sources / os.path.basename(page.path))
    result = run_cli(
        ["import", "--data-dir", os.fspath(tmp_path / "data"), os.fspath(sources)], cwd=tmp_path
    )
    assert not result.network, result.describe()
    assert not result.timed_out and "Traceback" not in result.err, result.describe()
    assert result.status in (0, 2), result.describe()


def test_archives_and_exports_import_offline(tmp_path: Path) -> None:
    """A web archive whose pages point at remote images, and read-later exports full of
    links, are imported and extracted without a connection: only --fetch goes out."""
    import sys

    sys.path.insert(0, os.fspath(Path(__file__).resolve().parents[1]))
    from archive_builder import sample_items, write_warc

    warc = tmp_path / "site.warc.gz"
    write_warc(warc, sample_items())
    exports = Path(__file__).resolve().parents[1] / "fixtures" / "readlater"
    sources = [os.fspath(warc)] + [
        os.fspath(exports / name) for name in ("wallabag.json", "pocket.csv", "readwise.csv")
    ]
    for argv in (
        ["import", "--data-dir", os.fspath(tmp_path / "data"), *sources],
        ["extract", "--format", "jsonl", *sources[:2]],
    ):
        result = run_cli(argv, cwd=tmp_path)
        assert not result.network, result.describe()
        assert result.status == 0 and "Traceback" not in result.err, result.describe()
