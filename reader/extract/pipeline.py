"""RawDocument → Article: the extraction pipeline.

HTML: parse once → metadata → link groups → readability → furniture → blocks.
Text dumps and Markdown recover their structure first and join at "blocks". Every
stage after the parse is checked against the time budget (``limits.extract_seconds``);
the optional date search is skipped when the budget runs low.
"""

from __future__ import annotations

import time
from dataclasses import replace

from reader.config import Limits
from reader.errors import ExtractError, LimitExceeded
from reader.extract.assemble import build_article, refine
from reader.extract.blocks import build_drafts
from reader.extract.figure_sizes import measure_figures
from reader.extract.furniture import strip_furniture
from reader.extract.html_clean import base_href, parse_html
from reader.extract.language import guess_language
from reader.extract.link_groups import find_html_groups, finish_groups, split_from_article
from reader.extract.metadata import MAX_NAME, MAX_TITLE, html_metadata, shorten
from reader.extract.page import PageParts
from reader.loaders.base import DocumentKind, RawDocument
from reader.models import Article, BlockKind

_DATE_SEARCH_RESERVE = 0.5
"""Share of the time budget that must remain for the optional date search to run."""


class Deadline:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.perf_counter() + seconds

    def left(self) -> float:
        return self.end - time.perf_counter()

    def check(self, stage: str) -> None:
        if time.perf_counter() > self.end:
            raise LimitExceeded(
                f"extraction took longer than {self.seconds:g} s ({stage}); "
                "raise limits.extract_seconds to allow more"
            )


def _html_parts(doc: RawDocument, limits: Limits, deadline: Deadline) -> PageParts:
    from reader.extract.readability_step import isolate_article

    page = parse_html(doc.text, limits)
    root = page.root
    base = base_href(root, doc.base_url)
    metadata = html_metadata(
        root,
        page.jsonld,
        base,
        with_htmldate=deadline.left() > limits.extract_seconds * _DATE_SEARCH_RESERVE,
    )
    groups = find_html_groups(root, base, metadata.canonical_url or doc.base_url)
    deadline.check("reading metadata")
    article = isolate_article(root, base)
    deadline.check("isolating the article")
    groups = split_from_article(article, groups)
    strip_furniture(article)
    if metadata.language is None:
        language = guess_language(article.text_content())
        if language:
            metadata = replace(metadata, language=language)
    return PageParts(metadata, article, groups, base, page.truncated)


def extract(doc: RawDocument, limits: Limits) -> Article:
    """The article in ``doc``; ExtractError when there is none, LimitExceeded when a
    limit stops the work."""
    deadline = Deadline(limits.extract_seconds)
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
            parts = _html_parts(doc, limits, deadline)
        metadata = parts.metadata
        drafts = refine(
            build_drafts(parts.body, parts.base, limits.max_links, doc.images),
            metadata.title,
            metadata.byline,
        )
        deadline.check("reading the body")
        if doc.images is not None:
            measure_figures(drafts, doc.images, deadline.end)
        if not any(d.text for d in drafts):
            raise ExtractError("no article text found")
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
        return build_article(
            doc.source,
            metadata,
            drafts,
            groups,
            limits,
            truncated=doc.truncated or parts.truncated,
        )
    except RecursionError:
        raise ExtractError("the page is nested too deeply to read") from None
