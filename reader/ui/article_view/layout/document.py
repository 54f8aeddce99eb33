"""The whole article laid out at one width: display lines plus the maps the view
navigates by (block → first line, section → header line, link number → line).

Blocks are laid out independently (``layout_block``) and cached per width; composing
them into lines for the current collapsed state is cheap list work. Composition is
incremental: it stops at the first visible block that is not laid out yet and
resumes when more arrive, so the view can paint a screenful long before a large
article is finished.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

from reader.models import Article, BlockKind, Section
from reader.sanitize import clean_line
from reader.shown_text import PieceKind
from reader.ui.article_view.layout.blocks import BULLETS, layout_block
from reader.ui.article_view.layout.code import lexer_ready
from reader.ui.article_view.layout.context import LayoutContext, make_context
from reader.ui.article_view.layout.lines import (
    BLOCK,
    COLLAPSED_MARKER,
    END,
    EXPANDED_MARKER,
    LINKS,
    MARKER_WIDTH,
    NO_MARKER,
    NO_OFFSET,
    RUNS,
    SECTION,
    START,
    DisplayLine,
    Run,
    blank_line,
    display_line,
    link_role,
)
from reader.ui.article_view.layout.sections import Outline, SectionSpan
from reader.ui.article_view.layout.title_rows import title_rows
from reader.ui.article_view.layout.wrap import wrap
from reader.ui.article_view.roles import Role

_SPACE = re.compile(r"\s*")


class ArticleLayout:
    """Display lines of one article at one width, for a given set of collapsed
    sections. Not thread-safe: only ``layout_block`` results cross threads."""

    def __init__(
        self,
        ctx: LayoutContext,
        outline: Outline,
        width: int,
        collapsed: Iterable[str] = (),
        figure_rows: int | None = None,
    ) -> None:
        self.ctx = ctx
        self.figure_rows = ctx.figure_rows if figure_rows is None else figure_rows
        """Most rows a figure's picture takes at this layout (it follows the view's
        height, so a resize may change it as it changes the width)."""
        self.outline = outline
        self.width = max(1, width)
        self.collapsed: set[str] = set(collapsed)
        self.block_lines: list[tuple[DisplayLine, ...] | None] = [None] * len(ctx.article.blocks)
        self.plain_code: list[int] = []
        self.defer_highlighting = False
        """Set on the event loop's layouts: never wait there for a lexer to load."""
        self._reset()

    # --- block layouts ---------------------------------------------------------------

    def lay_out(self, index: int) -> tuple[DisplayLine, ...]:
        """Lay out a block here and now. With ``defer_highlighting``, code whose lexer
        is not loaded comes out plain and is listed in ``plain_code`` for a worker."""
        lines = self.block_lines[index]
        if lines is None:
            block = self.ctx.article.blocks[index]
            plain = (
                self.defer_highlighting
                and block.kind == BlockKind.CODE
                and not lexer_ready(block.language)
            )
            lines = layout_block(
                self.ctx, index, self.width, load=not plain, figure_rows=self.figure_rows
            )
            if plain:
                self.plain_code.append(index)
            self.block_lines[index] = lines
        return lines

    def replace_block(self, index: int, lines: tuple[DisplayLine, ...]) -> range | None:
        """Swap in a new layout of a block with the same rows (highlighted code);
        return the composed rows that changed, or None if a recompose was needed."""
        old = self.block_lines[index]
        self.block_lines[index] = lines
        first = self.block_line[index]
        if old is not None and len(old) == len(lines) and first >= 0:
            self.lines[first : first + len(lines)] = lines
            return range(first, first + len(lines))
        if first >= 0:
            self.recompose()
        return None

    def receive(self, first: int, layouts: Sequence[tuple[DisplayLine, ...]]) -> None:
        """Store block layouts computed elsewhere (a worker), keeping any present."""
        for offset, lines in enumerate(layouts):
            if self.block_lines[first + offset] is None:
                self.block_lines[first + offset] = lines

    def first_missing(self, start: int = 0) -> int:
        """Index of the first block from ``start`` not laid out (or the block count)."""
        for index in range(start, len(self.block_lines)):
            if self.block_lines[index] is None:
                return index
        return len(self.block_lines)

    # --- composition -------------------------------------------------------------------

    def _reset(self) -> None:
        self.lines: list[DisplayLine] = []
        self.starts: list[int] = []
        self.block_line: list[int] = [-1] * len(self.block_lines)
        self.section_line: dict[str, int] = {}
        self.link_line: dict[int, int] = {}
        self.header_lines: list[int] = []
        """First row of every section header and heading, in order."""
        self.block_starts: list[int] = []
        """First row of every visible block, in order."""
        self.next_block = 0
        self.complete = False

    def recompose(self, compute: bool = False, min_lines: int | None = None) -> None:
        self._reset()
        self.compose(compute=compute, min_lines=min_lines)

    def set_collapsed(self, collapsed: Iterable[str]) -> None:
        self.collapsed = set(collapsed)
        self.recompose()

    def _emit(self, line: DisplayLine) -> None:
        index = len(self.lines)
        self.lines.append(line)
        self.starts.append(line[START])
        for number in line[LINKS]:
            self.link_line.setdefault(number, index)

    def _emit_block(self, index: int, lines: tuple[DisplayLine, ...], marker: str | None) -> None:
        first = len(self.lines)
        self.block_line[index] = first
        self.block_starts.append(first)
        if marker is not None:
            # A heading: its first row gets the section's marker and id.
            self.header_lines.append(first)
            head = lines[0]
            runs = head[RUNS]
            if runs and runs[0][1] == "section-marker":
                runs = ((marker or NO_MARKER, Role.SECTION_MARKER.value, NO_OFFSET), *runs[1:])
            section = self._heading_section_id(index)
            lines = ((runs, head[START], head[END], head[BLOCK], section, head[LINKS]), *lines[1:])
        self.lines.extend(lines)
        self.starts.extend([line[START] for line in lines])
        for row, line in enumerate(lines, first):
            for number in line[LINKS]:
                self.link_line.setdefault(number, row)

    def _heading_section_id(self, block: int) -> str | None:
        for span in self.outline.starting.get(block, ()):
            if span.heading_block == block:
                return span.id
        return None

    def _furniture(self, runs: Sequence[Run], at: int, section: str | None = None) -> None:
        self._emit(display_line(tuple(runs), at, at, -1, section))

    def _header(self, span: SectionSpan, at: int) -> None:
        """Header rows of a passage or link section: marker, title (and count)."""
        collapsed = span.id in self.collapsed
        marker = COLLAPSED_MARKER if collapsed else EXPANDED_MARKER
        title = clean_line(span.section.title) or span.section.kind.value.title()
        if span.is_links:
            title = f"{title} ({self._group_size(span)})"
        self.header_lines.append(len(self.lines))
        rows = wrap(
            [(title, Role.SECTION_TITLE.value, NO_OFFSET)],
            self.width,
            ((marker, Role.SECTION_MARKER.value, NO_OFFSET),),
            ((" " * MARKER_WIDTH, "", NO_OFFSET),),
        )
        self.section_line[span.id] = len(self.lines)
        for runs, _, _ in rows:
            self._furniture(runs, at, span.id)

    def _summary(self, span: SectionSpan, at: int) -> None:
        summary = clean_line(span.section.summary)
        if not summary or span.is_links:
            return
        indent = ((" " * MARKER_WIDTH, "", NO_OFFSET),)
        for runs, _, _ in wrap(
            [(summary, Role.SECTION_SUMMARY.value, NO_OFFSET)], self.width, indent, indent
        ):
            self._furniture(runs, at, span.id)

    def _group_size(self, span: SectionSpan) -> int:
        group_id = span.section.link_group_id
        for group in self.ctx.article.link_groups:
            if group.id == group_id:
                return len(group.links)
        return 0

    def compose(self, compute: bool = False, min_lines: int | None = None) -> int:
        """Compose further blocks; stop at a block not laid out unless ``compute``
        (then lay it out here), or once ``min_lines`` lines exist. Returns the number
        of lines added."""
        before = len(self.lines)
        blocks = self.ctx.article.blocks
        count = len(blocks)
        if not self.lines and self.next_block == 0 and self.ctx.title_block:
            for line in title_rows(self.ctx, self.width):
                self._emit(line)
        while self.next_block < count:
            if min_lines is not None and len(self.lines) >= min_lines:
                return len(self.lines) - before
            index = self.next_block
            lines = self.block_lines[index]
            if lines is None:
                if not compute:
                    return len(self.lines) - before
                lines = self.lay_out(index)
            at = blocks[index].start
            if self.lines:
                self._emit(blank_line(self.lines[-1][END]))
            self.next_block = self._compose_block(index, lines, at)
        if not self.complete:
            self._compose_trailing()
            self.complete = True
        return len(self.lines) - before

    def _compose_block(self, index: int, lines: tuple[DisplayLine, ...], at: int) -> int:
        """Emit block ``index`` and the headers of sections starting there; return
        the next block to compose (past a collapsed section)."""
        marker: str | None = "" if self.ctx.article.blocks[index].kind == "heading" else None
        for span in self.outline.starting.get(index, ()):
            collapsed = span.id in self.collapsed
            if span.heading_block == index:
                self.section_line[span.id] = len(self.lines)
                marker = COLLAPSED_MARKER if collapsed else EXPANDED_MARKER
                if collapsed:
                    self._emit_block(index, lines, marker)
                    self._summary(span, lines[-1][END])
                    return span.end_block
                continue
            self._header(span, at)
            if collapsed:
                self._summary(span, at)
                return span.end_block
            for number, item in enumerate(span.section.lines):
                shown = self.ctx.shown.offset((PieceKind.LINE.value, span.id, number))
                runs = [(clean_line(item), Role.SECTION_LINE.value, _or_none(shown))]
                first = ((BULLETS[0], Role.BULLET.value, NO_OFFSET),)
                rest = ((" " * MARKER_WIDTH, "", NO_OFFSET),)
                for row, _, _ in wrap(runs, self.width, first, rest):
                    self._furniture(row, at, None)
            if span.section.lines:
                # The list stands apart from the original paragraphs it summarises.
                self._emit(blank_line(at))
        self._emit_block(index, lines, marker)
        return index + 1

    def _compose_trailing(self) -> None:
        end = len(self.ctx.text)
        by_group = {link.group: [] for link in self.ctx.links if link.group}
        for link in self.ctx.links:
            if link.group:
                by_group[link.group].append(link)
        shown = self.ctx.shown
        for span in self.outline.trailing:
            if self.lines:
                self._emit(blank_line(end))
            self._header(span, end)
            if span.id in self.collapsed:
                continue
            group = span.section.link_group_id or ""
            for index, link in enumerate(by_group.get(group, ())):
                runs: list[Run] = [
                    (
                        link.text or link.href or "link",
                        link_role(Role.LINK.value, link.number),
                        _or_none(shown.offset((PieceKind.LINK.value, group, index))),
                    )
                ]
                if self.ctx.link_numbers.shown:
                    runs.append(
                        (
                            f"[{link.number}]",
                            link_role(Role.LINK_NUMBER.value, link.number),
                            NO_OFFSET,
                        )
                    )
                if link.href:
                    url = shown.offset((PieceKind.LINK_URL.value, group, index))
                    runs.append((f" {link.href}", Role.LINK_URL.value, _or_none(url)))
                first = (
                    (" " * MARKER_WIDTH, "", NO_OFFSET),
                    (BULLETS[0], Role.BULLET.value, NO_OFFSET),
                )
                rest = ((" " * (MARKER_WIDTH + 2), "", NO_OFFSET),)
                for number, (row, _, _) in enumerate(wrap(runs, self.width, first, rest)):
                    links = (link.number,) if number == 0 else ()
                    self._emit(display_line(row, end, end, -1, None, links))

    # --- lookups ---------------------------------------------------------------------

    def line_of_offset(self, offset: int) -> int:
        """The composed row showing ``offset``. An offset no row shows is placed by
        what lies between it and the next text row: only white space (the blank line
        between two paragraphs, the space at a wrap, a paragraph's leading spaces) →
        that next row, so a paragraph's start is its first text row, never the
        separator above it; hidden text (a collapsed section) → the row it follows
        on from, i.e. its section's header or summary back to the header."""
        if not self.lines:
            return 0
        lines = self.lines
        index = max(0, bisect.bisect_right(self.starts, offset) - 1)
        if lines[index][START] <= offset < lines[index][END]:
            return index
        following = self._next_text_row(index + 1)
        if following is not None and self._only_space(offset, lines[following][START]):
            return following
        while (
            index > 0
            and lines[index][START] == lines[index][END]
            and (lines[index - 1][END] >= lines[index][START])
        ):
            index -= 1
        return index

    def _next_text_row(self, index: int) -> int | None:
        """The first row from ``index`` that shows text (a few rows of furniture at
        most: rules, blank lines, a code block's padding)."""
        lines = self.lines
        for row in range(index, min(index + 8, len(lines))):
            if lines[row][END] > lines[row][START]:
                return row
        return None

    def _only_space(self, start: int, end: int) -> bool:
        if end < start:
            return False
        return _SPACE.match(self.ctx.text, start, end).end() == end  # type: ignore[union-attr]

    def covers(self, offset: int) -> bool:
        """True once the composed lines reach past ``offset``."""
        return self.complete or (bool(self.lines) and self.lines[-1][END] > offset)

    def section_at_line(self, y: int) -> str | None:
        """The section whose header is the nearest at or above row ``y``."""
        position = bisect.bisect_right(self.header_lines, y) - 1
        while position >= 0:
            line = self.lines[self.header_lines[position]]
            if line[SECTION] is not None:
                return line[SECTION]
            position -= 1
        return None


def _or_none(offset: int | None) -> int:
    return NO_OFFSET if offset is None else offset


def lay_out_article(
    article: Article,
    width: int,
    collapsed: Iterable[str] | None = None,
    extra_sections: Sequence[Section] = (),
    title_block: bool = False,
    numbers: bool = False,
) -> ArticleLayout:
    """Lay out the whole article at once (tests, tools). ``collapsed=None`` means
    the default: link groups collapsed, everything else open; ``numbers`` writes link
    numbers into the text."""
    ctx = make_context(article, title_block=title_block, numbers=numbers)
    outline = Outline(ctx.article, extra_sections)
    chosen = outline.default_collapsed() if collapsed is None else set(collapsed)
    layout = ArticleLayout(ctx, outline, width, chosen)
    layout.compose(compute=True)
    return layout


__all__ = ["ArticleLayout", "lay_out_article"]
