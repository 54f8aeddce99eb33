"""Plain-text dumps of web pages: recover the structure a browser copy flattened.

A dump is a header (breadcrumb, title, site, date, "View"…), the article's paragraph
lines, then a trailer (tags, ratings, "Related"/"Ranking" lists). Readability cannot
score plain text, so lines are classified first — paragraphs, ``- `` list runs, short
heading-like lines — and the body is the stretch from the first to the last paragraph.
The same furniture and link-group rules as for HTML then apply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import lxml.html
from lxml import etree

from reader.extract.furniture import is_breadcrumb, is_furniture_text
from reader.extract.html_clean import xml_safe
from reader.extract.inline import collapse
from reader.extract.language import guess_language
from reader.extract.link_groups import GroupDraft, group_title, is_link_text
from reader.extract.metadata import normalise_tags, parse_date
from reader.extract.page import PageParts
from reader.models import Link, Metadata

_ITEM = re.compile(r"^(?:[-*•–+·]|(\d{1,3})[.)])\s+(.*)$")
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")
_DATE_LABEL = re.compile(
    r"^(?:date|published(?:\s+on)?|posted(?:\s+on)?|updated(?:\s+on)?|last\s+updated|time)"
    r"\s*[:：]?\s*(.+)$",
    re.IGNORECASE,
)
_TAG_LEAD = re.compile(
    r"^(?:in|tags?|topics?|filed\s+under|categor(?:y|ies)|keywords|labels)\s*[:：]\s*(.*)$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(?:by|written\s+by|author)\s*[:：]?\s+(.{2,80})$", re.IGNORECASE)
_TITLE_SEPARATORS = " -|–—:·•»"
_BYLINE_SEPARATOR = re.compile(r"\s+[|·•—–]\s+|,\s+(?=(?:published|updated|posted)\b)", re.I)
_NAMED_MONTH_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s.*\b\d{4}\b"
    r"|\b\d{4}\b.*\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Line:
    text: str
    item: bool = False
    number: int | None = None


def _lines(text: str) -> list[_Line]:
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    chunks: list[list[str]] = [[]]
    for line in raw:
        line = collapse(line)
        if line:
            chunks[-1].append(line)
        elif chunks[-1]:
            chunks.append([])
    # Hard-wrapped dumps: paragraphs are blank-line separated runs of similar-length lines.
    multi = sum(1 for c in chunks if len(c) >= 2)
    wrapped = multi >= 2 and multi >= len(chunks) * 0.3
    lines: list[_Line] = []
    for chunk in chunks:
        for text_line in _join_wrapped(chunk) if wrapped else chunk:
            match = _ITEM.match(text_line)
            if match:
                number = int(match.group(1)) if match.group(1) else None
                lines.append(_Line(match.group(2), item=True, number=number))
            else:
                lines.append(_Line(text_line))
    return lines


def _join_wrapped(chunk: list[str]) -> list[str]:
    out: list[str] = []
    for line in chunk:
        if out and not _ITEM.match(line) and not _ITEM.match(out[-1]) and len(out[-1]) >= 40:
            out[-1] += " " + line
        else:
            out.append(line)
    return out


def _is_paragraph(line: _Line) -> bool:
    if line.item:
        return False
    words = len(line.text.split())
    return (words >= 6 and bool(_SENTENCE_END.search(line.text))) or (
        words >= 25 and len(line.text) >= 200
    )


def _is_heading_like(line: _Line) -> bool:
    text = line.text
    return (
        not line.item
        and len(text) <= 80
        and len(text.split()) <= 12
        and not _SENTENCE_END.search(text)
        and not text.endswith((",", ";"))
    )


def _is_title_like(line: _Line) -> bool:
    """A headline: a few words on one line, maybe a question, not a sentence."""
    words = len(line.text.split())
    return not line.item and 2 <= words <= 25 and not line.text.endswith((".", ",", ";", ":"))


def _parse_date_line(text: str) -> datetime | None:
    """The date a header line gives: "Date:2025-04-13 22:32:16", "Published: 3 March
    2024", "2024-03-03", "March 3, 2024"; None for anything else."""
    labelled = _DATE_LABEL.match(text)
    value = labelled.group(1) if labelled else text
    if len(value) > 40 or not re.search(r"\d", value):
        return None
    found = parse_date(value)
    if found or not (labelled or _NAMED_MONTH_DATE.search(value)):
        return found
    import dateparser

    return dateparser.parse(value, settings={"RETURN_AS_TIMEZONE_AWARE": False})


def _byline_parts(text: str) -> tuple[str, datetime | None]:
    """A byline and the date written beside it ("Jane Doe | March 3, 2024")."""
    name, *rest = _BYLINE_SEPARATOR.split(text)
    for part in rest:
        found = _parse_date_line(part)
        if found:
            return name, found
    return name if rest else text, None


@dataclass(slots=True)
class _Header:
    title: str = ""
    site: str | None = None
    byline: str | None = None
    published: datetime | None = None


