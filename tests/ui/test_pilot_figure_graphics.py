"""Pilot tests of figures drawn in the article view by the terminal's own graphics.

kitty: each picture is sent once (through the app's driver, between frames) and its
rows are placeholder cells in the colour naming it; pictures are deleted from the
terminal when the article changes; nothing is drawn under a dialog, and a selection
never recolours the cells. Sixel: the screen as the compositor writes it, followed by
a small cursor model, has each visible row's slice exactly on its row and its box.

No kitty or Sixel terminal here: what is checked is what would be written to one.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
import textual.constants
from rich.cells import cell_len
from textual.geometry import Offset
from textual.selection import Selection

from reader.images import kitty
from reader.ui.article_view.layout.lines import BLOCK
from reader.ui.article_view.paint import column_left
from reader.ui.dialogs.message import MessageScreen
from reader.ui.image_viewer import graphics
from tests.image_pages import FIGURE_COLOURS, figures_page, import_textual_image_quietly
from tests.sixel_parse import parse

from .shell_support import SIZE, app_for, pilot_test, settle, view, wait_until
from .test_pilot_figures import picture_rows, wait_for_colour

TRANSMIT = re.compile(r"\x1b_G(a=T,[^;\x1b]*)")
DELETE = re.compile(r"\x1b_Ga=d,d=I,i=(\d+),q=2\x1b\\")


@pytest.fixture
def drawn_by(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Pretend ``prepare`` made kitty or Sixel ready, in a truecolor terminal with
    10 × 20 pixel cells."""

    import_textual_image_quietly()

    def choose(mode: str) -> None:
        monkeypatch.setattr(graphics, "_prepared", [mode])
        monkeypatch.setattr(textual.constants, "COLOR_SYSTEM", "truecolor")
        monkeypatch.setattr("reader.ui.article_view.view.cell_size", lambda: (10, 20))

    return choose


def record_writes(app) -> list[str]:  # type: ignore[no-untyped-def]
    written: list[str] = []
    app._driver.write = written.append
    return written


async def scroll_through(pilot, rows: list[int]) -> None:  # type: ignore[no-untyped-def]
    article_view = view(pilot.app)
    for row in rows:
        article_view.scroll_to(y=row, animate=False, immediate=True)
        await pilot.pause()


async def first_picture_sent(app, pilot) -> tuple[list[str], list[int]]:  # type: ignore[no-untyped-def]
    """The terminal's writes, recorded from the start, once the first picture's rows
    were scrolled through and it was sent; and that picture's rows."""
    written = record_writes(app)
    await settle(pilot)
    first = next(iter(picture_rows(app).values()))
    await scroll_through(pilot, [first[0]])
    await wait_until(pilot, lambda: len(sent_ids(written)) >= 1)
    return written, first


def sent_ids(written: list[str]) -> list[int]:
    return [
        int(dict(k.split("=") for k in keys.split(","))["i"])
        for keys in (m.group(1) for text in written for m in TRANSMIT.finditer(text))
    ]


def row_cells(app, index: int) -> tuple[str, object, int]:  # type: ignore[no-untyped-def]
    """The placeholder text of layout row ``index`` (scrolled into view), its style and
    the strip's cell length."""
    article_view = view(app)
    article_view.scroll_to(y=index, animate=False, immediate=True)
    strip = article_view.render_line(index - article_view.scroll_offset.y)
    placed = [s for s in strip if kitty.PLACEHOLDER in s.text]
    if not placed:
        return "", None, strip.cell_length
    return placed[0].text, placed[0].style, strip.cell_length


@pilot_test
async def test_kitty_pictures_are_sent_once_and_shown_by_placeholders(
    tmp_path: Path, drawn_by
) -> None:
    drawn_by("kitty")
    app = app_for(str(figures_page(tmp_path)), images="kitty")
    async with app.run_test(size=SIZE) as pilot:
        written = record_writes(app)
        await settle(pilot)
        rows = picture_rows(app)
        assert len(rows) == 3
        firsts = [lines[0] for lines in rows.values()]
        for _ in range(2):  # down and up again: nothing is sent twice
            await scroll_through(pilot, firsts)
            await wait_until(pilot, lambda: len(sent_ids(written)) == 3)
            await scroll_through(pilot, firsts[::-1])
        await pilot.pause(0.1)
        ids = sent_ids(written)
        assert len(ids) == len(set(ids)) == 3
        block, lines = next(iter(rows.items()))
        shown = view(app)._figures._kitty[(block, 40, len(lines))]
        for number, index in enumerate(lines):
            text, style, length = row_cells(app, index)
            assert length == view(app).scrollable_content_region.width
            assert text == kitty.placeholder_row(shown.image_id, number, 40)
            assert cell_len(text) == 40  # the box the layout reserved
            assert style.color.triplet == kitty.id_colour(shown.image_id)
        assert view(app)._layout.lines[lines[0]][BLOCK] == block


