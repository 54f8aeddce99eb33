"""Sentences and paragraphs for the passage cursor (reader.passages)."""

from __future__ import annotations

from itertools import pairwise

from article_builder import ArticleBuilder
from hypothesis import given
from hypothesis import strategies as st

from reader.models import Article, Metadata
from reader.passages import Passages, first_words, shorten, split_sentences


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text, 0, len(text))]


def test_sentences_end_at_stops_with_closing_quotes_and_brackets() -> None:
    text = 'It rained. "Really?" she asked. (Yes, all day.) Then it stopped!'
    assert sentences(text) == [
        "It rained.",
        '"Really?" she asked.',  # a dialogue tag goes on in lower case
        "(Yes, all day.)",
        "Then it stopped!",
    ]


def test_abbreviations_initials_and_lower_case_do_not_end_sentences() -> None:
    text = "Dr. Smith met J. R. Tolkien at the U.S. embassy, e.g. on Mon. at noon. Done."
    assert sentences(text) == [
        "Dr. Smith met J. R. Tolkien at the U.S. embassy, e.g. on Mon. at noon.",
        "Done.",
    ]


def test_ellipses_line_breaks_and_ideographic_stops() -> None:
    assert sentences("Wait… then go. Next") == ["Wait… then go.", "Next"]
    assert sentences("First line\nsecond line") == ["First line", "second line"]
    assert sentences("東京に行った。次の文。") == ["東京に行った。", "次の文。"]


def test_sentence_spans_are_trimmed_slices_of_the_text() -> None:
    text = "  One two.   Three four?  "
    spans = split_sentences(text, 0, len(text))
    assert [(s.start, s.end) for s in spans] == [(2, 10), (13, 24)]


@given(st.text(alphabet="ab .!?\n“”Dr", max_size=80))
def test_sentences_never_overlap_and_cover_every_word(text: str) -> None:
    spans = split_sentences(text, 0, len(text))
    for before, after in pairwise(spans):
        assert before.end <= after.start
    covered = "".join(text[s.start : s.end] for s in spans)
    assert "".join(covered.split()) == "".join(text.split())


def article() -> Article:
    b = ArticleBuilder("Passages")
    b.heading("Passages. A title", level=1)
    b.paragraph("First sentence. Second sentence! Third one?")
    b.list(["Item one. Still item one.", "Item two"])
    b.paragraph("Last paragraph. The end.")
    return b.build()


def texts(passages: Passages, spans: list) -> list[str]:
    return [passages.text[s.start : s.end] for s in spans]


def test_headings_are_one_sentence_and_list_items_are_paragraphs() -> None:
    passages = Passages(article())
    text = passages.text
    assert texts(passages, [passages.sentence_at(0)]) == ["Passages. A title"]
    item = text.index("Item two")
    assert texts(passages, [passages.paragraph_at(item)]) == ["Item two"]
    assert passages.paragraph_count == 5


def test_walking_forward_and_back_by_sentence() -> None:
    passages = Passages(article())
    seen = []
    span = passages.sentence_at(0)
    while span is not None:
        seen.append(span)
        span = passages.next_sentence(span.start)
    assert texts(passages, seen) == [
        "Passages. A title",
        "First sentence.",
        "Second sentence!",
        "Third one?",
        "Item one.",
        "Still item one.",
        "Item two",
        "Last paragraph.",
        "The end.",
    ]
    back = []
    span = seen[-1]
    while span is not None:
        back.append(span)
        span = passages.previous_sentence(span.start)
    assert back == list(reversed(seen))


def test_previous_sentence_from_inside_a_sentence_is_its_start() -> None:
    passages = Passages(article())
    inside = passages.text.index("sentence!")
    found = passages.previous_sentence(inside)
    assert found is not None and passages.text[found.start : found.end] == "Second sentence!"


def test_paragraph_moves() -> None:
    passages = Passages(article())
    text = passages.text
    first = text.index("First")
    following = passages.next_paragraph(first)
    assert following is not None and text[following.start :].startswith("Item one.")
    previous = passages.previous_paragraph(text.index("Third"))
    assert previous is not None and previous.start == first
    assert passages.next_paragraph(text.index("The end")) is None


def test_between_paragraphs_and_past_the_end() -> None:
    passages = Passages(article())
    text = passages.text
    gap = text.index("Third one?") + len("Third one?") + 1
    found = passages.sentence_at(gap)
    assert found is not None and text[found.start :].startswith("Item one.")
    end = passages.sentence_at(len(text))
    assert end is not None and text[end.start : end.end] == "The end."


def test_an_article_without_text() -> None:
    empty = Passages(Article("x", Metadata(), "", ()))
    assert empty.sentence_at(0) is None
    assert empty.next_sentence(0) is None and empty.previous_sentence(0) is None
    assert empty.paragraph_at(0) is None


def test_first_words_and_shorten() -> None:
    assert first_words("  The quick\nbrown fox jumps over the lazy dog today  ", 4) == (
        "The quick brown fox"
    )
    assert shorten("word " * 40, 30).endswith(" …")
    assert len(shorten("word " * 40, 30)) <= 32
    assert shorten("short", 30) == "short"
