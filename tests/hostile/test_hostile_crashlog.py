"""An unexpected exception never reaches the user as a traceback: the CLI prints one
line and exits 2, the TUI shows a message, and both log the traceback with the input's
SHA-256 to ``errors.log`` in the data directory."""

from __future__ import annotations

import asyncio
import hashlib
import os
import time
from pathlib import Path

import pytest

from reader import service
from reader.__main__ import main
from reader.config import load_settings
from reader.locations import data_dir
from reader.ui.app import make_app
from reader.ui.dialogs.message import MessageScreen

from .clirun import forbidden_characters
from .registry import Page
from .screen_probe import capture, settle

NAME = "name_escapes"
"""A page whose file name carries escape sequences, to show they stay out of the line."""


def _explode(source: str, limits: object = None, **options: object) -> None:
    raise RuntimeError("an extraction bug \x1b]0;PWNED\x07")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_cli_logs_unexpected_errors(
    hostile_pages: dict[str, Page],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    page = hostile_pages[NAME]
    monkeypatch.setattr(service, "read_article", _explode)
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", os.fspath(page.path)])
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("reader: internal error"), captured.err
    assert "Traceback" not in captured.err + captured.out
    assert not forbidden_characters(captured.err + captured.out)
    log = (data_dir() / "errors.log").read_text(encoding="utf-8")
    assert _sha256(page.path) in log and "RuntimeError: an extraction bug" in log


def test_tui_logs_unexpected_errors(
    hostile_pages: dict[str, Page], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = hostile_pages[NAME]
    monkeypatch.setattr(service, "read_article", _explode)

    async def run() -> None:
        app = make_app(load_settings(), [os.fspath(page.path)])
        async with app.run_test(size=(100, 32)) as pilot:
            assert await settle(pilot, time.perf_counter() + 20)
            assert isinstance(app.screen, MessageScreen), app.screen
            shot = capture(app)
            assert not shot.problems, shot.problems
            assert "internal error" in shot.text and "Traceback" not in shot.text

    asyncio.run(run())
    log = (data_dir() / "errors.log").read_text(encoding="utf-8")
    assert _sha256(page.path) in log and "RuntimeError: an extraction bug" in log
