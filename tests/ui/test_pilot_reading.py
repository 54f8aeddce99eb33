"""Pilot tests of the reading screen: header, sidebar and contents, search, focus, quit."""

from __future__ import annotations

from hostile.screen_probe import capture
from textual import events
from textual.widgets import Input, Tree

from reader.search import find
from reader.ui.reading.header import ArticleHeader
from reader.ui.reading.sidebar.contents import ContentsPane
from reader.ui.widgets.search_bar import SearchBar

from .built_articles import field_guide, long_article, with_source
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


@pilot_test
async def test_header_shows_title_site_and_reading_time_and_the_title_block_the_rest() -> None:
    app = app_for(field_guide())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        header = app.screen.query_one(ArticleHeader)
        assert header.title_text == "A Field Guide to Tidal Pools"
        assert header.details == "Coastal Notes · 1 min read"
        assert header.progress == "100%"
        lines = capture(app).lines
        assert lines[0].startswith(" A Field Guide to Tidal Pools ")
        assert lines[0].rstrip().endswith("Coastal Notes · 1 min read  100%")
        # The title block at the top of the article has every detail.
        details = "Mara Quint · Coastal Notes · 17 May 2024 · 1 min read"
        assert any(line.strip() == details for line in lines[1:4])


@pilot_test
async def test_the_title_block_stays_in_view_when_the_rows_change_at_the_top() -> None:
    """A new width (and the member lists analysis adds) lays the article out again,
    keeping the text at the top where it was; at the very top that is the title block,
    which has no offset of its own."""
    app = app_for(long_article())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert view(app).scroll_offset.y == 0
        await pilot.resize_terminal(SIZE[0] - 30, SIZE[1])
        await settle(pilot)
        assert view(app).scroll_offset.y == 0
        assert "Example Site ·" in capture(app).lines[1]
        # Further down, the text at the top stays the same through a new width.
        await pilot.press("space", "space")
        await settle(pilot)
        top = view(app).top_offset()
        assert top > 0
        await pilot.resize_terminal(*SIZE)
        await settle(pilot)
        assert abs(view(app).top_offset() - top) < 200


@pilot_test
async def test_a_long_title_is_cut_with_an_ellipsis() -> None:
    app = app_for(with_source(field_guide(), "x.html", title="A very long title " * 10))
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        line = capture(app).lines[0]
        assert "…" in line and len(line) == 60
        assert line.rstrip().endswith("1 min read  100%") or "…" in line.split("A very")[-1]


@pilot_test
async def test_s_toggles_the_sidebar_and_gives_focus_back() -> None:
    app = app_for(field_guide())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reading(app)
        sidebar = screen.sidebar
        assert not screen.has_class("-sidebar") and not sidebar.display
        await pilot.press("s")
        assert screen.has_class("-sidebar")
        await pilot.pause()
        assert sidebar.display and app.focused is view(app)
        await pilot.press("tab")
        assert app.focused is not None and sidebar in app.focused.ancestors
        await pilot.press("s")
        await pilot.pause()
        assert not screen.has_class("-sidebar")
        assert app.focused is view(app)


@pilot_test
async def test_t_opens_contents_and_selecting_a_section_jumps_to_it() -> None:
    article = long_article(paragraphs=60)
    app = app_for(article)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        tree = app.screen.query_one("#contents-tree", Tree)
        assert app.focused is tree
        labels = [str(node.label) for node in tree.root.children[0].children]
        assert labels[:3] == ["Part 1", "Part 2", "Part 3"]
        part_5 = tree.root.children[0].children[4]
        tree.move_cursor(part_5)
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is view(app)
        section = part_5.data
        assert view(app).top_offset() == section.start
        # t again from the article focuses contents; t from contents closes the sidebar.
        await pilot.press("t")
        await pilot.pause()
        assert app.focused is tree
        await pilot.press("t")
        await pilot.pause()
        assert not reading(app).sidebar_open
        assert app.focused is view(app)


@pilot_test
async def test_contents_follows_the_reading_position() -> None:
    app = app_for(long_article(paragraphs=60), sidebar=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tree = app.screen.query_one("#contents-tree", Tree)
        for _ in range(8):
            await pilot.press("right_square_bracket")
        await settle(pilot)
        assert tree.cursor_node is not None
        section = tree.cursor_node.data
        top = view(app).top_offset()
        assert section.start <= top < section.end


@pilot_test
async def test_escape_leaves_the_sidebar() -> None:
    app = app_for(field_guide())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.focused, Tree)
        await pilot.press("escape")
        assert app.focused is view(app)


@pilot_test
async def test_search_highlights_every_match_and_steps_with_n_and_shift_n() -> None:
    article = long_article(paragraphs=30)
    app = app_for(article)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = reading(app)
        await pilot.press("slash")
        bar = app.screen.query_one(SearchBar)
        assert bar.has_class("-open") and isinstance(app.focused, Input)
        await pilot.press(*"keeper")
        await pilot.pause()
        expected = find(article.text, "keeper")
        assert len(expected) == 30
        matches = screen.search.matches
        assert [(s.start, s.end) for s in matches.spans] == [(s.start, s.end) for s in expected]
        assert static_text(app, "#search-count") == "1/30"
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is view(app) and bar.has_class("-open")
        await pilot.press("n")
        await pilot.pause()
        assert matches.current == 1 and static_text(app, "#search-count") == "2/30"
        await pilot.press("n", "n")
        assert matches.current == 3
        await pilot.press("N")
        await pilot.pause()
        assert matches.current == 2 and static_text(app, "#search-count") == "3/30"
        current = matches.current_span
        assert current is not None
        top, bottom = view(app).top_offset(), view(app).offset_at(view(app).size.height - 1)
        assert top <= current.start <= bottom, "the current match is on screen"
        # Esc in the article clears the search.
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.search.active and not bar.has_class("-open")


