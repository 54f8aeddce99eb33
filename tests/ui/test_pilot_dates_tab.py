"""The Dates tab fills every time, whatever the order of events: the analysis may
finish before or after the sidebar and its tabs are mounted, shown or hidden (read
back from the cache, it often arrives before the tabs mount), and the tab may be
opened before, during or after the analysis."""

from __future__ import annotations

import pytest

from reader.ui.reading.sidebar.dates import DatesPane
from reader.ui.reading.sidebar.entities import EntitiesPane

from .analysis_articles import analysed, harbour_article
from .shell_support import SIZE, app_for, pilot_test, reading, settle, wait_until


def dates_filled(pane: DatesPane) -> bool:
    """The list shows the timeline's entries."""
    return bool(pane.entries) and pane.options.option_count > len(pane.entries)


async def _warm_the_cache() -> None:
    app = app_for(harbour_article(), analysis=True)
    async with app.run_test(size=SIZE) as pilot:
        await analysed(pilot, app)


@pytest.mark.parametrize("cache", ["cold", "warm"])
@pytest.mark.parametrize("moment", ["sidebar-open-at-start", "at-once", "after-analysis"])
@pilot_test
async def test_the_dates_tab_fills_whenever_it_is_opened(moment: str, cache: str) -> None:
    if cache == "warm":
        await _warm_the_cache()
    app = app_for(harbour_article(), analysis=True, sidebar=moment == "sidebar-open-at-start")
    async with app.run_test(size=SIZE) as pilot:
        if moment == "at-once":
            await pilot.press("s")
        elif moment == "after-analysis":
            await analysed(pilot, app)
            await settle(pilot)
            await pilot.press("s")
        await analysed(pilot, app)
        await settle(pilot)
        screen = reading(app)
        pane = screen.sidebar.pane(DatesPane)
        pane.activate()
        await pilot.pause()
        await wait_until(
            pilot,
            lambda: dates_filled(pane),
            tries=200,
            what=lambda: (
                f"the Dates tab to fill: {pane.options.option_count} options, "
                f"timeline {pane.timeline!r}"
            ),
        )
        reference = str(pane.query_one("#dates-reference").render())
        assert "relative to Sun 13 Apr 2025" in reference
        # Leaving the tab and coming back keeps it filled.
        screen.sidebar.pane(EntitiesPane).activate()
        await pilot.pause()
        pane.activate()
        await pilot.pause()
        assert dates_filled(pane)
