"""The help screen (``?``/``F1``): every key that works where help was asked for.

Built from the live bindings of the focused widget, its ancestors, the screen and the
app (see :mod:`reader.ui.keyhelp`), plus the view's multi-key sequences."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.cells import cell_len
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.ui.dialogs.grid_style import MUTED, rich_colour
from reader.ui.keyhelp import KeyHelp, grouped

KEY_SEPARATOR = " "


def help_content(rows: Sequence[KeyHelp], colours: Mapping[str, str]) -> Table:
    """The help text: a heading per group, then keys, what they do, and a longer note,
    as a grid, so a line that wraps stays indented under its own column. ``colours``:
    the theme's variables (a Rich grid does not resolve ``$accent`` itself)."""

    def style(name: str, fallback: str, bold: bool = False) -> Style:
        return Style(color=rich_colour(colours.get(name), fallback), bold=bold)

    groups = grouped(rows)
    key_width = min(16, max((cell_len(KEY_SEPARATOR.join(r.keys)) for r in rows), default=4))
    name_width = min(24, max((cell_len(r.description) for r in rows), default=8))
    grid = Table.grid(padding=(0, 2, 0, 0))
    grid.add_column(width=key_width + 2, no_wrap=True)
    grid.add_column(width=name_width)
    # The note has a column of its own: its wrapped lines stay under it.
    grid.add_column(ratio=1)
    first = True
    for title, entries in groups.items():
        if not first:
            grid.add_row("")
        first = False
        grid.add_row(Text(title, style("primary", "blue", bold=True)), "", "")
        # The widget's own keys first, Textual's inherited ones (no id) after them.
        for row in sorted(entries, key=lambda r: r.binding_id is None):
            keys = Text("  " + KEY_SEPARATOR.join(row.keys), style("accent", "yellow", bold=True))
            name = Text(row.description, style("foreground", "white"))
            note = Text(row.tooltip if row.tooltip != row.description else "", MUTED)
            if not note and cell_len(row.description) > name_width:
                # A sequence's one long description: the wide column has room for it.
                name, note = Text(""), name
            grid.add_row(keys, name, note)
    return grid


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        background: $background 60%;
        #help-scroll {
            width: 110;
            max-width: 95%;
            height: 90%;
            padding: 1 2;
            background: $panel;
            border: round $primary;
            border-title-color: $primary;
            border-title-style: bold;
            border-subtitle-color: $text-muted;
        }
        #help-text { width: 100%; height: auto; }
    }
    """

    BINDING_GROUP_TITLE = "Help"
    BINDINGS = [
        Binding(
            "escape,q,question_mark,f1",
            "close",
            "Close help",
            id="help.close",
            tooltip="Back to where you were",
        ),
        Binding("j,down", "scroll('down')", "Scroll down", show=False),
        Binding("k,up", "scroll('up')", "Scroll up", show=False),
        Binding("space,pagedown", "scroll('page_down')", "Page down", show=False),
        Binding("b,pageup", "scroll('page_up')", "Page up", show=False),
        Binding("g,home", "scroll('home')", "Top", show=False),
        Binding("G,end", "scroll('end')", "Bottom", show=False),
    ]

    def __init__(self, rows: Sequence[KeyHelp]) -> None:
        super().__init__()
        self._rows = list(rows)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-scroll") as scroll:
            scroll.border_title = "Keys"
            scroll.border_subtitle = "Esc or q closes · j/k scroll"
            scroll.can_focus = False
            colours = self.app.theme_variables or self.app.get_css_variables()
            yield Static(help_content(self._rows, colours), id="help-text", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, where: str) -> None:
        scroll = self.query_one("#help-scroll", VerticalScroll)
        actions = {
            "down": scroll.scroll_down,
            "up": scroll.scroll_up,
            "page_down": scroll.scroll_page_down,
            "page_up": scroll.scroll_page_up,
            "home": scroll.scroll_home,
            "end": scroll.scroll_end,
        }
        actions[where](animate=False)
