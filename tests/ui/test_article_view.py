"""ArticleView in a tiny host app: keys, mouse, sections, overlays, messages."""

from __future__ import annotations

import contextlib

import pytest
from article_builder import ArticleBuilder, generate_article
from textual import events
from textual.app import App, ComposeResult
from textual.message import Message
from textual.worker import WorkerCancelled

from reader.models import Article
from reader.ui.article_view.layout.lines import COLLAPSED_MARKER, END, EXPANDED_MARKER, START
from reader.ui.article_view.view import ArticleView
from reader.ui.keyseq import SequencePending

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


class Host(App[None]):
    def __init__(self, article: Article, numbers: bool = False) -> None:
        super().__init__()
        self.article = article
        self.numbers = numbers
        self.seen: list[Message] = []

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # The reader's own colour for the current match (themes set it; Textual's don't).
        return {"search-current": "#ff0000"}

    def compose(self) -> ComposeResult:
        yield ArticleView(id="view")

    def on_mount(self) -> None:
        view = self.query_one(ArticleView)
        view.link_numbers = self.numbers
        view.show(self.article)

    def on_article_view_link_activated(self, event: ArticleView.LinkActivated) -> None:
        self.seen.append(event)

    def on_article_view_section_toggled(self, event: ArticleView.SectionToggled) -> None:
        self.seen.append(event)

    def on_sequence_pending(self, event: SequencePending) -> None:
        self.seen.append(event)


def long_article() -> Article:
    return generate_article(240)


def sectioned() -> Article:
    b = ArticleBuilder()
    for part in range(1, 6):
        b.heading(f"Part {part}", level=2)
        for n in range(4):
            b.paragraph(f"Paragraph {n} of part {part}. " + "Words to fill the line. " * 6)
    b.paragraph("Read ", ("the manual", "link", "https://example.org/manual"), " first.")
    b.link_group("Related", [("Elsewhere", "https://example.org/x")])
    return b.build()


def rows(view: ArticleView) -> list[str]:
    """The text column of each visible row (centring margin and cursor gutter cut)."""
    width = view.scrollable_content_region.width
    column = view._layout.width if view._layout else width
    left = max(0, (width - column - 2) // 2) + 2
    return [view.render_line(y).text[left:] for y in range(view.scrollable_content_region.height)]


async def ready(pilot, view: ArticleView) -> None:
    """Wait for background layout (a cancelled worker was replaced by a newer one)."""
    await pilot.pause()
    while True:
        running = [w for w in view.workers if w.is_running]
        if not running:
            break
        for worker in running:
            with contextlib.suppress(WorkerCancelled):
                await worker.wait()
    await pilot.pause()


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (("j",), 1),
        (("down",), 1),
        (("j", "j", "k"), 1),
        (("j", "j", "up"), 1),
        (("space",), 19),
        (("pagedown",), 19),
        (("space", "b"), 0),
        (("space", "pageup"), 0),
        (("d",), 10),
        (("d", "d", "u"), 10),
    ],
)
async def test_scrolling_keys(keys: tuple[str, ...], expected: int) -> None:
    app = Host(long_article())
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.query_one(ArticleView)
        await ready(pilot, view)
        await pilot.press(*keys)
        assert view.scroll_offset.y == expected


async def test_top_and_bottom_keys() -> None:
    app = Host(long_article())
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.query_one(ArticleView)
        await ready(pilot, view)
        for key in ("G", "end"):
            await pilot.press("g", key)
            assert view.scroll_offset.y == view.max_scroll_y > 0
            assert "Related" in "".join(rows(view))
        for key in ("g", "home"):
            await pilot.press("G", key)
            assert view.scroll_offset.y == 0
            assert view.top_offset() == 0


async def test_heading_and_paragraph_jumps() -> None:
    app = Host(sectioned())
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.query_one(ArticleView)
        await ready(pilot, view)
        await pilot.press("right_square_bracket")
        assert rows(view)[0].strip() == f"{EXPANDED_MARKER}Part 2"
        assert view.cursor == view.top_offset()
        await pilot.press("right_square_bracket", "left_square_bracket")
        assert rows(view)[0].strip() == f"{EXPANDED_MARKER}Part 2"
        await pilot.press("right_curly_bracket")
        assert rows(view)[0].strip().startswith("Paragraph 0 of part 2")
        await pilot.press("right_curly_bracket")
        assert rows(view)[0].strip().startswith("Paragraph 1 of part 2")
        await pilot.press("left_curly_bracket")
        assert rows(view)[0].strip().startswith("Paragraph 0 of part 2")


