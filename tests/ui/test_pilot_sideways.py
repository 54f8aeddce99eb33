"""Code and wide tables are not wrapped: they scroll sideways (zl/zh, zL/zH, the
arrow keys, shift + wheel) with ‹ › where there is more, and prose stays put."""

from __future__ import annotations

from article_builder import ArticleBuilder
from textual import events

from reader.models import Article
from reader.ui.article_view.sideways import MORE_LEFT, MORE_RIGHT
from reader.ui.article_view.view import WHEEL_COLUMNS

from .shell_support import app_for, pilot_test, settle, view

LONG = "result = combine(first_argument, second_argument, third_argument, fourth_one)"
PROSE = "The harbour clock was fixed by volunteers who meet in the old net loft on Quay Street."


def _article() -> Article:
    b = ArticleBuilder("Sideways")
    b.paragraph(PROSE)
    b.code(f"def main():\n    {LONG}\n    return result", None)
    b.table(
        [
            ["Station", "High-water", "Low-water", "Tidal-range", "Spring-height", "Remarks"],
            ["Port-Wren", "06:12-GMT", "12:31-GMT", "4.1-metres", "5.2-metres", "neap-tide-calm"],
        ]
    )
    b.paragraph(PROSE)
    return b.build()


def _rows(app: object) -> list[str]:
    article_view = view(app)  # type: ignore[arg-type]
    return [article_view.render_line(y).text for y in range(article_view.size.height)]


def _row_with(app: object, needle: str) -> str:
    return next(row for row in _rows(app) if needle in row)


async def _press(pilot: object, *keys: str) -> None:
    await pilot.press(*keys)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


@pilot_test
async def test_zl_zh_scroll_code_and_tables_with_markers() -> None:
    app = app_for(_article())
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot)
        prose = _row_with(app, "The harbour")
        code = _row_with(app, "result = combine")
        assert code.rstrip().endswith(MORE_RIGHT) and MORE_LEFT not in code
        indent = code.index("result")
        # The code keeps its indent and is not wrapped onto a second row.
        assert code[indent - 4 : indent] == "    "
        assert not any("fourth_one" in row for row in _rows(app))
        table = _row_with(app, "12:31")
        assert table.rstrip().endswith(MORE_RIGHT) and "neap-tide-calm" not in table

        await _press(pilot, "z", "l")
        shifted = _row_with(app, "esult = combine")
        assert shifted.index("esult") == indent, "one cell to the left"
        assert _row_with(app, "The harbour") == prose, "prose does not move"

        await _press(pilot, "z", "L")
        assert MORE_LEFT in _row_with(app, "argument")
        for _ in range(10):
            await _press(pilot, "z", "L")
        end = _row_with(app, "fourth_one)")
        assert MORE_RIGHT not in end and MORE_LEFT in end
        assert _row_with(app, "neap-tide-calm")  # the table's last column is in view

        await _press(pilot, "z", "H")
        for _ in range(10):
            await _press(pilot, "z", "h")
        await _press(pilot, "z", "H", "z", "H", "z", "H", "z", "H")
        assert _row_with(app, "result = combine") == code


@pilot_test
async def test_arrow_keys_and_shift_wheel_scroll_sideways() -> None:
    app = app_for(_article())
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot)
        article_view = view(app)
        code = _row_with(app, "result = combine")
        indent = code.index("result")
        await _press(pilot, "right")
        assert "result = combine" not in _row_with(app, "argument")
        await _press(pilot, "left")
        assert _row_with(app, "result = combine") == code

        top = article_view.scroll_offset.y
        article_view.post_message(
            events.MouseScrollDown(article_view, 5, 5, 0, 1, 0, True, False, False)
        )
        await pilot.pause()
        assert _row_with(app, "result = combine").index("result") == indent - WHEEL_COLUMNS
        assert article_view.scroll_offset.y == top, "shift + wheel does not scroll down"
        article_view.post_message(
            events.MouseScrollUp(article_view, 5, 5, 0, -1, 0, True, False, False)
        )
        await pilot.pause()
        assert _row_with(app, "result = combine") == code


@pilot_test
async def test_nothing_wide_on_screen_rings_the_bell() -> None:
    b = ArticleBuilder("Narrow")
    b.paragraph(PROSE)
    b.code("print('short')", None)
    app = app_for(b.build())
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot)
        bells: list[bool] = []
        app.bell = lambda: bells.append(True)  # type: ignore[method-assign]
        before = _rows(app)
        await _press(pilot, "z", "l")
        assert bells and _rows(app) == before


@pilot_test
async def test_the_palette_offers_the_sideways_keys() -> None:
    from reader.ui.palette import ReaderCommands

    app = app_for(_article())
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        provider = ReaderCommands(app.screen)
        keys = " ".join(command.keys for command in provider._commands())
        for sequence in ("zl", "zh", "zL", "zH", "→", "←"):
            assert sequence in keys.split(), sequence


@pilot_test
async def test_a_search_match_in_a_wide_row_is_scrolled_into_view() -> None:
    app = app_for(_article())
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot)
        assert not any("fourth_one" in row for row in _rows(app))
        await _press(pilot, "slash", *"fourth_one", "enter")
        await settle(pilot)
        row = _row_with(app, "fourth_one")
        assert MORE_LEFT in row[:4]  # after the gutter (the cursor mark)
        assert _row_with(app, "The harbour")  # prose stays as it was
