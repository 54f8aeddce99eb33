"""LibraryResults: full-text search hits, each a title line and a snippet line with the
matched words emphasised.

The store hands back plain (already sanitised) text and the spans of the matches; the
emphasis is added as Content spans, so nothing in a page can act as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.models import Span
from reader.sanitize import clean_line
from reader.store.records import SearchHit
from reader.ui.library.keys import RESULTS_BINDINGS

MATCH_STYLE = "bold $accent"
TITLE_STYLE = "bold"
DETAIL_STYLE = "$text-muted"


def emphasised(text: str, spans: Sequence[Span], base: str = "") -> Content:
    """``text`` with each span styled as a match (spans outside the text are ignored)."""
    content = Content(text)
    if base:
        content = content.stylize(base)
    for span in spans:
        start, end = max(0, span.start), min(len(text), span.end)
        if start < end:
            content = content.stylize(MATCH_STYLE, start, end)
    return content


def hit_prompt(hit: SearchHit) -> Content:
    title = hit.title or clean_line(hit.source)
    parts = [emphasised(title, hit.title_spans if hit.title else (), TITLE_STYLE)]
    where = hit.site or ""
    if where:
        parts.append(Content.styled(f"  {clean_line(where)}", DETAIL_STYLE))
    lines = [Content.assemble(*parts)]
    if hit.snippet:
        lines.append(emphasised(hit.snippet, hit.snippet_spans, DETAIL_STYLE))
    return Content("\n").join(lines)


class LibraryResults(OptionList):
    """One option per hit; its id is the article's library id."""

    BINDING_GROUP_TITLE = "Search results"
    BINDINGS = RESULTS_BINDINGS
    DEFAULT_CSS = """
    LibraryResults {
        height: 1fr;
        border: none;
        padding: 0 1;
        background: $background;
        &:focus { border: none; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hits: list[SearchHit] = []
        self.query = ""
        """What was searched for to find ``hits``."""

    def show_hits(self, hits: Sequence[SearchHit], query: str = "") -> None:
        kept = self.current
        self.hits = list(hits)
        self.query = query if hits else ""
        options: list[Option | None] = []
        for hit in self.hits:
            # A rule under each hit but the last (indices still count hits only).
            options.extend((Option(hit_prompt(hit), id=str(hit.article_id)), None))
        self.set_options(options[:-1])
        if self.hits:
            # The same article stays under the cursor when the results are read again.
            ids = [hit.article_id for hit in self.hits]
            self.highlighted = ids.index(kept.article_id) if kept and kept.article_id in ids else 0

    @property
    def current(self) -> SearchHit | None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self.hits):
            return None
        return self.hits[index]

    def drop(self, article_id: int) -> None:
        """Take a deleted article out of the results."""
        index = next((i for i, hit in enumerate(self.hits) if hit.article_id == article_id), None)
        if index is None:
            return
        del self.hits[index]
        self.remove_option_at_index(index)
