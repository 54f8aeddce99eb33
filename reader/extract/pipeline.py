"""RawDocument → Article: the extraction pipeline.

HTML: parse once → metadata → link groups → readability → furniture → blocks.
Text dumps and Markdown recover their structure first and join at "blocks". Every
stage after the parse is checked against the time budget (``limits.extract_seconds``);
the optional date search is skipped when the budget runs low.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

import lxml.html

from reader.config import Limits
from reader.errors import ExtractError, LimitExceeded
from reader.extract.assemble import build_article, refine
from reader.extract.blocks import Draft, build_drafts
from reader.extract.caption_images import attach_caption_images
from reader.extract.figure_sizes import measure_figures
from reader.extract.furniture import strip_furniture
from reader.extract.heading_furniture import strip_anchor_furniture, superscript_citations
from reader.extract.html_clean import base_href, parse_html
from reader.extract.language import guess_language
from reader.extract.link_groups import find_html_groups, finish_groups, split_from_article
from reader.extract.markdown import Check
from reader.extract.metadata import MAX_NAME, MAX_TITLE, html_metadata, shorten
from reader.extract.opinion_gate import cannot_change
from reader.extract.page import PageParts, readable_chars
from reader.extract.second_opinion import MIN_SECONDS_LEFT, Opinion, ask, judge, too_large
from reader.extract.site_rules import SiteRules, apply_strip, select_body
from reader.extract.urls import host_of
from reader.loaders.base import DocumentKind, RawDocument
from reader.models import Article, BlockKind, Incomplete

_DATE_SEARCH_RESERVE = 0.5
"""Share of the time budget that must remain for the optional date search to run."""
_OPINION_RESERVE = 0.5
"""…and for the second opinion (on a machine so busy that half the budget is gone, it
would push the page over the limit; the article is read without it)."""


Clock = Callable[[], float]


class Deadline:
    def __init__(self, seconds: float, clock: Clock | None = None) -> None:
        self.seconds = seconds
        self.clock = clock or time.perf_counter
        self.end = self.clock() + seconds

    def left(self) -> float:
        return self.end - self.clock()

    def check(self, stage: str) -> None:
        if self.clock() > self.end:
            raise LimitExceeded(
                f"extraction took longer than {self.seconds:g} s ({stage}); "
                "raise limits.extract_seconds to allow more"
            )


def _html_parts(
    doc: RawDocument, limits: Limits, deadline: Deadline, sites: SiteRules | None
) -> PageParts:
    from reader.extract.readability_step import isolate_article

    page = parse_html(doc.text, limits)
    root = page.root
    base = base_href(root, doc.base_url)
    rule = sites.for_host(host_of(base)) if sites else None
    if rule is not None:
        apply_strip(rule, root)
    metadata = html_metadata(
        root,
        page.jsonld,
        base,
        with_htmldate=deadline.left() > limits.extract_seconds * _DATE_SEARCH_RESERVE,
    )
    groups = find_html_groups(root, base, metadata.canonical_url or doc.base_url)
    deadline.check("reading metadata")
    # Before readability: a heading whose edit link is half its text looks like a
    # link list to it, and is dropped.
    strip_anchor_furniture(root)
    superscript_citations(root)
    chosen = select_body(rule, root) if rule is not None and rule.body else None
    article = isolate_article(root) if chosen is None else chosen
    deadline.check("isolating the article")
    groups = split_from_article(article, groups)
    attach_caption_images(article, root)
    strip_furniture(article)
    page_chars = readable_chars(root)
    ask_later = None
    # The user's own body rule needs no second opinion.
    if chosen is None and not too_large(len(doc.text), _count(root)):
        # Asked once our blocks are known (it may not be needed); the last use of the
        # tree: trafilatura changes it.
        def ask_later() -> Opinion | None:
            if deadline.left() < max(MIN_SECONDS_LEFT, limits.extract_seconds * _OPINION_RESERVE):
                return None
            opinion = ask(root, base, article)
            deadline.check("asking for a second opinion")
            return opinion

    if metadata.language is None:
        language = guess_language(article.text_content())
        if language:
            metadata = replace(metadata, language=language)
    return PageParts(
        metadata, article, groups, base, page.truncated, ask=ask_later, page_chars=page_chars
    )


def _count(root: lxml.html.HtmlElement) -> int:
    return sum(1 for _ in root.iter())


_SMALL_SHARE = 0.2
"""An article below this share of the page's readable text looks cut…"""
_SMALL_SHARE_MIN_PAGE = 3000
"""…on a page with at least this much readable text (short pages vary too much)."""


