"""The size bound of the analysis: a long text is analysed in its first part only, cut
at a paragraph end, the notice says how much, offsets stay those of the whole text,
and the bound is part of the cache key."""

from __future__ import annotations

from datetime import datetime

import pytest

from reader.analysis import MAX_CHARS, analyse, cache, cached, nlp
from reader.analysis.plaintext import article_from_paragraphs
from reader.analysis.units import analysed_end, bound_notice, units_of
from reader.config import AnalysisSettings
from reader.models import Article

PUBLISHED = datetime(2025, 4, 13, 9, 0)
PARAGRAPH = "Antony Blinken arrived in Beijing early Sunday and met Wang Yi on Monday."
LATE = "Margaret Thatcher visited Nairobi in 1979."


def long_article(repeats: int = 40) -> Article:
    """``repeats`` paragraphs naming Blinken, then one naming Thatcher."""
    return article_from_paragraphs([PARAGRAPH] * repeats + [LATE], published=PUBLISHED)


def test_the_default_bound_is_the_settings_default() -> None:
    assert AnalysisSettings().max_chars == MAX_CHARS
    # Comfortably above a 20,000-word article (about 130,000 characters).
    assert MAX_CHARS >= 3 * 130_000


def test_a_text_within_the_bound_is_analysed_whole() -> None:
    text = "One paragraph.\n\nAnother."
    assert analysed_end(text, len(text)) == len(text)
    assert analysed_end(text, None) == len(text)
    assert bound_notice(len(text), len(text)) is None


def test_the_cut_is_at_a_paragraph_end() -> None:
    text = "a" * 600 + "\n\n" + "b" * 600 + "\n\n" + "c" * 600
    end = analysed_end(text, 1500)
    assert end == 1202  # the newline after the b paragraph
    assert text[:end].endswith("b")


def test_a_single_line_is_cut_at_a_sentence_end_or_a_space() -> None:
    text = "Word word word. " * 500
    end = analysed_end(text, 4000)
    assert end <= 4000 and text[:end].endswith(". ")
    spaces = "word " * 2000
    end = analysed_end(spaces, 4001)
    assert end <= 4001 and spaces[end] == " "
    solid = "x" * 10_000
    assert analysed_end(solid, 4000) == 4000


def test_the_notice_gives_the_share_read() -> None:
    assert bound_notice(400_000, 8_000_000) == (
        "Names and dates found in the first 5% of the article"
    )
    assert bound_notice(1, 8_000_000) == "Names and dates found in the first 1% of the article"
    assert bound_notice(999, 1000) == "Names and dates found in the first 99% of the article"


def test_units_stop_at_the_end() -> None:
    article = long_article(10)
    end = analysed_end(article.text, len(article.text) // 2)
    units = units_of(article, end)
    assert units and all(u.end <= end for u in units)
    assert units == [u for u in units_of(article) if u.end <= end]


def test_a_bounded_analysis_reads_the_first_part_only(pipeline: nlp.Pipeline) -> None:
    article = long_article()
    bound = len(article.text) - len(LATE) - 10
    analysis = analyse(article, max_chars=bound, use_cache=False)
    names = {e.name for e in analysis.entities}
    assert "Antony Blinken" in names
    assert "Margaret Thatcher" not in names
    assert not any(d.text == "1979" for d in analysis.dates)
    share = 100 * analysed_end(article.text, bound) // len(article.text)
    assert analysis.notice == f"Names and dates found in the first {share}% of the article"
    # Offsets still point into the whole text, at the words they name.
    for entity in analysis.entities:
        for mention in entity.mentions:
            assert 0 <= mention.start < mention.end <= bound
            assert article.text[mention.start : mention.end] in entity.name + "'s"
    for found in analysis.dates:
        assert article.text[found.start : found.end] == found.text
    whole = analyse(article, max_chars=None, use_cache=False)
    assert whole.notice is None
    assert "Margaret Thatcher" in {e.name for e in whole.entities}


def test_the_bound_is_part_of_the_cache_key(pipeline: nlp.Pipeline) -> None:
    article = long_article()
    bound = len(article.text) - len(LATE) - 10
    end = analysed_end(article.text, bound)
    assert cache.key(article, nlp.DEFAULT_MODEL, end) != cache.key(article, nlp.DEFAULT_MODEL)
    # A bound beyond the text changes nothing: the whole-text entry serves it.
    assert cache.key(article, nlp.DEFAULT_MODEL, len(article.text)) == cache.key(
        article, nlp.DEFAULT_MODEL
    )
    partial = analyse(article, max_chars=bound)
    assert cached(article, max_chars=bound) == partial
    assert cached(article, max_chars=None) is None
    whole = analyse(article, max_chars=None)
    assert whole.notice is None
    assert cached(article, max_chars=None) == whole
    assert cached(article, max_chars=bound) == partial


def test_without_the_model_the_notice_says_both(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(*_: object, **__: object) -> nlp.Pipeline:
        raise nlp.ModelUnavailable("entities need the spaCy model x: pip install x")

    monkeypatch.setattr(nlp, "load", missing)
    article = long_article()
    analysis = analyse(article, max_chars=len(article.text) // 2, use_cache=False)
    assert analysis.model is None
    assert analysis.notice is not None
    assert analysis.notice.startswith("entities need the spaCy model x")
    assert "Names and dates found in the first" in analysis.notice
    assert all(d.end <= len(article.text) // 2 for d in analysis.dates)


def test_resting_between_batches_gives_the_same_result(pipeline: nlp.Pipeline) -> None:
    article = long_article(30)
    assert analyse(article, use_cache=False, rest=0.001) == analyse(article, use_cache=False)
