"""The title block: what it says (standfirst only when it is one), and that it is drawn
before the article with no offsets of its own, so the text, search and notes are the
same with it or without it."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from article_builder import ArticleBuilder

from reader.anchoring import TextIndex, range_anchor
from reader.models import Article, Metadata
from reader.search import find
from reader.title_block import standfirst, title_block
from reader.ui.article_view.layout.document import lay_out_article
from reader.ui.article_view.layout.lines import NO_OFFSET, RUNS, START, line_text

LEAD = (
    "Visitors to Port Wren used to set their watches by the clock above the harbour "
    "office. For eleven years it told nobody anything."
)
STANDFIRST = "Volunteers have rebuilt the harbour clock: it now shows the tide, not the hour."


def _article(description: str | None, *, heading: bool = False) -> Article:
    b = ArticleBuilder("The tide clock that Port Wren built")
    if heading:
        b.heading("The tide clock that Port Wren built", level=1)
    b.paragraph(LEAD)
    b.paragraph("Since Saturday it has been running again.")
    article = b.build()
    meta = Metadata(
        title="The tide clock that Port Wren built",
        site="The Coastline Gazette",
        byline="Maren Holt",
        published=datetime(2026, 3, 15),
        description=description,
    )
    return dataclasses.replace(article, metadata=meta)


def test_a_real_standfirst_is_shown() -> None:
    assert standfirst(_article(STANDFIRST)) == STANDFIRST


def test_a_description_copied_from_the_first_paragraph_is_not_a_standfirst() -> None:
    assert standfirst(_article(LEAD)) == ""
    assert standfirst(_article(LEAD[:90] + "…")) == ""  # cut short, as pages do
    assert standfirst(_article("The tide clock that Port Wren built")) == ""
    assert standfirst(_article(None)) == ""
    assert standfirst(_article("word " * 200)) == ""  # a summary, not a standfirst


def test_the_title_block_has_title_standfirst_and_every_detail() -> None:
    block = title_block(_article(STANDFIRST), words=460)
    assert block.title == "The tide clock that Port Wren built"
    assert block.standfirst == STANDFIRST
    assert block.details == ("Maren Holt", "The Coastline Gazette", "15 Mar 2026", "2 min read")


def test_the_title_is_not_shown_twice() -> None:
    assert title_block(_article(None, heading=True), words=10).title == ""
    # A page with no title of its own is named after its first line (a menu's, here).
    b = ArticleBuilder("Alpha news")
    b.list(["Alpha news", "Beta news"])
    assert title_block(b.build(), words=4).title == ""


def test_page_text_in_the_title_block_is_never_markup_or_control_sequences() -> None:
    article = _article("[bold]x[/bold] \x1b[31mred\x1b[0m")
    rows = lay_out_article(article, 60, title_block=True).lines
    shown = "".join(line_text(line) for line in rows)
    assert "\x1b" not in shown


def test_the_title_block_rows_stand_before_the_text_and_change_no_offset() -> None:
    article = _article(STANDFIRST)
    plain = lay_out_article(article, 80)
    titled = lay_out_article(article, 80, title_block=True)
    extra = len(titled.lines) - len(plain.lines)
    texts = [line_text(line) for line in titled.lines[:extra]]
    assert texts[0] == "The tide clock that Port Wren built"
    assert STANDFIRST in " ".join(texts)
    assert "Maren Holt · The Coastline Gazette · 15 Mar 2026 · 1 min read" in texts
    # Its rows map to no text: every run is decoration, every row stands for offset 0.
    for line in titled.lines[:extra]:
        assert line[START] == 0 and all(run[2] == NO_OFFSET for run in line[RUNS])
    # The rest is the same rows, and offsets land on the same text rows, shifted.
    assert titled.lines[extra:] == plain.lines
    for offset in (0, 10, len(LEAD), len(article.text) - 1):
        assert titled.line_of_offset(offset) == plain.line_of_offset(offset) + extra


def test_search_and_notes_saved_before_still_land_on_the_same_words() -> None:
    article = _article(STANDFIRST)
    start = article.text.index("eleven years")
    anchor = range_anchor(article.text, start, start + len("eleven years"))
    # The title block is not part of the text: the text, and so every anchor and
    # search hit, is the one notes were made on before it existed.
    assert STANDFIRST not in article.text and "Maren Holt" not in article.text
    placed = TextIndex(article.text).locate(anchor)
    assert placed is not None and article.text[placed.start : placed.end] == "eleven years"
    assert [s.start for s in find(article.text, "eleven years")] == [start]
