"""Helpers for the marks, bookmarks, passage and notes Pilot tests: a page opened
through the library (in the test's own data directory), and reading back what the
view draws."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from textual.pilot import Pilot

from reader.models import Article
from reader.store import Store
from reader.ui.app import ReaderApp
from reader.ui.article_view.view import ArticleView
from reader.ui.reading.notes.controller import Annotations

from .built_articles import field_guide
from .shell_support import SIZE, app_for, reading, register, settle, view


@contextlib.asynccontextmanager
async def page_in_library(
    pages: dict[str, Article],
    folder: Path,
    article: Article | None = None,
    size: tuple[int, int] = SIZE,
    **settings: object,
) -> AsyncIterator[tuple[ReaderApp, Pilot]]:
    """``article`` (the field guide) saved in ``folder`` and opened by path, so the
    library records it."""
    path = folder / "guide.html"
    register(pages, path, article or field_guide(str(path)))
    app = app_for(str(path), **settings)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        yield app, pilot


def notes_of(app: ReaderApp) -> Annotations:
    return reading(app).annotations


def store_of(app: ReaderApp) -> tuple[Store, int]:
    """The library and the id of the page on screen."""
    store = app.library.store
    article_id = reading(app).library.article_id
    assert store is not None and article_id is not None
    return store, article_id


def layer_text(view_: ArticleView, layer: str) -> list[str]:
    text = view_.article.text if view_.article else ""
    return [text[start:end] for start, end, _ in view_.overlay(layer)]


def passage(app: ReaderApp) -> str | None:
    """The sentence drawn under the passage cursor."""
    shown = layer_text(view(app), "passage")
    return shown[0] if shown else None


def selection(app: ReaderApp) -> str | None:
    shown = layer_text(view(app), "selection")
    return shown[0] if shown else None


async def press_and_settle(pilot: Pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
    await settle(pilot)


async def type_text(pilot: Pilot, text: str) -> None:
    await pilot.press(*[_key(char) for char in text])


def _key(char: str) -> str:
    return {" ": "space", "\n": "enter", ".": "full_stop", ",": "comma"}.get(char, char)
