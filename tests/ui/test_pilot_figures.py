"""Pilot tests of figures in the article view: pictures drawn as half blocks on rows
reserved from their intrinsic size, decoded off the event loop, placeholders for the
rest, nothing drawn with ``images = "off"``."""

from __future__ import annotations

import asyncio
from pathlib import Path

from hostile.screen_probe import capture

from reader.images.halfblock import cell_box
from reader.images.terminal import FIGURE_ROWS, MIN_FIGURE_ROWS, figure_height
from reader.models import BlockKind
from reader.ui.article_view.figure_paint import FIGURE_IMAGE
from reader.ui.article_view.layout.lines import BLOCK, RUNS
from tests.image_pages import figures_page, html_page, picture, saved_complete

from .shell_support import SIZE, app_for, pilot_test, settle, view

HARBOUR_BLUE = (20, 60, 200)


def picture_rows(app) -> dict[int, list[int]]:  # type: ignore[no-untyped-def]
    """The layout's picture rows, by block index."""
    rows: dict[int, list[int]] = {}
    for index, line in enumerate(view(app)._layout.lines):
        if line[RUNS] and line[RUNS][0][1] == FIGURE_IMAGE:
            rows.setdefault(line[BLOCK], []).append(index)
    return rows


def colours_on(app, index: int) -> set[tuple[int, int, int]]:  # type: ignore[no-untyped-def]
    article_view = view(app)
    article_view.scroll_to(y=index, animate=False, immediate=True)
    strip = article_view.render_line(index - article_view.scroll_offset.y)
    found = set()
    for segment in strip:
        style = segment.style
        if style is not None and style.bgcolor is not None and style.bgcolor.triplet:
            found.add(tuple(style.bgcolor.triplet))
    return found


async def wait_for_colour(pilot, index: int, colour: tuple[int, int, int]) -> bool:  # type: ignore[no-untyped-def]
    for _ in range(100):
        if colour in colours_on(pilot.app, index):
            return True
        await asyncio.sleep(0.02)
        await pilot.pause()
    return False


@pilot_test
async def test_saved_pictures_are_drawn_in_their_reserved_rows(tmp_path: Path) -> None:
    page = saved_complete(tmp_path)
    app = app_for(str(page))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article = view(app).article
        assert article is not None
        figures = [i for i, b in enumerate(article.blocks) if b.kind is BlockKind.FIGURE]
        rows = picture_rows(app)
        assert sorted(rows) == figures[:2]  # the picture that was not saved has no rows
        face, harbour = (rows[i] for i in figures[:2])
        # Reserved from the intrinsic size (640×480 and 300×100) before any decoding.
        column = view(app)._layout.width
        most = figure_height(FIGURE_ROWS, app.size.height)
        assert most <= view(app).scrollable_content_region.height // 2
        assert len(face) == cell_box(640, 480, column, most)[1] == most
        assert len(harbour) == cell_box(300, 100, column, most)[1] < most
        height = view(app).virtual_size.height
        assert await wait_for_colour(pilot, harbour[3], HARBOUR_BLUE)
        assert view(app).virtual_size.height == height  # nothing moved when it arrived
        view(app).scroll_end(animate=False, immediate=True)
        await pilot.pause()
        text = "\n".join(capture(app).lines)
        assert "[image: Nobody saved this one.]" in text


@pilot_test
async def test_captions_stay_text_under_the_picture(tmp_path: Path) -> None:
    app = app_for(str(saved_complete(tmp_path)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = picture_rows(app)
        first = min(rows)
        last_picture_row = rows[first][-1]
        line = view(app)._layout.lines[last_picture_row + 1]
        assert "".join(r[0] for r in line[RUNS]).strip().startswith("The restored face at dawn.")
        assert {r[1] for r in line[RUNS] if r[0].strip()} == {"figure"}


@pilot_test
async def test_images_off_shows_placeholders(tmp_path: Path) -> None:
    app = app_for(str(saved_complete(tmp_path)), images="off")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert picture_rows(app) == {}
        text = "\n".join(capture(app).lines)
        assert "[image: The restored face at dawn. Photo: Maren Holt]" in text


@pilot_test
async def test_a_picture_cut_short_says_so_on_its_first_row(tmp_path: Path) -> None:
    files = tmp_path / "cut_files"
    files.mkdir()
    whole = picture((200, 200), fmt="JPEG")
    (files / "cut.jpg").write_bytes(whole[: len(whole) * 2 // 3])  # its header is intact
    page = tmp_path / "cut.html"
    body = '<figure><img src="cut_files/cut.jpg" alt="The clock face"></figure>'
    page.write_text(html_page("Cut short", body), encoding="utf-8")
    app = app_for(str(page))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = picture_rows(app)
        first = rows[min(rows)]
        text = ""
        for _ in range(100):
            await asyncio.sleep(0.02)
            await pilot.pause()
            view(app).scroll_to(y=first[0], animate=False, immediate=True)
            strip = view(app).render_line(first[0] - view(app).scroll_offset.y)
            text = "".join(segment.text for segment in strip)
            if "[image:" in text:
                break
        assert "[image: The clock face — damaged or cut short]" in text


@pilot_test
async def test_picture_height_follows_the_terminal_and_resizing_keeps_the_place(
    tmp_path: Path,
) -> None:
    app = app_for(str(figures_page(tmp_path)))
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        article = view(app).article
        assert article is not None
        face = min(picture_rows(app))
        short = len(picture_rows(app)[face])
        assert short == figure_height(FIGURE_ROWS, 24) == 11
        # Read on past the picture, then make the terminal taller.
        caption = article.blocks[face].start
        view(app).scroll_to_offset(caption)
        await settle(pilot)
        before = view(app).top_offset()
        await pilot.resize_terminal(100, 60)
        await settle(pilot)
        tall = len(picture_rows(app)[face])
        assert tall > short
        assert tall == figure_height(FIGURE_ROWS, 60) == 29
        assert view(app).top_offset() == before  # the reflow kept the caption on top
        await pilot.resize_terminal(100, 12)
        await settle(pilot)
        assert len(picture_rows(app)[face]) == MIN_FIGURE_ROWS
        assert view(app).top_offset() == before
