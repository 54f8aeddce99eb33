"""The article view's keys: one binding per action, each with a stable id (for the
user's keymap, ``view.what``) and a tooltip (for the help screen). Vim-style
duplicates share a binding with the plain keys. Then its multi-key sequences
(``za``…, see ``reader.ui.keyseq``), ids of the same form. The footer shows none of
them (it must fit 80 columns); help (``?``) and the palette list them all."""

from __future__ import annotations

from textual.binding import Binding

from reader.ui.keyseq import KeySequence

ARTICLE_BINDINGS: list[Binding] = [
    Binding(
        "j,down",
        "line_down",
        "Line down",
        show=False,
        id="view.line-down",
        tooltip="Scroll one line down",
    ),
    Binding(
        "k,up",
        "line_up",
        "Line up",
        show=False,
        id="view.line-up",
        tooltip="Scroll one line up",
    ),
    Binding(
        "space,pagedown",
        "page_down",
        "Page down",
        show=False,
        id="view.page-down",
        tooltip="Scroll one page down",
    ),
    Binding(
        "b,pageup",
        "page_up",
        "Page up",
        show=False,
        id="view.page-up",
        tooltip="Scroll one page up",
    ),
    Binding(
        "d",
        "half_page_down",
        "Half page down",
        show=False,
        id="view.half-down",
        tooltip="Scroll half a page down",
    ),
    Binding(
        "u",
        "half_page_up",
        "Half page up",
        show=False,
        id="view.half-up",
        tooltip="Scroll half a page up",
    ),
    Binding(
        "g,home",
        "top",
        "Top",
        show=False,
        id="view.top",
        tooltip="Go to the start of the article",
    ),
    Binding(
        "G,end",
        "bottom",
        "Bottom",
        show=False,
        id="view.bottom",
        tooltip="Go to the end of the article",
    ),
    Binding(
        "right_square_bracket",
        "next_heading",
        "Next heading",
        show=False,
        id="view.next-heading",
        tooltip="Go to the next heading or section",
    ),
    Binding(
        "left_square_bracket",
        "previous_heading",
        "Previous heading",
        show=False,
        id="view.previous-heading",
        tooltip="Go to the previous heading or section",
    ),
    Binding(
        "right_curly_bracket",
        "next_paragraph",
        "Next paragraph",
        show=False,
        id="view.next-paragraph",
        tooltip="Go to the next paragraph",
    ),
    Binding(
        "left_curly_bracket",
        "previous_paragraph",
        "Previous paragraph",
        show=False,
        id="view.previous-paragraph",
        tooltip="Go to the previous paragraph",
    ),
    Binding(
        "right",
        "scroll_sideways_half(1)",
        "Code right",
        show=False,
        id="view.sideways-right",
        tooltip="Scroll code and wide tables half a screen right",
    ),
    Binding(
        "left",
        "scroll_sideways_half(-1)",
        "Code left",
        show=False,
        id="view.sideways-left",
        tooltip="Scroll code and wide tables half a screen left",
    ),
    Binding(
        "enter",
        "toggle_section",
        "Fold",
        show=False,
        id="view.toggle-section",
        tooltip="Collapse or expand the section under the cursor; on a figure, show it full-screen",
    ),
    Binding(
        "p",
        "next_figure",
        "Next figure",
        show=False,
        id="view.next-figure",
        tooltip="Go to the next figure",
    ),
    Binding(
        "P",
        "previous_figure",
        "Previous figure",
        show=False,
        id="view.previous-figure",
        tooltip="Go to the previous figure",
    ),
]

FOLD_SEQUENCES: tuple[KeySequence, ...] = (
    # vim's folding keys.
    KeySequence(
        "za", "toggle_section", "Toggle the section under the cursor", "view.fold-toggle", "toggle"
    ),
    KeySequence(
        "zo", "open_section", "Open the section under the cursor", "view.fold-open", "open"
    ),
    KeySequence(
        "zc", "close_section", "Close the section under the cursor", "view.fold-close", "close"
    ),
    KeySequence("zR", "open_all", "Open every section", "view.fold-open-all", "open all"),
    KeySequence("zM", "close_all", "Close every section", "view.fold-close-all", "close all"),
)

SIDEWAYS_SEQUENCES: tuple[KeySequence, ...] = (
    # vim's sideways scrolling of unwrapped lines; here code and wide tables.
    KeySequence(
        "zl", "scroll_sideways(1)", "Scroll code and tables right", "view.sideways-column-right"
    ),
    KeySequence(
        "zh", "scroll_sideways(-1)", "Scroll code and tables left", "view.sideways-column-left"
    ),
    KeySequence(
        "zL",
        "scroll_sideways_half(1)",
        "Scroll code and tables half a screen right",
        "view.sideways-half-right",
    ),
    KeySequence(
        "zH",
        "scroll_sideways_half(-1)",
        "Scroll code and tables half a screen left",
        "view.sideways-half-left",
    ),
)

MARK_SEQUENCES: tuple[KeySequence, ...] = (
    # Marks (less/vim): typed in the view, run by the reading screen, which keeps them
    # in the library.
    KeySequence(
        "m{letter}", "screen.set_mark('{letter}')", "Set a mark here", "marks.set", "set a mark"
    ),
    KeySequence(
        "''", "screen.jump_back", "Back to where the last jump started", "marks.back", "back"
    ),
    KeySequence(
        "'{letter}", "screen.jump_to_mark('{letter}')", "Go to a mark", "marks.jump", "go to mark"
    ),
)

VIEW_SEQUENCES: tuple[KeySequence, ...] = (*FOLD_SEQUENCES, *SIDEWAYS_SEQUENCES, *MARK_SEQUENCES)
"""Every sequence typed in the article view."""
