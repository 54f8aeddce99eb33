"""ArticleView scrolls asked for before it can do them (right after show(), before it
has a size, far past the laid-out part), the resumed row, and scroll_to_section."""

from __future__ import annotations

import pytest
from article_builder import ArticleBuilder, generate_article
from textual.app import App, ComposeResult

from reader.models import Article, SectionKind
from reader.ui.article_view.layout.lines import COLLAPSED_MARKER, EXPANDED_MARKER
from reader.ui.article_view.view import ArticleView

from .test_article_view import ready, rows, sectioned

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


class EagerHost(App[None]):
    """Shows the article and asks for a place in the same call, before the view has
    a size (``on_mount`` runs before the first layout)."""

    def __init__(self, article: Article, offset: int) -> None:
        super().__init__()
        self.article, self.offset = article, offset

    def compose(self) -> ComposeResult:
        yield ArticleView(id="view")

    def on_mount(self) -> None:
        view = self.query_one(ArticleView)
        view.show(self.article)
        view.scroll_to_offset(self.offset)


def paragraph_start(article: Article, number: int) -> int:
    paragraphs = [b for b in article.blocks if b.kind == "paragraph"]
    return paragraphs[number].start


async def test_a_scroll_asked_for_before_the_first_layout_is_done_in_the_first_frame() -> None:
    article = generate_article(400)
    target = paragraph_start(article, 60)
    app = EagerHost(article, target)
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.query_one(ArticleView)
        await pilot.pause()
        assert view.top_offset() == target
        assert view.scroll_offset.y > 0
        await ready(pilot, view)
        assert view.top_offset() == target
        assert view.cursor == target


async def test_a_scroll_far_past_the_first_screen_waits_for_the_background_layout() -> None:
    article = generate_article(3000)
    target = paragraph_start(article, 1800)
    app = EagerHost(article, target)
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.query_one(ArticleView)
        await ready(pilot, view)
        assert not view.scroll_pending
        assert view.top_offset() == target


async def test_show_then_scroll_in_the_same_tick_on_a_sized_view() -> None:
    first, second = generate_article(100, seed=1), generate_article(300, seed=2)
    target = paragraph_start(second, 120)
    app = EagerHost(first, 0)
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.query_one(ArticleView)
        await ready(pilot, view)
        await pilot.press("space", "space")
        view.show(second)
        view.scroll_to_offset(target)
        await ready(pilot, view)
        assert view.top_offset() == target


async def test_a_resumed_paragraph_start_is_the_top_row_not_the_line_above() -> None:
    article = sectioned()
    app = EagerHost(article, 0)
    async with app.run_test(size=(80, 10)) as pilot:
        view = app.query_one(ArticleView)
        await ready(pilot, view)
        for number in (1, 5, 9):
            target = paragraph_start(article, number)
            view.scroll_to_offset(target)
            await pilot.pause()
            assert rows(view)[0].strip().startswith(article.text[target : target + 12])
            assert view.top_offset() == target
            assert view.top_offset_for(target) == target
        # A blank separator on top reads as the paragraph below it, so saving and
        # restoring the position never moves the text up a line.
        view.scroll_to(y=view.scroll_offset.y - 1, animate=False, immediate=True)
        await pilot.pause()
        assert rows(view)[0].strip() == ""
        saved = view.top_offset()
        assert saved == paragraph_start(article, 9)


def with_links() -> Article:
    b = ArticleBuilder()
    for n in range(30):
        b.paragraph(f"Paragraph {n}. " + "Words to fill the line. " * 5)
    b.link_group("Related", [(f"Elsewhere {n}", f"https://example.org/{n}") for n in range(12)])
    return b.build()


def header_row(view: ArticleView, section_id: str) -> int:
    assert view._layout is not None
    return view._layout.section_line[section_id] - view.scroll_offset.y


async def test_scroll_to_section_puts_a_link_group_header_on_top_without_opening_it() -> None:
    article = with_links()
    group = next(s for s in article.sections if s.kind is SectionKind.LINKS)
    app = EagerHost(article, 0)
    async with app.run_test(size=(80, 8)) as pilot:
        view = app.query_one(ArticleView)
        await ready(pilot, view)
        view.scroll_to_section(group.id)
        await pilot.pause()
        # Collapsed at the very end it cannot reach the top: the view ends there.
        assert view.scroll_offset.y == view.max_scroll_y
        assert rows(view)[header_row(view, group.id)].startswith(f"{COLLAPSED_MARKER}Related")
        view.toggle_section()  # the section under the cursor is the group
        await pilot.pause()
        assert group.id not in view._collapsed
        view.close_section(group.id)
        view.scroll_to(y=0, animate=False, immediate=True)
        await pilot.pause()
        view.scroll_to_section(group.id, expand=True)
        await pilot.pause()
        assert rows(view)[0].startswith(f"{EXPANDED_MARKER}Related (12)")
        assert "Elsewhere 0" in rows(view)[1]


async def test_scroll_to_section_opens_only_what_hides_the_header() -> None:
    article = sectioned()
    parts = [s for s in article.sections if s.kind is SectionKind.HEADING]
    app = EagerHost(article, 0)
    async with app.run_test(size=(80, 6)) as pilot:
        view = app.query_one(ArticleView)
        await ready(pilot, view)
        await pilot.press("z", "M")  # everything closed
        view.scroll_to_section(parts[3].id)
        await pilot.pause()
        top = rows(view)[0]
        assert top.startswith(f"{COLLAPSED_MARKER}Part 4")
        view.scroll_to_section(parts[2].id, expand=True)
        await pilot.pause()
        assert rows(view)[0].startswith(f"{EXPANDED_MARKER}Part 3")
        assert rows(view)[1].strip() and "Paragraph 0 of part 3" in "".join(rows(view))


async def test_scroll_to_section_asked_before_the_first_layout() -> None:
    article = generate_article(3000)
    group = next(s for s in article.sections if s.link_group_id)
    app = EagerHost(article, 0)
    async with app.run_test(size=(80, 10)) as pilot:
        view = app.query_one(ArticleView)
        view.scroll_to_section(group.id, expand=True)
        assert view.scroll_pending
        await ready(pilot, view)
        assert not view.scroll_pending
        assert rows(view)[0].startswith(f"{EXPANDED_MARKER}{group.title}")