async def test_enter_and_z_sequences_fold_sections() -> None:
    app = Host(sectioned())
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.query_one(ArticleView)
        await ready(pilot, view)
        await pilot.press("enter")
        assert rows(view)[0].strip() == f"{COLLAPSED_MARKER}Part 1"
        assert "words" in rows(view)[2]
        await pilot.press("z", "a")
        assert rows(view)[0].strip() == f"{EXPANDED_MARKER}Part 1"
        await pilot.press("z", "c")
        assert rows(view)[0].strip() == f"{COLLAPSED_MARKER}Part 1"
        await pilot.press("z", "o")
        assert rows(view)[0].strip() == f"{EXPANDED_MARKER}Part 1"
        await pilot.press("z", "M")
        shown = [r.strip() for r in rows(view) if r.strip()]
        assert shown[0] == f"{COLLAPSED_MARKER}Part 1"
        assert f"{COLLAPSED_MARKER}Part 5" in shown
        assert not any(r.startswith("Paragraph") for r in shown)
        await pilot.press("z", "R")
        shown = "\n".join(rows(view))
        assert COLLAPSED_MARKER not in shown
        toggled = [m for m in app.seen if isinstance(m, ArticleView.SectionToggled)]
        assert toggled[0].section_id == "s-b0" and toggled[0].collapsed
        pending = [m.keys for m in app.seen if isinstance(m, SequencePending)]
        assert pending[:2] == ["z", ""]


async def test_escape_cancels_a_pending_sequence() -> None:
    app = Host(sectioned())
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.query_one(ArticleView)
        await ready(pilot, view)
        await pilot.press("z", "escape", "a")
        assert rows(view)[0].strip() == f"{EXPANDED_MARKER}Part 1"
        await pilot.press("z", "x", "j")  # a wrong key drops the prefix; j then scrolls
        assert view.scroll_offset.y == 1


async def test_link_groups_start_collapsed_and_click_toggles_headings() -> None:
    app = Host(sectioned())
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.query_one(ArticleView)
        await ready(pilot, view)
        await pilot.press("G")
        assert any(r.strip() == f"{COLLAPSED_MARKER}Related (1)" for r in rows(view))
        await pilot.press("g")
        x = rows(view)[0].index("Part 1")
        await pilot.click(view, offset=(x, 0))
        assert rows(view)[0].strip() == f"{COLLAPSED_MARKER}Part 1"
        await pilot.click(view, offset=(x, 0))
        assert rows(view)[0].strip() == f"{EXPANDED_MARKER}Part 1"


async def test_click_on_a_link_posts_link_activated() -> None:
    app = Host(sectioned(), numbers=True)
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.query_one(ArticleView)
        await ready(pilot, view)
        await pilot.press("G")
        screen = rows(view)
        y = next(i for i, r in enumerate(screen) if "the manual[1]" in r)
        await pilot.click(view, offset=(screen[y].index("manual"), y))
        await pilot.click(view, offset=(screen[y].index("[1]") + 1, y))
        links = [m for m in app.seen if isinstance(m, ArticleView.LinkActivated)]
        assert [(m.number, m.href) for m in links] == [(1, "https://example.org/manual")] * 2
        assert view.links()[0].text == "the manual"


async def test_mouse_wheel_scrolls() -> None:
    app = Host(long_article())
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.query_one(ArticleView)
        await ready(pilot, view)
        await pilot._post_mouse_events([events.MouseScrollDown], view, offset=(5, 5))
        assert view.scroll_offset.y > 0
        y = view.scroll_offset.y
        await pilot._post_mouse_events([events.MouseScrollUp], view, offset=(5, 5))
        assert view.scroll_offset.y < y


