"""Painting ArticleView rows: display lines + overlays → styled Strips.

Each role of a run (``roles.Role``) looks as ``roles.ROLE_LOOKS`` says, from the app's
theme variables: the reader's own colours where the theme has them (``$link``,
``$search-hit`` …, see themes/README.md), else Textual's semantic colours.
Page text reaches the terminal only as Segment text, never as markup.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.color import Color as RichColor
from rich.segment import Segment
from rich.style import Style
from textual.color import Color, ColorParseError
from textual.strip import Strip

from reader.ui.article_view.layout.lines import NO_OFFSET, RUNS, DisplayLine, Run, split_role
from reader.ui.article_view.layout.overlays import OverlaySpan, apply_overlays
from reader.ui.article_view.layout.wrap import cells
from reader.ui.article_view.link_labels import hint_labels
from reader.ui.article_view.roles import ROLE_LOOKS, Role
from reader.ui.article_view.sideways import window

GUTTER = 2
"""Cells left of the text column: the cursor marker and a space."""
CURSOR_MARK = "▎"

# Plain strings for the row loop (no enum look-up per run).
_LINK_NUMBER = Role.LINK_NUMBER.value
_HINTED_LINK_NUMBER = f"{Role.LINK_NUMBER.value} {Role.LINK_HINT.value}"
_MORE = Role.MORE_SIDEWAYS.value


class _Palette:
    """Theme variables resolved to Rich colours over a background."""

    def __init__(self, variables: dict[str, str], background: Color) -> None:
        self._variables = variables
        self._background = background

    def colour(self, spec: str) -> RichColor | None:
        for choice in spec.split("|"):
            name, _, alpha = choice.partition(" ")
            if name in self._variables:
                return self._resolve(self._variables[name], alpha)
        return None

    def _resolve(self, value: str, alpha: str) -> RichColor | None:
        opacity = float(alpha.rstrip("%")) / 100 if alpha else 1.0
        if value.startswith("auto"):
            # Contrast text ("auto 60%"): the foreground at that strength.
            parts = value.split()
            opacity *= float(parts[1].rstrip("%")) / 100 if len(parts) > 1 else 1.0
            value = self._variables.get("foreground", "")
        try:
            colour = Color.parse(value)
        except ColorParseError:
            return None
        colour = colour.multiply_alpha(opacity)
        return self._background.blend(colour, colour.a).rich_color

    def look(self, role: str) -> Style:
        text, colour, background = ROLE_LOOKS.get(role, ("", "", ""))
        style = Style.parse(text) if text else Style()
        return style + Style(color=self.colour(colour), bgcolor=self.colour(background))


def column_left(width: int, column: int) -> int:
    """Where the text column starts in a view ``width`` cells wide (it is centred)."""
    return max(0, (width - column - GUTTER) // 2) + GUTTER


class RowPainter:
    """Styles by (role, overlays), cached until the theme changes, and the rows they
    paint."""

    def __init__(
        self,
        base: Callable[[], Style],
        variables: Callable[[], dict[str, str]],
    ) -> None:
        self._base = base
        self._variables = variables
        self._styles: dict[tuple[str, tuple[str, ...]], Style] = {}
        self._looks: dict[str, Style] = {}
        self._palette: _Palette | None = None
        self._base_style: Style | None = None

    def clear(self) -> None:
        self._styles.clear()
        self._looks.clear()
        self._palette = None
        self._base_style = None

    def base(self) -> Style:
        """The view's own style (computing it walks the DOM: cached until cleared)."""
        if self._base_style is None:
            self._base_style = self._base()
        return self._base_style

    def _look(self, role: str) -> Style:
        look = self._looks.get(role)
        if look is None:
            if self._palette is None:
                base = self.base().bgcolor
                background = Color.from_rich_color(base) if base else Color(0, 0, 0)
                self._palette = _Palette(self._variables(), background)
            look = self._looks[role] = self._palette.look(role)
        return look

    def style(self, role: str, overlays: tuple[str, ...] = ()) -> Style:
        key = (role, overlays)
        style = self._styles.get(key)
        if style is None:
            style = self.base()
            for name in (*role.split(), *overlays):
                style += self._look(name)
            self._styles[key] = style
        return style

    def selection(self) -> Style:
        """What mouse-selected text gets on top of its own style."""
        return self._look(Role.SELECTION.value)

    def paint(
        self,
        line: DisplayLine,
        spans: list[OverlaySpan],
        column: int,
        width: int,
        cursor: bool,
        hints: bool,
        row: int,
        sign: tuple[str, str] | None = None,
        labels: Callable[[int], int] | None = None,
        shift: int = 0,
    ) -> Strip:
        """Row ``row``, ``width`` cells wide, its text column centred. Each segment
        carries its position (Textual's ``offset`` meta) for mouse selection; set
        here rather than by ``Strip.apply_offsets``, which would make a second Strip
        per row (Strips become cyclic garbage, and the collector pauses the UI).
        ``sign`` (glyph, role) goes one cell right of the column, or, when the view
        has no room there, into the gutter beside the cursor marker. With ``labels``
        (where each link starts, by number), each link starting on the row has its
        number drawn over the start of its text: hints for links whose number the
        layout does not show. A row wider than the column (code, a wide table) shows
        ``column`` cells of itself from cell ``shift``."""
        base = self.base()
        left = column_left(width, column) - GUTTER
        sign_at = left + GUTTER + column + 1
        in_margin = sign is not None and sign_at + cells(sign[0]) <= width
        parts: list[tuple[str, Style]] = []
        if cursor or (sign is not None and not in_margin):
            # The gutter: the cursor's marker, and a sign with no room right of the text.
            gutter = [
                (CURSOR_MARK, self.style(Role.CURSOR.value)) if cursor else (" ", base),
                (" ", base),
            ]
            if sign is not None and not in_margin and cells(sign[0]) == 1:
                gutter[1 if cursor else 0] = (sign[0], self.style(sign[1]))
            if left:
                parts.append((" " * left, base))
            parts.extend(gutter)
        else:
            parts.append((" " * (left + GUTTER), base))
        used = left + GUTTER
        body = len(parts)
        label = hint_labels(line, labels) if labels is not None else None
        for text, role, overlays in apply_overlays(line[RUNS], spans):
            if not text:
                continue
            if "\t" in text:
                text = text.replace("\t", " ")
            role, number = split_role(role)
            if hints and role == _LINK_NUMBER:
                role = _HINTED_LINK_NUMBER
            if label is not None:
                text, added = label.cover(text, number, parts, self.style(_HINTED_LINK_NUMBER))
                used += added
                if not text:
                    continue
            parts.append((text, self.style(role, overlays)))
            used += cells(text)
        if used - left - GUTTER > column:
            # Code or a wide table: the window the sideways scroll shows.
            parts[body:], shown = window(parts[body:], shift, column, self._look(_MORE))
            used = left + GUTTER + shown
        if sign is not None and in_margin and used <= sign_at:
            parts.append((" " * (sign_at - used), base))
            parts.append((sign[0], self.style(sign[1])))
            used = sign_at + cells(sign[0])
        if used < width:
            parts.append((" " * (width - used), base))
        segments = []
        x = 0
        for text, style in parts:
            segments.append(Segment(text, style + Style.from_meta({"offset": (x, row)})))
            x += len(text)
        strip = Strip(segments, max(used, width))
        return strip.crop(0, width) if used > width else strip


def run_at(line: DisplayLine, column: int) -> Run | None:
    """The run under cell ``column`` of the text column, if any."""
    if column < 0:
        return None
    position = 0
    for run in line[RUNS]:
        width = cells(run[0])
        if position <= column < position + width:
            return run
        position += width
    return None


def offset_at_char(line: DisplayLine, index: int, end: int) -> int:
    """The text offset of character ``index`` of the text column's row (decoration
    maps to the text after it; past the last run, to ``end``)."""
    position = 0
    pending = False
    for text, _, start in line[RUNS]:
        if start == NO_OFFSET:
            if position + len(text) > index:
                pending = True
        elif pending or index < position + len(text):
            return start + max(0, index - position) if not pending else start
        position += len(text)
    return end
