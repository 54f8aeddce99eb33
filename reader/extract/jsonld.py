"""Facts from a page's JSON-LD (schema.org) blocks: headline, authors, dates, keywords."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from reader.extract.inline import tidy

ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "blogposting",
        "report",
        "scholarlyarticle",
        "techarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reportagenewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "advertisercontentarticle",
        "satiricalarticle",
        "socialmediaposting",
        "liveblogposting",
        "discussionforumposting",
        "review",
        "recipe",
        "medicalwebpage",
        "creativework",
    }
)
_MAX_SCRIPT = 2_000_000
_TOKENS = re.compile(r"\w+")
_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)\s*$")
_MAX_OBJECTS = 500


@dataclass(slots=True)
class JsonLdFacts:
    headline: str | None = None
    name: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    keywords: list[str] = field(default_factory=list)
    language: str | None = None
    publisher: str | None = None
    website: str | None = None
    description: str | None = None
    url: str | None = None


def _types(obj: dict[str, Any]) -> set[str]:
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return {v.rsplit("/", 1)[-1].lower() for v in values if isinstance(v, str)}


def _objects(data: Any) -> Iterator[dict[str, Any]]:
    """Every dict reachable through lists and ``@graph`` (not through other keys)."""
    stack = [data]
    seen = 0
    while stack and seen < _MAX_OBJECTS:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            seen += 1
            yield item
            graph = item.get("@graph")
            if isinstance(graph, list | dict):
                stack.append(graph)


def _text(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if isinstance(value, str):
        return tidy(html.unescape(value)) or None
    return None


def _names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items[:10]:
        name = _text(item)
        if name and "://" not in name and name not in names:
            names.append(name)
    return names


def _keywords(value: Any) -> list[str]:
    if isinstance(value, str):
        return [k.strip() for k in value.split(",") if k.strip()]
    if isinstance(value, list):
        return [k for k in (_text(v) for v in value) if k]
    return []


def _covers(text: str, document_title: str) -> float:
    """How much of ``document_title`` (by characters of its words) ``text`` contains."""
    own = set(_TOKENS.findall(text.casefold()))
    theirs = _TOKENS.findall(document_title.casefold())
    total = sum(len(t) for t in theirs)
    return sum(len(t) for t in theirs if t in own) / total if total else 0.0


def title_of(facts: JsonLdFacts, document_title: str) -> str | None:
    """The article's name, or its headline when only the headline matches the page's
    ``<title>`` (sites disagree on which of the two holds the title)."""
    if facts.headline and facts.name and facts.headline != facts.name:
        name_matches = _covers(facts.name, document_title) > 0.75
        headline_matches = _covers(facts.headline, document_title) > 0.75
        return facts.headline if headline_matches and not name_matches else facts.name
    return facts.name or facts.headline


def parse(scripts: tuple[str, ...]) -> JsonLdFacts:
    facts = JsonLdFacts()
    article: dict[str, Any] | None = None
    for script in scripts:
        if len(script) > _MAX_SCRIPT:
            continue
        try:
            data = json.loads(_WRAPPER.sub("", script), strict=False)
        except (ValueError, RecursionError):
            continue
        for obj in _objects(data):
            types = _types(obj)
            if article is None and types & ARTICLE_TYPES:
                article = obj
            if "website" in types and facts.website is None:
                facts.website = _text(obj.get("name"))
    if article is None:
        return facts
    facts.headline = _text(article.get("headline"))
    facts.name = _text(article.get("name"))
    facts.authors = _names(article.get("author") or article.get("creator"))
    facts.published = _text(article.get("datePublished") or article.get("dateCreated"))
    facts.modified = _text(article.get("dateModified"))
    facts.keywords = _keywords(article.get("keywords"))
    facts.language = _text(article.get("inLanguage"))
    facts.description = _text(article.get("description"))
    publisher = article.get("publisher")
    facts.publisher = _text(publisher) if isinstance(publisher, dict | str | list) else None
    url = article.get("url") or article.get("mainEntityOfPage")
    facts.url = _text(url.get("@id") if isinstance(url, dict) else url)
    return facts