async def test_scroll_to_offset_opens_the_hiding_section() -> None:
    article = sectioned()
    target = article.text.index("Paragraph 2 of part 3")
    app = Host(article)
    async with app.run_test(size=(80, 10)) as pilot:
        view = app.query_one(ArticleView)
        await ready(pilot, view)
        await pilot.press("z", "M")
        view.scroll_to_offset(target)
        await pilot.pause()
        assert rows(view)[0].strip().startswith("Paragraph 2 of part 3")
        assert view.top_offset() == target
        assert view.cursor == target
        assert view.offset_at(0) == target


async def test_overlays_paint_and_clear() -> None:
    article = sectioned()
    start = article.text.index("Paragraph 1 of part 1")
    app = Host(article)
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.query_one(ArticleView)
        await ready(pilot, view)
        view.set_overlay("search", [(start, start + 9, "search-current")])
        await pilot.pause()
        y = next(i for i, r in enumerate(rows(view)) if "Paragraph 1 of part 1" in r)
        painted = [s for s in view.render_line(y) if s.text == "Paragraph"]
        assert painted and painted[0].style.bgcolor.triplet.hex == "#ff0000"  # the theme's colour
        assert painted[0].style.bold  # the role's own text style
        view.clear_overlay("search")
        await pilot.pause()
        assert not [s for s in view.render_line(y) if s.text == "Paragraph"]


async def test_resize_reflows_and_keeps_the_reading_position() -> None:
    app = Host(long_article())
    async with app.run_test(size=(100, 24)) as pilot:
        view = app.query_one(ArticleView)
        await ready(pilot, view)
        await pilot.press(*["space"] * 6)
        top = view.top_offset()
        await pilot.resize_terminal(50, 24)
        await ready(pilot, view)
        assert view._layout is not None and view._layout.width == 46
        # The text that was at the top is still on the top row.
        line = view._layout.lines[view.scroll_offset.y]
        assert line[START] <= top < max(line[END], line[START] + 1)
        assert all(len(r.rstrip()) <= 46 for r in rows(view))


