"""Pilot test: the config file's mistakes show once, as one notice, in the reader."""

from __future__ import annotations

from reader import locations

from .built_articles import field_guide
from .shell_support import SIZE, app_for, pilot_test, record_notifications, settle, wait_until


@pilot_test
async def test_config_mistakes_show_once_as_one_notice() -> None:
    path = locations.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[reading]\nmesure = 60\n[keymap]\nnosuch = 'x'\n", encoding="utf-8")
    app = app_for(field_guide(), keymap={"nosuch": "x", "reading.search": "n"})
    shown = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: any("mesure" in line for line in shown))
        await settle(pilot)
        notices = [line for line in shown if "mesure" in line]
        assert len(notices) == 1
        lines = notices[0].splitlines()
        assert lines == [
            f"{path}: [reading] mesure: unknown setting; did you mean measure?",
            f"{path}: [keymap] nosuch: no such binding (reader keys lists them)",
            f'{path}: [keymap] reading.search = "n": n is already the key of'
            " reading.next-match (Next match); one of them loses it",
        ]
        assert app.config_notices == lines, "kept for the command line to print at exit"


@pilot_test
async def test_a_clean_config_shows_no_notice() -> None:
    app = app_for(field_guide(), keymap={"reading.search": "ctrl+f"})
    shown = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not any("[keymap]" in line or "unknown setting" in line for line in shown)
        assert app.config_notices == []
