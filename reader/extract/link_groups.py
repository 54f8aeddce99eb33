"""Link groups: the "Related", "Most read", "Recommended" lists around an article.

Readability drops these link-dense boxes; a reader keeps them, under their own
heading, after the body. Found by heading (a short text from a known vocabulary) and
the links that follow it; junk (short labels, "Read more", dates) filtered out, and
duplicates dropped within and across groups, earlier groups winning.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import lxml.html

from reader.extract.furniture import is_furniture_text
from reader.extract.inline import collapse
from reader.extract.tags import HEADING_LEVELS
from reader.extract.urls import clean_url, same_page
from reader.models import Link, LinkGroup

_GROUP_TITLE = re.compile(
    r"""^(?:
      related(?:\s+(?:articles?|stories|posts?|links?|content|coverage|news|reading|videos?
                   |topics|items|pages|reads))?
    | more\s+(?:stories|news|articles|posts|headlines|top\s+stories|like\s+this|to\s+read
               |from\b.*|on\b.*|in\b.*|about\b.*)
    | read\s+(?:next|more|also|this\s+next)
    | (?:what\s+)?to\s+read\s+next
    | you\s+(?:may|might|could)\s+(?:also\s+)?(?:like|enjoy|be\s+interested\s+in)
    | (?:also\s+)?recommended(?:\s+(?:for\s+you|stories|articles|reading|videos))?
    | recommendations?(?:\s+for\s+you)?
    | rankings?
    | most\s+(?:popular|read|viewed|shared|emailed|commented|watched)(?:\s+\w+){0,2}
    | popular(?:\s+(?:now|stories|articles|posts|today|this\s+week|on\s+\w+))?
    | trending(?:\s+(?:now|stories|today|news|articles|topics))?
    | top\s+(?:stories|news|picks|articles|reads|headlines)
    | editor'?s?'?\s+picks?
    | (?:see|read)\s+also
    | further\s+reading
    | up\s+next | don'?t\s+miss | in\s+case\s+you\s+missed\s+it | must\s+reads?
    | also\s+(?:on|in|from)\b.*
    | latest(?:\s+(?:news|stories|articles|posts|headlines))?
    | hot\s+(?:topics|stories|news)
    | (?:other|similar|recent)\s+(?:stories|articles|posts|news|reads)
    | lire\s+aussi | à\s+lire\s+aussi | voir\s+aussi | sur\s+le\s+même\s+sujet
    | lesen\s+sie\s+auch | mehr\s+zum\s+thema | auch\s+interessant
    | te\s+puede\s+interesar | artículos\s+relacionados | leer\s+más
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# Lists that are part of many articles' own text when readability keeps them.
BODY_LIKE_TITLES = re.compile(r"^(?:see\s+also|further\s+reading|read\s+also)$", re.IGNORECASE)
_HEADING_CANDIDATES = (
    *HEADING_LEVELS,
    *("div", "span", "p", "strong", "b", "header", "dt", "em", "label", "summary"),
    *("caption", "legend", "button", "figcaption"),
)
_HEADINGS = frozenset(HEADING_LEVELS)
# Controls: a "Read more" button or link is never the heading of a group.
_CONTROLS = frozenset({"a", "button"})
# A region element reads like article text when it holds this much text outside links
# and links make up less than this share of its text.
_PROSE_CHARS = 200
_PROSE_LINK_SHARE = 0.3
_INLINE_CANDIDATES = frozenset({"span", "strong", "b", "em", "label"})
_JUNK_TEXT = re.compile(
    r"^(?:(?:read|see|view|show|load)\s+(?:more|all|full\s+story|the\s+full\s+story)"
    r"|next|previous|prev|more|all|home|top|back|comments?|\d+\s+comments?"
    r"|(?:\w+\s+)?\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2}|[\d\s:./-]+)$",
    re.IGNORECASE,
)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
GROUP_ATTRIBUTE = "data-reader-group"
_MAX_CLIMB = 4
_MAX_LINKS_PER_GROUP = 60


@dataclass(slots=True)
class GroupDraft:
    title: str
    links: list[Link] = field(default_factory=list)


@functools.lru_cache(maxsize=4096)
def group_title(text: str) -> str | None:
    """The group title when ``text`` is a link-group heading ("Related", …), else None."""
    text = collapse(text).rstrip(":：").strip()
    if not text or len(text) > 60:
        return None
    return text if _GROUP_TITLE.match(text) else None


def is_link_text(text: str) -> bool:
    """True when ``text`` reads like the title of a linked page, not like a control."""
    if not text or len(text) > 300:
        return False
    cjk = len(_CJK.findall(text))
    if cjk < 6 and (len(text) < 12 or len(text.split()) < 3):
        return False
    return not _JUNK_TEXT.match(text) and not is_furniture_text(text)


def _key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def finish_groups(drafts: Iterable[GroupDraft], max_links: int) -> tuple[LinkGroup, ...]:
    """Merge same-titled groups, drop duplicates within and across groups (earlier
    groups win), drop groups left empty, and give each a stable id."""
    merged: dict[str, GroupDraft] = {}
    for draft in drafts:
        existing = merged.get(draft.title.casefold())
        if existing is None:
            merged[draft.title.casefold()] = GroupDraft(draft.title, list(draft.links))
        else:
            existing.links.extend(draft.links)
    seen_text: set[str] = set()
    seen_href: set[str] = set()
    groups: list[LinkGroup] = []
    used_ids: dict[str, int] = {}
    budget = max_links
    for draft in merged.values():
        links: list[Link] = []
        for link in draft.links:
            key = _key(link.text)
            if not key or key in seen_text or (link.href and link.href in seen_href):
                continue
            if budget <= 0:
                break
            seen_text.add(key)
            if link.href:
                seen_href.add(link.href)
            links.append(link)
            budget -= 1
        if links:
            groups.append(LinkGroup(_group_id(draft.title, used_ids), draft.title, tuple(links)))
    return tuple(groups)


def _group_id(title: str, used: dict[str, int]) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")[:40]
    if not slug:
        slug = hashlib.blake2b(title.encode("utf-8", "replace"), digest_size=4).hexdigest()
    base = f"g-{slug}"
    used[base] = used.get(base, 0) + 1
    return base if used[base] == 1 else f"{base}-{used[base]}"


# --- HTML ----------------------------------------------------------------------------


def _heading_elements(root: lxml.html.HtmlElement) -> list[tuple[lxml.html.HtmlElement, str]]:
    found = []
    for element in root.iter(*_HEADING_CANDIDATES):
        if len(element) > 3:
            continue
        raw = element.text_content()
        if len(raw) > 200:
            continue
        title = group_title(raw)
        if title and not _runs_inline(element, raw) and not _is_control(element):
            found.append((element, title))
    # Keep the outermost of nested matches (<h2><span>Related</span></h2>).
    elements = {e for e, _ in found}
    return [(e, t) for e, t in found if not any(a in elements for a in e.iterancestors())]


def _runs_inline(element: lxml.html.HtmlElement, text: str) -> bool:
    """True for a label inside running text ("<p><b>Read more:</b> <a>…</a></p>"):
    those links are part of the paragraph, not a box of their own."""
    if element.tag not in _INLINE_CANDIDATES:
        return False
    parent = element.getparent()
    return parent is not None and collapse(parent.text_content()) != collapse(text)


def _is_control(element: lxml.html.HtmlElement) -> bool:
    if element.tag in _CONTROLS or (element.get("role") or "").lower() == "button":
        return True
    return any(a.tag in _CONTROLS for a in element.iterancestors())


def reads_like_prose(element: lxml.html.HtmlElement) -> bool:
    """True for an element that reads like article text: long, few links."""
    text = collapse(element.text_content())
    if len(text) < _PROSE_CHARS:
        return False
    linked = sum(len(collapse(a.text_content())) for a in element.iter("a"))
    return len(text) - linked >= _PROSE_CHARS and linked < len(text) * _PROSE_LINK_SHARE


def _region(
    heading: lxml.html.HtmlElement, stops: set[lxml.html.HtmlElement]
) -> list[lxml.html.HtmlElement]:
    """The elements after ``heading`` that hold its links, climbing out of wrappers."""
    node = heading
    for _ in range(_MAX_CLIMB):
        region = []
        for sibling in node.itersiblings():
            if not isinstance(sibling.tag, str):
                continue
            # A group never runs on into article text (a "More on:" label in the body).
            if sibling in stops or sibling.tag in _HEADINGS or reads_like_prose(sibling):
                break
            region.append(sibling)
        if any(True for element in region for _ in element.iter("a")):
            return region
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html", "article", "main"):
            return []
        node = parent
    return []


def _link_of(anchor: lxml.html.HtmlElement, base: str | None) -> Link | None:
    text = collapse(anchor.text_content()) or collapse(anchor.get("title"))
    if not text:
        image = next(anchor.iter("img"), None)
        text = collapse(image.get("alt")) if image is not None else ""
    if not is_link_text(text):
        return None
    return Link(text, clean_url(anchor.get("href"), base))


def find_html_groups(
    root: lxml.html.HtmlElement, base: str | None, page_url: str | None
) -> list[GroupDraft]:
    """Link groups of the page, in document order. Each group's heading and region are
    tagged with ``data-reader-group="N"`` so they can be found again in the article."""
    headings = _heading_elements(root)
    stops: set[lxml.html.HtmlElement] = set()
    for element, _ in headings:
        stops.add(element)
        stops.update(element.iterancestors())
    groups: list[GroupDraft] = []
    claimed: set[lxml.html.HtmlElement] = set()
    for element, title in headings:
        region = _region(element, stops - {element, *element.iterancestors()})
        anchors = [a for r in region for a in r.iter("a") if a not in claimed]
        links = []
        for anchor in anchors[: _MAX_LINKS_PER_GROUP * 2]:
            claimed.add(anchor)
            link = _link_of(anchor, base)
            if link is not None and not (link.href and same_page(link.href, page_url)):
                links.append(link)
        if len(links) < 2:
            continue
        marker = str(len(groups))
        for tagged in (element, *region):
            tagged.set(GROUP_ATTRIBUTE, marker)
        groups.append(GroupDraft(title, links[:_MAX_LINKS_PER_GROUP]))
    return groups


def split_from_article(
    article: lxml.html.HtmlElement, groups: Sequence[GroupDraft]
) -> list[GroupDraft]:
    """Remove link groups readability kept from the article; a "See also" list kept in
    the body stays there instead (and is not repeated as a group)."""
    kept_in_body: set[int] = set()
    doomed = []
    for element in article.iter():
        marker = element.get(GROUP_ATTRIBUTE) if isinstance(element.tag, str) else None
        if marker is None or not marker.isdigit() or int(marker) >= len(groups):
            continue
        if BODY_LIKE_TITLES.match(groups[int(marker)].title):
            kept_in_body.add(int(marker))
        else:
            doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()
    return [g for i, g in enumerate(groups) if i not in kept_in_body]
