"""The header line: the article's title, then site · byline · date · reading time."""

from __future__ import annotations

import math

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from reader.models import Article
from reader.sanitize import clean_line

WORDS_PER_MINUTE = 230


def reading_minutes(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE)) if words else 0


def header_parts(article: Article) -> list[str]:
    """The details after the title, each already one clean line."""
    meta = article.metadata
    parts = [clean_line(value).strip() for value in (meta.site, meta.byline) if value]
    if meta.published:
        parts.append(f"{meta.published.day} {meta.published:%b %Y}")
    minutes = reading_minutes(article.word_count())
    if minutes:
        parts.append(f"{minutes} min read")
    return [part for part in parts if part]


class ArticleHeader(Horizontal):
    """Title on the left (cut with an ellipsis when long), details and progress right."""

    DEFAULT_CSS = """
    ArticleHeader {
        height: 1;
        dock: top;
        background: $panel;
        color: $foreground;
        padding: 0 1;
        #header-title {
            width: 1fr;
            text-style: bold;
            text-wrap: nowrap;
            text-overflow: ellipsis;
        }
        #header-details {
            width: auto;
            max-width: 60%;
            color: $text-muted;
            text-wrap: nowrap;
            text-overflow: ellipsis;
            padding-left: 2;
        }
        #header-pending {
            width: auto;
            color: $accent;
            text-style: bold;
            padding-left: 1;
        }
        #header-progress {
            width: 5;
            color: $text-muted;
            text-align: right;
        }
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(Content("reader"), id="header-title", markup=False)
        yield Static(Content(""), id="header-details", markup=False)
        yield Static(Content(""), id="header-pending", markup=False)
        yield Static(Content(""), id="header-progress", markup=False)

    def show_article(self, article: Article | None, page: str = "") -> None:
        """Show ``article``'s title and details; ``page`` is e.g. "2/3" for a page list."""
        if article is None:
            title, details = "", ""
        else:
            title = clean_line(article.title).strip() or clean_line(article.source)
            details = " · ".join(header_parts(article))
        if page:
            details = f"{details} · {page}" if details else page
        self.query_one("#header-title", Static).update(Content(title))
        self.query_one("#header-details", Static).update(Content(details))
        self.set_progress(None)

    def show_status(self, text: str) -> None:
        """A line shown while there is no article (e.g. "Loading page.html…")."""
        self.query_one("#header-title", Static).update(Content(clean_line(text)))
        self.query_one("#header-details", Static).update(Content(""))
        self.set_progress(None)

    def set_pending(self, keys: str) -> None:
        """Keys typed so far of a multi-key sequence (``z`` of ``za``), or ""."""
        self.query_one("#header-pending", Static).update(Content(keys))

    def set_progress(self, fraction: float | None) -> None:
        label = "" if fraction is None else f"{round(max(0.0, min(1.0, fraction)) * 100)}%"
        self.query_one("#header-progress", Static).update(Content(label))
