"""The article as the layout sees it: its text made safe to paint, links numbered.

Offsets must survive, so control characters in the text are not removed but
replaced one for one by visible symbols (ESC shows as ␛); one-line strings that no
offset points into (URLs, titles, link texts) go through ``sanitize.clean_line``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from reader.models import Article, Link, LinkGroup, Section
from reader.sanitize import clean_line
from reader.ui.layout.inline import number_links
from reader.ui.layout.lines import NumberedLink

# C0 controls (but tab and newline), DEL, C1 controls, bidi embeddings/isolates.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _symbol(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def visible(text: str) -> str:
    """``text`` with every control character replaced by a visible symbol, keeping
    its length (tabs and newlines stay: the layout handles them)."""
    if text.isprintable() or _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(_symbol, text)


def _maybe_clean(value: str | None) -> str | None:
    return clean_line(value) if value else value


def safe_section(section: Section) -> Section:
    """``section`` with its one-line strings cleaned."""
    return replace(
        section,
        title=clean_line(section.title),
        summary=clean_line(section.summary),
        lines=tuple(clean_line(line) for line in section.lines),
    )


def safe_article(article: Article) -> Article:
    """A copy of ``article`` whose strings are all safe to paint."""
    groups = tuple(
        LinkGroup(
            group.id,
            clean_line(group.title),
            tuple(Link(clean_line(link.text), _maybe_clean(link.href)) for link in group.links),
        )
        for group in article.link_groups
    )
    blocks = tuple(
        replace(block, src=_maybe_clean(block.src), language=_maybe_clean(block.language))
        if block.src or block.language
        else block
        for block in article.blocks
    )
    return replace(
        article,
        text=visible(article.text),
        blocks=blocks,
        sections=tuple(safe_section(s) for s in article.sections),
        link_groups=groups,
    )


@dataclass(frozen=True)
class LayoutContext:
    """Everything block layout needs; immutable, so worker threads may share it."""

    article: Article
    links: tuple[NumberedLink, ...]
    link_numbers: dict[tuple[int, int], int] = field(repr=False)

    @property
    def text(self) -> str:
        return self.article.text


def make_context(article: Article) -> LayoutContext:
    safe = safe_article(article)
    links, by_span = number_links(safe)
    safe_links = tuple(replace(link, href=_maybe_clean(link.href)) for link in links)
    return LayoutContext(safe, safe_links, by_span)
