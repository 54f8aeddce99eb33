"""Markdown files: rendered to HTML with markdown-it-py, then read like a clean page.

A Markdown file is the article itself (no readability pass); a leading YAML-style
front matter block may name the title, author, date and tags, and "Related"-style
sections become link groups like on any page.
"""

from __future__ import annotations

import html
import re

import lxml.html
from markdown_it import MarkdownIt

from reader.config import Limits
from reader.extract.html_clean import parse_html
from reader.extract.inline import collapse
from reader.extract.language import guess_language
from reader.extract.link_groups import GroupDraft, find_html_groups, split_from_article
from reader.extract.markdown_export import LINKS_CLASS, MEMBERS_CLASS
from reader.extract.metadata import normalise_language, normalise_tags, parse_date
from reader.extract.page import PageParts
from reader.extract.urls import clean_url
from reader.models import Link, Metadata

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FIELD = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    fields: dict[str, str] = {}
    for line in match.group(1).splitlines():
        found = _FIELD.match(line)
        if found:
            value = found.group(2).strip().strip("'\"")
            fields[found.group(1).lower()] = html.unescape(value)
    return fields, text[match.end() :]


def _written_sections(body: lxml.html.HtmlElement, base: str | None) -> list[GroupDraft]:
    """What ``reader extract --format md`` wrote as ``<details>``: link groups come back
    as groups, member lists are dropped (the analysis finds them in the text again)
    and the paragraphs they wrapped stay."""
    groups: list[GroupDraft] = []
    for details in list(body.iter("details")):
        names = (details.get("class") or "").split()
        summary = details.find("summary")
        if LINKS_CLASS in names:
            links = []
            for item in details.iter("li"):
                anchor = next(item.iter("a"), None)
                href = clean_url(anchor.get("href"), base) if anchor is not None else None
                if collapse(item.text_content()):
                    links.append(Link(collapse(item.text_content()), href))
            title = collapse(summary.text_content()) if summary is not None else ""
            if title and links:
                groups.append(GroupDraft(title, links))
            details.drop_tree()
        elif MEMBERS_CLASS in names:
            if summary is not None:
                members = summary.getnext()
                if members is not None and members.tag in ("ul", "ol"):
                    members.drop_tree()
                summary.drop_tree()
            details.drop_tag()
    return groups


def _renderer() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True, "linkify": False}).enable(
        ["table", "strikethrough"]
    )


def parse_markdown(text: str, base: str | None, limits: Limits) -> PageParts:
    fields, body_text = _front_matter(text.replace("\r\n", "\n"))
    html = _renderer().render(body_text)
    page = parse_html(f"<html><body>{html}</body></html>", limits)
    body = page.root.find("body")
    if body is None:
        body = page.root
    title = collapse(fields.get("title"))
    first = next((c for c in body if isinstance(c.tag, str)), None)
    if (
        first is not None
        and first.tag == "h1"
        and (not title or collapse(first.text_content()) == title)
    ):
        title = title or collapse(first.text_content())
        first.drop_tree()
    written = _written_sections(body, base)
    groups = written + split_from_article(body, find_html_groups(body, base, None))
    tags_field = fields.get("tags") or fields.get("keywords") or ""
    metadata = Metadata(
        title=title,
        site=collapse(fields.get("site")) or None,
        byline=collapse(fields.get("author")) or None,
        published=parse_date(fields.get("date") or fields.get("published")),
        tags=normalise_tags(tags_field.strip("[]").split(",")),
        language=normalise_language(fields.get("lang") or fields.get("language"))
        or guess_language(body.text_content()),
        description=collapse(fields.get("description")) or None,
    )
    return PageParts(
        metadata=metadata, body=body, groups=groups, base=base, truncated=page.truncated
    )
