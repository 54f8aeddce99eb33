"""The Pilot tests' wait fails, naming what it waited for, rather than returning a flag
a caller could drop."""

from __future__ import annotations

import pytest

from .shell_support import app_for, pilot_test, wait_until


@pilot_test
async def test_wait_until_fails_naming_the_condition() -> None:
    app = app_for()
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: app.is_running)
        with pytest.raises(AssertionError, match=r"3 tries.*lambda: app\.screen is None"):
            await wait_until(pilot, lambda: app.screen is None, tries=3)
        with pytest.raises(AssertionError, match="for: the screen to go"):
            await wait_until(pilot, lambda: False, tries=1, what="the screen to go")
        with pytest.raises(AssertionError, match="for: 2 screens"):
            await wait_until(pilot, lambda: False, tries=1, what=lambda: "2 screens")
