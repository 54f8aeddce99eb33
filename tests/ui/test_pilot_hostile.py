"""A hostile article (markup, escape sequences, OSC 52, BEL in its title, text, headings,
links and link groups) cannot trigger an action or put a control character on the
terminal, on any screen of the app shell."""

from __future__ import annotations

import dataclasses

from article_builder import ArticleBuilder
from hostile.screen_probe import ScreenShot, capture

from reader.models import Metadata
from reader.ui.dialogs.message import MessageScreen

from .shell_support import SIZE, app_for, pilot_test, reading, settle

QUIT = "[@click=app.quit]Quit now[/]"
EVIL = (
    f"{QUIT} [bold]not bold[/bold] [link=https://evil.example]x[/link] "
    "\x1b[2J\x1b]0;pwned-title\x07\x1b]52;c;aGVsbG8=\x07\x9b31m\x07\x08 tail"
)
EVIL_HREF = "javascript:\x1b]52;c;aGVsbG8=\x07alert(1)"


def hostile_article() -> object:
    b = ArticleBuilder(EVIL)
    b.heading(EVIL, level=1)
    b.paragraph("Before. ", QUIT, " ", EVIL, " after.")
    b.paragraph("A link: ", (EVIL, "link", EVIL_HREF), ".")
    b.heading(f"Second {EVIL}", level=2)
    b.paragraph("More text with [/] and [ and ] and \x1b[31mred\x1b[0m.")
    b.link_group(EVIL, [(EVIL, EVIL_HREF), ("plain", "https://example.org")])
    article = b.build()
    meta = Metadata(title=EVIL, site=EVIL, byline=EVIL, canonical_url=EVIL_HREF)
    return dataclasses.replace(article, metadata=meta, source=f"evil{EVIL}.html")


def clean(shot: ScreenShot, where: str) -> None:
    assert not shot.problems, f"{where}: " + "\n".join(shot.problems[:5])


@pilot_test
async def test_hostile_article_is_shown_literally_and_never_acts() -> None:
    app = app_for(hostile_article(), sidebar=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shot = capture(app)
        clean(shot, "first screen")
        assert "[@click=app.quit]Quit now[/]" in shot.text
        assert "[bold]not bold[/bold]" in shot.text
        spot = shot.find("[@click=app.quit]")
        assert spot is not None
        await pilot.click(offset=(spot[0] + 3, spot[1]))
        await pilot.pause()
        assert app.is_running and app.return_code is None, "page markup ran an action"
        tour = [
            ("f",),
            ("escape",),
            ("o",),
            ("escape",),
            ("t",),
            ("escape",),
            ("z", "R"),
            ("end",),
            ("question_mark",),
            ("escape",),
            ("slash", "b", "o", "l", "d"),
            ("enter",),
            ("ctrl+p", "n", "o", "t"),
            ("escape",),
        ]
        for keys in tour:
            await pilot.press(*keys)
            await settle(pilot, rounds=1)
            clean(capture(app), "after " + "+".join(keys))
        assert app.is_running and app.return_code is None


@pilot_test
async def test_hostile_links_and_errors_show_cleaned() -> None:
    app = app_for(hostile_article())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reading(app)
        screen.links.open(EVIL_HREF)
        await pilot.pause()
        clean(capture(app), "confirm screen")
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == "javascript:alert(1)", "copied without its escapes"
        app.push_screen(MessageScreen(EVIL, EVIL, EVIL))
        await pilot.pause()
        clean(capture(app), "message screen")
        await pilot.press("escape")
        screen.load_failed(EVIL, ValueError(EVIL))
        await pilot.pause()
        clean(capture(app), "internal error")
        assert app.is_running
