"""Collapsible sections mapped onto blocks.

Any ``Section`` is one of three shapes: a heading section (its first block is its
heading, which becomes its header), a passage (an enumeration or any other span of
the text: a header row is added before its first block), or a link section (points
at a link group, shown after the body). New kinds plug in as passages.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reader.extract.sections import heading_sections, link_sections
from reader.models import Article, BlockKind, Section, SectionKind


@dataclass(frozen=True, slots=True)
class SectionSpan:
    section: Section
    first_block: int
    end_block: int
    """Blocks ``[first_block, end_block)`` belong to the section."""
    heading_block: int
    """The heading block that serves as header, or -1 (passages, link sections)."""

    @property
    def id(self) -> str:
        return self.section.id

    @property
    def is_links(self) -> bool:
        return self.section.link_group_id is not None


class Outline:
    """The article's sections, each mapped to the blocks it covers."""

    def __init__(self, article: Article, extra: Sequence[Section] = ()) -> None:
        self._article = article
        self._block_starts = [b.start for b in article.blocks]
        self._block_ends = [b.end for b in article.blocks]
        self.spans: dict[str, SectionSpan] = {}
        self.starting: dict[int, list[SectionSpan]] = {}
        self.trailing: list[SectionSpan] = []
        # Articles cached before sections existed, or built by hand, carry none: derive
        # them the way the extractor does.
        base = list(article.sections)
        if not any(s.kind == SectionKind.HEADING for s in base):
            base = heading_sections(article.text, article.blocks) + base
        groups = {g.id for g in article.link_groups}
        base = [s for s in base if not s.link_group_id or s.link_group_id in groups]
        covered = {s.link_group_id for s in base if s.link_group_id}
        missing = [g for g in article.link_groups if g.id not in covered]
        base += link_sections(article.text, missing)
        self.add(base)
        self.add(extra)

    def add(self, sections: Iterable[Section]) -> list[SectionSpan]:
        """Map and register ``sections`` (replacing any with the same id)."""
        added: list[SectionSpan] = []
        for section in sections:
            span = self._map(section)
            if span is None:
                continue
            self._remove(section.id)
            self.spans[section.id] = span
            if span.is_links:
                self.trailing.append(span)
            else:
                group = self.starting.setdefault(span.first_block, [])
                group.append(span)
                group.sort(key=lambda s: (-s.end_block, s.heading_block < 0))
            added.append(span)
        return added

    def _remove(self, section_id: str) -> None:
        old = self.spans.pop(section_id, None)
        if old is None:
            return
        if old.is_links:
            self.trailing.remove(old)
        else:
            self.starting[old.first_block].remove(old)

    def _map(self, section: Section) -> SectionSpan | None:
        blocks = self._article.blocks
        if section.link_group_id is not None:
            return SectionSpan(section, len(blocks), len(blocks), -1)
        first = bisect.bisect_right(self._block_ends, section.start)
        if first >= len(blocks):
            return None
        end = max(first + 1, bisect.bisect_left(self._block_starts, section.end))
        heading = -1
        if section.kind == SectionKind.HEADING and blocks[first].kind == BlockKind.HEADING:
            heading = first
        return SectionSpan(section, first, end, heading)

    def block_index(self, offset: int) -> int:
        """The block containing ``offset`` (or the next one, between blocks)."""
        index = bisect.bisect_right(self._block_ends, offset)
        return min(index, max(0, len(self._block_ends) - 1))

    def sections(self) -> list[Section]:
        return [span.section for span in self.spans.values()]

    def enclosing(self, block: int) -> list[SectionSpan]:
        """Body sections whose blocks include ``block``, outermost first."""
        found = [
            s
            for s in self.spans.values()
            if not s.is_links and s.first_block <= block < s.end_block
        ]
        found.sort(key=lambda s: (s.first_block, -s.end_block))
        return found

    def default_collapsed(self) -> set[str]:
        """Link groups start collapsed: they are kept, not read."""
        return {span.id for span in self.trailing}
