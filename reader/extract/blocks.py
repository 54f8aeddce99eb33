"""Walk a cleaned article tree into block drafts: text, marks, list items, table cells.

A draft holds one block's canonical text with offsets relative to that text;
:mod:`reader.extract.assemble` joins the drafts into ``Article.text`` and gives them ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import lxml.html

from reader.extract.code_text import code_language, code_text
from reader.extract.figures import caption_element, choose, credit_elements
from reader.extract.inline import Inline, collapse
from reader.extract.tags import BLOCK_TAGS, HEADING_LEVELS, MARK_TAGS, SKIPPED_TAGS
from reader.extract.urls import clean_url, same_page
from reader.images.sources import ImageSources
from reader.models import BlockKind, ListItem, Mark, MarkKind, Span

MAX_LIST_DEPTH = 8
EMPTY_CELL = "—"
MAX_FIGURE_IMAGES = 50
"""Most pictures read from one ``<figure>`` (a gallery); the rest are left out."""


@dataclass(slots=True)
class Draft:
    """One block before it has an id and a place in the article text."""

    kind: BlockKind
    text: str
    marks: list[Mark] = field(default_factory=list)
    level: int = 0
    items: list[ListItem] = field(default_factory=list)
    rows: list[tuple[Span, ...]] = field(default_factory=list)
    header_rows: int = 0
    language: str | None = None
    src: str | None = None
    alt: str = ""
    image: str | None = None
    """A figure's local picture (a reference of :mod:`reader.images.sources`)."""
    credit: Span | None = None
    """The part of a figure's caption text that credits the picture."""
    width: int | None = None
    height: int | None = None


def build_drafts(
    article: lxml.html.HtmlElement,
    base: str | None,
    max_links: int = 20_000,
    images: ImageSources | None = None,
) -> list[Draft]:
    """The blocks of ``article``; past ``max_links`` links, link text stays plain.
    Figures are drawn from ``images`` (the page's local pictures) when it has them."""
    walker = _Walker(base, max_links, images)
    walker.container(article)
    walker.flush()
    return walker.drafts


def _tag(element: lxml.html.HtmlElement) -> str | None:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else None


