"""Build Articles by hand for layout and view tests, and generate long ones.

Inline content is a sequence of plain strings and tuples ``(text, kind[, href])``
with kind one of ``em``, ``strong``, ``code``, ``link``. Blocks are separated by a
blank line in ``Article.text``, the way the extractor writes them.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from reader.extract.sections import heading_sections, link_sections
from reader.models import (
    Article,
    Block,
    BlockKind,
    Link,
    LinkGroup,
    ListItem,
    Mark,
    MarkKind,
    Metadata,
    Section,
    Span,
)

Inline = str | tuple[str, str] | tuple[str, str, str]


class ArticleBuilder:
    def __init__(self, title: str = "A test article") -> None:
        self.title = title
        self._parts: list[str] = []
        self._length = 0
        self.blocks: list[Block] = []
        self.groups: list[LinkGroup] = []

    @property
    def text(self) -> str:
        return "".join(self._parts)

    def _put(self, text: str) -> None:
        self._parts.append(text)
        self._length += len(text)

    def _begin(self) -> int:
        if self._length:
            self._put("\n\n")
        return self._length

    def _inline(self, parts: Sequence[Inline]) -> list[Mark]:
        marks: list[Mark] = []
        for part in parts:
            if isinstance(part, str):
                self._put(part)
                continue
            text, kind, *rest = part
            start = self._length
            self._put(text)
            marks.append(Mark(MarkKind(kind), start, self._length, rest[0] if rest else None))
        return marks

    def _add(self, kind: BlockKind, start: int, **fields: object) -> Block:
        block = Block(id=f"b{len(self.blocks)}", kind=kind, start=start, end=self._length, **fields)  # type: ignore[arg-type]
        self.blocks.append(block)
        return block

    def heading(self, *parts: Inline, level: int = 2) -> Block:
        start = self._begin()
        marks = self._inline(parts)
        return self._add(BlockKind.HEADING, start, level=level, marks=tuple(marks))

    def paragraph(self, *parts: Inline) -> Block:
        start = self._begin()
        marks = self._inline(parts)
        return self._add(BlockKind.PARAGRAPH, start, marks=tuple(marks))

    def list(
        self, items: Sequence[Inline | tuple[Sequence[Inline], int]], ordered: bool = False
    ) -> Block:
        """Items are inline parts, or (parts, depth) for nested ones."""
        start = self._begin()
        marks: list[Mark] = []
        out: list[ListItem] = []
        for number, item in enumerate(items, 1):
            if out:
                self._put("\n")
            nested = isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], int)
            parts, depth = item if nested else ((item,), 0)  # type: ignore[misc]
            if isinstance(parts, str):
                parts = (parts,)
            item_start = self._length
            marks += self._inline(parts)  # type: ignore[arg-type]
            out.append(
                ListItem(item_start, self._length, depth, ordered, number if ordered else None)
            )
        return self._add(BlockKind.LIST, start, marks=tuple(marks), items=tuple(out))

    def quote(self, *parts: Inline, level: int = 1) -> Block:
        start = self._begin()
        marks = self._inline(parts)
        return self._add(BlockKind.QUOTE, start, level=level, marks=tuple(marks))

    def code(self, source: str, language: str | None = None) -> Block:
        start = self._begin()
        self._put(source)
        return self._add(BlockKind.CODE, start, language=language)

    def table(self, rows: Sequence[Sequence[str]], header_rows: int = 1) -> Block:
        start = self._begin()
        spans: list[tuple[Span, ...]] = []
        for number, row in enumerate(rows):
            if number:
                self._put("\n")
            cells: list[Span] = []
            for column, cell in enumerate(row):
                if column:
                    self._put("\t")
                cells.append(Span(self._length, self._length + len(cell)))
                self._put(cell)
            spans.append(tuple(cells))
        return self._add(BlockKind.TABLE, start, rows=tuple(spans), header_rows=header_rows)

    def figure(self, alt: str, src: str | None) -> Block:
        start = self._begin()
        self._put(alt)
        return self._add(BlockKind.FIGURE, start, src=src)

    def rule(self) -> Block:
        start = self._begin()
        return self._add(BlockKind.RULE, start)

    def link_group(self, title: str, links: Sequence[tuple[str, str]]) -> LinkGroup:
        group = LinkGroup(f"g{len(self.groups)}", title, tuple(Link(t, h) for t, h in links))
        self.groups.append(group)
        return group

    def build(self, sections: Sequence[Section] | None = None) -> Article:
        """The article; its sections derived as the extractor does unless given."""
        text = self.text
        if sections is None:
            sections = heading_sections(text, self.blocks) + link_sections(text, self.groups)
        return Article(
            source="test://article",
            metadata=Metadata(title=self.title),
            text=text,
            blocks=tuple(self.blocks),
            sections=tuple(sections),
            link_groups=tuple(self.groups),
        )


_PROSE = (
    "the reader follows a long argument about rivers cities and the slow work of "
    "archives where letters from 1923 describe harbours bridges and people who "
    "measured tides for a living while ministers argued over budgets and maps"
)
_WORDS = tuple(_PROSE.split(" "))


def generate_article(blocks: int, seed: int = 7) -> Article:
    """A long article of ``blocks`` blocks: sections every ~12 blocks with nested
    subsections, paragraphs with marks and links, lists, quotes, code and tables."""
    rng = random.Random(seed)
    b = ArticleBuilder(f"Generated article of {blocks} blocks")

    def sentence(words: int) -> str:
        chosen = [rng.choice(_WORDS) for _ in range(words)]
        return " ".join(chosen).capitalize() + "."

    count = 0
    section = 0
    while count < blocks:
        if count % 12 == 0:
            section += 1
            b.heading(f"Part {section}: {sentence(4)[:-1]}", level=2 if section % 3 else 3)
        else:
            kind = rng.random()
            if kind < 0.70:
                parts: list[Inline] = [sentence(rng.randint(8, 20)) + " "]
                if rng.random() < 0.5:
                    parts.append((sentence(3), "em"))
                    parts.append(" ")
                if rng.random() < 0.4:
                    parts.append((sentence(2)[:-1], "link", f"https://example.org/{count}"))
                    parts.append(". ")
                parts.append(sentence(rng.randint(10, 30)))
                b.paragraph(*parts)
            elif kind < 0.82:
                b.list([sentence(6), ((sentence(5),), 1), sentence(7)])
            elif kind < 0.90:
                b.quote(sentence(25))
            elif kind < 0.96:
                b.code("def f(x):\n    return x * 2  # doubled\n", "python")
            else:
                b.table(
                    [
                        ["Year", "Event", "Place"],
                        ["1923", sentence(5), "Harbour"],
                        ["1931", sentence(4), "Bridge"],
                    ]
                )
        count += 1
    b.link_group("Related", [(sentence(4), f"https://example.org/r{i}") for i in range(9)])
    return b.build()
