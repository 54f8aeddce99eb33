"""Every collapsible thing is a stop for ``]``/``[``: heading sections, the link groups
at the end (which share one text offset: the end of the text) and enumerated member
lists; ``enter``/``za`` act on the one at the cursor."""

from __future__ import annotations

from article_builder import ArticleBuilder

from reader.models import Section, SectionKind

from .shell_support import SIZE, app_for, pilot_test, settle, view


def end_groups_article():  # type: ignore[no-untyped-def]
    b = ArticleBuilder("Storm on the coast")
    b.paragraph("The storm reached the coast on Friday and closed the harbour for a day.")
    b.heading("What the harbour master said")
    b.paragraph("Boats stayed in, and the ferry waited until the wind dropped.")
    for title in ("Related", "Ranking", "Recommendation"):
        links = [(f"{title} story {n}", f"https://example.org/{title}/{n}") for n in range(3)]
        b.link_group(title, links)
    return b.build()


def section_at_cursor(app) -> Section | None:  # type: ignore[no-untyped-def]
    article_view = view(app)
    section_id = article_view._section_under_cursor()
    return next((s for s in article_view.sections() if s.id == section_id), None)


@pilot_test
async def test_bracket_steps_through_every_link_group_and_enter_folds_that_one() -> None:
    article = end_groups_article()
    app = app_for(article)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = []
        for _ in range(4):
            await pilot.press("right_square_bracket")
            await pilot.pause()
            section = section_at_cursor(app)
            titles.append(section.title if section else None)
        assert titles == [
            "What the harbour master said",
            "Related",
            "Ranking",
            "Recommendation",
        ]
        # Back up one and open it: the one at the cursor opens, no other.
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert section_at_cursor(app).title == "Ranking"
        collapsed_before = set(view(app)._collapsed)
        await pilot.press("enter")
        await pilot.pause()
        ranking = next(s for s in view(app).sections() if s.title == "Ranking")
        assert collapsed_before - set(view(app)._collapsed) == {ranking.id}
        # The cursor stays on the header it opened: z a closes the same one again.
        assert section_at_cursor(app).title == "Ranking"
        await pilot.press("z", "a")
        await pilot.pause()
        assert set(view(app)._collapsed) == collapsed_before
        # And [ goes on backwards through the groups.
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert section_at_cursor(app).title == "Related"


@pilot_test
async def test_an_enumerated_member_list_is_a_stop_too() -> None:
    b = ArticleBuilder("Detained")
    b.paragraph("Officials spoke on Monday about the case.")
    start = b.paragraph(
        "Three Americans are detained: Ann Lee, a teacher; Bo Chan, a pilot; and Cy Diaz."
    ).start
    b.paragraph("Talks go on.")
    article = b.build()
    members = Section(
        "enum-0",
        SectionKind.ENUMERATION,
        "Three Americans detained",
        start,
        article.text.index("Talks") - 2,
        summary="3 members",
        lines=("Ann Lee, a teacher", "Bo Chan, a pilot", "Cy Diaz"),
    )
    app = app_for(article)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view(app).add_sections([members])
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert section_at_cursor(app).title == "Three Americans detained"