@pilot_test
async def test_kitty_pictures_are_deleted_when_the_article_changes(
    tmp_path: Path, drawn_by
) -> None:
    drawn_by("kitty")
    app = app_for(str(figures_page(tmp_path)), images="kitty")
    async with app.run_test(size=SIZE) as pilot:
        written = record_writes(app)
        await settle(pilot)
        await scroll_through(pilot, [lines[0] for lines in picture_rows(app).values()])
        await wait_until(pilot, lambda: len(sent_ids(written)) == 3)
        article_view = view(app)
        article_view.show(article_view.article, article_view._figures.pictures)
        await pilot.pause()
        deleted = [int(i) for text in written for i in DELETE.findall(text)]
        assert sorted(deleted) == sorted(sent_ids(written))
        written.clear()
        await scroll_through(pilot, [lines[0] for lines in picture_rows(app).values()])
        await wait_until(pilot, lambda: len(sent_ids(written)) == 3)  # sent again, new ids
        second = sent_ids(written)
        assert not set(second) & set(deleted)
        written.clear()
    # And when the app exits.
    assert sorted(int(i) for text in written for i in DELETE.findall(text)) == sorted(second)


@pilot_test
async def test_a_resized_picture_replaces_the_one_sent_before(tmp_path: Path, drawn_by) -> None:
    drawn_by("kitty")
    app = app_for(str(figures_page(tmp_path)), images="kitty")
    async with app.run_test(size=SIZE) as pilot:
        written, first = await first_picture_sent(app, pilot)
        assert len(sent_ids(written)) == 1
        before = sent_ids(written)[0]
        await pilot.resize_terminal(SIZE[0], SIZE[1] + 8)  # pictures get more rows
        await settle(pilot)
        first = next(iter(picture_rows(app).values()))
        await scroll_through(pilot, [first[0]])
        await wait_until(pilot, lambda: len(sent_ids(written)) == 2)
        assert [int(i) for text in written for i in DELETE.findall(text)] == [before]
        assert view(app)._figures._sent == [sent_ids(written)[1]]


@pilot_test
async def test_kitty_placeholders_are_not_painted_under_a_dialog(tmp_path: Path, drawn_by) -> None:
    drawn_by("kitty")
    app = app_for(str(figures_page(tmp_path)), images="kitty")
    async with app.run_test(size=SIZE) as pilot:
        _, first = await first_picture_sent(app, pilot)
        await pilot.pause()
        assert kitty.PLACEHOLDER in row_cells(app, first[0])[0]
        await app.push_screen(MessageScreen("Over the picture", "A dialog.", error=False))
        await pilot.pause()
        behind = app.screen._compositor.render_update(
            full=True, screen_stack=app._background_screens
        ).render_segments(app.console)
        assert "Over the picture" in behind
        assert kitty.PLACEHOLDER not in behind
        app.screen.dismiss(None)
        await pilot.pause()
        await pilot.pause()
        screen = app.screen._compositor.render_update(full=True).render_segments(app.console)
        assert kitty.PLACEHOLDER in screen


@pilot_test
async def test_a_selection_never_recolours_placeholders(tmp_path: Path, drawn_by) -> None:
    drawn_by("kitty")
    app = app_for(str(figures_page(tmp_path)), images="kitty")
    async with app.run_test(size=SIZE) as pilot:
        _, first = await first_picture_sent(app, pilot)
        _, before, _ = row_cells(app, first[1])
        app.screen.selections = {view(app): Selection(Offset(0, 0), None)}
        await pilot.pause()
        text, after, _ = row_cells(app, first[1])
        assert text and after == before


@pilot_test
async def test_without_prepared_graphics_the_view_draws_half_blocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # images = "kitty", but prepare() found no terminal (or no textual-image).
    monkeypatch.setattr(graphics, "_prepared", [])
    app = app_for(str(figures_page(tmp_path)), images="kitty")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert view(app)._figures.graphics is None
        first = next(iter(picture_rows(app).values()))
        assert await wait_for_colour(pilot, first[2], FIGURE_COLOURS[0])


SEQUENCE = re.compile(
    r"\x1bP.*?\x1b\\|\x1b\[([0-9;?]*)([A-Za-z])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b([78])|(.)",
    re.DOTALL,
)


