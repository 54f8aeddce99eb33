"""The header line: the article's title, then site · reading time (the short form of
the title block's details), what the text is when it is not the whole article, and
the reading progress. One widget drawing one line (it is on the first-paint path)."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from reader.models import Article
from reader.sanitize import clean_line
from reader.title_block import reading_minutes
from reader.ui.reading.whole_page import progress_cap, view_label


def header_parts(article: Article, words: int | None = None) -> list[str]:
    """The short form of the details after the title (the title block at the top of
    the article has them all): the site, and the reading time when the article's
    ``words`` are counted. Each already one clean line."""
    meta = article.metadata
    parts = [clean_line(meta.site).strip()] if meta.site else []
    minutes = reading_minutes(words) if words is not None else 0
    if minutes:
        parts.append(f"{minutes} min read")
    return [part for part in parts if part]


COUNT_NOW_CHARS = 100_000
"""Longer articles have their words counted after the first paint (about 1 ms per
100,000 characters)."""


class ArticleHeader(Widget):
    """Title on the left (cut with an ellipsis when long), details and progress right.

    Every text is set from page data through :func:`clean_line` and drawn as ``Content``
    (never parsed as markup)."""

    DEFAULT_CSS = """
    ArticleHeader {
        height: 1;
        dock: top;
        background: $panel;
        color: $foreground;
        padding: 0 1;
    }
    """

    title_text: reactive[str] = reactive("reader")
    details: reactive[str] = reactive("")
    pending: reactive[str] = reactive("")
    """Keys typed so far of a multi-key sequence (``z`` of ``za``)."""
    progress: reactive[str] = reactive("")
    label: reactive[str] = reactive("")
    """What the text shown is when it is not the whole article: "partial article?",
    "whole page"."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._cap = 1.0
        """The most progress shown: an article known to be cut never says 100%."""
        self._shown = 0
        """Articles shown so far: a late word count for an earlier one is dropped."""

    def show_article(self, article: Article | None, page: str = "") -> None:
        """Show ``article``'s title and details; ``page`` is e.g. "2/3" for a page list."""
        self._shown += 1
        if article is None:
            title = ""
        else:
            title = clean_line(article.title).strip() or clean_line(article.source)
        self.title_text, self.progress = title, ""
        self.label, self._cap = view_label(article), progress_cap(article)
        if article is not None and len(article.text) > COUNT_NOW_CHARS:
            self.details = self._details(article, page, None)
            self.call_after_refresh(self._count_words, self._shown, article, page)
        else:
            self.details = self._details(article, page, article.word_count() if article else 0)

    def _count_words(self, shown: int, article: Article, page: str) -> None:
        if shown == self._shown:
            self.details = self._details(article, page, article.word_count())

    @staticmethod
    def _details(article: Article | None, page: str, words: int | None) -> str:
        details = " · ".join(header_parts(article, words)) if article is not None else ""
        if page:
            details = f"{details} · {page}" if details else page
        return details

    def show_status(self, text: str) -> None:
        """A line shown while there is no article (e.g. "Loading page.html …")."""
        self._shown += 1
        self.title_text, self.details, self.progress = clean_line(text), "", ""
        self.label, self._cap = "", 1.0

    def set_pending(self, keys: str) -> None:
        self.pending = clean_line(keys)

    def set_progress(self, fraction: float | None) -> None:
        if fraction is None:
            self.progress = ""
        else:
            shown = max(0.0, min(1.0, fraction))
            # Rounding must not turn a cut article's 99.6% into "100%".
            self.progress = f"{min(round(shown * 100), round(self._cap * 100))}%"

    def render(self) -> Content:
        width = self.content_region.width
        tail = Content.assemble(
            *([("  ", ""), (self.pending, "bold $accent")] if self.pending else []),
            *([("  ", ""), (self.label, "bold $warning")] if self.label else []),
            *([("  ", ""), (f"{self.progress:>4}", "$text-muted")] if self.progress else []),
        )
        room = max(0, width - tail.cell_length)
        title = Content.styled(self.title_text, "bold")
        details = Content.styled(self.details, "$text-muted")
        if title.cell_length + 2 + details.cell_length > room:
            # Too long for one line: the title keeps at least half, the details the rest.
            keep = max(0, room - min(title.cell_length, room // 2) - 2)
            details = details.truncate(min(details.cell_length, keep), ellipsis=True)
            title = title.truncate(max(0, room - details.cell_length - 2), ellipsis=True)
        gap = max(0, width - title.cell_length - details.cell_length - tail.cell_length)
        return Content.assemble(title, " " * gap, details, tail)
