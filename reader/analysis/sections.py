"""Enumerated groups as collapsible sections for the article view."""

from __future__ import annotations

from reader.models import Analysis, Article, Enumeration, Member, Section, SectionKind
from reader.sanitize import clean_line


def member_line(member: Member) -> str:
    """ "Mark Swidan, 48, Texas businessman, on death row, imprisoned since 2012"."""
    return clean_line(", ".join([member.name, *member.facts]))


def enumeration_sections(article: Article, analysis: Analysis) -> list[Section]:
    """One ``SectionKind.ENUMERATION`` section per enumerated group, spanning the
    whole paragraphs that introduce and name it."""
    sections: list[Section] = []
    for number, enumeration in enumerate(analysis.enumerations, 1):
        start, end, block_ids = _paragraphs(article, enumeration)
        parent = _parent(article, start, end)
        sections.append(
            Section(
                id=f"enumeration-{number}",
                kind=SectionKind.ENUMERATION,
                title=clean_line(enumeration.title),
                start=start,
                end=end,
                level=parent.level + 1 if parent else 1,
                block_ids=block_ids,
                parent_id=parent.id if parent else None,
                summary=clean_line(", ".join(m.name for m in enumeration.members)),
                lines=tuple(member_line(m) for m in enumeration.members),
            )
        )
    return sections


def _paragraphs(article: Article, enumeration: Enumeration) -> tuple[int, int, tuple[str, ...]]:
    blocks = [b for b in article.blocks if b.start < enumeration.end and enumeration.start < b.end]
    if blocks:
        return blocks[0].start, blocks[-1].end, tuple(b.id for b in blocks)
    # No blocks (a bare text): widen to the lines around the passage.
    text = article.text
    start = text.rfind("\n", 0, enumeration.start) + 1
    end = text.find("\n", enumeration.end)
    return start, len(text) if end == -1 else end, ()


def _parent(article: Article, start: int, end: int) -> Section | None:
    """The innermost heading section holding the passage."""
    holders = [
        s
        for s in article.sections
        if s.kind is SectionKind.HEADING and s.start <= start and end <= s.end
    ]
    return min(holders, key=lambda s: s.end - s.start) if holders else None
