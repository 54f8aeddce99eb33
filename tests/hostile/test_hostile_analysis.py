"""The entity and date analysis the reader starts after showing an article is bounded
too: on the largest articles the hostile pages make it finishes (or gives up with a
notice) within the time limit, instead of running for minutes beside the reader."""

from __future__ import annotations

import asyncio
import json
import time

import pytest

from reader.config import load_settings
from reader.ui.app import make_app
from reader.ui.screens.reading import ReadingScreen

from .checks import TIME_LIMIT_SECONDS, article_from_record
from .clirun import extract_json_once
from .registry import Page
from .screen_probe import ANALYSIS, settle

LARGE = ("single_line_text_10mb",)


@pytest.mark.parametrize("name", LARGE)
def test_analysis_is_bounded(name: str, hostile_pages: dict[str, Page]) -> None:
    page = hostile_pages[name]
    result = extract_json_once(page.path, name)
    assert result.status == 0, result.describe()
    article = article_from_record(json.loads(result.stdout))

    async def run() -> None:
        settings = load_settings()
        assert settings.analysis.enabled
        app = make_app(settings, [article])
        async with app.run_test(size=(100, 32)) as pilot:
            assert await settle(pilot, time.perf_counter() + TIME_LIMIT_SECONDS, ignore=(ANALYSIS,))
            assert isinstance(app.screen, ReadingScreen)
            started = time.perf_counter()
            finished = await settle(pilot, started + TIME_LIMIT_SECONDS)
            running = [w.description for w in app.workers if w.group == ANALYSIS and w.is_running]
            assert finished, (
                f"analysis of {len(article.text):,} characters still running after "
                f"{TIME_LIMIT_SECONDS:.0f} s: {running}"
            )

    asyncio.run(run())
