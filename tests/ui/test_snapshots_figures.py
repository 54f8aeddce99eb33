"""Snapshot (SVG) of a figure drawn with half blocks, its caption and credit under it.

Regenerate only after looking at the report: ``pytest tests/ui/test_snapshots_figures.py
--snapshot-update``."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PIL import Image
from textual.pilot import Pilot

from reader.service import read_article
from tests.image_pages import html_page

from .shell_support import app_for, settle, view

SIZE = (100, 32)


def gradient_page(folder: Path) -> Path:
    """A page whose one figure is a colour gradient (the same pixels every run)."""
    files = folder / "page_files"
    files.mkdir(parents=True)
    image = Image.new("RGB", (160, 60))
    image.putdata([(x * 255 // 159, y * 255 // 59, 128) for y in range(60) for x in range(160)])
    image.save(files / "gradient.png")
    body = (
        '<figure><img src="page_files/gradient.png" alt="A gradient">'
        "<figcaption>Red grows to the right, green downwards. "
        '<span class="credit">Image: the test suite</span></figcaption></figure>'
    )
    page = folder / "figure.html"
    page.write_text(html_page("A figure", body), encoding="utf-8")
    return page


async def pictures_drawn(pilot: Pilot) -> None:
    await settle(pilot)
    painter = view(pilot.app)._figures
    for _ in range(200):
        if len(painter._results):
            break
        await asyncio.sleep(0.02)
        await pilot.pause()
    await settle(pilot)


class TestFigures:
    def test_half_block_figure_with_caption(self, snap_compare, tmp_path: Path) -> None:
        article = read_article(str(gradient_page(tmp_path)))
        app = app_for(article)
        assert snap_compare(app, run_before=pictures_drawn, terminal_size=SIZE)

    def test_full_screen_viewer(self, snap_compare, tmp_path: Path) -> None:
        article = read_article(str(gradient_page(tmp_path)))
        app = app_for(article)

        async def open_viewer(pilot: Pilot) -> None:
            await pictures_drawn(pilot)
            await pilot.press("p", "i")
            await settle(pilot)
            canvas = pilot.app.screen.query_one("#viewer-canvas")
            for _ in range(200):
                if canvas.painted_size is not None:
                    break
                await asyncio.sleep(0.02)
                await pilot.pause()
            await settle(pilot)

        assert snap_compare(app, run_before=open_viewer, terminal_size=SIZE)
