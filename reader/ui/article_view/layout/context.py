"""The article as the layout sees it: the model and its link numbering."""

from __future__ import annotations

from reader.models import Article
from reader.shown_text import ShownText
from reader.ui.article_view.layout.inline import LinkNumbers
from reader.ui.article_view.layout.lines import NumberedLink


class LayoutContext:
    """The article and its link numbering; what block layout needs. Worker threads
    share it: the article is immutable and the numbering locks."""

    def __init__(
        self,
        article: Article,
        figure_rows: int = 0,
        title_block: bool = False,
        numbers: bool = False,
    ) -> None:
        self.article = article
        self.link_numbers = LinkNumbers(article, shown=numbers)
        self.shown = ShownText(article)
        """Offsets for the text shown beside the article's (link groups, member lists,
        alt text): runs of it carry them, so search and overlays reach it."""
        # A page without pictures has nothing to reflow when the terminal's height
        # changes the rows they may take.
        drawable = figure_rows and any(block.image for block in article.blocks)
        self.figure_rows = figure_rows if drawable else 0
        """Most rows a figure's picture takes; 0 draws none (images off, or none to
        draw)."""
        self.title_block = title_block
        """The title block is drawn before the first block (``title_rows``)."""
        self._words: int | None = None

    @property
    def words(self) -> int:
        """The article's words, counted once (for the title block's reading time)."""
        if self._words is None:
            self._words = self.article.word_count()
        return self._words

    @property
    def text(self) -> str:
        """The article's text as given: offsets index it. Runs cut from it are made
        visible one by one (``safe_runs``), so no O(text) work precedes a first paint."""
        return self.article.text

    @property
    def links(self) -> tuple[NumberedLink, ...]:
        return self.link_numbers.all()


def make_context(
    article: Article, figure_rows: int = 0, title_block: bool = False, numbers: bool = False
) -> LayoutContext:
    """``numbers``: links show their number (``[3]``) in the text at all times."""
    return LayoutContext(article, figure_rows, title_block, numbers)
