"""Pilot test: two copies of one article are told apart in the library by their
source (a file's path, a URL's host and path), shown dimmed."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from .library_support import SEEDS, Seed, library, seed_library, titles
from .shell_support import app_for, pilot_test, settle, wait_until


async def _listed(pilot: Pilot) -> None:
    await settle(pilot)
    await wait_until(pilot, lambda: bool(titles(pilot.app)))
    await settle(pilot)


@pilot_test
async def test_two_copies_of_one_article_show_where_each_came_from(tmp_path: Path) -> None:
    first, second = tmp_path / "saved", tmp_path / "later"
    first.mkdir()
    second.mkdir()
    copy = SEEDS[0]
    edited = Seed(copy.title, copy.site, copy.published, copy.body + " Updated.")
    seed_library(first, [copy])
    seed_library(second, [edited])
    app = app_for()
    async with app.run_test(size=(100, 16)) as pilot:
        await _listed(pilot)
        screen = library(app)
        table = screen.table
        assert titles(app) == [copy.title, copy.title]
        rows = [table.render_line(index + 1) for index in range(2)]
        texts = [row.text for row in rows]
        assert texts[0] != texts[1]
        header = table.render_line(0).text
        assert "Source" in header
        shown = [text[header.index("Source") :].split()[0] for text in texts]
        # A path too long for the column keeps its end: the folder and the file name.
        assert all(path.startswith("…") for path in shown)
        assert sorted(path.rsplit("/", 2)[-2] for path in shown) == ["later", "saved"]
        title_style = next(s.style for s in rows[1] if copy.title[:10] in s.text)
        source_style = next(s.style for s in rows[1] if "page-0.html" in s.text)
        # Off the cursor row: the source is dimmed, unlike the title.
        assert source_style != title_style


@pilot_test
async def test_a_wide_library_shows_the_site_and_the_source(tmp_path: Path) -> None:
    seed_library(tmp_path, [SEEDS[0]])
    app = app_for()
    async with app.run_test(size=(140, 16)) as pilot:
        await _listed(pilot)
        table = library(app).table
        header = table.render_line(0).text
        assert "Site" in header and "Source" in header and "Tags" in header
        row = table.render_line(1).text
        assert "Coastal Notes" in row and "page-0.html" in row
