"""Every key of the library screen, its article list and its search results (each
with an id ``library.what`` for the keymap, and a tooltip), and its key sequence
``dd``."""

from __future__ import annotations

from textual.binding import Binding

from reader.ui.keyseq import KeySequence

LIBRARY_BINDINGS: list[Binding] = [
    # A priority binding, as in the reading screen: the words typed right after "/"
    # must land in the search input.
    Binding(
        "slash",
        "search",
        "Search",
        id="library.search",
        priority=True,
        tooltip="Search the text of every article in the library",
    ),
    Binding("a", "add", "Add", id="library.add", tooltip="Add a saved page or a URL"),
    Binding(
        "delete",
        "delete",
        "Delete",
        show=False,
        id="library.delete",
        tooltip="Delete the article under the cursor (also dd; u brings it back)",
    ),
    Binding(
        "u",
        "undo",
        "Undo",
        show=False,
        id="library.undo",
        tooltip="Bring back the last deleted article",
    ),
    Binding(
        "s",
        "cycle_sort",
        "Sort",
        show=False,
        id="library.sort",
        tooltip="Sort by recently read, title or date, in turn",
    ),
    Binding(
        "R",
        "sort('recent')",
        "Sort by recently read",
        show=False,
        id="library.sort-recent",
        tooltip="Last read (or added) first",
    ),
    Binding(
        "T",
        "sort('title')",
        "Sort by title",
        show=False,
        id="library.sort-title",
        tooltip="Titles from A to Z",
    ),
    Binding(
        "D",
        "sort('date')",
        "Sort by date",
        show=False,
        id="library.sort-date",
        tooltip="Newest publication date first; undated pages last",
    ),
    Binding(
        "f",
        "cycle_filter",
        "Filter",
        id="library.filter",
        tooltip="Show what is left to read, all, unread, read, archived or starred, in turn",
    ),
    Binding(
        "number_sign",
        "filter_tag",
        "By tag",
        show=False,
        id="library.filter-tag",
        tooltip="Show only the articles with a tag (empty: all of them)",
    ),
    Binding(
        "t",
        "tags",
        "Tags",
        id="library.tag",
        tooltip="Add or take off tags of the article under the cursor",
    ),
    Binding(
        "r",
        "toggle('read')",
        "Read",
        show=False,
        id="library.read",
        tooltip="Mark the article under the cursor read, or unread again",
    ),
    Binding(
        "x",
        "toggle('archived')",
        "Archive",
        show=False,
        id="library.archive",
        tooltip="Archive the article under the cursor, or bring it back",
    ),
    Binding(
        "asterisk",
        "toggle('starred')",
        "Star",
        show=False,
        id="library.star",
        tooltip="Star the article under the cursor, or unstar it",
    ),
    Binding(
        "N",
        "all_notes",
        "Notes",
        id="library.notes",
        tooltip="Every highlight and note in the library, searchable",
    ),
    Binding(
        "backspace,ctrl+o",
        "back",
        "Back to the page",
        show=False,
        id="library.back",
        tooltip="Back to the page you were reading",
    ),
    Binding(
        "escape",
        "escape",
        "Close search",
        show=False,
        id="library.escape",
        tooltip="Close the search and show every article",
    ),
]
"""The screen's own keys."""

TABLE_BINDINGS: list[Binding] = [
    Binding("j,down", "cursor_down", "Next", show=False, id="library.down", tooltip="Next article"),
    Binding(
        "k,up", "cursor_up", "Previous", show=False, id="library.up", tooltip="Previous article"
    ),
    Binding(
        "space,pagedown",
        "page_down",
        "Page down",
        show=False,
        id="library.page-down",
        tooltip="One page of articles down",
    ),
    Binding(
        "b,pageup",
        "page_up",
        "Page up",
        show=False,
        id="library.page-up",
        tooltip="One page of articles up",
    ),
    Binding("g,home", "first", "First", show=False, id="library.first", tooltip="First article"),
    Binding("G,end", "last", "Last", show=False, id="library.last", tooltip="Last article"),
    Binding(
        "enter", "choose", "Open", id="library.open", tooltip="Read the article under the cursor"
    ),
]
"""The article list's keys (``LibraryTable``)."""

RESULTS_BINDINGS: list[Binding] = [
    Binding(
        "j",
        "cursor_down",
        "Next",
        show=False,
        id="library.result-down",
        tooltip="Next search result",
    ),
    Binding(
        "k",
        "cursor_up",
        "Previous",
        show=False,
        id="library.result-up",
        tooltip="Previous search result",
    ),
]
"""The search results' vim keys (``LibraryResults``; the arrows are the list's own)."""

LIBRARY_SEQUENCES: tuple[KeySequence, ...] = (
    KeySequence("dd", "delete", "Delete the article under the cursor", "library.delete-dd"),
)
