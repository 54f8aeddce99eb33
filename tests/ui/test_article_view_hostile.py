"""Hostile page text in ArticleView: shown as data, never markup or control codes."""

from __future__ import annotations

import re

import pytest
from article_builder import ArticleBuilder
from textual.app import App, ComposeResult

from reader.models import Article, Section, SectionKind
from reader.ui.article_view.view import ArticleView

pytestmark = pytest.mark.anyio

PAYLOAD = (
    "Click [@click=app.quit]here[/] and [bold]x[/bold] [link=https://evil]y[/link] "
    "clear\x1b[2J title\x1b]0;pwned\x07 clip\x1b]52;c;ZXZpbA==\x07 bell\x07 "
    "c1\x9b31m dcs\x1bPq#0\x1b\\ del\x7f bidi\u202egnp.exe"
)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


class Host(App[None]):
    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article
        self.links: list[ArticleView.LinkActivated] = []

    def compose(self) -> ComposeResult:
        yield ArticleView()

    def on_mount(self) -> None:
        self.query_one(ArticleView).show(self.article)

    def on_article_view_link_activated(self, event: ArticleView.LinkActivated) -> None:
        self.links.append(event)


def hostile_article() -> tuple[Article, Section]:
    b = ArticleBuilder("[bold]Title\x1b[31m")
    b.heading("Heading [@click=app.quit]quit[/] \x1b]52;c;aGk=\x07", level=2)
    b.paragraph(PAYLOAD)
    b.paragraph(("a link \x1b[5m", "link", "javascript:alert(1)\x1b]0;t\x07"), " after")
    b.code("print('\x1b[2J')\t[red]x[/red]", "python")
    b.table([["[b]h[/b]", "\x1b[1mH"], ["\x07cell", "[@click=app.bell]c[/]"]])
    b.figure("alt [i]x[/i]\x1b[7m", "https://img\x1b]8;;http://evil\x1b\\/a.png")
    b.link_group("Group \x1b[2J[b]", [("\x1b]52;c;eA==\x07copy me", "https://x\x07")])
    enumeration = Section(
        "enum",
        SectionKind.ENUMERATION,
        "Members \x1b[2J[b]",
        0,
        10,
        summary="[@click=app.quit]2\x07",
        lines=("\x1b]52;c;eA==\x07Ann", "[bold]Bob"),
    )
    return b.build(), enumeration


async def test_hostile_text_is_literal_and_free_of_control_codes() -> None:
    article, enumeration = hostile_article()
    app = Host(article)
    async with app.run_test(size=(100, 60)) as pilot:
        view = app.query_one(ArticleView)
        await pilot.pause()
        view.add_sections([enumeration])
        view.open_all()
        await pilot.pause()
        painted: list[str] = []
        for y in range(view.scrollable_content_region.height):
            for segment in view.render_line(y):
                assert not CONTROL.search(segment.text), repr(segment.text)
                assert segment.style is None or segment.style.link is None
                assert not (segment.style and segment.style.meta.get("@click"))
                painted.append(segment.text)
        screen = "".join(painted)
        assert "[@click=app.quit]here[/]" in screen
        assert "[bold]x[/bold]" in screen
        assert "[link=https://evil]y[/link]" in screen
        assert "␛[2J" in screen  # shown as a visible symbol, not sent
        assert "[red]x[/red]" in screen
        assert "Members [b]" in screen  # section titles are cleaned one-line strings
        # Clicking the fake markup does nothing: no quit, no link.
        y = next(
            i
            for i in range(view.scrollable_content_region.height)
            if "[@click=app.quit]here" in view.render_line(i).text
        )
        x = view.render_line(y).text.index("[@click=app.quit]here") + 3
        await pilot.click(view, offset=(x, y))
        await pilot.pause()
        assert app.is_running
        assert app.links == []
        for link in view.links():
            assert link.href is None or not CONTROL.search(link.href)
            assert not CONTROL.search(link.text)
