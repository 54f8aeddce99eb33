"""Markdown for blocks and whole articles, rendered by a markdownify converter.

Each block is first written back as small, normalised HTML built from the model itself
(its text, marks, items, cells), so the Markdown says exactly what ``Article.text``
says: links already cleaned of tracking parameters, no empty links, nothing the
extractor dropped. All blocks of an article go through one BeautifulSoup parse.
Same input, same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from html import escape

from bs4 import BeautifulSoup
from markdownify import ATX, MarkdownConverter

from reader.extract.blocks import Draft
from reader.images.sources import is_file_reference
from reader.models import BlockKind, Mark, MarkKind

_LINE_START_HAZARD = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|[-+*](?=\s)|>)")
_LIST_NUMBER_HAZARD = re.compile(r"^(\s*\d{1,9})([.)])(?=\s|$)")
_HAZARD_STARTS = frozenset("#-+*>")
_FENCE = re.compile(r"`{3,}")
_ENTITY_LIKE = re.compile(r"&(?=#?[0-9A-Za-z]+;)")


class ArticleMarkdownConverter(MarkdownConverter):
    """markdownify with the reader's conventions: ATX headings, ``-`` bullets, fenced
    code with its language, GFM tables with escaped pipes, images as ``![alt](src)``."""

    class Options(MarkdownConverter.DefaultOptions):
        heading_style = ATX
        bullets = "-"
        strong_em_symbol = "*"
        escape_asterisks = True
        escape_underscores = True
        table_infer_header = True
        autolinks = True

    def escape(self, text: str, parent_tags: set[str]) -> str:
        text = super().escape(text, parent_tags)
        # Page text is never markup: no raw HTML, autolinks or entities in the output.
        text = text.replace("`", r"\`").replace("<", r"\<")
        if "&" in text:
            text = _ENTITY_LIKE.sub(r"\\&", text)
        # A text node that starts a line could otherwise turn into a heading, a list
        # item or a quote; escaping it mid-line is harmless. (The cheap look at the
        # first character spares the substitutions on almost every node of a page.)
        first = text.lstrip()[:1]
        if first in _HAZARD_STARTS:
            text = _LINE_START_HAZARD.sub(r"\1\\\2", text, count=1)
        elif first.isdigit():
            text = _LIST_NUMBER_HAZARD.sub(r"\1\\\2", text, count=1)
        return text

    def convert_pre(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        if not text:
            return ""
        language = ""
        code = el.find("code")
        for token in (code.get("class") if code is not None else None) or []:
            if token.startswith("language-"):
                language = token[len("language-") :]
        longest = max((len(m) for m in _FENCE.findall(text)), default=2)
        fence = "`" * max(3, longest + 1)
        return f"\n\n{fence}{language}\n{text.strip(chr(10))}\n{fence}\n\n"

    def convert_td(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        return super().convert_td(el, text.replace("|", r"\|"), parent_tags)

    def convert_th(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        return super().convert_th(el, text.replace("|", r"\|"), parent_tags)

    def convert_img(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        alt = (el.attrs.get("alt") or "").replace("[", r"\[").replace("]", r"\]")
        src = el.attrs.get("src") or ""
        if not src:
            return alt
        return f"![{alt}]({_angle_if_needed(src)})"

    def convert_a(self, el, text, parent_tags):  # type: ignore[no-untyped-def]
        href = el.get("href")
        if href and any(ch in href for ch in " <>"):
            el["href"] = _angle_if_needed(href)
        return super().convert_a(el, text, parent_tags)


def _angle_if_needed(url: str) -> str:
    if any(ch in url for ch in " ()<>"):
        return "<" + url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20") + ">"
    return url


_CONVERTER = ArticleMarkdownConverter()
_OPEN_TAG = {
    MarkKind.EMPHASIS: "<em>",
    MarkKind.STRONG: "<strong>",
    MarkKind.CODE: "<code>",
}
_CLOSE_TAG = {
    MarkKind.EMPHASIS: "</em>",
    MarkKind.STRONG: "</strong>",
    MarkKind.CODE: "</code>",
    MarkKind.LINK: "</a>",
}


def _esc(text: str) -> str:
    return escape(text, quote=False).replace("\n", "<br>")


def inline_html(text: str, marks: Sequence[Mark], start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` as HTML, its marks as properly nested elements."""
    end = len(text) if end is None else end
    out: list[str] = []
    stack: list[tuple[MarkKind, int]] = []
    pos = start
    for mark in marks:
        m_start, m_end = max(mark.start, start), min(mark.end, end)
        if m_start >= m_end:
            continue
        while stack and stack[-1][1] <= m_start:
            kind, close_at = stack.pop()
            out.append(_esc(text[pos:close_at]))
            pos = close_at
            out.append(_CLOSE_TAG[kind])
        out.append(_esc(text[pos:m_start]))
        pos = m_start
        if stack and m_end > stack[-1][1]:
            m_end = stack[-1][1]
        if mark.kind is MarkKind.LINK:
            out.append(f'<a href="{escape(mark.href or "", quote=True)}">')
        else:
            out.append(_OPEN_TAG[mark.kind])
        stack.append((mark.kind, m_end))
    while stack:
        kind, close_at = stack.pop()
        out.append(_esc(text[pos:close_at]))
        pos = close_at
        out.append(_CLOSE_TAG[kind])
    out.append(_esc(text[pos:end]))
    return "".join(out)


