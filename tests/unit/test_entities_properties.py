"""Whatever the text, the analysis returns offsets inside it that spell what it says."""

from __future__ import annotations

from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.analysis import analyse, enumeration_sections, nlp
from reader.analysis.plaintext import article_from_paragraphs

WORDS = [
    "Antony",
    "Blinken",
    "Xi",
    "Jinping",
    "said",
    "will",
    "meet",
    "met",
    "on",
    "in",
    "Friday",
    "Monday",
    "May",
    "March",
    "2012",
    "48-year-old",
    "two",
    "three",
    "days",
    "men",
    "citizens",
    "including",
    "are",
    "the",
    "other",
    "last",
    "year",
    "next",
    "week",
    ",",
    ".",
    ";",
    ":",
    "who",
    "has",
    "been",
    "imprisoned",
    "since",
    "Kai",
    "Li",
    "Beijing",
    "U.S.",
    "’s",
    "'s",
    "(",
    ")",
    "—",
    "\u202e",
    "\ud800",
    "\t",
    "ago",
    "earlier",
    "this",
    "month",
    "31",
    "Q3",
]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40), min_size=1, max_size=4),
    st.booleans(),
)
def test_offsets_always_spell_the_mentions(
    pipeline: nlp.Pipeline, paragraphs: list[list[str]], dated: bool
) -> None:
    article = article_from_paragraphs(
        [" ".join(p) for p in paragraphs],
        published=datetime(2025, 4, 13) if dated else None,
    )
    analysis = analyse(article, use_cache=False)
    text = article.text
    for entity in analysis.entities:
        assert entity.mentions
        for span in entity.mentions:
            assert 0 <= span.start < span.end <= len(text)
    for mention in analysis.dates:
        assert text[mention.start : mention.end] == mention.text
    for enumeration in analysis.enumerations:
        assert enumeration.count == len(enumeration.members)
        for member in enumeration.members:
            assert 0 <= member.start < member.end <= len(text)
    for section in enumeration_sections(article, analysis):
        assert 0 <= section.start < section.end <= len(text)
