"""Join block drafts into the Article: one text, offsets, ids, sections, Markdown."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import replace
from html import escape

from reader.config import Limits
from reader.extract.blocks import Draft
from reader.extract.furniture import is_furniture_text
from reader.extract.furniture_rules import Place, furniture_rule, repeat_rule
from reader.extract.heading_furniture import clean_heading
from reader.extract.markdown import Check, block_html, render_fragments
from reader.extract.markdown_marks import direct_markdown
from reader.extract.sections import heading_sections, link_sections
from reader.models import (
    Article,
    Block,
    BlockKind,
    LinkGroup,
    ListItem,
    Mark,
    MarkKind,
    Metadata,
    Span,
)

_ID_PREFIX = {
    BlockKind.HEADING: "h",
    BlockKind.PARAGRAPH: "p",
    BlockKind.LIST: "l",
    BlockKind.QUOTE: "q",
    BlockKind.CODE: "c",
    BlockKind.TABLE: "t",
    BlockKind.FIGURE: "f",
    BlockKind.RULE: "r",
}
# What may stand around a byline on its own line: "By", separators, dates and times.
_BYLINE_FILLER = re.compile(
    r"\b(?:by|and|updated|published|posted|on|at|am|pm|utc|gmt)\b|[\d:,./|·•–—-]+"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?",
    re.IGNORECASE,
)


def is_byline_line(text: str, byline: str | None) -> bool:
    """A short paragraph that only restates the byline (and a date): the header shows
    that already, so it is not part of the article."""
    if not byline or len(text) > 160 or byline.casefold() not in text.casefold():
        return False
    rest = re.sub(re.escape(byline), " ", text, flags=re.IGNORECASE)
    return not _BYLINE_FILLER.sub(" ", rest).split()


def refine(
    drafts: list[Draft],
    title: str,
    byline: str | None = None,
    *,
    furniture: bool = True,
) -> list[Draft]:
    """Drop furniture blocks (unless ``furniture`` is False) and headings' edit links
    and permalinks, the body's copy of the title (``repeat_rule``) and a leading byline
    line; shift heading levels so the body's top level is 2 (the title is the article's
    only level 1)."""
    kept = [
        clean_heading(d)
        for d in drafts
        if not (
            furniture
            and d.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.QUOTE)
            and is_furniture_text(d.text)
        )
    ]
    if furniture:
        kept = _drop_by_rules(kept)
    if title:
        kept = _drop_title_copy(kept, title)
    for index, draft in enumerate(kept[:3]):
        if draft.kind is BlockKind.PARAGRAPH and is_byline_line(draft.text, byline):
            del kept[index]
            break
    levels = [d.level for d in kept if d.kind is BlockKind.HEADING]
    if levels:
        shift = 2 - min(levels)
        for draft in kept:
            if draft.kind is BlockKind.HEADING:
                draft.level = max(1, min(6, draft.level + shift))
    while kept and kept[-1].kind is BlockKind.RULE:
        kept.pop()
    while kept and kept[0].kind is BlockKind.RULE:
        kept.pop(0)
    return kept


_RULED = (BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.QUOTE)
_REPEAT_WITHIN = 4
"""The title and subtitle copies are looked for among the first few blocks."""


def _drop_title_copy(drafts: list[Draft], title: str) -> list[Draft]:
    """Drop the first block that repeats the title (``repeat_rule``), among the first
    few."""
    for index, draft in enumerate(drafts[:_REPEAT_WITHIN]):
        if draft.kind in (BlockKind.HEADING, BlockKind.PARAGRAPH) and repeat_rule(
            draft.text, title
        ):
            return [*drafts[:index], *drafts[index + 1 :]]
    return drafts


def _drop_by_rules(drafts: list[Draft]) -> list[Draft]:
    """Drop blocks that break a named furniture rule (stamps, copyright, tags, bios,
    promos, toggles, related-link lines; see :mod:`reader.extract.furniture_rules`)."""
    count = len(drafts)
    kept = []
    for index, draft in enumerate(drafts):
        if draft.kind in _RULED:
            links = sum(m.end - m.start for m in draft.marks if m.kind is MarkKind.LINK)
            if furniture_rule(draft.text, Place(index, count), links):
                continue
        kept.append(draft)
    return kept


def _cut(draft: Draft, room: int) -> Draft | None:
    """The start of a running-text block that does not fit, cut at a word boundary;
    None for blocks that cannot be cut (lists, tables, figures) or no room at all."""
    if draft.kind not in (BlockKind.PARAGRAPH, BlockKind.QUOTE, BlockKind.CODE) or room < 1:
        return None
    text = draft.text[:room]
    space = max(text.rfind(" "), text.rfind("\n"))
    text = (text[:space] if space > 0 else text).rstrip()
    if not text:
        return None
    marks = [
        Mark(m.kind, m.start, min(m.end, len(text)), m.href)
        for m in draft.marks
        if m.start < len(text)
    ]
    return replace(draft, text=text, marks=marks)


def _block_id(draft: Draft, used: dict[str, int]) -> str:
    key = draft.text or draft.src or draft.image or ""
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=4).hexdigest()
    base = f"{_ID_PREFIX[draft.kind]}-{digest}"
    used[base] = used.get(base, 0) + 1
    return base if used[base] == 1 else f"{base}-{used[base]}"


def _shift_marks(marks: Sequence[Mark], offset: int) -> tuple[Mark, ...]:
    return tuple(Mark(m.kind, m.start + offset, m.end + offset, m.href) for m in marks)


def _metadata_html(metadata: Metadata) -> str:
    parts: list[str] = []
    if metadata.site:
        parts.append(escape(metadata.site))
    if metadata.byline:
        parts.append("by " + escape(metadata.byline))
    if metadata.published:
        published = metadata.published
        has_time = (published.hour, published.minute, published.second) != (0, 0, 0)
        parts.append(published.strftime("%Y-%m-%d %H:%M" if has_time else "%Y-%m-%d"))
    if metadata.tags:
        parts.append("tags: " + escape(", ".join(metadata.tags)))
    line = " · ".join(parts)
    if metadata.canonical_url:
        link = f'<a href="{escape(metadata.canonical_url)}">source</a>'
        line = f"{line} · {link}" if line else link
    return f"<p><em>{line}</em></p>" if line else ""


def _group_html(group: LinkGroup) -> str:
    items = "".join(
        f'<li><a href="{escape(link.href)}">{escape(link.text)}</a></li>'
        if link.href
        else f"<li>{escape(link.text)}</li>"
        for link in group.links
    )
    return f"<h2>{escape(group.title)}</h2><ul>{items}</ul>"


def build_article(
    source: str,
    metadata: Metadata,
    drafts: Sequence[Draft],
    groups: tuple[LinkGroup, ...],
    limits: Limits,
    truncated: bool,
    check: Check | None = None,
) -> Article:
    """The article from its drafts; ``check`` is called between steps of the Markdown
    rendering (the time budget)."""
    kept: list[Draft] = []
    room = limits.max_text_chars
    for draft in drafts:
        if len(draft.text) > room:
            cut = _cut(draft, room)
            if cut is not None:
                kept.append(cut)
            truncated = True
            break
        kept.append(draft)
        room -= len(draft.text) + 2

    plain = [direct_markdown(d) for d in kept]
    fragments = [
        f"<h1>{escape(metadata.title)}</h1>" if metadata.title else "",
        _metadata_html(metadata),
        *(block_html(d) if md is None else None for d, md in zip(kept, plain, strict=True)),
        *(_group_html(g) for g in groups),
    ]
    rendered = render_fragments(fragments, check)
    for index, md in enumerate(plain, start=2):
        if md is not None:
            rendered[index] = md
    block_markdown = rendered[2 : 2 + len(kept)]

    parts: list[str] = []
    pos = 0
    used: dict[str, int] = {}
    blocks: list[Block] = []
    for draft, markdown in zip(kept, block_markdown, strict=True):
        if draft.text:
            if parts:
                parts.append("\n\n")
                pos += 2
            parts.append(draft.text)
        start = pos
        pos += len(draft.text)
        blocks.append(
            Block(
                id=_block_id(draft, used),
                kind=draft.kind,
                start=start,
                end=pos,
                level=draft.level,
                marks=_shift_marks(draft.marks, start),
                items=tuple(
                    ListItem(i.start + start, i.end + start, i.depth, i.ordered, i.number)
                    for i in draft.items
                ),
                rows=tuple(
                    tuple(Span(s.start + start, s.end + start) for s in row) for row in draft.rows
                ),
                header_rows=draft.header_rows,
                language=draft.language,
                src=draft.src,
                markdown=markdown,
                alt=draft.alt,
                image=draft.image,
                width=draft.width,
                height=draft.height,
                credit=(
                    Span(draft.credit.start + start, draft.credit.end + start)
                    if draft.credit
                    else None
                ),
            )
        )
    text = "".join(parts)
    markdown = "\n\n".join(piece for piece in rendered if piece) + "\n"
    return Article(
        source=source,
        metadata=metadata,
        text=text,
        blocks=tuple(blocks),
        sections=(*heading_sections(text, blocks), *link_sections(text, groups)),
        link_groups=groups,
        markdown=markdown,
        truncated=truncated,
    )
