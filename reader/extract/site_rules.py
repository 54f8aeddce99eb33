"""Per-site fixes users write: ``sites.toml`` in the config folder maps a host to
selectors for the article body and for parts to strip.

    ["news.example.com"]
    body = "article .story-body"              # CSS, or XPath when it starts with / or (
    strip = [".newsletter-box", "//aside"]

A rule for ``example.com`` also applies to its subdomains (``www.example.com``); the
longest matching host wins. Every selector is compiled when the file is read, so a bad
rule is reported at once, as one line naming the host and the selector.
"""

from __future__ import annotations

import tomllib
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.html
from lxml import etree

from reader.errors import ReaderError

FILE_NAME = "sites.toml"
_MAX_FILE_BYTES = 1024 * 1024
_MAX_SELECTOR = 1000


class SiteRulesError(ReaderError):
    """The site rules file cannot be used (unreadable, not TOML, or a bad rule)."""


@dataclass(frozen=True, slots=True)
class Selector:
    source: str
    xpath: etree.XPath

    def find(self, root: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
        try:
            found = self.xpath(root)
        except etree.XPathError:
            return []
        if not isinstance(found, list):
            return []
        return [e for e in found if isinstance(e, lxml.html.HtmlElement)]


@dataclass(frozen=True, slots=True)
class SiteRule:
    host: str
    body: tuple[Selector, ...] = ()
    """Where the article is: every element the selectors find, in document order."""
    strip: tuple[Selector, ...] = ()
    """What to remove from the page before anything else reads it."""


@dataclass(frozen=True, slots=True)
class SiteRules:
    rules: tuple[SiteRule, ...] = ()

    def for_host(self, host: str | None) -> SiteRule | None:
        """The rule for ``host`` (or for a domain it belongs to), else None."""
        if not host:
            return None
        host = host.lower().rstrip(".").removeprefix("www.")
        best = None
        for rule in self.rules:
            if (host == rule.host or host.endswith("." + rule.host)) and (
                best is None or len(rule.host) > len(best.host)
            ):
                best = rule
        return best


def compile_selector(text: str, where: str) -> Selector:
    """XPath when ``text`` starts with ``/`` or ``(``, else CSS; SiteRulesError when it
    does not compile."""
    text = text.strip()
    if not text or len(text) > _MAX_SELECTOR:
        raise SiteRulesError(f"{where}: a selector must be 1 to {_MAX_SELECTOR} characters")
    if text.startswith(("/", "(", "./")):
        expression = text
    else:
        from cssselect import SelectorError
        from lxml.cssselect import CSSSelector

        try:
            expression = CSSSelector(text).path
        except (SelectorError, SyntaxError, ValueError) as error:
            raise SiteRulesError(f"{where}: bad CSS selector {text!r} ({error})") from None
    try:
        return Selector(text, etree.XPath(expression))
    except etree.XPathError as error:
        raise SiteRulesError(f"{where}: bad XPath {text!r} ({error})") from None


def _selectors(value: Any, where: str) -> tuple[Selector, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SiteRulesError(f"{where}: expected a selector or a list of selectors")
    return tuple(compile_selector(v, where) for v in value)


def parse_site_rules(text: str, name: str = FILE_NAME) -> SiteRules:
    """The rules in ``text`` (the file's content); SiteRulesError for a bad file."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SiteRulesError(f"{name}: not valid TOML ({error})") from None
    rules = []
    for host, table in data.items():
        where = f"{name}: [{host!r}]"
        if not isinstance(table, dict):
            raise SiteRulesError(f"{where}: expected a table with body and/or strip")
        unknown = sorted(set(table) - {"body", "strip"})
        if unknown:
            raise SiteRulesError(f"{where}: unknown key {unknown[0]!r} (body, strip)")
        clean_host = host.strip().lower().rstrip(".").removeprefix("www.")
        if not clean_host or any(c in clean_host for c in "/ :"):
            raise SiteRulesError(f"{where}: a host name like news.example.com is expected")
        rules.append(
            SiteRule(
                clean_host,
                body=_selectors(table.get("body", []), f"{where} body"),
                strip=_selectors(table.get("strip", []), f"{where} strip"),
            )
        )
    return SiteRules(tuple(rules))


_cache: dict[Path, tuple[float, int, SiteRules]] = {}


def load_site_rules(folder: Path) -> SiteRules:
    """The rules in ``folder/sites.toml`` (none when there is no such file), read again
    only when the file changes; SiteRulesError for a bad file."""
    path = folder / FILE_NAME
    try:
        stat = path.stat()
    except OSError:
        return SiteRules()
    cached = _cache.get(path)
    if cached and cached[:2] == (stat.st_mtime, stat.st_size):
        return cached[2]
    if stat.st_size > _MAX_FILE_BYTES:
        raise SiteRulesError(f"{path}: larger than {_MAX_FILE_BYTES // 1024} KB")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SiteRulesError(f"{path}: cannot be read ({error})") from None
    rules = parse_site_rules(text, str(path))
    _cache[path] = (stat.st_mtime, stat.st_size, rules)
    return rules


def apply_strip(rule: SiteRule, root: lxml.html.HtmlElement) -> None:
    doomed = [e for selector in rule.strip for e in selector.find(root)]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def select_body(rule: SiteRule, root: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """A ``<div>`` holding copies of what the body selectors find (outermost only, in
    document order), or None when they find nothing."""
    found: list[lxml.html.HtmlElement] = []
    for selector in rule.body:
        found.extend(selector.find(root))
    chosen = set(found)
    ordered = [e for e in root.iter() if e in chosen]
    outer = [e for e in ordered if not any(a in chosen for a in e.iterancestors())]
    if not outer:
        return None
    body = lxml.html.Element("div")
    for element in outer:
        copy = deepcopy(element)
        copy.tail = None
        body.append(copy)
    return body
