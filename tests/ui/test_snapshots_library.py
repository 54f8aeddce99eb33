"""Snapshots (SVG) of the library screen: a few stored articles (fixed dates, progress
and notes, so the picture is stable) and the results of a full-text search.

Regenerate only after looking at the report: ``pytest tests/ui/test_snapshots_library.py
--snapshot-update``."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from .library_support import seed_library, titles
from .shell_support import app_for, settle, wait_until

SIZE = (100, 16)


async def _listed(pilot: Pilot) -> None:
    await settle(pilot)
    await wait_until(pilot, lambda: bool(titles(pilot.app)))
    await settle(pilot)


class TestLibrary:
    def test_list(self, snap_compare, tmp_path: Path) -> None:
        seed_library(tmp_path)
        assert snap_compare(app_for(), run_before=_listed, terminal_size=SIZE)

    def test_search_results(self, snap_compare, tmp_path: Path) -> None:
        seed_library(tmp_path)

        async def search(pilot: Pilot) -> None:
            await _listed(pilot)
            await pilot.press("slash", *"harbour")
            screen = pilot.app.screen
            await wait_until(pilot, lambda: len(screen.results.hits) == 2)
            await settle(pilot)

        assert snap_compare(app_for(), run_before=search, terminal_size=SIZE)

    def test_narrow_list_drops_columns(self, snap_compare, tmp_path: Path) -> None:
        seed_library(tmp_path)
        assert snap_compare(app_for(), run_before=_listed, terminal_size=(60, 12))
