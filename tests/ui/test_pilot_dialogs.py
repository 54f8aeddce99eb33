"""Dialogs dim the page instead of blanking it, and wrapped lines in the help and the
link list stay indented under their text."""

from __future__ import annotations

from hostile.screen_probe import capture

from reader.ui.dialogs.help import HelpScreen
from reader.ui.dialogs.link_list import LinkListScreen

from .built_articles import field_guide
from .shell_support import app_for, pilot_test, settle


@pilot_test
async def test_a_dialog_dims_the_page_and_keeps_it_in_view() -> None:
    article = field_guide()
    app = app_for(article)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        first_words = " ".join(article.text.split()[:4])
        assert first_words in capture(app).text
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        shown = capture(app).text
        # The header row above the box still shows the page's title.
        assert article.title in shown.splitlines()[0]


@pilot_test
async def test_help_rows_wrap_under_their_description() -> None:
    app = app_for(field_guide())
    async with app.run_test(size=(60, 30)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        lines = capture(app).text.splitlines()
        row = next(i for i, line in enumerate(lines) if "Half page down" in line)
        description_column = lines[row].index("Half page down")
        # Its note ("Scroll half a page down") wraps at this width: the rest of it
        # starts under the description, not at the box's edge.
        following = lines[row + 1]
        inner = following.split("│")[1] if following.count("│") >= 2 else following
        start = following.index(inner.strip()) if inner.strip() else -1
        assert "u" not in inner[:6], "the note should wrap before the next key"
        assert start >= description_column, (lines[row], following)


@pilot_test
async def test_link_list_rows_wrap_under_the_link_text() -> None:
    app = app_for(field_guide())
    async with app.run_test(size=(50, 30)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, LinkListScreen)
        inner = [
            line.split("│")[1]
            for line in capture(app).text.splitlines()
            if line.count("│") >= 2 and line.split("│")[1].strip()
        ]
        numbered = [row for row in inner if row[:8].strip().isdigit()]
        continued = [row for row in inner[1:] if not row[:8].strip() and row.strip()]
        assert numbered, inner
        assert continued, "expected a link long enough to wrap at 50 columns"
        text_column = 8  # after the number column
        for row in continued:
            assert len(row) - len(row.lstrip()) >= text_column, row
