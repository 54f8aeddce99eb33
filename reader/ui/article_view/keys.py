"""The article view's keys: one binding per action, each with a stable id (for the
user's keymap) and a tooltip (for the help screen). Vim-style duplicates share a
binding with the plain keys. Multi-key sequences (``za`` …) are in ``keyseq``."""

from __future__ import annotations

from textual.binding import Binding, BindingType

ARTICLE_BINDINGS: list[BindingType] = [
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
        "enter",
        "toggle_section",
        "Fold",
        id="view.toggle-section",
        tooltip="Collapse or expand the section under the cursor",
    ),
]