@pilot_test
async def test_search_overlay_reaches_the_view() -> None:
    article = field_guide()
    app = app_for(article)
    calls: list[tuple[str, list[tuple[int, int, str]]]] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        original = view(app).set_overlay

        def spy(layer: str, spans: list[tuple[int, int, str]]) -> None:
            calls.append((layer, list(spans)))
            original(layer, spans)

        view(app).set_overlay = spy  # type: ignore[method-assign]
        await pilot.press("slash", *"pool")
        await pilot.pause()
        layer, spans = calls[-1]
        assert layer == "search"
        kinds = [kind for _, _, kind in spans]
        assert kinds.count("search-current") == 1
        # The article's text and the Related links ("Rock pools of the north").
        shown = view(app).shown_text
        assert shown is not None and shown.find("pool")
        in_text = len(find(article.text, "pool"))
        assert kinds.count("search-hit") == in_text + len(shown.find("pool")) - 1


@pilot_test
async def test_search_is_case_insensitive_unless_the_query_has_a_capital() -> None:
    app = app_for(field_guide())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        matches = reading(app).search.matches
        await pilot.press("slash", *"pools")
        await pilot.pause()
        # "Pools" in the title, "pools" twice, and the Related link "Rock pools …".
        assert len(matches) == 4
        await pilot.press("ctrl+a", "ctrl+k", *"Pools")
        await pilot.pause()
        assert len(matches) == 1


@pilot_test
async def test_escape_in_the_search_bar_restores_the_view() -> None:
    app = app_for(long_article(paragraphs=60))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        start = view(app).top_offset()
        await pilot.press("slash", *"Paragraph 50")
        await pilot.pause()
        assert view(app).top_offset() > start
        await pilot.press("escape")
        await settle(pilot)
        assert view(app).top_offset() == start
        assert not reading(app).search.active


@pilot_test
async def test_search_with_no_match_says_so() -> None:
    app = app_for(field_guide())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = record_notifications(app)
        await pilot.press("slash", *"zebra", "enter")
        await pilot.pause()
        assert static_text(app, "#search-count") == "no match"
        await pilot.press("n")
        await pilot.pause()
        assert any("No match for 'zebra'" in message for message in shown)


@pilot_test
async def test_n_without_a_search_explains() -> None:
    app = app_for(field_guide())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = record_notifications(app)
        await pilot.press("n")
        await pilot.press("N")
        await pilot.pause()
        assert shown == ["No search yet: press / to search."] * 2


@pilot_test
async def test_tab_cycles_focus_through_the_screen() -> None:
    app = app_for(field_guide(), sidebar=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        seen = [app.focused]
        for _ in range(6):
            await pilot.press("tab")
            seen.append(app.focused)
        assert view(app) in seen
        assert any(isinstance(widget, Tree) for widget in seen)
        assert seen[0] in seen[1:], "focus comes back round"


@pilot_test
async def test_q_quits() -> None:
    app = app_for(field_guide())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


@pilot_test
async def test_contents_pane_plugs_into_the_sidebar_and_new_panes_can_join() -> None:
    from reader.ui.reading.sidebar.sidebar import SidebarPane

    class ExtraPane(SidebarPane):
        seen: list[str] = []

        def __init__(self) -> None:
            super().__init__("Extra", id="extra")

        def show_article(self, article: object, sections: object) -> None:
            self.seen.append(getattr(article, "title", ""))

    app = app_for(field_guide(), sidebar=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        sidebar = reading(app).sidebar
        assert type(sidebar.panes[0]) is ContentsPane
        await sidebar.add_pane(ExtraPane())
        await pilot.pause()
        assert ExtraPane.seen == ["A Field Guide to Tidal Pools"]
        extra = sidebar.pane(ExtraPane)
        extra.activate()
        await pilot.pause()
        assert sidebar.query_one("#sidebar-tabs").active == "extra"


@pilot_test
async def test_keys_typed_right_after_slash_and_f_are_not_lost(
    opened_urls: list[str],
) -> None:
    """A fast typist (or a paste) sends "/word⏎" in one burst: every key lands."""
    app = app_for(long_article())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst = [("slash", "/"), ("P", "P"), ("a", "a"), ("r", "r"), ("t", "t")]
        burst += [("enter", "\r"), ("n", "n"), ("n", "n"), ("j", "j")]
        for key, character in burst:
            app._driver.send_message(events.Key(key, character))  # no wait in between
        await settle(pilot)
        matches = reading(app).search.matches
        assert matches.query == "Part", "Enter ended the query; n stepped, not typed"
        assert matches.current == 2, (app.focused, matches.current)
        assert app.focused is view(app)
        assert reading(app).search_bar.has_class("-open"), "the query stays on show"
        # The same for link numbers: "f", digits, Enter, then a key for the article.
        for key, character in [("f", "f"), ("1", "1"), ("enter", "\r"), ("k", "k")]:
            app._driver.send_message(events.Key(key, character))
        await settle(pilot)
        assert not view(app).hints and app.focused is view(app)


@pilot_test
async def test_slash_and_f_are_text_inside_the_search_bar() -> None:
    app = app_for(long_article())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", "a", "slash", "f")
        await pilot.pause()
        assert reading(app).search.matches.query == "a/f"
        assert not view(app).hints
