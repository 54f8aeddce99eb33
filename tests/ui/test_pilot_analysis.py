"""Pilot tests of the Entities and Dates tabs: the analysis in the background,
choosing an entity (keys and mouse), n/N through its mentions, the filter box,
choosing a date, the missing-model notice, cancellation when another page opens."""

from __future__ import annotations

from hostile.screen_probe import capture
from textual.widgets import Input, OptionList, Tabs, Tree
from textual.worker import WorkerState

from reader.models import DateKind, EntityGroup, SectionKind
from reader.ui.app import make_app
from reader.ui.reading.analysis import AnalysisUpdate
from reader.ui.reading.sidebar.dates import DatesPane
from reader.ui.reading.sidebar.entities import EntitiesPane

from .analysis_articles import (
    analysed,
    harbour_article,
    long_article,
    on_screen,
    overlay,
    storm_article,
)
from .shell_support import (
    SIZE,
    app_for,
    pilot_test,
    reading,
    record_notifications,
    settle,
    view,
    wait_until,
)
from .shell_support import (
    test_settings as settings_for_tests,
)


def leaf_names(tree: Tree) -> list[str]:
    return [
        leaf.label.plain.rsplit("  ", 1)[0]
        for group in tree.root.children
        for leaf in group.children
    ]


def line_of(tree: Tree, name: str) -> int:
    for line in range(tree.last_line + 1):
        node = tree.get_node_at_line(line)
        if node is not None and getattr(node.data, "name", None) == name:
            return line
    raise AssertionError(f"{name} is not listed")


async def open_entities(pilot, app) -> EntitiesPane:  # type: ignore[no-untyped-def]
    """The keyboard way in: s, Tab to the tabs, → to Entities, Tab into the filter."""
    await pilot.press("s")
    await settle(pilot)
    await pilot.press("tab")
    assert isinstance(app.focused, Tabs)
    await pilot.press("right")
    await pilot.press("tab")
    pane = reading(app).sidebar.pane(EntitiesPane)
    assert app.focused is pane.filter_box
    return pane


@pilot_test
async def test_the_article_shows_first_then_progress_then_the_entities() -> None:
    updates: list[AnalysisUpdate] = []
    app = app_for(harbour_article(), analysis=True, sidebar=True)
    hook = lambda m: updates.append(m) if isinstance(m, AnalysisUpdate) else None  # noqa: E731
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await analysed(pilot, app)
        panel = reading(app).analysis
        assert any(u.is_progress for u in updates) and updates[-1].analysis is not None
        pane = reading(app).sidebar.pane(EntitiesPane)
        tree = pane.tree
        groups = [group.label.plain for group in tree.root.children]
        assert groups == ["People 2", "Places 2"]
        assert leaf_names(tree) == ["Maria Lopez", "Jonas Weber", "Geneva", "Lisbon"]
        assert tree.root.children[0].children[0].label.plain == "Maria Lopez  4"
        assert not pane.status.has_class("-shown")
        assert panel.analysis is not None and panel.analysis.model is not None


@pilot_test
async def test_keyboard_choice_highlights_every_mention_and_n_steps_through_them() -> None:
    app = app_for(harbour_article(), analysis=True)
    async with app.run_test(size=SIZE) as pilot:
        await analysed(pilot, app)
        pane = await open_entities(pilot, app)
        await pilot.press("down")  # from the filter into the list: the first name
        assert app.focused is pane.tree
        await pilot.press("enter")
        await pilot.pause()
        article_view = view(app)
        lopez = next(e for e in reading(app).analysis.analysis.entities if e.name == "Maria Lopez")
        starts = [m.start for m in lopez.mentions]
        layer = overlay(article_view, "entities")
        assert [s for s in layer if s[2] == "entity-person"] == [
            (m.start, m.end, "entity-person") for m in lopez.mentions
        ]
        assert [s[0] for s in layer if s[2] == "mention-current"] == [starts[0]]
        assert "Maria Lopez  1/4" in pane.query_one("#entities-chosen").content.plain
        for expected in (starts[1], starts[2], starts[3], starts[0]):
            await pilot.press("n")
            await pilot.pause()
            assert [
                s[0] for s in overlay(article_view, "entities") if s[2] == "mention-current"
            ] == [expected]
            assert on_screen(article_view, expected)
        await pilot.press("N")
        await pilot.pause()
        assert on_screen(article_view, starts[3])
        assert "4/4" in pane.query_one("#entities-chosen").content.plain
        # Esc clears the highlight (the list n/N would step through) first.
        await pilot.press("escape")
        assert overlay(article_view, "entities") == []
        assert pane.query_one("#entities-chosen").content.plain == ""