class _Walker:
    def __init__(self, base: str | None, max_links: int, images: ImageSources | None) -> None:
        self.base = base
        self.images = images
        self.links_left = max_links
        self.drafts: list[Draft] = []
        self.run = Inline()
        self.quote = 0

    # --- containers and inline runs ------------------------------------------------

    def container(self, element: lxml.html.HtmlElement) -> None:
        self.run.add(element.text)
        for child in element:
            self.node(child)
            self.run.add(child.tail)

    def flush(self) -> None:
        if not self.run:
            self.run.sep = ""
            return
        text, marks = self.run.take()
        kind = BlockKind.QUOTE if self.quote else BlockKind.PARAGRAPH
        self.drafts.append(Draft(kind, text, marks, level=self.quote))

    def node(self, element: lxml.html.HtmlElement) -> None:
        tag = _tag(element)
        if tag is None or tag in SKIPPED_TAGS:
            return
        mark = MARK_TAGS.get(tag)
        if mark is not None:
            href = None
            if mark is MarkKind.LINK:
                href = self.href(element)
                if href is None:
                    self.container(element)
                    return
            self.run.open_mark(mark, href)
            self.container(element)
            self.run.close_mark()
            return
        if tag == "br":
            if self.run:
                self.run.newline()
            return
        if tag == "img":
            self.image(element)
            return
        if tag not in BLOCK_TAGS:
            self.container(element)
            return
        self.flush()
        level = HEADING_LEVELS.get(tag)
        if level:
            self.heading(element, level)
        elif tag in ("ul", "ol"):
            self.list(element)
        elif tag == "dl":
            self.definitions(element)
        elif tag == "pre":
            self.code(element)
        elif tag == "blockquote":
            self.quote += 1
            self.container(element)
            self.flush()
            self.quote -= 1
        elif tag == "table":
            self.table(element)
        elif tag == "figure":
            self.figure(element)
        elif tag == "hr":
            self.drafts.append(Draft(BlockKind.RULE, ""))
        else:
            self.container(element)
            self.flush()

    def href(self, anchor: lxml.html.HtmlElement) -> str | None:
        """Where a link leads, or None when nowhere useful (scripts, anchors, and the
        page itself, which is where a cleaned ``javascript:`` link ends up)."""
        if self.links_left <= 0:
            return None
        href = clean_url(anchor.get("href"), self.base)
        if href is None or same_page(href, self.base):
            return None
        self.links_left -= 1
        return href

    # --- flat content (headings, list items, cells, captions) ----------------------

    def flat(self, element: lxml.html.HtmlElement, inline: Inline, nested: list | None) -> None:
        """Everything under ``element`` on one line; nested lists go to ``nested``."""
        inline.add(element.text)
        for child in element:
            tag = _tag(child)
            if tag is not None and tag not in SKIPPED_TAGS:
                mark = MARK_TAGS.get(tag)
                if nested is not None and tag in ("ul", "ol", "dl"):
                    nested.append(child)
                elif mark is not None:
                    href = self.href(child) if mark is MarkKind.LINK else None
                    if mark is MarkKind.LINK and href is None:
                        self.flat(child, inline, nested)
                    else:
                        inline.open_mark(mark, href)
                        self.flat(child, inline, nested)
                        inline.close_mark()
                elif tag == "br" or tag in BLOCK_TAGS:
                    inline.space()
                    self.flat(child, inline, nested)
                    inline.space()
                else:
                    self.flat(child, inline, nested)
            inline.add(child.tail)

    def flat_text(self, element: lxml.html.HtmlElement) -> tuple[str, list[Mark]]:
        inline = Inline()
        self.flat(element, inline, None)
        return inline.take()

    # --- block kinds -----------------------------------------------------------------

    def heading(self, element: lxml.html.HtmlElement, level: int) -> None:
        text, marks = self.flat_text(element)
        if text:
            self.drafts.append(Draft(BlockKind.HEADING, text, marks, level=level))

    def list(self, element: lxml.html.HtmlElement) -> None:
        if next(element.iter("li"), None) is None:
            # Old pages indent with a bare <ul>: its content is not a list.
            self.container(element)
            self.flush()
            return
        lines: list[tuple[str, list[Mark], int, bool, int | None]] = []
        self._items(element, 0, lines)
        self._emit_list(lines)

    def _loose_item(self, text: str | None, depth: int, lines: list) -> None:
        inline = Inline()
        inline.add(text)
        if inline:
            lines.append((*inline.take(), depth, False, None))

    def _items(self, element: lxml.html.HtmlElement, depth: int, lines: list) -> None:
        ordered = _tag(element) == "ol"
        number = _int_attr(element.get("start"), 1)
        depth = min(depth, MAX_LIST_DEPTH)
        self._loose_item(element.text, depth, lines)
        for child in element:
            tag = _tag(child)
            if tag is None or tag in SKIPPED_TAGS:
                pass
            elif tag in ("ul", "ol"):
                self._items(child, depth + 1, lines)
            elif tag != "li" and next(child.iter("li"), None) is not None:
                self._items(child, depth, lines)
            else:
                number = _int_attr(child.get("value"), number)
                self._item(child, depth, ordered, number, lines)
                number += 1
            self._loose_item(child.tail, depth, lines)

    def _item(
        self, element: lxml.html.HtmlElement, depth: int, ordered: bool, number: int, lines: list
    ) -> None:
        inline = Inline()
        nested: list[lxml.html.HtmlElement] = []
        self.flat(element, inline, nested)
        text, marks = inline.take()
        if text:
            lines.append((text, marks, depth, ordered, number if ordered else None))
        for sub in nested:
            if _tag(sub) == "dl":
                self._definition_lines(sub, depth + 1, lines)
            else:
                self._items(sub, depth + 1, lines)

    def definitions(self, element: lxml.html.HtmlElement) -> None:
        lines: list = []
        self._definition_lines(element, 0, lines)
        self._emit_list(lines)

    def _definition_lines(self, element: lxml.html.HtmlElement, depth: int, lines: list) -> None:
        for child in element:
            tag = _tag(child)
            if tag not in ("dt", "dd", "div"):
                continue
            if tag == "div":
                self._definition_lines(child, depth, lines)
                continue
            text, marks = self.flat_text(child)
            if text:
                item_depth = min(depth + (tag == "dd"), MAX_LIST_DEPTH)
                lines.append((text, marks, item_depth, False, None))

    def _emit_list(self, lines: list) -> None:
        if not lines:
            return
        parts: list[str] = []
        marks: list[Mark] = []
        items: list[ListItem] = []
        pos = 0
        for text, item_marks, depth, ordered, number in lines:
            if parts:
                pos += 1
            items.append(ListItem(pos, pos + len(text), depth, ordered, number))
            marks.extend(_shift(item_marks, pos))
            parts.append(text)
            pos += len(text)
        self.drafts.append(Draft(BlockKind.LIST, "\n".join(parts), marks, items=items))

    def code(self, element: lxml.html.HtmlElement) -> None:
        text = code_text(element)
        if text:
            self.drafts.append(Draft(BlockKind.CODE, text, language=code_language(element)))

    def table(self, element: lxml.html.HtmlElement) -> None:
        rows = [
            (row, [c for c in row if _tag(c) in ("td", "th")])
            for row in element.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")
        ]
        caption = element.find("caption")
        if caption is not None:
            self.container(caption)
            self.flush()
        if not _is_data_table(element, rows):
            for _, cells in rows:
                for cell in cells:
                    self.container(cell)
                    self.flush()
            return
        texts: list[str] = []
        marks: list[Mark] = []
        spans: list[tuple[Span, ...]] = []
        header_rows = 0
        header_done = False
        pos = 0
        for row, cells in rows:
            values = [self.flat_text(cell) for cell in cells]
            if not cells or not any(text for text, _ in values):
                continue
            is_header = all(_tag(c) == "th" for c in cells) or _tag(row.getparent()) == "thead"
            if is_header and not header_done:
                header_rows += 1
            else:
                header_done = True
            if texts:
                texts.append("\n")
                pos += 1
            row_spans = []
            for index, (text, cell_marks) in enumerate(values):
                if index:
                    texts.append("\t")
                    pos += 1
                text = text or EMPTY_CELL
                row_spans.append(Span(pos, pos + len(text)))
                marks.extend(_shift(cell_marks, pos))
                texts.append(text)
                pos += len(text)
            spans.append(tuple(row_spans))
        if spans:
            self.drafts.append(
                Draft(
                    BlockKind.TABLE,
                    "".join(texts),
                    marks,
                    rows=spans,
                    header_rows=header_rows,
                )
            )

    def figure(self, element: lxml.html.HtmlElement) -> None:
        images = [img for img in element.iter("img")][:MAX_FIGURE_IMAGES]
        caption = caption_element(element)
        credits = credit_elements(element)
        if not images or _has_block_content(element, caption, credits):
            self.container(element)
            self.flush()
            return
        inline = Inline()
        if caption is not None:
            self.flat(caption, inline, None)
        text, marks = inline.take()
        credit = None
        for found in credits:
            credit_text, _ = self.flat_text(found)
            at = text.rfind(credit_text) if credit_text else -1
            if credit_text and at < 0:
                at = len(text) + 1 if text else 0
                text = f"{text} {credit_text}" if text else credit_text
            if at >= 0 and credit is None:
                credit = Span(at, at + len(credit_text))
        for image in images[:-1]:
            self._figure(image, "", [])
        self._figure(images[-1], text, marks, credit)

    def image(self, element: lxml.html.HtmlElement) -> None:
        if self.run:
            # An image inside running text is an icon, an emoji or a formula: keep emoji
            # (alt text without letters or digits) only.
            alt = collapse(element.get("alt"))
            if 0 < len(alt) <= 4 and not any(ch.isalnum() for ch in alt):
                self.run.add(alt)
            return
        self._figure(element, "", [])

    def _figure(
        self,
        image: lxml.html.HtmlElement,
        caption: str,
        marks: list[Mark],
        credit: Span | None = None,
    ) -> None:
        if _is_pixel(image):
            return
        chosen = choose(image, self.images, self.base)
        src = clean_url(chosen.address, self.base, image=True) if chosen.address else None
        alt = collapse(image.get("alt") or image.get("title"))
        if src is None and chosen.local is None and not caption and not alt:
            return
        self.flush()
        # Only the caption is text: alt text is not shown on the page (and is often a
        # file name); it lives on in the block's Markdown and stands in for a picture
        # that cannot be drawn.
        self.drafts.append(
            Draft(
                BlockKind.FIGURE,
                caption,
                marks,
                src=src,
                alt=alt,
                image=chosen.local,
                credit=credit if caption else None,
            )
        )


