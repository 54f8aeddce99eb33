"""Articles built by hand for UI tests (no extractor involved)."""

from __future__ import annotations

from datetime import datetime

from reader.models import (
    Article,
    Block,
    BlockKind,
    Link,
    LinkGroup,
    Mark,
    MarkKind,
    Metadata,
)


class ArticleBuilder:
    """Append headings and paragraphs; links are marked by their text inside a paragraph."""

    def __init__(self, source: str = "built.html", **metadata: object) -> None:
        self.source = source
        self.metadata = Metadata(**metadata)  # type: ignore[arg-type]
        self.parts: list[str] = []
        self.blocks: list[Block] = []
        self.link_groups: list[LinkGroup] = []
        self._length = 0

    def _add(self, kind: BlockKind, text: str, level: int = 0, marks: tuple = ()) -> Block:
        if self.parts:
            self.parts.append("\n\n")
            self._length += 2
        start = self._length
        self.parts.append(text)
        self._length += len(text)
        block = Block(
            id=f"b{len(self.blocks)}",
            kind=kind,
            start=start,
            end=self._length,
            level=level,
            marks=tuple(Mark(m.kind, m.start + start, m.end + start, m.href) for m in marks),
        )
        self.blocks.append(block)
        return block

    def heading(self, text: str, level: int = 2) -> ArticleBuilder:
        self._add(BlockKind.HEADING, text, level)
        return self

    def paragraph(self, text: str, links: dict[str, str] | None = None) -> ArticleBuilder:
        marks = []
        for label, href in (links or {}).items():
            at = text.index(label)
            marks.append(Mark(MarkKind.LINK, at, at + len(label), href))
        marks.sort(key=lambda m: m.start)
        self._add(BlockKind.PARAGRAPH, text, marks=tuple(marks))
        return self

    def link_group(self, title: str, links: list[tuple[str, str]]) -> ArticleBuilder:
        group_id = f"g{len(self.link_groups)}"
        self.link_groups.append(
            LinkGroup(group_id, title, tuple(Link(text, href) for text, href in links))
        )
        return self

    def build(self) -> Article:
        # No sections: the view derives them from the headings and link groups, as it
        # does for any article that carries none.
        return Article(
            source=self.source,
            metadata=self.metadata,
            text="".join(self.parts),
            blocks=tuple(self.blocks),
            link_groups=tuple(self.link_groups),
        )


def field_guide(source: str = "guide.html") -> Article:
    """A small article with nested sections, links of every kind and a link group."""
    builder = ArticleBuilder(
        source,
        title="A Field Guide to Tidal Pools",
        site="Coastal Notes",
        byline="Mara Quint",
        published=datetime(2024, 5, 17),
    )
    builder.heading("A Field Guide to Tidal Pools", 1)
    builder.paragraph(
        "Tidal pools are small worlds left behind by the falling tide. Each one holds "
        "anemones, crabs and snails that wait for the sea to return.",
    )
    builder.heading("Where to look", 2)
    builder.paragraph(
        "Rocky shores with a gentle slope hold the most pools. Check the tide tables "
        "before you go, and read the safety notes first.",
        links={"tide tables": "https://tides.example.org/today", "safety notes": "#safety"},
    )
    builder.heading("Anemones", 3)
    builder.paragraph(
        "Anemones close into jelly-like blobs when the water leaves. Touch them gently, "
        "if at all; see the local guide for the species of this coast.",
        links={"local guide": "other.html"},
    )
    builder.heading("Safety", 2)
    builder.paragraph(
        "Never turn your back on the sea. Rogue waves reach far up the rocks, and wet "
        "weed is slippery. Report injured animals to the warden.",
        links={"warden": "mailto:warden@example.org"},
    )
    builder.paragraph(
        "Some pages try tricks: this link runs script and this one is a local file.",
        links={"runs script": "javascript:alert(1)", "local file": "file:///etc/hostname"},
    )
    builder.link_group(
        "Related",
        [
            ("Rock pools of the north", "https://example.org/north"),
            ("Why crabs walk sideways", "https://example.org/crabs"),
            ("Seaweed, a cook's guide", "https://example.org/seaweed"),
        ],
    )
    return builder.build()


def long_article(paragraphs: int = 60, source: str = "long.html") -> Article:
    """Many sections of repetitive text, for scrolling and search."""
    builder = ArticleBuilder(source, title="The Long Read", site="Example Site")
    builder.heading("The Long Read", 1)
    for index in range(paragraphs):
        if index % 6 == 0:
            builder.heading(f"Part {index // 6 + 1}", 2)
        builder.paragraph(
            f"Paragraph {index + 1}. The harbour lights came on one by one while the "
            f"boats returned; every keeper logged the weather, the wind and the tide."
        )
    return builder.build()