@pilot_test
async def test_clicking_a_name_chooses_it() -> None:
    app = app_for(harbour_article(), analysis=True, sidebar=True)
    async with app.run_test(size=SIZE) as pilot:
        await analysed(pilot, app)
        screen = reading(app)
        screen.sidebar.pane(EntitiesPane).activate()
        await pilot.pause()
        tree = screen.sidebar.pane(EntitiesPane).tree
        line = line_of(tree, "Lisbon")
        assert await pilot.click(tree, offset=(4, line - int(tree.scroll_y)))
        await pilot.pause()
        lisbon = next(e for e in screen.analysis.analysis.entities if e.name == "Lisbon")
        assert lisbon.group is EntityGroup.PLACES
        mention = lisbon.mentions[0]
        assert (mention.start, mention.end, "entity-place") in overlay(view(app), "entities")
        assert on_screen(view(app), mention.start)


@pilot_test
async def test_the_filter_box_narrows_the_list_and_esc_empties_it() -> None:
    app = app_for(harbour_article(), analysis=True)
    async with app.run_test(size=SIZE) as pilot:
        await analysed(pilot, app)
        pane = await open_entities(pilot, app)
        await pilot.press(*"lis")
        assert leaf_names(pane.tree) == ["Lisbon"]
        await pilot.press(*"zz")
        assert "No name contains 'liszz'." in pane.tree.root.children[0].label.plain
        await pilot.press("escape")
        assert pane.filter_box.value == ""
        assert len(leaf_names(pane.tree)) == 4
        assert app.focused is pane.filter_box
        await pilot.press(*"weber", "enter")  # Enter goes to the first name listed
        assert app.focused is pane.tree
        assert (
            pane.tree.cursor_node is not None and pane.tree.cursor_node.data.name == "Jonas Weber"
        )
        pane.filter_box.focus()
        await pilot.press("escape")  # empties the box
        assert pane.filter_box.value == "" and app.focused is pane.filter_box
        await pilot.press("escape")  # an empty box: Esc leaves the sidebar
        assert app.focused is view(app)


@pilot_test
async def test_n_steps_through_whichever_list_was_chosen_last() -> None:
    app = app_for(harbour_article(), analysis=True, sidebar=True)
    async with app.run_test(size=SIZE) as pilot:
        await analysed(pilot, app)
        screen = reading(app)
        article_view = view(app)
        await pilot.press("slash", *"tide", "enter")
        await pilot.pause()
        assert screen.steps.current is screen.search
        before = screen.search.matches.current
        await pilot.press("n")
        assert screen.search.matches.current == before + 1
        weber = next(e for e in screen.analysis.analysis.entities if e.name == "Jonas Weber")
        screen.sidebar.pane(EntitiesPane).post_message(EntitiesPane.EntitySelected(weber))
        await pilot.pause()
        assert screen.steps.current is screen.analysis.marks
        await pilot.press("n")
        current = [s for s in overlay(article_view, "entities") if s[2] == "mention-current"]
        assert current == [(weber.mentions[1].start, weber.mentions[1].end, "mention-current")]
        assert screen.search.matches.current == before + 1  # the search did not move
        # Esc clears the list chosen last (the entity); then n is the search's again.
        article_view.focus()
        await pilot.press("escape")
        assert overlay(article_view, "entities") == [] and screen.search.active
        await pilot.press("n")  # the next match after what is on screen now
        current_match = screen.search.matches.current_span
        assert screen.search.matches.current != before + 1
        assert current_match is not None and on_screen(article_view, current_match.start)


@pilot_test
async def test_choosing_a_date_goes_to_its_sentence_and_marks_the_phrase() -> None:
    app = app_for(harbour_article(), analysis=True, sidebar=True)
    async with app.run_test(size=SIZE) as pilot:
        await analysed(pilot, app)
        screen = reading(app)
        pane = screen.sidebar.pane(DatesPane)
        pane.activate()
        pane.set_focus_within()
        await pilot.pause()
        timeline = pane.timeline
        assert timeline is not None and timeline.reference == "Sun 13 Apr 2025"
        headings = [group.heading for group in timeline.points]
        assert headings == [
            "2016",
            "2025",
            "Fri 11 Apr 2025",
            "Sun 13 Apr 2025",
            "Mon 14 Apr 2025",
            "May 2025",
        ]
        assert [e.phrase for e in timeline.durations] == ["two weeks", "a decade"]
        assert not any(d.kind is DateKind.AGE for d in (e.mention for e in pane.entries))
        options = pane.options
        # The last point in time: "in May", in the second paragraph after the filler.
        may = next(i for i, e in enumerate(pane.entries) if e.phrase == "May")
        for _ in range(may):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        entry = pane.entries[may]
        assert options.highlighted is not None
        mention = entry.mention
        assert (mention.start, mention.end, "mention-current") in overlay(view(app), "dates")
        assert view(app).cursor == entry.sentence[0]
        assert on_screen(view(app), mention.start)
        assert app.screen.get_widget_at(0, 0) is not None
        await pilot.press("escape")  # leaves the sidebar
        await pilot.press("escape")  # clears the mark
        assert overlay(view(app), "dates") == []


