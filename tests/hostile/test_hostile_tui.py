"""Every hostile page opened in the reader, headless: it loads and is laid out within
the time limit (an article or a message screen), the screen never carries a control
character, and markup in the page is shown literally and never acts.

The entity and date analysis that starts once the article is shown runs on regardless:
how long it takes on a huge article depends on the machine, so it is not asserted here."""

from __future__ import annotations

import asyncio
import json
import os
import time

import pytest
from textual.app import App
from textual.pilot import Pilot

from reader.config import load_settings
from reader.ui.app import make_app
from reader.ui.dialogs.message import MessageScreen
from reader.ui.reading.screen import PageSource, ReadingScreen

from .checks import TIME_LIMIT_SECONDS, WALL_SLACK, article_from_record
from .clirun import extract_json_once, extract_json_unhurried
from .conftest import KIND_NAMES
from .payloads import QUIT_MARKUP
from .registry import Page
from .screen_probe import ANALYSIS, Budget, ScreenShot, capture, painted, settle

BACKGROUND = (ANALYSIS,)
MESSAGE_KEYS = "Esc to close"
"""Drawn at the bottom of every message screen: once it shows, the message has painted."""

# Keys that bring the rest of a payload page on screen: the end (link groups), every
# section opened, the link list, link hints and the contents sidebar.
TOUR = (("end",), ("z", "R"), ("o",), ("escape",), ("f",), ("escape",), ("s",))


def _reading(app: App) -> ReadingScreen | None:
    return next((s for s in app.screen_stack if isinstance(s, ReadingScreen)), None)


def _check(shot: ScreenShot, where: str) -> None:
    assert not shot.problems, f"{where}: " + "\n".join(shot.problems[:10])


def _source(page: Page) -> PageSource:
    """The page's path; for a heavy page that extracts, the Article ``reader extract``
    already made of it (the extraction's time and memory are measured there, once), so
    this test measures what the reader adds: laying out and drawing a huge article."""
    if page.kind.heavy:
        result = extract_json_once(page.path, page.name)
        if result.status != 0 and page.kind.outcome != "error":
            # On a busy machine the extraction can run out of its wall-clock budget
            # (the CLI test judges that); the layout still needs the article.
            result = extract_json_unhurried(page.path, page.name)
        if result.status == 0:
            return article_from_record(json.loads(result.stdout))
    return os.fspath(page.path)


async def _loaded(pilot: Pilot, budget: Budget) -> tuple[bool, bool]:
    """Wait for an article on screen or a message screen, with no loading or layout
    work left; (shown, refused)."""
    app = pilot.app
    while True:
        settled = await settle(pilot, budget, ignore=BACKGROUND)
        reading = _reading(app)
        shown = reading is not None and reading.article is not None
        refused = isinstance(app.screen, MessageScreen)
        assert settled, f"still loading after {budget.describe()}: {app.screen!r}"
        if shown or refused:
            return shown, refused
        # A failed load reports itself by message just after its worker stops.


async def _open(page: Page) -> None:
    app = make_app(load_settings(), [_source(page)])
    async with app.run_test(size=(100, 32)) as pilot:
        budget = Budget(TIME_LIMIT_SECONDS, WALL_SLACK)
        shown, refused = await _loaded(pilot, budget)
        if page.kind.outcome == "article":
            assert shown, "should show an article:\n" + capture(app).text
        if page.kind.outcome == "error":
            assert refused, "should be refused with a message"
        if refused:
            # The message screen is pushed before it is drawn: look once it is.
            shot = await painted(pilot, budget, MESSAGE_KEYS)
            _check(shot, "message screen")
            assert shot.text.replace(MESSAGE_KEYS, "").strip(), "blank message screen"
            return
        shot = capture(app)
        _check(shot, "first screen")
        for literal in page.kind.literal:
            assert literal in shot.text, f"{literal!r} not shown literally:\n{shot.text}"
        spot = shot.find(QUIT_MARKUP)
        if spot is not None:
            await pilot.click(offset=spot)
            await pilot.pause()
            assert app.is_running and app.return_code is None, "page markup quit the app"
        for keys in TOUR if page.kind.payload else (("end",),):
            await pilot.press(*keys)
            await settle(pilot, time.perf_counter() + 5, quiet_checks=1, ignore=BACKGROUND)
            _check(capture(app), f"after {'+'.join(keys)}")
        assert app.is_running and app.return_code is None, "the app left by itself"


@pytest.mark.parametrize("name", KIND_NAMES)
def test_tui_opens_hostile_page(name: str, hostile_pages: dict[str, Page]) -> None:
    asyncio.run(_open(hostile_pages[name]))