def block_html(draft: Draft) -> str:
    kind = draft.kind
    text, marks = draft.text, draft.marks
    if kind is BlockKind.PARAGRAPH:
        return f"<p>{inline_html(text, marks)}</p>"
    if kind is BlockKind.HEADING:
        level = min(max(draft.level, 1), 6)
        return f"<h{level}>{inline_html(text, marks)}</h{level}>"
    if kind is BlockKind.QUOTE:
        depth = max(draft.level, 1)
        return (
            "<blockquote>" * depth
            + f"<p>{inline_html(text, marks)}</p>"
            + ("</blockquote>" * depth)
        )
    if kind is BlockKind.LIST:
        return _list_html(draft)
    if kind is BlockKind.CODE:
        language = f' class="language-{escape(draft.language)}"' if draft.language else ""
        return f"<pre><code{language}>{escape(text, quote=False)}</code></pre>"
    if kind is BlockKind.TABLE:
        return _table_html(draft)
    if kind is BlockKind.FIGURE:
        caption = f"<p>{inline_html(text, marks)}</p>" if text and text != draft.alt else ""
        # A picture saved beside the page is linked by its path relative to the page,
        # so the Markdown written next to it shows it; anything else by its address.
        src = draft.image if is_file_reference(draft.image) else draft.src
        if not src:
            return caption or f"<p>{_esc(text or draft.alt)}</p>"
        image = f'<img src="{escape(src)}" alt="{escape(draft.alt)}">'
        return f"<p>{image}</p>{caption}"
    return "<hr>"


def _list_html(draft: Draft) -> str:
    out: list[str] = []
    levels: list[list] = []  # [tag, li_open]
    for item in draft.items:
        while len(levels) > item.depth + 1:
            tag, li_open = levels.pop()
            out.append(("</li>" if li_open else "") + f"</{tag}>")
        while len(levels) < item.depth + 1:
            if levels and not levels[-1][1]:
                out.append("<li>")
                levels[-1][1] = True
            tag = "ol" if item.ordered else "ul"
            start = f' start="{item.number}"' if item.ordered and item.number is not None else ""
            out.append(f"<{tag}{start}>")
            levels.append([tag, False])
        if levels[-1][1]:
            out.append("</li>")
        out.append("<li>" + inline_html(draft.text, draft.marks, item.start, item.end))
        levels[-1][1] = True
    while levels:
        tag, li_open = levels.pop()
        out.append(("</li>" if li_open else "") + f"</{tag}>")
    return "".join(out)


