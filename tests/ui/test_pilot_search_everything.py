"""Pilot tests: search covers everything the reader shows (link groups, member lists,
alt text), opens the folded section a match is in, counts, and says when it wraps."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from article_builder import ArticleBuilder
from textual.pilot import Pilot

from reader.models import Article, Section, SectionKind
from reader.search import find
from reader.ui.app import ReaderApp

from .built_articles import long_article, with_source
from .shell_support import (
    SIZE,
    app_for,
    pilot_test,
    reading,
    record_notifications,
    settle,
    static_text,
    view,
)

MEMBERS = ("Tom Reyes — 48, skipper", "Daniel Okafor — 52, deckhand", "Jonas Weber — 60")
ALT = "A harbour crane lifting a trawler out of the water"


def storm_page() -> Article:
    """Text, a member list (as the analysis adds them), an alt-only figure and a link
    group, each with words found nowhere else."""
    b = ArticleBuilder("A storm")
    b.heading("A storm", level=1)
    b.paragraph("The storm hit the coast on Friday and the harbour closed.")
    b.heading("The missing", level=2)
    group = b.paragraph(
        "There are three fishermen still missing at sea, including Tom Reyes, a skipper. "
        "The other two men are Daniel Okafor, a deckhand, and Jonas Weber."
    )
    figure = b.figure("", "crane.jpg")
    b.paragraph("Rescue boats will search again on Monday. " * 3)
    for part in range(8):
        b.heading(f"Later part {part}", level=2)
        b.paragraph("The tide came in slowly while gulls circled the quay. " * 4)
    b.link_group("Related", [("Gale warnings for the north coast", "https://example.org/gale")])
    article = b.build()
    members = Section(
        "enum-1",
        SectionKind.ENUMERATION,
        "Three fishermen missing",
        group.start,
        group.end,
        lines=MEMBERS,
    )
    blocks = tuple(
        dataclasses.replace(block, alt=ALT) if block.id == figure.id else block
        for block in article.blocks
    )
    article = dataclasses.replace(article, blocks=blocks, sections=(*article.sections, members))
    return with_source(article, "storm.html")


def screen_rows(app: ReaderApp) -> list[str]:
    article_view = view(app)
    return [article_view.render_line(y).text for y in range(article_view.size.height)]


async def search(pilot: Pilot, query: str) -> None:
    await pilot.press("slash", "ctrl+a", "ctrl+k", *query, "enter")
    await settle(pilot)


@pilot_test
async def test_a_link_groups_links_are_found_and_their_group_opens() -> None:
    app = app_for(storm_page())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        related = next(s for s in view(app).sections() if s.kind is SectionKind.LINKS)
        assert related.id in view(app)._collapsed
        await search(pilot, "gale warnings")
        matches = reading(app).search.matches
        assert len(matches) == 1 and static_text(app, "#search-count") == "1/1"
        assert related.id not in view(app)._collapsed, "the group opened to show it"
        assert any("Gale warnings for the north coast" in row for row in screen_rows(app))
        # Its address is shown, so it is found too.
        await search(pilot, "example.org/gale")
        assert len(reading(app).search.matches) == 1


@pilot_test
async def test_member_lists_and_alt_text_are_found() -> None:
    article = storm_page()
    app = app_for(article)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "Okafor")
        matches = reading(app).search.matches
        # Once in the paragraph, once in the member list above it.
        assert len(find(article.text, "Okafor")) == 1 and len(matches) == 2
        await search(pilot, "52, deckhand")
        assert len(reading(app).search.matches) == 1
        assert any("Daniel Okafor — 52, deckhand" in row for row in screen_rows(app))
        await search(pilot, "crane lifting")
        assert len(reading(app).search.matches) == 1
        assert any("crane lifting a trawler" in row for row in screen_rows(app))


@pilot_test
async def test_the_current_match_is_painted_in_shown_text() -> None:
    app = app_for(storm_page())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "deckhand")
        article_view = view(app)
        current = reading(app).search.matches.current_span
        shown = article_view.shown_text
        assert current is not None and shown is not None and shown.is_shown(current.start)
        row = next(
            y for y in range(article_view.size.height) if "Okafor — 52" in screen_rows(app)[y]
        )
        strip = article_view.render_line(row)
        styles = {segment.text: segment.style for segment in strip if segment.text.strip()}
        hit = next(text for text in styles if "deckhand" in text)
        assert hit == "deckhand", "the match is cut out of its run to be painted"
        plain = next(text for text in styles if "Okafor" in text)
        assert styles[hit] != styles[plain]


@pilot_test
async def test_a_match_in_a_folded_section_opens_it() -> None:
    app = app_for(storm_page())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("z", "M")  # every section folded, the member list too
        await settle(pilot)
        folded = set(view(app)._collapsed)
        assert "enum-1" in folded
        await search(pilot, "Jonas Weber — 60")
        assert "enum-1" not in view(app)._collapsed
        assert any("Jonas Weber — 60" in row for row in screen_rows(app))
        await search(pilot, "gulls circled")
        assert len(view(app)._collapsed) < len(folded) - 1
        assert any("gulls circled" in row for row in screen_rows(app))


@pilot_test
async def test_stepping_says_when_the_search_wraps_and_counts() -> None:
    article = long_article(paragraphs=12)
    app = app_for(article)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = record_notifications(app)
        await search(pilot, "keeper")
        total = len(find(article.text, "keeper"))
        assert static_text(app, "#search-count") == f"1/{total}"
        for step in range(2, total + 1):
            await pilot.press("n")
            await pilot.pause()
            assert static_text(app, "#search-count") == f"{step}/{total}"
        assert "Search wrapped to top." not in shown
        await pilot.press("n")
        await pilot.pause()
        assert static_text(app, "#search-count") == f"1/{total}"
        assert shown[-1] == "Search wrapped to top."
        await pilot.press("N")
        await pilot.pause()
        assert shown[-1] == "Search wrapped to bottom."
        assert static_text(app, "#search-count") == f"{total}/{total}"


@pilot_test
async def test_wood_chipper_in_the_sample_pages_related_list(sample_page: Path) -> None:
    app = app_for(str(sample_page))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "wood chipper")
        matches = reading(app).search.matches
        assert len(matches) >= 1 and static_text(app, "#search-count").startswith("1/")
        assert any("wood chipper" in row for row in screen_rows(app))
