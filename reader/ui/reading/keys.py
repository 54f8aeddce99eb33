"""Every key of the reading screen, grouped by feature; each binding has an id for the
user's ``[keymap]`` (``feature.what``) and a tooltip for the help screen.

The article view's own keys (scrolling, headings, folds, ``za``…, the ``m``/``'``
mark sequences) are in ``reader.ui.article_view.keys``; the app's (``q``, ``?``,
``L``) in ``reader.ui.app``. Renamed ids keep working through
``reader.ui.keymap_aliases``.

Esc is one binding, ``reading.escape``. Its action asks each layer in turn, and the
first that has something to undo takes the key:

1. the selection grown with ``v`` (while the article has the keys);
2. the passage cursor (while the article has the keys);
3. the link numbers shown by ``f``;
4. the search or name highlights that ``n``/``N`` step through (the latest first);
5. the date chosen in the Dates tab;
6. focus in the sidebar, which goes back to the article.

Inputs that take Esc themselves (the search line, the link-number line, the names
filter) get it before the screen does.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding

from reader.ui.article_view.keys import MARK_SEQUENCES

# "/" and "f" are priority bindings so that they run before the keys typed right after
# them are handed to the article (Textual forwards each key to the widget focused when
# it arrives); an input with focus still gets them as text.
SEARCH: list[Binding] = [
    Binding(
        "slash",
        "search",
        "Search",
        id="reading.search",
        priority=True,
        tooltip="Search the article",
    ),
    Binding(
        "n",
        "next_match",
        "Next match",
        id="reading.next-match",
        show=False,
        tooltip="Next search match, or next mention of the name chosen in Entities",
    ),
    Binding(
        "N",
        "previous_match",
        "Previous match",
        id="reading.previous-match",
        show=False,
        tooltip="Previous search match, or previous mention of the chosen name",
    ),
]

LINKS: list[Binding] = [
    Binding(
        "f",
        "link_hints",
        "Links",
        id="reading.link-hints",
        priority=True,
        tooltip="Number the links; type a number to open one in the reader",
    ),
    Binding(
        "F",
        "link_hints(True)",
        "Links to browser",
        id="reading.link-browser",
        priority=True,
        show=False,
        tooltip="Number the links; type a number to open one in the system's browser",
    ),
    Binding(
        "o",
        "link_list",
        "Link list",
        id="reading.link-list",
        show=False,
        tooltip="List every link and picture of the page",
    ),
]

COPY: list[Binding] = [
    Binding(
        "y,ctrl+c",
        "copy",
        "Copy",
        id="reading.copy",
        show=False,
        tooltip="Copy the selection, else the passage at the cursor (q quits)",
    ),
]

HINT_BAR_KEYS: list[Binding] = [
    # Keys of the link-number line (``LinkHintBar``), which has the keys while ``f``
    # shows the numbers: priority, or its number input would take them as text.
    Binding(
        "y,ctrl+c",
        "copy",
        "Copy address",
        id="hints.copy",
        show=False,
        priority=True,
        tooltip="Copy the address of the link whose number is typed, instead of opening it",
    ),
]

SIDEBAR: list[Binding] = [
    Binding(
        "t",
        "contents",
        "Contents",
        id="reading.contents",
        tooltip="Table of contents in the sidebar",
    ),
    Binding(
        "s",
        "toggle_sidebar",
        "Sidebar",
        id="reading.toggle-sidebar",
        tooltip="Show or hide the sidebar",
    ),
    Binding(
        "e",
        "entities_tab",
        "Entities",
        id="reading.entities",
        show=False,
        tooltip="The Entities tab: people, organisations and places the page names",
    ),
    Binding(
        "D",
        "dates_tab",
        "Dates",
        id="reading.dates",
        show=False,
        tooltip="The Dates tab: the page's dates on a timeline",
    ),
    Binding(
        "ctrl+right",
        "sidebar_wider",
        "Wider sidebar",
        id="reading.sidebar-wider",
        show=False,
        tooltip="Widen the sidebar (also by dragging its edge); remembered",
    ),
    Binding(
        "ctrl+left",
        "sidebar_narrower",
        "Narrower sidebar",
        id="reading.sidebar-narrower",
        show=False,
        tooltip="Narrow the sidebar; remembered",
    ),
]

FIGURES: list[Binding] = [
    Binding(
        "i",
        "open_figure",
        "Figure",
        id="figures.open",
        show=False,
        tooltip="Show the figure at the passage cursor (or the first on screen) full-screen;"
        " Enter on a figure does too",
    ),
]

PAGES: list[Binding] = [
    Binding(
        "backspace,ctrl+o",
        "back",
        "Back",
        id="reading.back",
        show=False,
        tooltip="Back to the page you came from",
    ),
    Binding(
        "greater_than_sign",
        "next_page",
        "Next page",
        id="reading.next-page",
        show=False,
        tooltip="Next page named on the command line",
    ),
    Binding(
        "less_than_sign",
        "previous_page",
        "Previous page",
        id="reading.previous-page",
        show=False,
        tooltip="Previous page named on the command line",
    ),
]

# The reader view or the whole page as text (for an article that looks cut).
VIEWS: list[Binding] = [
    Binding(
        "W",
        "whole_page",
        "Whole page as text",
        id="reading.whole-page",
        show=False,
        tooltip="Show the whole page as text (reader view off), or go back to the article",
    ),
]

# The page in the library: its tags and read/archived/starred state.
LIBRARY_STATE: list[Binding] = [
    Binding(
        "T",
        "tags",
        "Tags",
        id="reading.tags",
        show=False,
        tooltip="Add or take off the page's tags (completed from the library's)",
    ),
    Binding(
        "R",
        "toggle_state('read')",
        "Mark read",
        id="reading.read",
        show=False,
        tooltip="Mark the page read, or unread again",
    ),
    Binding(
        "X",
        "toggle_state('archived')",
        "Archive",
        id="reading.archive",
        show=False,
        tooltip="Archive the page, or bring it back from the archive",
    ),
    Binding(
        "asterisk",
        "toggle_state('starred')",
        "Star",
        id="reading.star",
        show=False,
        tooltip="Star the page, or unstar it",
    ),
]

ESCAPE: list[Binding] = [
    Binding(
        "escape",
        "escape",
        "Clear highlights",
        id="reading.escape",
        show=False,
        tooltip="Undo the latest: selection, passage, link numbers, highlights, date;"
        " or leave the sidebar",
    ),
]

# The passage cursor: ``)``/``(`` move it by sentence; ``}``/``{`` (the article's own
# paragraph keys) move it too; ``v`` starts a selection those keys then grow.
PASSAGE: list[Binding] = [
    Binding(
        "right_parenthesis",
        "next_sentence",
        "Next sentence",
        show=False,
        id="passage.next-sentence",
        tooltip="Move the passage cursor to the next sentence",
    ),
    Binding(
        "left_parenthesis",
        "previous_sentence",
        "Previous sentence",
        show=False,
        id="passage.previous-sentence",
        tooltip="Move the passage cursor to the previous sentence",
    ),
    Binding(
        "v",
        "select",
        "Select",
        show=False,
        id="passage.select",
        tooltip="Start a selection at the passage ( ) { } grow it; v again drops it",
    ),
]

NOTES: list[Binding] = [
    Binding(
        "h",
        "highlight",
        "Highlight",
        show=False,
        id="notes.highlight",
        tooltip="Highlight the selection, or the sentence under the cursor",
    ),
    Binding(
        "H",
        "next_pen",
        "Highlighter colour",
        show=False,
        id="notes.pen",
        tooltip="Next highlighter colour: yellow, green, blue, pink",
    ),
    Binding(
        "a",
        "annotate",
        "Note",
        show=False,
        id="notes.annotate",
        tooltip="Highlight the passage and write a note on it",
    ),
    Binding(
        "A",
        "notes_tab",
        "Notes",
        show=False,
        id="notes.tab",
        tooltip="The Notes tab of the sidebar: every highlight and note",
    ),
    Binding(
        "E",
        "export_notes",
        "Export notes",
        show=False,
        id="notes.export",
        tooltip="Write this page's highlights and notes to a Markdown or JSON file",
    ),
]

BOOKMARKS: list[Binding] = [
    Binding(
        "B",
        "add_bookmark",
        "Bookmark",
        show=False,
        id="bookmarks.add",
        tooltip="Add a named bookmark at the passage",
    ),
    Binding(
        "M",
        "bookmarks_tab",
        "Bookmarks",
        show=False,
        id="bookmarks.tab",
        tooltip="The Bookmarks tab of the sidebar",
    ),
]

READING_KEYS: dict[str, list[Binding]] = {
    "search": SEARCH,
    "links": LINKS,
    "figures": FIGURES,
    "copy": COPY,
    "sidebar": SIDEBAR,
    "pages": PAGES,
    "views": VIEWS,
    "library": LIBRARY_STATE,
    "escape": ESCAPE,
    "passage": PASSAGE,
    "notes": NOTES,
    "bookmarks": BOOKMARKS,
}
"""The reading screen's keys by feature, in the order help lists them."""

READING_BINDINGS: list[Binding] = [binding for group in READING_KEYS.values() for binding in group]


def action_name(action: str) -> str:
    """``"screen.set_mark('{letter}')"`` → ``"set_mark"``."""
    return action.split("(")[0].rsplit(".", 1)[-1]


def action_names(bindings: Iterable[Binding]) -> frozenset[str]:
    return frozenset(action_name(binding.action) for binding in bindings)


ANNOTATION_ACTIONS: frozenset[str] = action_names([*PASSAGE, *NOTES, *BOOKMARKS]) | frozenset(
    action_name(sequence.action) for sequence in MARK_SEQUENCES
)
"""The actions of the passage cursor, marks, bookmarks, highlights and notes: the
screen asks ``check_annotation_action`` whether they may run."""

PASSAGE_ACTIONS: frozenset[str] = action_names(PASSAGE) | {"highlight", "annotate"}
"""Actions on the passage under the cursor: only while the article has the keys."""

TAB_ACTIONS: frozenset[str] = frozenset({"bookmarks_tab", "notes_tab"})
"""The annotation actions that need no article: they only show a tab."""
