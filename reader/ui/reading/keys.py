"""The reading screen's keys (each with an id for the keymap, and a tooltip)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

# "/" and "f" are priority bindings so that they run before the keys typed right after
# them are handed to the article (Textual forwards each key to the widget focused when
# it arrives); an input with focus still gets them as text.
READING_BINDINGS: list[BindingType] = [
    Binding(
        "slash",
        "search",
        "Search",
        id="search",
        priority=True,
        tooltip="Search the article",
    ),
    Binding(
        "n",
        "next_match",
        "Next match",
        id="next-match",
        show=False,
        tooltip="Next search match, or next mention of the name chosen in Entities",
    ),
    Binding(
        "N",
        "previous_match",
        "Previous match",
        id="previous-match",
        show=False,
        tooltip="Previous search match, or previous mention of the chosen name",
    ),
    Binding(
        "f",
        "link_hints",
        "Links",
        id="link-hints",
        priority=True,
        tooltip="Number the links; type a number to open one",
    ),
    Binding(
        "o",
        "link_list",
        "Link list",
        id="link-list",
        show=False,
        tooltip="List every link of the page",
    ),
    Binding("t", "contents", "Contents", id="contents", tooltip="Table of contents in the sidebar"),
    Binding(
        "s",
        "toggle_sidebar",
        "Sidebar",
        id="toggle-sidebar",
        tooltip="Show or hide the sidebar",
    ),
    Binding(
        "backspace,ctrl+o",
        "back",
        "Back",
        id="back",
        show=False,
        tooltip="Back to the page you came from",
    ),
    Binding(
        "greater_than_sign",
        "next_page",
        "Next page",
        id="next-page",
        show=False,
        tooltip="Next page named on the command line",
    ),
    Binding(
        "less_than_sign",
        "previous_page",
        "Previous page",
        id="previous-page",
        show=False,
        tooltip="Previous page named on the command line",
    ),
    Binding(
        "escape",
        "escape",
        "Clear highlights",
        id="clear-search",
        show=False,
        tooltip="Clear the search or name highlights (the latest first), or leave the sidebar",
    ),
]
