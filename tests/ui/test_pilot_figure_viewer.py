"""Pilot tests of the figures as places to go: p/P step through them (the passage
cursor lands on the caption, where highlights and notes can go), Enter or i shows one
full-screen with its caption and credit, the viewer steps, closes with Esc or q, and
leaves the article at the figure shown last."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from reader.images.figures import article_figures
from reader.models import BlockKind
from reader.ui.app import ReaderApp
from reader.ui.dialogs.help import HelpScreen
from reader.ui.dialogs.link_list import LinkListScreen
from reader.ui.image_viewer.canvas import FigureCanvas
from reader.ui.image_viewer.screen import ImageViewerScreen
from reader.ui.reading.screen import ReadingScreen
from tests.image_pages import FIGURE_COLOURS, figures_page

from .annotation_support import layer_text, press_and_settle
from .shell_support import (
    SIZE,
    app_for,
    pilot_test,
    reading,
    record_notifications,
    settle,
    static_text,
    view,
)


def figure_blocks(app: ReaderApp) -> list[int]:
    article = view(app).article
    assert article is not None
    return [i for i, b in enumerate(article.blocks) if b.kind is BlockKind.FIGURE]


def caption_under_cursor(app: ReaderApp) -> str:
    article = view(app).article
    assert article is not None
    block = view(app).figure_at_cursor()
    assert block is not None, "the cursor is not on a figure"
    return article.text[article.blocks[block].start : article.blocks[block].end]


async def drawn(pilot: Pilot) -> ImageViewerScreen:
    """The viewer on top, once its canvas has drawn."""
    screen = pilot.app.screen
    assert isinstance(screen, ImageViewerScreen)
    for _ in range(200):
        if screen.canvas.painted_size is not None or screen.canvas.failure is not None:
            break
        await asyncio.sleep(0.02)
        await pilot.pause()
    return screen


def canvas_colours(canvas: FigureCanvas) -> set[tuple[int, int, int]]:
    found = set()
    for y in range(canvas.size.height):
        for segment in canvas.render_line(y):
            style = segment.style
            if style is not None and style.color is not None and style.color.triplet:
                found.add(tuple(style.color.triplet))
    return found


@pilot_test
async def test_p_and_P_step_through_the_figures_with_the_cursor_on_the_caption(
    tmp_path: Path,
) -> None:
    app = app_for(str(figures_page(tmp_path)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        blocks = figure_blocks(app)
        assert len(blocks) == 3
        for number in (1, 2, 3):
            await press_and_settle(pilot, "p")
            assert caption_under_cursor(app).startswith(f"Caption number {number}.")
            # The picture is at the top of the view, its caption on screen under it.
            layout = view(app)._layout
            assert view(app).scroll_offset.y == layout.block_line[blocks[number - 1]]
        top = view(app).scroll_offset.y
        await press_and_settle(pilot, "p")  # past the last: nothing moves
        assert view(app).scroll_offset.y == top
        assert caption_under_cursor(app).startswith("Caption number 3.")
        await press_and_settle(pilot, "P")
        assert caption_under_cursor(app).startswith("Caption number 2.")
        await press_and_settle(pilot, "P")
        assert caption_under_cursor(app).startswith("Caption number 1.")


@pilot_test
async def test_enter_on_a_figure_shows_it_full_screen_with_caption_and_credit(
    tmp_path: Path,
) -> None:
    app = app_for(str(figures_page(tmp_path)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "p", "enter")
        viewer = await drawn(pilot)
        assert viewer.figure.number == 1
        caption = str(viewer.query_one("#viewer-caption").render())
        credit = str(viewer.query_one("#viewer-credit").render())
        assert caption == "Caption number 1."
        assert credit == "Photo: Studio 1"
        # As large as the terminal allows: the picture fills the canvas's height
        # (400 × 300 is wider than tall, so its height bounds it at this size).
        canvas = viewer.canvas
        painted = canvas.painted_size
        assert painted is not None
        assert painted.height == canvas.size.height or painted.width == canvas.size.width
        assert painted.height > view(app)._layout.figure_rows  # larger than inline
        assert FIGURE_COLOURS[0] in canvas_colours(canvas)
        await press_and_settle(pilot, "escape")
        assert isinstance(app.screen, ReadingScreen)
        assert caption_under_cursor(app).startswith("Caption number 1.")


@pilot_test
async def test_the_viewer_steps_and_the_article_follows_when_it_closes(tmp_path: Path) -> None:
    app = app_for(str(figures_page(tmp_path)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "p", "i")
        viewer = await drawn(pilot)
        await press_and_settle(pilot, "p")
        viewer = await drawn(pilot)
        assert viewer.figure.number == 2
        for _ in range(100):
            if FIGURE_COLOURS[1] in canvas_colours(viewer.canvas):
                break
            await asyncio.sleep(0.02)
            await pilot.pause()
        assert FIGURE_COLOURS[1] in canvas_colours(viewer.canvas)
        assert "2 of 3" in str(viewer.query_one("#viewer-title").render())
        await press_and_settle(pilot, "right", "right")  # past the last: stays
        assert viewer.figure.number == 3
        await press_and_settle(pilot, "q")  # q closes the viewer, not the app
        assert isinstance(app.screen, ReadingScreen)
        assert caption_under_cursor(app).startswith("Caption number 3.")


@pilot_test
async def test_the_viewer_redraws_at_a_new_terminal_size(tmp_path: Path) -> None:
    app = app_for(str(figures_page(tmp_path)))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "p", "i")
        viewer = await drawn(pilot)
        small = viewer.canvas.painted_size
        assert small is not None
        await pilot.resize_terminal(160, 50)
        for _ in range(200):
            await asyncio.sleep(0.02)
            await pilot.pause()
            size = viewer.canvas.painted_size
            if size is not None and size.height > small.height:
                break
        size = viewer.canvas.painted_size
        assert size is not None and size.height > small.height
        assert size.height <= viewer.canvas.size.height
        assert size.width <= viewer.canvas.size.width


@pilot_test
async def test_i_without_a_figure_on_screen_says_how_to_find_one(tmp_path: Path) -> None:
    app = app_for(str(figures_page(tmp_path, paragraphs=8)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = record_notifications(app)
        assert view(app).figures_in_view() == []
        await press_and_settle(pilot, "i")
        assert isinstance(app.screen, ReadingScreen)
        assert shown and "No figure here" in shown[-1]


@pilot_test
async def test_a_figure_never_saved_is_named_not_opened(tmp_path: Path) -> None:
    from tests.image_pages import saved_complete

    app = app_for(str(saved_complete(tmp_path)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article = view(app).article
        assert article is not None
        never = [f for f in article_figures(article) if not f.image]
        assert never
        shown = record_notifications(app)
        reading(app).figures.open(never[0].block)
        await settle(pilot)
        assert isinstance(app.screen, ReadingScreen)
        assert "not saved with the page" in shown[-1]


@pilot_test
async def test_the_caption_takes_a_highlight_and_a_note(tmp_path: Path) -> None:
    app = app_for(str(figures_page(tmp_path)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "p", "p", "h")
        highlighted = layer_text(view(app), "highlights")
        assert highlighted and highlighted[0].startswith("Caption number 2.")
        await press_and_settle(pilot, "a")
        from reader.ui.dialogs.note_editor import NoteEditor

        assert isinstance(app.screen, NoteEditor)


@pilot_test
async def test_figure_keys_follow_the_keymap_and_show_in_help_and_palette(
    tmp_path: Path,
) -> None:
    keymap = {"view.next-figure": "ctrl+n", "figures.open": "ctrl+g"}
    app = app_for(str(figures_page(tmp_path)), keymap=keymap)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = {row.binding_id: row.keys for row in reading(app).palette_entries()}
        assert rows["view.next-figure"] == ("^n",)
        assert rows["figures.open"] == ("^g",)
        assert "view.previous-figure" in rows
        await press_and_settle(pilot, "p")  # rebound: p does nothing now
        assert view(app).figure_at_cursor() is None
        await press_and_settle(pilot, "ctrl+n", "ctrl+g")
        viewer = await drawn(pilot)
        viewer_rows = {row.binding_id for row in viewer.palette_entries()}
        assert {"viewer.close", "viewer.next-figure", "viewer.previous-figure"} <= viewer_rows
        await press_and_settle(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = static_text(app, "#help-text")
        assert "Figure" in text  # the viewer's group
        for description in ("Close", "Next figure", "Previous figure"):
            assert description in text
        await press_and_settle(pilot, "escape", "escape")
        assert isinstance(app.screen, ReadingScreen)
        await press_and_settle(pilot, "question_mark")
        text = static_text(app, "#help-text")
        assert "Next figure" in text and "Previous figure" in text and "^g" in text


@pilot_test
async def test_the_link_list_names_the_pictures_and_a_saved_one_opens_the_viewer(
    tmp_path: Path,
) -> None:
    app = app_for(str(figures_page(tmp_path)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert view(app).links() == []  # only pictures: the list still opens
        await press_and_settle(pilot, "o")
        assert isinstance(app.screen, LinkListScreen)
        options = app.screen.query_one(OptionList)
        assert options.option_count == 3
        assert "pictures (3)" in str(app.screen.query_one("#links-box").border_title)
        await pilot.press(*"img2")
        await pilot.pause()
        assert options.option_count == 1
        await press_and_settle(pilot, "enter")
        viewer = await drawn(pilot)
        assert viewer.figure.number == 2
        assert str(viewer.query_one("#viewer-caption").render()) == "Caption number 2."


@pilot_test
async def test_a_picture_never_saved_is_listed_with_its_address_and_handed_to_the_browser(
    tmp_path: Path, opened_urls: list[str]
) -> None:
    from tests.image_pages import saved_complete

    app = app_for(str(saved_complete(tmp_path)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "o")
        options = app.screen.query_one(OptionList)
        assert options.option_count == 3  # three pictures, no links
        await pilot.press(*"gone.jpg")
        await pilot.pause()
        assert options.option_count == 1
        await press_and_settle(pilot, "enter")
        assert isinstance(app.screen, ReadingScreen)
        assert opened_urls == ["https://cdn.example/gone.jpg"]


@pytest.mark.parametrize("mode", ["kitty", "sixel"])
@pilot_test
async def test_with_terminal_graphics_the_viewer_hands_the_picture_to_textual_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    from textual_image.widget import SixelImage, TGPImage

    from reader.ui.image_viewer import graphics
    from reader.ui.image_viewer.graphic_canvas import GraphicCanvas

    # What prepare() leaves when the terminal answered (it cannot here: no terminal).
    monkeypatch.setattr(graphics, "_prepared", [mode])
    app = app_for(str(figures_page(tmp_path)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "p", "i")
        viewer = app.screen
        assert isinstance(viewer, ImageViewerScreen)
        canvas = viewer.canvas
        assert isinstance(canvas, GraphicCanvas)
        for _ in range(200):
            if canvas.drawn:
                break
            await asyncio.sleep(0.02)
            await pilot.pause()
        assert canvas.failure is None, canvas.failure
        widget = canvas.query_one("#graphic-picture")
        assert isinstance(widget, TGPImage if mode == "kitty" else SixelImage)
        assert widget.image.size == (400, 300)  # the picture's own size, decoded once
        assert FIGURE_COLOURS[0] == widget.image.getpixel((200, 150))[:3]
        # Within the canvas, whatever the terminal's cells measure.
        assert widget.region.width <= canvas.region.width
        assert widget.region.height <= canvas.region.height
        await press_and_settle(pilot, "p")
        for _ in range(200):
            picture = canvas.query("#graphic-picture")
            if picture and picture.first().image.getpixel((0, 0))[:3] == FIGURE_COLOURS[1]:
                break
            await asyncio.sleep(0.02)
            await pilot.pause()
        assert canvas.query_one("#graphic-picture").image.getpixel((0, 0))[:3] == FIGURE_COLOURS[1]
        await press_and_settle(pilot, "escape")
        assert isinstance(app.screen, ReadingScreen)
