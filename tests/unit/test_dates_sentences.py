"""Dates in hand-written sentences: the tense of the governing verb, read from the
dependency parse, decides past or future (publication date: Sunday 2025-04-13)."""

from __future__ import annotations

from datetime import datetime

import pytest

from reader.analysis import analyse, nlp
from reader.analysis.plaintext import article_from_paragraphs
from reader.models import DateKind, DateMention

PUBLISHED = datetime(2025, 4, 13, 22, 32, 16)


def dates_in(text: str, published: datetime | None = PUBLISHED) -> list[DateMention]:
    article = article_from_paragraphs([text], published=published)
    return list(analyse(article, use_cache=False).dates)


def mention(text: str, phrase: str, published: datetime | None = PUBLISHED) -> DateMention:
    found = [d for d in dates_in(text, published) if phrase in d.text]
    assert found, f"no date mention holding {phrase!r} in {dates_in(text, published)}"
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "phrase", "value"),
    [
        ("The minister arrived in Paris early Sunday.", "Sunday", "2025-04-13"),
        ("She will meet the president on Monday.", "Monday", "2025-04-14"),
        ("He said Friday that the talks would resume.", "Friday", "2025-04-11"),
        ("The talks will resume on Friday.", "Friday", "2025-04-18"),
        ("The company announced the deal on Wednesday.", "Wednesday", "2025-04-09"),
        ("The summit will open on Wednesday in Rome.", "Wednesday", "2025-04-16"),
        ("He returned from Tokyo on Saturday.", "Saturday", "2025-04-12"),
        ("The two leaders have spoken twice since Tuesday.", "Tuesday", "2025-04-08"),
        ("They hope to finish the work by Thursday.", "Thursday", "2025-04-17"),
        ("The envoy plans to visit Kyiv on Tuesday.", "Tuesday", "2025-04-15"),
        ("The ministers met in May to discuss the plan.", "May", "2024-05"),
        ("The ministers will meet in May to discuss the plan.", "May", "2025-05"),
        ("The law was passed in February after a long debate.", "February", "2025-02"),
        ("The report will be published in February.", "February", "2026-02"),
        ("The festival returns in September.", "September", "2025-09"),
        ("Elections could be held in November.", "November", "2025-11"),
        ("The treaty was signed on June 3, 2024, in Oslo.", "June 3, 2024", "2024-06-03"),
        ("She was born on 4 July 1990 in Leeds.", "1990", "1990-07-04"),
        ("The firm was founded in 2006.", "2006", "2006"),
        ("The group met earlier this month in Geneva.", "this month", "2025-04"),
        ("Sales fell last month.", "last month", "2025-03"),
        ("The bridge will reopen later this year.", "this year", "2025"),
        ("The factory closed three years ago.", "three years ago", "2022"),
        ("The station will open in five years.", "five years", "2030"),
        ("Yesterday the council approved the budget.", "Yesterday", "2025-04-12"),
        ("The bank raised rates last year.", "last year", "2024"),
        ("He lived in Lisbon in the 1990s.", "1990s", "1990"),
    ],
)
def test_points_take_their_direction_from_the_verb(
    pipeline: nlp.Pipeline, sentence: str, phrase: str, value: str
) -> None:
    found = mention(sentence, phrase)
    assert found.kind is DateKind.POINT
    assert found.value == value


@pytest.mark.parametrize(
    ("sentence", "phrase", "first", "last"),
    [
        (
            "Inflation could ease over the next several months.",
            "months",
            "2025-04-13",
            "2025-10-13",
        ),
        ("The vote is scheduled for next week.", "next week", "2025-04-14", "2025-04-20"),
        ("Prices rose sharply last week.", "last week", "2025-03-31", "2025-04-06"),
        ("Exports rose between 2019 and 2021.", "2019", "2019", "2021"),
    ],
)
def test_ranges(pipeline: nlp.Pipeline, sentence: str, phrase: str, first: str, last: str) -> None:
    found = mention(sentence, phrase)
    assert (found.value, found.range_end, found.granularity) == (first, last, "range")


@pytest.mark.parametrize(
    ("sentence", "phrase", "kind"),
    [
        ("The trial lasted two weeks.", "two weeks", DateKind.DURATION),
        ("He was the first envoy to visit in five years.", "five years", DateKind.DURATION),
        ("A 48-year-old teacher was arrested.", "48-year-old", DateKind.AGE),
        ("The court heard 67-year-old David Lin on Monday.", "67-year-old", DateKind.AGE),
        ("It joined an 18-month-old partnership.", "18-month-old", DateKind.DURATION),
        ("Anna Berg, 31, of Portland was rescued.", "31", DateKind.AGE),
    ],
)
def test_durations_and_ages_are_kept_off_the_timeline(
    pipeline: nlp.Pipeline, sentence: str, phrase: str, kind: DateKind
) -> None:
    found = mention(sentence, phrase)
    assert found.kind is kind
    assert found.value is None


def test_unresolvable_phrases_are_kept_as_text(pipeline: nlp.Pipeline) -> None:
    found = mention("Ties have grown increasingly fraught in recent years.", "recent years")
    assert found.kind is DateKind.POINT and found.value is None


def test_offsets_point_at_the_phrase(pipeline: nlp.Pipeline) -> None:
    text = "The minister arrived in Paris early Sunday and left on Monday."
    article = article_from_paragraphs([text], published=PUBLISHED)
    for found in analyse(article, use_cache=False).dates:
        assert article.text[found.start : found.end] == found.text


def test_without_a_publication_date_relative_phrases_stay_unresolved(
    pipeline: nlp.Pipeline,
) -> None:
    text = "She will meet the president on Monday, as agreed in 2006 and on June 3, 2024."
    by_text = {d.text: d.value for d in dates_in(text, published=None)}
    assert by_text["Monday"] is None
    assert by_text["2006"] == "2006"
    assert by_text["June 3, 2024"] == "2024-06-03"


def test_the_reference_date_is_reported(pipeline: nlp.Pipeline) -> None:
    article = article_from_paragraphs(["He left on Friday."], published=PUBLISHED)
    assert analyse(article, use_cache=False).reference_date == "2025-04-13"
    undated = article_from_paragraphs(["He left on Friday."])
    assert analyse(undated, use_cache=False).reference_date is None
