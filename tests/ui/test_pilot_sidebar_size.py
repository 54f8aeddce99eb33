"""The sidebar follows the terminal: about a third of a wide one, over the article in a
narrow one (never squeezing it), resized by dragging its edge (remembered), its tab
labels never cut, its long names cut with "…" rather than scrolled sideways."""

from __future__ import annotations

from textual.widgets import TabbedContent

from reader.app_state import load_state
from reader.models import Analysis, Entity, EntityGroup, Span
from reader.ui.reading.sidebar.entities import EntitiesPane
from reader.ui.reading.sidebar.tree import ReaderTree

from .built_articles import field_guide
from .shell_support import app_for, pilot_test, reading, settle, view


def tab_labels(app) -> list[str]:  # type: ignore[no-untyped-def]
    tabbed = reading(app).sidebar.query_one(TabbedContent)
    return [tabbed.get_tab(pane).label_text for pane in reading(app).sidebar.panes]


@pilot_test
async def test_a_wide_terminal_gets_a_wider_sidebar_with_full_labels() -> None:
    app = app_for(field_guide(), sidebar=True, analysis=True)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        sidebar = reading(app).sidebar
        assert sidebar.outer_size.width == 56
        assert not reading(app).has_class("-sidebar-over")
        assert tab_labels(app) == ["Contents", "Entities", "Dates", "Bookmarks", "Notes"]


@pilot_test
async def test_tab_labels_shorten_instead_of_being_cut() -> None:
    app = app_for(field_guide(), sidebar=True, analysis=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        labels = tab_labels(app)
        assert labels == ["TOC", "Names", "Dates", "Marks", "Notes"]
        sidebar = reading(app).sidebar
        assert sum(len(label) + 2 for label in labels) <= sidebar.size.width


@pilot_test
async def test_a_narrow_terminal_gets_the_sidebar_over_the_article() -> None:
    app = app_for(field_guide())
    async with app.run_test(size=(40, 20)) as pilot:
        await settle(pilot)
        before = view(app).size.width
        await pilot.press("s")
        await settle(pilot)
        screen = reading(app)
        assert screen.has_class("-sidebar-over")
        assert view(app).size.width == before  # not squeezed
        assert screen.sidebar.region.width <= 38
        assert screen.sidebar.region.bottom <= 19  # the footer stays visible


@pilot_test
async def test_dragging_the_edge_resizes_the_sidebar_and_is_remembered(tmp_path) -> None:
    app = app_for(field_guide(), sidebar=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = reading(app)
        edge = screen.sidebar.region.right - 1
        await pilot.mouse_down(screen.sidebar, offset=(screen.sidebar.size.width - 1, 5))
        await pilot.hover(screen, offset=(edge + 10, 5))
        await pilot.mouse_up(screen, offset=(edge + 10, 5))
        await settle(pilot)
        assert screen.sidebar.outer_size.width == edge + 11
        state = load_state(screen.settings.resolved_data_dir())
        assert state["sidebar_width"] == edge + 11
    # The next start keeps it.
    app = app_for(field_guide(), sidebar=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert reading(app).sidebar.outer_size.width == edge + 11


@pilot_test
async def test_long_names_are_cut_with_an_ellipsis_not_scrolled() -> None:
    article = field_guide()
    name = "The International Commission for the Conservation of Tidal Pool Ecosystems"
    analysis = Analysis(
        entities=(Entity(name, EntityGroup.ORGANISATIONS, (Span(0, 3),)),),
        model="test",
    )
    app = app_for(article, sidebar=True, analysis=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        pane = reading(app).sidebar.pane(EntitiesPane)
        pane.show_article(article, ())
        pane.show_analysis(analysis)
        pane.activate()
        await settle(pilot)
        tree = pane.query_one(ReaderTree)
        assert tree.virtual_size.width <= tree.scrollable_content_region.width
        shown = [tree.render_line(y).text for y in range(tree.size.height)]
        row = next(line for line in shown if "International" in line)
        assert "…" in row and name not in row


@pilot_test
async def test_each_tab_has_a_key_and_keys_resize_the_sidebar() -> None:
    app = app_for(field_guide(), analysis=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = reading(app)
        tabbed = screen.sidebar.query_one(TabbedContent)
        for key, pane in (("e", "entities"), ("D", "dates"), ("M", "bookmarks"), ("A", "notes")):
            await pilot.press(key)
            await settle(pilot)
            assert screen.sidebar_open and tabbed.active == pane, key
            await pilot.press("escape")
            await settle(pilot)
        width = screen.sidebar.outer_size.width
        await pilot.press("ctrl+right")
        await settle(pilot)
        assert screen.sidebar.outer_size.width == width + 4
        await pilot.press("ctrl+left", "ctrl+left")
        await settle(pilot)
        assert screen.sidebar.outer_size.width == width - 4


@pilot_test
async def test_the_palette_offers_each_tab_by_name() -> None:
    app = app_for(field_guide(), analysis=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        names = {row.description for row in reading(app).palette_entries()}
        assert {"Contents", "Entities", "Dates", "Bookmarks", "Notes"} <= names
