"""The footer fits 80 columns: compact, only the keys a newcomer needs; the rest are
in help (?) and the palette."""

from __future__ import annotations

from textual.widgets import Footer

from .built_articles import field_guide
from .shell_support import app_for, pilot_test, reading, settle


@pilot_test
async def test_every_footer_key_is_whole_at_80_columns() -> None:
    app = app_for(field_guide())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(Footer)
        assert footer.compact
        keys = list(footer.query("FooterKey"))
        shown = {key.description for key in keys}  # type: ignore[attr-defined]
        assert shown >= {"Search", "Links", "Contents", "Help"}
        for key in keys:
            assert key.region.right <= 80 and key.region.width > 0, key.description


@pilot_test
async def test_keys_hidden_from_the_footer_stay_in_help_and_the_palette() -> None:
    app = app_for(field_guide())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = {key.description for key in app.screen.query_one(Footer).query("FooterKey")}
        offered = {entry.description for entry in reading(app).palette_entries()}
        for hidden in ("Next heading", "Fold", "Library"):
            assert hidden not in shown and hidden in offered, hidden
