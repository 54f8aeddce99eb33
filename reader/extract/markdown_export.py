"""The article as Markdown that keeps what the reader shows: collapsible parts as
``<details><summary>…</summary>`` blocks (GitHub, Obsidian and most viewers fold them).

- link groups, collapsed after the body: ``<details class="reader-links">``;
- enumerated groups (with analysis), open, around the paragraphs that name them, the
  member list first, as the reader shows them: ``<details open class="reader-members">``;
- heading sections stay headings (they fold by heading anyway);
- the title, site, author, date and tags go in a front matter block.

Reading the file back (``reader PAGE.md``) gives the same sections: the Markdown reader
turns ``reader-links`` blocks back into link groups and drops the member lists (the
analysis finds them again in the text). Every page string is escaped: only the tags
written here are HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from reader.extract.markdown import render_fragments
from reader.models import Article, Section, SectionKind

LINKS_CLASS = "reader-links"
MEMBERS_CLASS = "reader-members"


def _summary(title: str) -> str:
    return f"<summary>{escape(' '.join(title.split()))}</summary>"


def _items(lines: Sequence[tuple[str, str | None]]) -> str:
    items = "".join(
        f'<li><a href="{escape(href)}">{escape(text)}</a></li>'
        if href
        else f"<li>{escape(text)}</li>"
        for text, href in lines
    )
    return f"<ul>{items}</ul>"


def article_markdown(article: Article, passages: Sequence[Section] = ()) -> str:
    """The whole article as Markdown ending in a newline; ``passages`` are extra
    collapsible sections (enumerations from the analysis) placed around their blocks."""
    header = _header(article)
    members = [s for s in passages if s.kind is SectionKind.ENUMERATION and s.block_ids]
    opening: dict[str, list[Section]] = {}
    closing: dict[str, int] = {}
    for section in members:
        opening.setdefault(section.block_ids[0], []).append(section)
        closing[section.block_ids[-1]] = closing.get(section.block_ids[-1], 0) + 1
    lists = render_fragments([_items([(line, None) for line in s.lines]) for s in members])
    member_list = dict(zip((s.id for s in members), lists, strict=True))
    groups = render_fragments(
        [_items([(k.text, k.href) for k in g.links]) for g in article.link_groups]
    )
    parts = [header] if header else []
    for block in article.blocks:
        for section in opening.get(block.id, ()):
            parts.append(
                f'<details open class="{MEMBERS_CLASS}">\n'
                f"{_summary(section.title)}\n\n{member_list[section.id]}"
            )
        if block.markdown:
            parts.append(block.markdown)
        parts.extend("</details>" for _ in range(closing.get(block.id, 0)))
    for group, links in zip(article.link_groups, groups, strict=True):
        summary = _summary(group.title)
        parts.append(f'<details class="{LINKS_CLASS}">\n{summary}\n\n{links}\n\n</details>')
    return "\n\n".join(p for p in parts if p) + "\n"


def _header(article: Article) -> str:
    """Front matter (read back by ``reader PAGE.md``) and the title."""
    meta = article.metadata
    fields = [
        ("title", meta.title),
        ("site", meta.site),
        ("author", meta.byline),
        ("date", meta.published.isoformat() if meta.published else None),
        ("tags", f"[{', '.join(meta.tags)}]" if meta.tags else None),
        ("lang", meta.language),
        ("description", meta.description),
        ("source", meta.canonical_url),
    ]
    lines = [f"{name}: {_one_line(value)}" for name, value in fields if value]
    front = "---\n" + "\n".join(lines) + "\n---" if lines else ""
    title = render_fragments([f"<h1>{escape(meta.title)}</h1>"])[0] if meta.title else ""
    return "\n\n".join(p for p in (front, title) if p)


def _one_line(value: str) -> str:
    # One line, and no markup for a viewer that shows front matter as text (the
    # Markdown reader unescapes it).
    return escape(" ".join(value.replace("---", "—").split()), quote=False)