# --- helpers -----------------------------------------------------------------------


def _shift(marks: list[Mark], offset: int) -> list[Mark]:
    if not offset:
        return marks
    return [Mark(m.kind, m.start + offset, m.end + offset, m.href) for m in marks]


def _int_attr(value: str | None, default: int) -> int:
    if value and value.strip().lstrip("-").isdigit() and len(value) < 10:
        return int(value)
    return default


def _is_pixel(image: lxml.html.HtmlElement) -> bool:
    return image.get("width") in ("0", "1") or image.get("height") in ("0", "1")


def _has_block_content(
    figure: lxml.html.HtmlElement,
    caption: lxml.html.HtmlElement | None,
    credits: list[lxml.html.HtmlElement],
) -> bool:
    """True for a ``<figure>`` that holds more than pictures and their caption (code,
    a table, paragraphs): it is read as running content."""
    outside = [e for e in (caption, *credits) if e is not None]
    for element in figure.iter("pre", "table", "blockquote", "p", "ul", "ol"):
        ancestors = set(element.iterancestors())
        if any(kept is element or kept in ancestors for kept in outside):
            continue
        text = collapse(element.text_content())
        for kept in outside:
            if element in set(kept.iterancestors()):
                text = text.replace(collapse(kept.text_content()), "")
        if text.strip():
            return True
    return False


def _is_data_table(table: lxml.html.HtmlElement, rows: list) -> bool:
    if (table.get("role") or "").lower() == "presentation" or not rows:
        return False
    if max(len(cells) for _, cells in rows) < 2:
        return False
    if next(table.iterdescendants("table"), None) is not None:
        return False
    for _, cells in rows:
        for cell in cells:
            blocks = sum(1 for c in cell if _tag(c) in _CELL_BLOCKS)
            if blocks >= 2 or len(cell.text_content()) > 1200:
                return False
    return True


_CELL_BLOCKS = frozenset(
    {"p", "div", "ul", "ol", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}
)
