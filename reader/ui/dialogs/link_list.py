"""The link list (``o``): every numbered link of the page, then its pictures,
filterable; Enter opens one."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from reader.sanitize import clean_line
from reader.ui.dialogs.grid_style import MUTED, rich_colour


class LinkLike(Protocol):
    @property
    def number(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def href(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class ImageLink:
    """A picture of the page in the list: its figure's number, caption (or alt text),
    where the page had it from, and whether it was saved with the page (then it opens
    in the figure viewer; otherwise its address is followed like a link's)."""

    number: int
    text: str
    href: str | None
    block: int
    local: bool

    @property
    def badge(self) -> str:
        return f"img{self.number}"


def link_prompt(link: LinkLike, colours: Mapping[str, str]) -> Table:
    """The link's number, then its text and address wrapping under the text, not
    under the number. ``colours``: the theme's variables (a Rich grid does not resolve
    ``$link-number`` itself)."""
    text = clean_line(link.text).strip() or "(no text)"
    href = clean_line(link.href or "").strip()
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(width=5, justify="right", no_wrap=True)
    grid.add_column(ratio=1)
    number_colour = rich_colour(colours.get("link-number"), rich_colour(colours.get("accent")))
    body = Text.assemble(
        (text, Style(color=rich_colour(colours.get("foreground")))),
        "  ",
        (href, MUTED),
    )
    badge = link.badge if isinstance(link, ImageLink) else str(link.number)
    grid.add_row(Text(badge, Style(color=number_colour, bold=True)), body)
    return grid


def matches(link: LinkLike, needle: str) -> bool:
    needle = needle.casefold()
    badge = link.badge if isinstance(link, ImageLink) else str(link.number)
    return needle in f"{badge} {link.text} {link.href or ''}".casefold()


class LinkListScreen(ModalScreen["LinkLike | None"]):
    DEFAULT_CSS = """
    LinkListScreen {
        align: center middle;
        background: $background 60%;
        #links-box {
            width: 100;
            max-width: 95%;
            height: 85%;
            background: $panel;
            border: round $primary;
            border-title-color: $primary;
            border-title-style: bold;
            border-subtitle-color: $text-muted;
            padding: 0 1;
        }
        #links-filter { margin-bottom: 1; }
        #links-options { height: 1fr; background: $panel; border: none; }
    }
    """

    BINDING_GROUP_TITLE = "Link list"
    BINDINGS = [
        Binding("escape", "close", "Close", id="link-list.close", tooltip="Close the list"),
        Binding(
            "ctrl+b",
            "browser",
            "Open in browser",
            id="link-list.browser",
            tooltip="Open the chosen link in the system's browser instead of the reader",
        ),
        Binding("down", "move(1)", "Next link", show=False),
        Binding("up", "move(-1)", "Previous link", show=False),
    ]

    def __init__(self, links: Sequence[LinkLike], *, cursor_blink: bool = True) -> None:
        super().__init__()
        self._links = list(links)
        self._cursor_blink = cursor_blink
        self.in_browser = False
        """The link chosen goes to the system's browser (ctrl+b), not the reader."""

    def compose(self) -> ComposeResult:
        with Vertical(id="links-box") as box:
            pictures = sum(isinstance(link, ImageLink) for link in self._links)
            count = len(self._links) - pictures
            box.border_title = f"Links ({count})" + (
                f" · pictures ({pictures})" if pictures else ""
            )
            box.border_subtitle = (
                "type to filter · ↑↓ choose · Enter opens · ^b in browser · Esc closes"
            )
            filter_input = Input(placeholder="filter", id="links-filter", compact=True)
            filter_input.cursor_blink = self._cursor_blink
            yield filter_input
            yield OptionList(*self._options(""), id="links-options", markup=False)

    def _colours(self) -> Mapping[str, str]:
        return self.app.theme_variables or self.app.get_css_variables()

    def _options(self, needle: str) -> list[Option]:
        return [
            Option(link_prompt(link, self._colours()), id=str(index))
            for index, link in enumerate(self._links)
            if not needle or matches(link, needle)
        ]

    def on_mount(self) -> None:
        self.query_one("#links-filter", Input).focus()
        options = self.query_one(OptionList)
        if options.option_count:
            options.highlighted = 0

    @on(Input.Changed, "#links-filter")
    def _filter(self, event: Input.Changed) -> None:
        options = self.query_one(OptionList)
        options.set_options(self._options(event.value.strip()))
        if options.option_count:
            options.highlighted = 0

    @on(Input.Submitted, "#links-filter")
    def _submit(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self._choose(options.get_option_at_index(options.highlighted))

    @on(OptionList.OptionSelected, "#links-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option)

    def _choose(self, option: Option) -> None:
        if option.id is not None:
            self.dismiss(self._links[int(option.id)])

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if not options.option_count:
            return
        current = options.highlighted if options.highlighted is not None else -1
        options.highlighted = max(0, min(options.option_count - 1, current + step))

    def action_browser(self) -> None:
        self.in_browser = True
        self._submit()

    def action_close(self) -> None:
        self.dismiss(None)
