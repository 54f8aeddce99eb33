"""Snapshots (SVG) of the sample article (``built_articles.ferry_story``) with its
analysis: the Entities tab with a name chosen, the Dates tab, and the enumerated group
as an expanded section.

Regenerate only after looking at the report: ``pytest
tests/ui/test_snapshots_analysis.py --snapshot-update``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from reader.models import SectionKind
from reader.ui.app import ReaderApp

from .analysis_articles import analysed
from .built_articles import ferry_story
from .shell_support import app_for, reading, settle

SIZE = (100, 32)


@pytest.fixture
def app() -> ReaderApp:
    return app_for(ferry_story(), analysis=True)


def analysed_then(*presses: str) -> Callable[[Pilot], Awaitable[None]]:
    async def run(pilot: Pilot) -> None:
        await settle(pilot)
        await analysed(pilot, pilot.app)  # type: ignore[arg-type]
        for key in presses:
            await pilot.press(key)
            await settle(pilot)

    return run


class TestSampleAnalysis:
    def test_entities_tab_with_a_name_chosen(self, snap_compare, app) -> None:
        # s, Tab to the tabs, → Entities, Tab into the filter, ↓ to the first name.
        run = analysed_then("s", "tab", "right", "tab", "down", "enter")
        assert snap_compare(app, run_before=run, terminal_size=SIZE)

    def test_dates_tab(self, snap_compare, app) -> None:
        run = analysed_then("s", "tab", "right", "right", "tab")
        assert snap_compare(app, run_before=run, terminal_size=SIZE)

    def test_enumerated_group_expanded(self, snap_compare, app) -> None:
        async def run(pilot: Pilot) -> None:
            await analysed_then()(pilot)
            view = reading(pilot.app).view  # type: ignore[arg-type]
            group = next(s for s in view.sections() if s.kind is SectionKind.ENUMERATION)
            view.scroll_to_offset(group.start)
            await settle(pilot)
            # Up past the group's title and member lines, drawn above its first paragraph.
            await pilot.press(*"kkkkkkk")
            await settle(pilot)

        assert snap_compare(app, run_before=run, terminal_size=SIZE)