def incompleteness(rescued: bool, article_chars: int, page_chars: int) -> Incomplete | None:
    """Why an article looks cut, or None when it does not."""
    if rescued:
        return Incomplete.RESCUED
    if page_chars >= _SMALL_SHARE_MIN_PAGE and article_chars < page_chars * _SMALL_SHARE:
        return Incomplete.SMALL_SHARE
    return None


def extract(
    doc: RawDocument,
    limits: Limits,
    sites: SiteRules | None = None,
    clock: Clock | None = None,
) -> Article:
    """The article in ``doc``; ExtractError when there is none, LimitExceeded when a
    limit stops the work. ``Article.incomplete`` says when it looks cut; ``sites`` are
    the user's per-site rules (``sites.toml``). The time budget is read on ``clock``:
    wall time, or the process's CPU time where extraction is all the process does."""
    deadline = Deadline(limits.extract_seconds, clock)
    try:
        # Each kind's reader loads with its first page (readability and markdown-it
        # are tens of milliseconds of imports that a page of another kind never needs).
        if doc.kind is DocumentKind.TEXT:
            from reader.extract.textdump import parse_text_dump

            parts = parse_text_dump(doc.text)
        elif doc.kind is DocumentKind.MARKDOWN:
            from reader.extract.markdown_input import parse_markdown

            parts = parse_markdown(doc.text, doc.base_url, limits)
        else:
            parts = _html_parts(doc, limits, deadline, sites)
        drafts = build_drafts(parts.body, parts.base, limits.max_links, doc.images)
        opinion = None
        if parts.ask is not None and not cannot_change(drafts, parts.page_chars):
            opinion = parts.ask()
        verdict = judge(drafts, opinion)
        drafts = refine(verdict.drafts, parts.metadata.title, parts.metadata.byline)
        deadline.check("reading the body")
        if doc.images is not None:
            measure_figures(drafts, doc.images, deadline.end)
        article_chars = sum(len(d.text) for d in drafts)
        incomplete = incompleteness(verdict.rescued, article_chars, parts.page_chars)
        return _finish(doc, parts, drafts, limits, incomplete=incomplete, check=deadline.check)
    except RecursionError:
        raise ExtractError("the page is nested too deeply to read") from None


def extract_whole_page(doc: RawDocument, limits: Limits) -> Article:
    """The whole page as text, reader view off: every block of the page's body in
    order (scripts and styles aside), as an Article of its own (``whole_page`` set).
    ExtractError when the page holds no text at all."""
    try:
        if doc.kind is not DocumentKind.HTML:
            return replace(extract(doc, limits), whole_page=True, incomplete=None)
        page = parse_html(doc.text, limits)
        root = page.root
        base = base_href(root, doc.base_url)
        metadata = html_metadata(root, page.jsonld, base, with_htmldate=False)
        body = root.find("body")
        parts = PageParts(metadata, root if body is None else body, [], base, page.truncated)
        drafts = build_drafts(parts.body, base, limits.max_links)
        drafts = refine(drafts, metadata.title, furniture=False)
        return _finish(doc, parts, drafts, limits, whole_page=True)
    except RecursionError:
        raise ExtractError("the page is nested too deeply to read") from None


def _finish(
    doc: RawDocument,
    parts: PageParts,
    drafts: list[Draft],
    limits: Limits,
    *,
    incomplete: Incomplete | None = None,
    whole_page: bool = False,
    check: Check | None = None,
) -> Article:
    if not any(d.text for d in drafts):
        raise ExtractError("no article text found")
    metadata = parts.metadata
    title = metadata.title
    if not title:
        first = next((d for d in drafts if d.kind is BlockKind.HEADING and d.text), None)
        title = first.text if first else next(d.text for d in drafts if d.text)
        title = title.split("\n")[0]
    metadata = replace(
        metadata,
        title=shorten(title, MAX_TITLE),
        site=shorten(metadata.site, MAX_NAME) or None,
        byline=shorten(metadata.byline, MAX_NAME) or None,
    )
    groups = finish_groups(parts.groups, limits.max_links)
    article = build_article(
        doc.source,
        metadata,
        drafts,
        groups,
        limits,
        truncated=doc.truncated or parts.truncated,
        check=check,
    )
    return replace(article, incomplete=incomplete, whole_page=whole_page)
