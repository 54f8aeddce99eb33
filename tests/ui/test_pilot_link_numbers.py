"""Link numbers: hidden in the text unless hints (f) are on or the setting asks; links
are marked by their look; labels drawn by hints never move a word."""

from __future__ import annotations

from rich.style import Style

from reader.ui.article_view.layout.lines import LINKS
from reader.ui.article_view.link_labels import drop_cells

from .built_articles import field_guide
from .shell_support import SIZE, app_for, pilot_test, settle, view


def _screen(app: object) -> list[str]:
    article_view = view(app)  # type: ignore[arg-type]
    return [article_view.render_line(y).text for y in range(article_view.size.height)]


def _styles_of(app: object, y: int, text: str) -> list[Style]:
    strip = view(app).render_line(y)  # type: ignore[arg-type]
    return [s.style for s in strip if s.style is not None and s.text and s.text in text]


@pilot_test
async def test_links_show_no_numbers_until_f_and_labels_cover_their_start(
    opened_urls: list[str],
) -> None:
    app = app_for(field_guide())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article_view = view(app)
        links = article_view.links()
        first = links[0]
        before = _screen(app)
        assert not any(f"{first.text}[1]" in row for row in before)
        y = next(i for i, row in enumerate(before) if first.text in row)
        x = before[y].index(first.text)
        link_style = next(s.style for s in article_view.render_line(y) if first.text in s.text)
        assert link_style.underline, "links are marked by their look, not a number"

        await pilot.press("f")
        await pilot.pause()
        during = _screen(app)
        assert during[y][x : x + 1] == "1"
        assert during[y][x + 1 : x + len(first.text)] == first.text[1:]
        hinted = next(s.style for s in article_view.render_line(y) if s.text == "1")
        assert hinted != link_style
        # Labels are drawn over the text: only label cells differ, no word moves.
        # (The hint bar takes the bottom row.)
        for row_during, row_before in zip(during, before[: len(during)], strict=True):
            assert len(row_during) == len(row_before)
            assert all(a == b or a.isdigit() for a, b in zip(row_during, row_before, strict=True))
        assert not any("[1]" in row for row in during)

        await pilot.press("escape")
        await pilot.pause()
        assert _screen(app) == before


@pilot_test
async def test_every_numbered_link_on_screen_gets_one_label(opened_urls: list[str]) -> None:
    app = app_for(field_guide())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article_view = view(app)
        article_view.hints = True
        await pilot.pause()
        layout = article_view._layout
        assert layout is not None
        top = article_view.scroll_offset.y
        on_screen = {
            n for line in layout.lines[top : top + article_view.size.height] for n in line[LINKS]
        }
        starts = {
            link.number
            for link in article_view.links()
            if link.number in on_screen and link.group is None
        }
        labels = [
            segment.text
            for y in range(article_view.size.height)
            for segment in article_view.render_line(y)
            if segment.text.isdigit() and segment.style is not None and segment.style.bold
        ]
        assert {int(label) for label in labels} >= starts
        assert len(labels) == len(set(labels)), "a link is labelled once"


@pilot_test
async def test_the_setting_shows_numbers_always(opened_urls: list[str]) -> None:
    app = app_for(field_guide(), link_numbers=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = view(app).links()[0]
        assert any(f"{first.text}[1]" in row for row in _screen(app))
        # F: hints that hand the link to the browser; typing its number opens it.
        await pilot.press("F", "1")
        await settle(pilot)
        assert opened_urls == [first.href]


def test_drop_cells_keeps_the_cell_count() -> None:
    assert drop_cells("harbour", 2) == ("rbour", 0)
    assert drop_cells("ab", 5) == ("", 3)
    assert drop_cells("港口城市", 3) == (" 城市", 0)
    assert drop_cells("港口", 2) == ("口", 0)