@pilot_test
async def test_clicking_the_dates_tab_and_a_date() -> None:
    app = app_for(harbour_article(), analysis=True, sidebar=True)
    async with app.run_test(size=SIZE) as pilot:
        await analysed(pilot, app)
        assert await pilot.click("#--content-tab-dates")
        await pilot.pause()
        pane = reading(app).sidebar.pane(DatesPane)
        assert pane.options.region.width > 0
        # The last entry of the list ("a decade", under Durations).
        entry = pane.entries[-1]
        options = pane.options
        row = options.get_option_index(f"date-{len(pane.entries) - 1}")
        options.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        line = options._index_to_line[row] - int(options.scroll_y)  # the option's first row
        assert 0 <= line < options.size.height
        assert await pilot.click(options, offset=(4, line))
        await pilot.pause()
        assert entry.phrase == "a decade"
        mention = entry.mention
        assert (mention.start, mention.end, "mention-current") in overlay(view(app), "dates")
        assert on_screen(view(app), mention.start)


@pilot_test
async def test_an_enumerated_group_becomes_a_section_again_after_going_back() -> None:
    app = app_for(storm_article(), harbour_article(), analysis=True)
    async with app.run_test(size=SIZE) as pilot:
        await analysed(pilot, app)

        def group_rows() -> list[str]:
            lines = [line.strip() for line in capture(app).lines]
            start = next(i for i, line in enumerate(lines) if "(3)" in line)
            return lines[start : start + 4]

        await wait_until(pilot, lambda: any("(3)" in r for r in capture(app).lines))
        assert group_rows() == [
            "▼ Fishermen still missing at sea (3)",
            "• Tom Reyes, 48, skipper from Lisbon, worked the boats since 2012",
            "• Daniel Okafor, 52, deckhand",
            "• Jonas Weber, 60, fished there since 1990",
        ]
        await pilot.press("greater_than_sign")
        await analysed(pilot, app)
        kinds = [s.kind for s in view(app).sections()]
        assert SectionKind.ENUMERATION not in kinds
        await pilot.press("backspace")
        await analysed(pilot, app)
        await wait_until(pilot, lambda: any("(3)" in r for r in capture(app).lines))
        assert group_rows()[0] == "▼ Fishermen still missing at sea (3)"


@pilot_test
async def test_without_the_model_the_entities_tab_says_how_to_install_it() -> None:
    settings = settings_for_tests(analysis=True, sidebar=True)
    settings.analysis.model = "no_such_spacy_model"
    app = make_app(settings, [harbour_article()])
    async with app.run_test(size=SIZE) as pilot:
        await analysed(pilot, app)
        screen = reading(app)
        pane = screen.sidebar.pane(EntitiesPane)
        assert pane.has_class("-unavailable")
        assert not pane.tree.display or not pane.tree.region
        message = pane.status.message
        assert "no_such_spacy_model" in message and "python -m spacy download" in message
        dates = screen.sidebar.pane(DatesPane)
        assert dates.timeline is not None
        assert "Sun 13 Apr 2025" in [group.heading for group in dates.timeline.points]


@pilot_test
async def test_opening_another_page_cancels_the_analysis() -> None:
    app = app_for(long_article(), harbour_article(), analysis=True, sidebar=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = reading(app)
        await wait_until(pilot, lambda: any(w.group == "analysis" for w in app.workers), tries=500)
        first = next(w for w in app.workers if w.group == "analysis")
        assert screen.analysis.running
        await pilot.press("greater_than_sign")  # the next page named
        assert screen.article is not None and screen.article.title == "A harbour reopens"
        assert first.is_cancelled
        await analysed(pilot, app)
        await wait_until(pilot, lambda: first.state is WorkerState.CANCELLED)
        names = leaf_names(screen.sidebar.pane(EntitiesPane).tree)
        assert names == ["Maria Lopez", "Jonas Weber", "Geneva", "Lisbon"]


@pilot_test
async def test_switched_off_there_are_no_tabs_and_no_analysis() -> None:
    app = app_for(harbour_article(), sidebar=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reading(app)
        ids = [p.id for p in screen.sidebar.panes]
        assert "contents" in ids and "entities" not in ids and "dates" not in ids
        assert not any(w.group == "analysis" for w in app.workers)
        shown = record_notifications(app)
        await pilot.press("n")
        assert shown == ["No search yet: press / to search."]
        assert not isinstance(app.focused, (Input, OptionList))
