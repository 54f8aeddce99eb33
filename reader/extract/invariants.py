"""What every extracted Article promises about its offsets, checked in one place.

Later features (search, entities, bookmarks, highlights) rely on these; tests run the
check on every article they build, and it is cheap enough to run anywhere.
"""

from __future__ import annotations

from reader.models import Article, BlockKind, MarkKind, SectionKind
from reader.sanitize import has_control


def violations(article: Article) -> list[str]:
    """Every broken promise, as one line each (empty when the article is sound)."""
    problems: list[str] = []
    text = article.text
    size = len(text)
    if has_control(text.replace("\t", " ")):
        problems.append("text holds control characters")
    ids = [b.id for b in article.blocks]
    if len(set(ids)) != len(ids):
        problems.append("block ids repeat")
    previous_end = 0
    last_text_end: int | None = None
    for block in article.blocks:
        where = f"block {block.id}"
        if not 0 <= block.start <= block.end <= size:
            problems.append(f"{where}: [{block.start}, {block.end}) outside the text")
            continue
        if block.start < previous_end:
            problems.append(f"{where}: starts before the previous block ends")
        previous_end = block.end
        own = text[block.start : block.end]
        if own != own.strip():
            problems.append(f"{where}: starts or ends with whitespace")
        if own:
            gap = text[last_text_end : block.start] if last_text_end is not None else ""
            if last_text_end is None and block.start != 0:
                problems.append(f"{where}: text before the first block")
            elif last_text_end is not None and gap != "\n\n":
                problems.append(f"{where}: not separated from the previous block by one blank line")
            last_text_end = block.end
        if "\t" in own and block.kind not in (BlockKind.TABLE, BlockKind.CODE):
            problems.append(f"{where}: a tab outside a table or code")
        for mark in block.marks:
            if not block.start <= mark.start < mark.end <= block.end:
                problems.append(f"{where}: mark [{mark.start}, {mark.end}) outside the block")
            if mark.kind is MarkKind.LINK and not mark.href:
                problems.append(f"{where}: link mark without an address")
        item_end = block.start
        for item in block.items:
            line = text[item.start : item.end]
            if item.start < item_end or item.end > block.end or not line or "\n" in line:
                problems.append(f"{where}: list item [{item.start}, {item.end}) is not one line")
            item_end = item.end
        for row in block.rows:
            for cell in row:
                value = text[cell.start : cell.end]
                if not block.start <= cell.start <= cell.end <= block.end or any(
                    ch in value for ch in "\t\n"
                ):
                    problems.append(f"{where}: table cell [{cell.start}, {cell.end}) is broken")
    if last_text_end is not None and last_text_end != size:
        problems.append("text after the last block")
    if article.blocks and not text:
        problems.append("blocks but no text")
    known = set(ids)
    groups = {g.id for g in article.link_groups}
    for section in article.sections:
        if not 0 <= section.start <= section.end <= size:
            problems.append(f"section {section.id}: outside the text")
        if not set(section.block_ids) <= known:
            problems.append(f"section {section.id}: names unknown blocks")
        if section.kind is SectionKind.LINKS and section.link_group_id not in groups:
            problems.append(f"section {section.id}: names an unknown link group")
    return problems
