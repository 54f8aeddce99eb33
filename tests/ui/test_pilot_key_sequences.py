"""Pilot tests of pending key sequences on the reading screen: the line over the
footer says what a prefix waits for, and a prefix expires like vim's timeoutlen."""

from __future__ import annotations

import pytest

from reader.ui.keyseq import KeySequences

from .built_articles import long_article
from .shell_support import SIZE, app_for, pilot_test, reading, settle, view, wait_until

SHORT_TIMEOUT = 0.3
"""Seconds a prefix waits in these tests (the reader's is about a second)."""


@pytest.fixture
def short_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(KeySequences, "TIMEOUT", SHORT_TIMEOUT)


@pilot_test
async def test_a_prefix_says_what_it_waits_for_until_it_is_done() -> None:
    app = app_for(long_article())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        line = reading(app).pending_keys
        assert not line.display
        await pilot.press("m")
        assert line.display and line.text == "m…  a–z set a mark"
        await pilot.press("a")
        assert not line.display and line.text == ""
        await pilot.press("z")
        assert line.text.startswith("z…  a toggle · o open · c close")
        await pilot.press("escape")
        assert not line.display
        await pilot.press("apostrophe")
        assert line.text == "'…  ' back · a–z go to mark"
        await pilot.press("x")  # no such mark sequence: the prefix is dropped
        assert not line.display


@pilot_test
async def test_a_prefix_expires_and_the_next_key_is_its_own(short_timeout: None) -> None:
    app = app_for(long_article())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen, article_view = reading(app), view(app)
        await pilot.press("m")
        assert screen.pending_keys.display
        await wait_until(pilot, lambda: not screen.pending_keys.display, tries=50)
        top = article_view.scroll_offset.y
        await pilot.press("j")
        assert article_view.scroll_offset.y == top + 1, "j scrolls: it is not a mark"
        assert "j" not in screen.annotations.marks
        # Within the timeout the sequence still works.
        await pilot.press("m", "b")
        assert "b" in screen.annotations.marks