def sixels_drawn(output: str) -> list[tuple[int, int, str]]:
    """Where each Sixel in ``output`` (a frame, as written) starts: (x, y, sixel),
    following the cursor through cursor positions, saves and restores, and text. A
    restore must land where the text had reached when the cursor was saved."""
    x = y = 0
    saved: tuple[int, int] | None = None
    found = []
    for match in SEQUENCE.finditer(output):
        text = match.group(0)
        if text.startswith("\x1bP"):
            found.append((x, y, text))
        elif match.group(2) == "H":
            row, _, column = (match.group(1) or "1;1").partition(";")
            y, x = int(row or 1) - 1, int(column or 1) - 1
        elif match.group(3) == "7":
            saved = (x, y)
        elif match.group(3) == "8":
            assert saved is not None
            x, y = saved
            saved = None
        elif match.group(4) is not None:
            x += 0 if match.group(4) == "\n" else cell_len(match.group(4))
    return found


@pilot_test
async def test_each_visible_sixel_row_is_drawn_on_its_own_cells(tmp_path: Path, drawn_by) -> None:
    drawn_by("sixel")
    app = app_for(str(figures_page(tmp_path)), images="sixel")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article_view = view(app)
        block, lines = next(iter(picture_rows(app).items()))
        # The picture's top half in view, at the bottom of the view.
        top = lines[0] - article_view.scrollable_content_region.height + len(lines) // 2
        await scroll_through(pilot, [top])
        painter = article_view._figures
        key = (block, 40, len(lines))
        await wait_until(pilot, lambda: key in painter._results)
        await pilot.pause()
        frame = app.screen._compositor.render_update(full=True).render_segments(app.console)
        drawn = sixels_drawn(frame)
        content = article_view.content_region
        visible = [i for i in lines if i - top < content.height]
        assert len(visible) == len(lines) // 2
        width = article_view.scrollable_content_region.width
        left = content.x + column_left(width, article_view._layout.width)
        slices = painter._results[key].rows
        assert [(x, y) for x, y, _ in drawn] == [(left, content.y + i - top) for i in visible]
        assert [text for _, _, text in drawn] == [slices[i - lines[0]] for i in visible]
        assert all(parse(text).size == (400, 20) for _, _, text in drawn)


def record_frames(app) -> list[str]:  # type: ignore[no-untyped-def]
    """Every frame the app sends, as the bytes a terminal would get (partial updates
    included)."""
    frames: list[str] = []
    original = app._display

    def display(screen, update) -> None:  # type: ignore[no-untyped-def]
        if update is not None and hasattr(update, "render_segments"):
            frames.append(update.render_segments(app.console))
        original(screen, update)

    app._display = display
    return frames


@pilot_test
async def test_the_frames_sent_redraw_each_slice_where_its_row_went(
    tmp_path: Path, drawn_by
) -> None:
    drawn_by("sixel")
    app = app_for(str(figures_page(tmp_path)), images="sixel")
    async with app.run_test(size=SIZE) as pilot:
        frames = record_frames(app)
        await settle(pilot)
        article_view = view(app)
        block, lines = next(iter(picture_rows(app).items()))
        await scroll_through(pilot, [lines[0] - 2])
        painter = article_view._figures
        await wait_until(pilot, lambda: (block, 40, len(lines)) in painter._results)
        await pilot.pause()
        content = article_view.content_region
        for shift in (0, 1, 3):
            frames.clear()
            if shift:
                article_view.focus()
                await pilot.press(*["j"] * shift)
            else:
                article_view.refresh_line(lines[0])  # one row only: a partial update
            await pilot.pause()
            top = article_view.scroll_offset.y
            sent = [found for found in map(sixels_drawn, frames) if found]
            assert sent, f"no Sixel in the frames after {shift} j"
            drawn = [(x, y) for x, y, _ in sent[-1]]  # the frame showing where it is now
            rows = [content.y + i - top for i in lines if top <= i < top + content.height]
            # Every slice sent lands on its own row, at the box's left edge.
            assert {y for _, y in drawn} <= set(rows)
            assert len({x for x, _ in drawn}) == 1
            if shift:
                assert [y for _, y in drawn] == rows
            else:  # only the row refreshed was sent
                assert drawn == [(drawn[0][0], content.y + lines[0] - top)]


@pilot_test
async def test_no_sixel_under_a_dialog(tmp_path: Path, drawn_by) -> None:
    drawn_by("sixel")
    app = app_for(str(figures_page(tmp_path)), images="sixel")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        block, lines = next(iter(picture_rows(app).items()))
        await scroll_through(pilot, [lines[0]])
        painter = view(app)._figures
        await wait_until(pilot, lambda: (block, 40, len(lines)) in painter._results)
        await pilot.pause()
        frame = app.screen._compositor.render_update(full=True).render_segments(app.console)
        assert len(sixels_drawn(frame)) == len(lines)
        await app.push_screen(MessageScreen("Over the picture", "A dialog.", error=False))
        await pilot.pause()
        behind = app.screen._compositor.render_update(
            full=True, screen_stack=app._background_screens
        ).render_segments(app.console)
        assert "Over the picture" in behind and "\x1bP" not in behind
        await asyncio.sleep(0)