def _read_header(lines: list[_Line]) -> tuple[_Header, list[_Line]]:
    """Title, site, byline and date from the lines before the body; the rest of those
    lines that read like text (a standfirst) are returned for the body."""
    header = _Header()
    texts = [line.text for line in lines if not line.item]
    # A title repeated inside another header line ("Home > …Title -Site") is the title.
    for candidate in texts:
        if len(candidate.split()) >= 3 and any(candidate in o and candidate != o for o in texts):
            header.title = candidate
            break
    leftovers: list[_Line] = []
    for line in lines:
        text = line.text
        if header.title and header.title in text and text != header.title:
            tail = text[text.index(header.title) + len(header.title) :].strip(_TITLE_SEPARATORS)
            if tail and len(tail.split()) <= 5:
                header.site = tail
            continue
        if text == header.title:
            continue
        if header.published is None and (date := _parse_date_line(text)):
            header.published = date
            continue
        if header.byline is None and (byline := _BYLINE.match(text)):
            header.byline, date = _byline_parts(byline.group(1))
            header.published = header.published or date
            continue
        if is_furniture_text(text) or is_breadcrumb(text):
            continue
        if not header.title and _is_title_like(line):
            header.title = text
            continue
        if len(text.split()) >= 6:
            leftovers.append(line)
    return header, leftovers


def _runs(lines: list[_Line]) -> list[list[_Line]]:
    """Consecutive list items as one run, every other line alone."""
    runs: list[list[_Line]] = []
    for line in lines:
        if line.item and runs and runs[-1][0].item:
            runs[-1].append(line)
        else:
            runs.append([line])
    return runs


def _read_trailer(lines: list[_Line]) -> tuple[list[str], list[GroupDraft]]:
    tags: list[str] = []
    groups: list[GroupDraft] = []
    current: GroupDraft | None = None
    runs = _runs(lines)
    for index, run in enumerate(runs):
        if not run:
            continue
        first = run[0]
        lead = _TAG_LEAD.match(first.text)
        if lead and (first.item or len(first.text) <= 40):
            current = None
            rest = [line.text for line in run[1:]]
            if lead.group(1):
                rest.insert(0, lead.group(1))
            if not first.item and index + 1 < len(runs) and runs[index + 1][0].item:
                rest.extend(line.text for line in runs[index + 1])
                runs[index + 1] = []
            tags.extend(t.strip() for part in rest for t in part.split(",") if t.strip())
            continue
        title = None if first.item else group_title(first.text)
        next_is_list = index + 1 < len(runs) and len(runs[index + 1]) >= 2
        if title is None and not first.item and next_is_list and _is_heading_like(first):
            title = first.text
        if title is not None:
            current = GroupDraft(title)
            groups.append(current)
            continue
        if current is None:
            continue
        for line in run:
            if is_link_text(line.text):
                current.links.append(Link(line.text))
    return tags, [g for g in groups if g.links]


def _body_tree(lines: list[_Line], groups: list[GroupDraft]) -> lxml.html.HtmlElement:
    body = lxml.html.Element("div")
    runs = _runs(lines)
    skip_next = False
    for index, run in enumerate(runs):
        if skip_next:
            skip_next = False
            continue
        first = run[0]
        following = runs[index + 1] if index + 1 < len(runs) else None
        if first.item:
            ordered = all(line.number is not None for line in run)
            listing = etree.SubElement(body, "ol" if ordered else "ul")
            for line in run:
                etree.SubElement(listing, "li").text = line.text
            continue
        if is_furniture_text(first.text):
            continue
        if following and following[0].item and (title := group_title(first.text)):
            groups.append(
                GroupDraft(title, [Link(x.text) for x in following if is_link_text(x.text)])
            )
            skip_next = True
            continue
        heading = (
            _is_heading_like(first)
            and following is not None
            and (_is_paragraph(following[0]) or following[0].item)
        )
        etree.SubElement(body, "h2" if heading else "p").text = first.text
    return body


def parse_text_dump(text: str) -> PageParts:
    # Lone surrogates from a lenient decoder, and characters XML cannot hold, cannot go
    # into the tree the body is built as.
    lines = _lines(xml_safe(text.encode("utf-8", "replace").decode("utf-8")))
    paragraphs = [i for i, line in enumerate(lines) if _is_paragraph(line)]
    # A question or an exclamation on the first line is a headline, not a paragraph.
    first_is_title = paragraphs[:1] == [0] and _is_title_like(lines[0])
    if first_is_title and len(paragraphs) > 1 and len(lines[0].text.split()) <= 15:
        paragraphs.pop(0)
    if paragraphs:
        start, end = paragraphs[0], paragraphs[-1]
    else:
        start, end = 0, len(lines) - 1
    header, standfirst = _read_header(lines[:start]) if paragraphs else (_Header(), [])
    tags, groups = _read_trailer(lines[end + 1 :])
    body_groups: list[GroupDraft] = []
    body = _body_tree(standfirst + lines[start : end + 1], body_groups)
    title = header.title
    if not title:
        first = body.find("h2")
        title = first.text if first is not None and body.index(first) == 0 else ""
    metadata = Metadata(
        title=title or "",
        site=header.site,
        byline=header.byline,
        published=header.published,
        tags=normalise_tags(tags),
        language=guess_language(" ".join(line.text for line in lines[start : end + 1])),
    )
    return PageParts(metadata=metadata, body=body, groups=body_groups + groups)
