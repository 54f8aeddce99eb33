"""The header line: a long article's reading time follows right after the first paint."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from reader.ui.reading.header import COUNT_NOW_CHARS, ArticleHeader

from .built_articles import field_guide, long_article

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield ArticleHeader(id="header")


async def test_a_long_articles_words_are_counted_after_the_first_paint() -> None:
    article = long_article(paragraphs=1200)
    assert len(article.text) > COUNT_NOW_CHARS
    minutes = -(-len(article.text.split()) // 230)
    app = Host()
    async with app.run_test() as pilot:
        header = app.query_one(ArticleHeader)
        header.show_article(article)
        assert "min read" not in header.details  # not yet: the first paint comes first
        await pilot.pause()
        assert header.details.endswith(f"{minutes} min read")


async def test_a_late_count_never_overwrites_what_came_after_it() -> None:
    app = Host()
    async with app.run_test() as pilot:
        header = app.query_one(ArticleHeader)
        header.show_article(long_article(paragraphs=1200))
        header.show_article(field_guide())  # short: counted at once
        shown = header.details
        assert shown.endswith("min read")
        await pilot.pause()
        assert header.details == shown
        header.show_article(long_article(paragraphs=1200))
        header.show_status("Loading next.html …")
        await pilot.pause()
        assert header.details == "" and header.title_text == "Loading next.html …"