async def test_measure_caps_and_centres_the_column() -> None:
    app = Host(sectioned())
    async with app.run_test(size=(120, 20)) as pilot:
        view = app.query_one(ArticleView)
        view.measure = 40
        await ready(pilot, view)
        screen = [view.render_line(y).text for y in range(20)]
        lefts = {len(r) - len(r.lstrip()) for r in screen if "Paragraph" in r}
        assert lefts == {(view.scrollable_content_region.width - 42) // 2 + 2}
        assert all(len(r.strip()) <= 40 for r in screen[1:])


async def test_hints_emphasise_link_numbers() -> None:
    app = Host(sectioned(), numbers=True)
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.query_one(ArticleView)
        await ready(pilot, view)
        await pilot.press("G")
        y = next(i for i, r in enumerate(rows(view)) if "[1]" in r)
        before = next(s.style for s in view.render_line(y) if s.text == "[1]")
        view.hints = True
        after = next(s.style for s in view.render_line(y) if s.text == "[1]")
        assert before != after


async def test_big_article_loads_in_the_background() -> None:
    app = Host(generate_article(3000))
    ready_messages: list[Message] = []
    async with app.run_test(
        size=(80, 24), message_hook=lambda m: ready_messages.append(m)
    ) as pilot:
        view = app.query_one(ArticleView)
        await pilot.pause()
        assert view._layout is not None
        await ready(pilot, view)
        assert view._layout.complete
        assert any(isinstance(m, ArticleView.LayoutReady) for m in ready_messages)
        assert len(view._layout.lines) > 10_000
        await pilot.press("G")
        assert view.scroll_offset.y == view.max_scroll_y


async def test_position_changed_is_posted_when_scrolling() -> None:
    messages: list[Message] = []
    app = Host(long_article())
    async with app.run_test(size=(80, 20), message_hook=messages.append) as pilot:
        view = app.query_one(ArticleView)
        await ready(pilot, view)
        await pilot.press("space")
        await pilot.pause()
        moved = [m for m in messages if isinstance(m, ArticleView.PositionChanged)]
        assert moved and moved[-1].top_offset == view.top_offset() > 0


async def test_theme_change_repaints_with_new_styles() -> None:
    app = Host(sectioned())
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.query_one(ArticleView)
        await ready(pilot, view)
        before = view.render_line(0)
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        after = view.render_line(0)
        assert before.text == after.text
        assert [s.style for s in before] != [s.style for s in after]


async def test_add_sections_makes_a_passage_collapsible() -> None:
    from reader.models import Section, SectionKind

    article = sectioned()
    start = article.text.index("Paragraph 1 of part 1")
    end = article.text.index("Paragraph 2 of part 1") - 2
    app = Host(article)
    async with app.run_test(size=(80, 30)) as pilot:
        view = app.query_one(ArticleView)
        await ready(pilot, view)
        view.add_sections(
            [
                Section(
                    "enum-x",
                    SectionKind.ENUMERATION,
                    "A group of 2",
                    start,
                    end,
                    summary="2 members",
                    lines=("Ann", "Bob"),
                )
            ]
        )
        await pilot.pause()
        shown = [r.strip() for r in rows(view)]
        at = shown.index(f"{EXPANDED_MARKER}A group of 2")
        assert shown[at + 1 : at + 3] == ["• Ann", "• Bob"]
        assert "enum-x" in [s.id for s in view.sections()]
        view.close_section("enum-x")
        await pilot.pause()
        shown = [r.strip() for r in rows(view)]
        assert f"{COLLAPSED_MARKER}A group of 2" in shown
        assert not any(r.startswith("Paragraph 1 of part 1") for r in shown)


async def test_code_on_the_first_screen_is_highlighted_in_the_background() -> None:
    b = ArticleBuilder()
    b.code("def double(x):\n    return x * 2  # twice\n", "python")
    b.paragraph("After the code.")
    app = Host(b.build())
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.query_one(ArticleView)
        await ready(pilot, view)
        layout = view._layout
        assert layout is not None and not layout.plain_code
        roles = {run[1] for run in layout.lines[1][0]}
        assert "code-block code-keyword" in roles
        keyword = view._painter.style("code-block code-keyword")
        [painted] = [s.style for s in view.render_line(1) if s.text == "def"]
        assert (painted.color, painted.bgcolor, painted.bold) == (
            keyword.color,
            keyword.bgcolor,
            keyword.bold,
        )


async def test_mouse_selection_copies_the_article_text() -> None:
    article = sectioned()
    app = Host(article)
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.query_one(ArticleView)
        await ready(pilot, view)
        screen = [view.render_line(y).text for y in range(20)]
        y = next(i for i, r in enumerate(screen) if "Paragraph 0 of part 1" in r)
        x = screen[y].index("Paragraph 0")
        await pilot.mouse_down(view, offset=(x, y))
        await pilot.hover(view, offset=(x + 9, y + 1))
        await pilot.mouse_up(view, offset=(x + 9, y + 1))
        await pilot.pause()
        selected = app.screen.get_selected_text()
        start = article.text.index("Paragraph 0 of part 1")
        assert selected is not None and selected.startswith("Paragraph 0 of part 1.")
        assert article.text[start:].startswith(selected)
        # The selected cells are painted as selected.
        row = [s for s in view.render_line(y) if "Paragraph" in s.text]
        assert row and row[0].style.bgcolor != view.rich_style.bgcolor


@pytest.mark.parametrize("kind", ["empty", "links only", "one long word"])
async def test_degenerate_articles_show_and_navigate(kind: str) -> None:
    b = ArticleBuilder()
    if kind == "links only":
        b.link_group("Related", [("Elsewhere", "https://example.org/x")])
    elif kind == "one long word":
        b.paragraph("x" * 20_000)
    app = Host(b.build())
    async with app.run_test(size=(60, 12)) as pilot:
        view = app.query_one(ArticleView)
        await ready(pilot, view)
        await pilot.press("j", "space", "G", "g", "right_square_bracket", "right_curly_bracket")
        await pilot.press("enter", "z", "R", "z", "M", "left_square_bracket")
        view.scroll_to_offset(10**9)
        view.set_overlay("search", [(0, 5, "search-hit")])
        await pilot.pause()
        assert view.top_offset() >= 0
        assert all(len(view.render_line(y).text) == 58 for y in range(12))
