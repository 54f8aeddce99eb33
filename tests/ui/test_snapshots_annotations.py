"""Snapshots (SVG) of highlights and notes: the article with highlights in three
colours and a note's sign, and the Notes tab listing them.

Regenerate only after looking at the report: ``pytest tests/ui/test_snapshots_annotations.py
--snapshot-update``."""

from __future__ import annotations

from textual.pilot import Pilot

from reader.ui.app import ReaderApp

from .annotation_support import type_text
from .built_articles import field_guide
from .shell_support import app_for, settle

SIZE = (100, 32)


def guide() -> ReaderApp:
    return app_for(field_guide())


async def highlighted(pilot: Pilot) -> None:
    """Three highlights (yellow, green with a note, blue), then the screen quiet."""
    await settle(pilot)
    for key in ("right_parenthesis", "right_parenthesis", "h", "right_parenthesis", "H", "a"):
        await pilot.press(key)
    await pilot.pause()
    await type_text(pilot, "Go at low tide")
    await pilot.press("ctrl+s")
    for key in ("right_curly_bracket", "right_parenthesis", "H", "h", "escape"):
        await pilot.press(key)
    await settle(pilot)
    pilot.app.clear_notifications()
    await pilot.pause()


async def notes_tab(pilot: Pilot) -> None:
    await highlighted(pilot)
    await pilot.press("A")
    await settle(pilot)


class TestHighlightsAndNotes:
    def test_article_with_highlights_and_a_note(self, snap_compare) -> None:
        assert snap_compare(guide(), run_before=highlighted, terminal_size=SIZE)

    def test_notes_tab(self, snap_compare) -> None:
        assert snap_compare(guide(), run_before=notes_tab, terminal_size=SIZE)
