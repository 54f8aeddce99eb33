"""Helpers for the app-shell Pilot tests: a test config, stubs, small waits."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import functools
import inspect
import io
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from rich.console import Console
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Static
from textual.worker import WorkerState

from reader.config import AnalysisSettings, Reading, Settings
from reader.models import Article
from reader.ui.app import ReaderApp, make_app
from reader.ui.article_view.view import ArticleView
from reader.ui.reading.screen import PageSource, ReadingScreen

SIZE = (100, 32)
_BUSY = (WorkerState.PENDING, WorkerState.RUNNING)


def pilot_test(test: Callable[..., Awaitable[None]]) -> Callable[..., None]:
    """Run an async test function (fixtures and all) on a fresh event loop."""

    @functools.wraps(test)
    def run(*args: object, **kwargs: object) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


def test_settings(*, analysis: bool = False, **reading: object) -> Settings:
    """No cursor blink, no user themes, no entity analysis unless ``analysis``: what
    every UI test runs with."""
    options = {"cursor_blink": False, "user_themes": False, **reading}
    return Settings(
        reading=Reading(**options),  # type: ignore[arg-type]
        analysis=AnalysisSettings(enabled=analysis),
    )


def app_for(*pages: PageSource, theme: str | None = None, **settings: object) -> ReaderApp:
    keymap = settings.pop("keymap", {})
    if "reading_theme" in settings:
        settings["theme"] = settings.pop("reading_theme")
    base = test_settings(**settings)
    if keymap:
        base = dataclasses.replace(base, keymap=keymap)
    return make_app(base, list(pages), theme=theme)


def reading(app: ReaderApp) -> ReadingScreen:
    screen = next(s for s in app.screen_stack if isinstance(s, ReadingScreen))
    return screen


def view(app: ReaderApp) -> ArticleView:
    return reading(app).view


async def settle(pilot: Pilot, rounds: int = 50) -> None:
    """Let messages, workers (page loads, the view's background layout) finish."""
    for _ in range(rounds):
        await pilot.pause()
        busy = [w for w in pilot.app.workers if w.state in _BUSY]
        screens = [s for s in pilot.app.screen_stack if isinstance(s, ReadingScreen)]
        if not busy and all(screen.fully_mounted for screen in screens):
            # The footer fills in its keys a refresh after it mounts.
            await pilot.wait_for_scheduled_animations()
            await pilot.pause()
            return
        for worker in busy:
            with contextlib.suppress(Exception):
                await worker.wait()


async def wait_until(
    pilot: Pilot,
    condition: Callable[[], bool],
    tries: int = 100,
    *,
    what: str | Callable[[], str] = "",
) -> None:
    """Let the app run until ``condition()`` holds; fail the test, naming the condition
    (``what``, a text or a function giving one at that moment, or else the condition's
    source line), if it still does not after ``tries`` pauses of 20 ms."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    if not condition():
        said = (what() if callable(what) else what) or _source_of(condition)
        raise AssertionError(f"gave up waiting ({tries} tries) for: {said}")


def _source_of(condition: Callable[[], bool]) -> str:
    try:
        return " ".join(inspect.getsource(condition).split())
    except (OSError, TypeError):
        return getattr(condition, "__qualname__", repr(condition))


def record_notifications(app: ReaderApp) -> list[str]:
    """Every notification the app shows from now on (their messages)."""
    shown: list[str] = []
    original = app.notify

    def notify(message: str, **options: object) -> None:
        shown.append(message)
        original(message, **options)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign]
    return shown


def static_text(app: ReaderApp, selector: str) -> str:
    content = app.screen.query_one(selector, Static).content
    if isinstance(content, Content):
        return content.plain
    if isinstance(content, str):
        return content
    # A Rich renderable (the help's grid): its text, wide enough that nothing wraps.
    console = Console(width=300, file=io.StringIO(), record=True)
    console.print(content)
    return console.export_text()


def _stub_browser(monkeypatch: pytest.MonkeyPatch, opens: bool) -> list[str]:
    urls: list[str] = []

    def fake_open(url: str) -> bool:
        urls.append(url)
        return opens

    monkeypatch.setattr("reader.ui.reading.browser.open_in_browser", fake_open)
    return urls


@pytest.fixture
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A machine with a graphical browser: URLs "opened" are recorded."""
    return _stub_browser(monkeypatch, opens=True)


@pytest.fixture
def no_browser(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A machine without a graphical browser: every attempt is recorded and fails."""
    return _stub_browser(monkeypatch, opens=False)


@pytest.fixture
def pages_on_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Article]]:
    """Saved pages in a folder; reading one returns the article registered for it (so
    following links does not depend on the extractor). Unknown paths fail like a real
    missing or empty page would."""
    from reader.errors import ExtractError

    articles: dict[str, Article] = {}

    def fake_read(source: str, limits: object = None, **options: object) -> Article:
        resolved = str(Path(source).resolve())
        if resolved in articles:
            return articles[resolved]
        raise ExtractError(f"no article in {Path(source).name}")

    monkeypatch.setattr("reader.service.read_article", fake_read)
    monkeypatch.chdir(tmp_path)
    yield articles


@pytest.fixture
def web_pages(monkeypatch: pytest.MonkeyPatch) -> dict[str, Article]:
    """Web pages by URL, "fetched" from this dict (no network, no name lookups); a URL
    not in it fails as an unreachable server would. Each fetch is counted in
    ``fetches``."""
    from reader.errors import LoadError
    from reader.loaders.fetch_guard import only_public

    articles: dict[str, Article] = {}

    def fake_read(source: str, limits: object = None, **options: object) -> Article:
        FETCHES.append(source)
        PUBLIC_ONLY.append(only_public())
        if source in articles:
            return articles[source]
        raise LoadError(f"cannot fetch {source}: connection refused")

    FETCHES.clear()
    PUBLIC_ONLY.clear()
    monkeypatch.setattr("reader.service.read_article", fake_read)
    monkeypatch.setattr("reader.ui.reading.links.private_link_address", lambda url: None)
    return articles


FETCHES: list[str] = []
"""The URLs ``web_pages`` was asked for, in order."""
PUBLIC_ONLY: list[bool] = []
"""For each of ``FETCHES``: whether it was to keep to public addresses (a link the
page chose, found public when chosen)."""


def register(articles: dict[str, Article], path: Path, article: Article) -> str:
    # Distinct bytes per page: the library takes files with the same bytes for one page.
    path.write_text(f"<html><body><p>saved page {path.name}</p></body></html>", encoding="utf-8")
    articles[str(path.resolve())] = article
    return str(path)


@pytest.fixture
def system_clipboard(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A machine with a system clipboard: what the reader hands it is recorded (never
    the real one)."""
    copied: list[str] = []

    def fake_copy(text: str, *args: object, **kwargs: object) -> bool:
        copied.append(text)
        return True

    monkeypatch.setattr("reader.ui.reading.copying.copy_in_background", fake_copy)
    return copied
