"""Pilot tests: ``E`` exports the page's bookmarks with its highlights, and says so
when there is nothing to export."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from .annotation_support import page_in_library, press_and_settle, type_text
from .built_articles import field_guide
from .shell_support import app_for, pilot_test, record_notifications, settle


async def _export_to(pilot: object, app: object, target: Path) -> None:
    await pilot.press("E")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    app.screen.query_one(Input).value = str(target)  # type: ignore[attr-defined]
    await press_and_settle(pilot, "enter")  # type: ignore[arg-type]


@pilot_test
async def test_e_exports_the_bookmarks_too(pages_on_disk, tmp_path) -> None:
    async with page_in_library(pages_on_disk, tmp_path) as (app, pilot):
        await pilot.press("right_parenthesis", "right_parenthesis", "B")
        await pilot.pause()
        await type_text(pilot, "Pools")
        await press_and_settle(pilot, "enter")
        shown = record_notifications(app)
        target = tmp_path / "pools.md"
        await _export_to(pilot, app, target)
        assert shown[-1] == f"0 highlights and 1 bookmark written to {target}"
        lines = target.read_text(encoding="utf-8").splitlines()
        at = lines.index("## Bookmarks")
        assert lines[at + 2] == "- **Pools**: Tidal pools are small worlds…"
        await press_and_settle(pilot, "right_parenthesis", "h")
        target = tmp_path / "pools.json"
        await _export_to(pilot, app, target)
        assert shown[-1] == f"1 highlight and 1 bookmark written to {target}"
        assert '"motivation": "bookmarking"' in target.read_text(encoding="utf-8")


@pilot_test
async def test_e_on_a_page_with_no_notes_says_so(tmp_path) -> None:
    app = app_for(field_guide())
    async with app.run_test() as pilot:
        await settle(pilot)
        shown = record_notifications(app)
        target = tmp_path / "empty.md"
        await _export_to(pilot, app, target)
        assert shown[-1] == (
            "No highlights or bookmarks on this page yet (h highlights a passage): "
            f"wrote only its title and source to {target}"
        )
        assert target.read_text(encoding="utf-8").startswith("# A Field Guide")


@pilot_test
async def test_session_bookmarks_of_a_page_outside_the_library_are_exported(tmp_path) -> None:
    app = app_for(field_guide())
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("right_parenthesis", "B")
        await pilot.pause()
        await type_text(pilot, "Start")
        await press_and_settle(pilot, "enter")
        target = tmp_path / "session.md"
        await _export_to(pilot, app, target)
        assert "- **Start**: " in target.read_text(encoding="utf-8")
