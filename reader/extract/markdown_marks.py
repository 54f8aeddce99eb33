"""Paragraphs with links, emphasis and strong text, written as Markdown directly.

A news article's paragraphs mostly carry a link or a bold word, which sent them
through the HTML converter (a BeautifulSoup parse and a walk of it, a tenth of the
batch's time). Here the nesting ``markdown.inline_html`` would write is built from the
marks the same way, and each piece is written as the converter writes it: text nodes
with its whitespace and escapes, ``*``/``**`` around chomped text, ``[text](href)`` or
an autolink. A test holds the result equal to the converter's, byte for byte; anything
outside that (other marks, line breaks, links inside links, odd characters) returns
None and takes the converter's path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.extract.blocks import Draft
from reader.extract.markdown import (
    _CONVERTER,
    _PLAIN_TEXT,
    _SPACES,
    _angle_if_needed,
    plain_markdown,
)
from reader.models import BlockKind, Mark, MarkKind

_INLINE = {MarkKind.EMPHASIS: "*", MarkKind.STRONG: "**"}


@dataclass(slots=True)
class _Element:
    kind: MarkKind | None
    """None for the paragraph itself."""
    href: str = ""
    children: list[_Element | str] = field(default_factory=list)


def direct_markdown(draft: Draft) -> str | None:
    """The block's Markdown written without the converter (``plain_markdown``, else
    ``marked_markdown``), or None when only the converter can write it."""
    plain = plain_markdown(draft)
    return plain if plain is not None else marked_markdown(draft)


def marked_markdown(draft: Draft) -> str | None:
    """The converter's Markdown of a paragraph whose marks are links, emphasis and
    strong text, or None when it must take the converter's path."""
    if draft.kind is not BlockKind.PARAGRAPH or not draft.marks:
        return None
    text = draft.text
    if _PLAIN_TEXT.fullmatch(text) is None:
        return None
    for mark in draft.marks:
        if mark.kind is MarkKind.LINK:
            if mark.href and (_PLAIN_TEXT.fullmatch(mark.href) is None or "\t" in mark.href):
                return None
        elif mark.kind not in _INLINE:
            return None
    paragraph = _tree(text, draft.marks)
    if paragraph is None:
        return None
    return _join(paragraph, block=True).strip()  # the wrapping <section> strips all whitespace


def _tree(text: str, marks: Sequence[Mark]) -> _Element | None:
    """The elements ``inline_html`` writes for these marks (its loop, step for step),
    or None when a link would sit inside a link."""
    root = _Element(None)
    stack: list[tuple[_Element, int]] = []
    pos = 0

    def add_text(end: int) -> None:
        nonlocal pos
        if end > pos:
            (stack[-1][0] if stack else root).children.append(text[pos:end])
        pos = end

    for mark in marks:
        m_start, m_end = max(mark.start, 0), min(mark.end, len(text))
        if m_start >= m_end:
            continue
        while stack and stack[-1][1] <= m_start:
            add_text(stack[-1][1])
            stack.pop()
        add_text(m_start)
        if stack and m_end > stack[-1][1]:
            m_end = stack[-1][1]
        if mark.kind is MarkKind.LINK and any(e.kind is MarkKind.LINK for e, _ in stack):
            return None
        element = _Element(mark.kind, mark.href or "")
        (stack[-1][0] if stack else root).children.append(element)
        stack.append((element, m_end))
    while stack:
        add_text(stack[-1][1])
        stack.pop()
    add_text(len(text))
    return root


def _join(element: _Element, *, block: bool) -> str:
    """The children's Markdown, joined (no line breaks can occur here)."""
    children = element.children
    last = len(children) - 1
    parts = []
    for index, child in enumerate(children):
        if isinstance(child, str):
            if block and not child.strip() and (index == 0 or index == last):
                continue  # whitespace at a paragraph's edge is dropped unread
            parts.append(_text(child, first=block and index == 0, last=block and index == last))
        else:
            parts.append(_inline(child))
    return "".join(parts)


def _text(text: str, *, first: bool, last: bool) -> str:
    if "\t" in text or "  " in text:
        text = _SPACES.sub(" ", text)
    text = _CONVERTER.escape(text, set())
    if first:
        text = text.lstrip(" \t\r\n")
    if last:
        text = text.rstrip()
    return text


def _inline(element: _Element) -> str:
    content = _join(element, block=False)
    prefix = " " if content[:1] == " " else ""
    suffix = " " if content[-1:] == " " else ""
    content = content.strip()
    if not content:
        return ""
    if element.kind is not MarkKind.LINK:
        marker = _INLINE[element.kind]  # type: ignore[index]
        return f"{prefix}{marker}{content}{marker}{suffix}"
    href = element.href
    if href and any(ch in href for ch in " <>"):
        href = _angle_if_needed(href)
    if not href:
        return content
    if content.replace(r"\_", "_") == href:
        return f"<{href}>"
    return f"{prefix}[{content}]({href}){suffix}"