def _table_html(draft: Draft) -> str:
    width = max(len(row) for row in draft.rows)
    out = ["<table>"]
    for index, row in enumerate(draft.rows):
        header = index == 0 and draft.header_rows > 0
        cell = "th" if header else "td"
        cells = [
            f"<{cell}>{inline_html(draft.text, draft.marks, s.start, s.end)}</{cell}>" for s in row
        ]
        cells.extend(f"<{cell}></{cell}>" for _ in range(width - len(row)))
        row_html = "<tr>" + "".join(cells) + "</tr>"
        if header:
            out.append(f"<thead>{row_html}</thead><tbody>")
        else:
            if index == 0:
                out.append("<tbody>")
            out.append(row_html)
    out.append("</tbody></table>")
    return "".join(out)


CHUNK_FRAGMENTS = 2_000
"""Fragments parsed per BeautifulSoup pass: the soup of a whole 400,000-block page took
a gigabyte; one chunk at a time stays small, and the time budget is checked between."""

Check = Callable[[str], None]
"""Called between chunks with the stage name; raises to stop (the time budget)."""


def render_fragments(fragments: Sequence[str | None], check: Check | None = None) -> list[str]:
    """Markdown for each HTML fragment, parsed a chunk at a time. A None fragment is
    rendered already (see ``plain_markdown``) and gives an empty string here."""
    results: list[str] = []
    for start in range(0, len(fragments), CHUNK_FRAGMENTS):
        if check is not None:
            check("writing Markdown")
        results.extend(_render_chunk(fragments[start : start + CHUNK_FRAGMENTS]))
    return results


def _render_chunk(fragments: Sequence[str | None]) -> list[str]:
    wanted = [fragment for fragment in fragments if fragment is not None]
    if not wanted:
        return [""] * len(fragments)
    html = "".join(f"<section>{fragment}</section>" for fragment in wanted)
    soup = BeautifulSoup(f"<body>{html}</body>", "lxml")
    body = soup.body
    sections = iter(body.find_all("section", recursive=False) if body is not None else [])
    results: list[str] = []
    for fragment in fragments:
        section = next(sections, None) if fragment is not None else None
        if section is None:
            results.append("")
            continue
        try:
            text = _CONVERTER.process_tag(section, parent_tags=set())
        except RecursionError:
            text = section.get_text(" ")
        results.append(text.strip("\n"))
    soup.decompose()
    return results


# Text that goes through the HTML parser unchanged: no line breaks or other controls,
# no surrogates or noncharacters (the parser drops or replaces those).
_PLAIN_TEXT = re.compile("[\t\x20-\x7e\xa0-\ud7ff\ue000-\ufdcf\ufdf0-\ufffd\U00010000-\U0010ffff]*")
_SPACES = re.compile(r"[\t ]+")
_ALL_SPACES = re.compile(r"[\t \r\n]+")


def plain_markdown(draft: Draft) -> str | None:
    """The Markdown of a paragraph or heading without marks, written directly, exactly
    as the converter writes it (a test holds the two equal); None for any other block.

    Most blocks of a long page are plain paragraphs: rendering them without building
    a soup takes a fraction of the time and memory."""
    kind = draft.kind
    if draft.marks or kind not in (BlockKind.PARAGRAPH, BlockKind.HEADING):
        return None
    text = draft.text
    if _PLAIN_TEXT.fullmatch(text) is None:
        return None
    # What markdownify does to the one text node of <p> or <hN>, in its order.
    body = ""
    if text.strip():
        spaced = _SPACES.sub(" ", text) if "\t" in text or "  " in text else text
        body = _CONVERTER.escape(spaced, set()).lstrip(" \t\r\n").rstrip()
    if kind is BlockKind.PARAGRAPH:
        return body.strip()  # the wrapping <section> strips all whitespace
    heading = _ALL_SPACES.sub(" ", body.strip())
    if not heading:
        return None  # rare, and the converter has its own idea of an empty heading
    return f"{'#' * min(max(draft.level, 1), 6)} {heading}"


def render_blocks(drafts: Sequence[Draft], check: Check | None = None) -> list[str]:
    plain = [plain_markdown(draft) for draft in drafts]
    rendered = render_fragments(
        [block_html(d) if md is None else None for d, md in zip(drafts, plain, strict=True)],
        check,
    )
    return [md if md is not None else html for md, html in zip(plain, rendered, strict=True)]
