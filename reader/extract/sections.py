"""Collapsible sections: one per heading, one per link group."""

from __future__ import annotations

from collections.abc import Sequence

from reader.models import Block, BlockKind, LinkGroup, Section, SectionKind


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def heading_sections(text: str, blocks: Sequence[Block]) -> list[Section]:
    """A section per heading: the heading and every block up to the next heading of the
    same or a higher level; nested headings get the enclosing section as parent."""
    spans: list[list[int]] = []  # [heading index, last block index, parent span or -1]
    open_spans: list[int] = []
    for index, block in enumerate(blocks):
        if block.kind is not BlockKind.HEADING:
            continue
        while open_spans and blocks[spans[open_spans[-1]][0]].level >= block.level:
            spans[open_spans.pop()][1] = index - 1
        spans.append([index, len(blocks) - 1, open_spans[-1] if open_spans else -1])
        open_spans.append(len(spans) - 1)
    sections: list[Section] = []
    for first, last, parent in spans:
        heading = blocks[first]
        members = blocks[first : last + 1]
        end = max(b.end for b in members)
        sections.append(
            Section(
                id=f"s-{heading.id}",
                kind=SectionKind.HEADING,
                title=text[heading.start : heading.end],
                start=heading.start,
                end=end,
                level=heading.level,
                block_ids=tuple(b.id for b in members),
                parent_id=f"s-{blocks[spans[parent][0]].id}" if parent >= 0 else None,
                summary=plural(len(text[heading.end : end].split()), "word"),
            )
        )
    return sections


def link_sections(text: str, groups: Sequence[LinkGroup]) -> list[Section]:
    end = len(text)
    return [
        Section(
            id=f"s-{group.id}",
            kind=SectionKind.LINKS,
            title=group.title,
            start=end,
            end=end,
            level=1,
            link_group_id=group.id,
            summary=plural(len(group.links), "link"),
        )
        for group in groups
    ]
