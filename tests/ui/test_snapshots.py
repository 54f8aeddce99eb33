"""Snapshots (SVG) of the reading screen: the sample article (built by hand, see
``built_articles.ferry_story``) with its sections collapsed and expanded, search
highlights, link hints, the sidebar, the help screen and each theme.

Regenerate only after looking at the report: ``pytest tests/ui/test_snapshots.py
--snapshot-update``."""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime

import pytest
from textual.pilot import Pilot

from reader.models import Incomplete
from reader.ui.app import ReaderApp

from .built_articles import ferry_story
from .shell_support import app_for, settle

SIZE = (100, 32)
THEMES = ("paper-dark", "paper-light", "sepia", "high-contrast")


@pytest.fixture
def app() -> Callable[..., ReaderApp]:
    """Build the app showing the sample article, in a theme or the default one."""
    return lambda theme=None: app_for(ferry_story(), theme=theme)


def keys(*presses: str) -> Callable[[Pilot], Awaitable[None]]:
    """Settle the first paint and the background layout, press ``presses``, settle."""

    async def run(pilot: Pilot) -> None:
        await settle(pilot)
        for key in presses:
            await pilot.press(key)
            await settle(pilot)

    return run


def typed(text: str) -> Sequence[str]:
    return list(text)


class TestSamplePage:
    def test_top(self, snap_compare, app) -> None:
        assert snap_compare(app(), run_before=keys(), terminal_size=SIZE)

    def test_end_with_link_groups_collapsed(self, snap_compare, app) -> None:
        assert snap_compare(app(), run_before=keys("end"), terminal_size=SIZE)

    def test_end_with_every_section_expanded(self, snap_compare, app) -> None:
        run = keys("z", "R", "end", "k", "k", "k", "k", "k", "k", "k", "k")
        assert snap_compare(app(), run_before=run, terminal_size=SIZE)

    def test_sidebar_contents(self, snap_compare, app) -> None:
        assert snap_compare(app(), run_before=keys("t"), terminal_size=SIZE)


class TestSearchAndLinks:
    def test_search_highlights(self, snap_compare, app) -> None:
        run = keys("slash", *typed("ferry"), "enter", "n")
        assert snap_compare(app(), run_before=run, terminal_size=SIZE)

    def test_search_while_typing(self, snap_compare, app) -> None:
        run = keys("slash", *typed("the"))
        assert snap_compare(app(), run_before=run, terminal_size=SIZE)

    def test_link_hints(self, snap_compare, app) -> None:
        run = keys("z", "R", "end", "f")
        assert snap_compare(app(), run_before=run, terminal_size=SIZE)

    def test_link_list(self, snap_compare, app) -> None:
        assert snap_compare(app(), run_before=keys("o"), terminal_size=SIZE)


class TestHelp:
    def test_help_screen(self, snap_compare, app) -> None:
        assert snap_compare(app(), run_before=keys("question_mark"), terminal_size=SIZE)


class TestThemes:
    @pytest.mark.parametrize("theme", THEMES)
    def test_theme(self, snap_compare, app, theme: str) -> None:
        # The end of the page with a search: text, link numbers, section markers, the
        # current match and the other matches all in the theme's colours.
        run = keys("slash", *typed("trust"), "enter", "end", "n")
        assert snap_compare(app(theme), run_before=run, terminal_size=SIZE)


class TestTitleBlock:
    def test_title_block_and_a_partial_article(self, snap_compare) -> None:
        # Title, standfirst, byline · site · date · reading time above the text; the
        # header's short form says the article looks cut.
        story = ferry_story()
        meta = dataclasses.replace(
            story.metadata,
            site="The Hollin Courier",
            byline="Maren Holt",
            published=datetime(2026, 4, 12),
            description="Eleven years after its last crossing, the estuary has its night "
            "boat back, run by volunteers.",
        )
        article = dataclasses.replace(story, metadata=meta, incomplete=Incomplete.SMALL_SHARE)
        assert snap_compare(app_for(article), run_before=keys(), terminal_size=(80, 24))


def _code_and_table_page() -> object:
    from article_builder import ArticleBuilder

    b = ArticleBuilder("Tide tables in code")
    b.paragraph("The clock reads its table with a short program; the table follows it.")
    b.code(
        "def next_high_water(table, now):\n"
        "    # The first high water after now, from the harmonic constants' table.\n"
        "    return min((t for t in table if t.kind == 'high' and t.when > now), key=when)",
        "python",
    )
    b.table(
        [
            ["Station", "High-water", "Low-water", "Tidal-range", "Spring-height", "Remarks"],
            ["Port-Wren", "06:12-GMT", "12:31-GMT", "4.1-metres", "5.2-metres", "neap-tide"],
        ]
    )
    return b.build()


class TestNarrowAndWide:
    def test_reading_screen_at_80_columns(self, snap_compare, app) -> None:
        # The compact footer fits: every key it shows is whole.
        assert snap_compare(app(), run_before=keys(), terminal_size=(80, 24))

    def test_code_and_table_scrolled_sideways(self, snap_compare) -> None:
        page = app_for(_code_and_table_page())
        run = keys("z", "L", "z", "l", "z", "l")
        assert snap_compare(page, run_before=run, terminal_size=(80, 24))

    def test_link_numbers_setting(self, snap_compare) -> None:
        page = app_for(ferry_story(), link_numbers=True)
        assert snap_compare(page, run_before=keys(), terminal_size=SIZE)
