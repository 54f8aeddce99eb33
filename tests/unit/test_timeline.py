"""The Dates tab's timeline as data: values for people, order, what is set apart,
snippets cut around the phrase."""

from __future__ import annotations

from datetime import datetime

import pytest

from reader.analysis.plaintext import article_from_paragraphs
from reader.analysis.timeline import SNIPPET_CHARS, build_timeline, human_date, human_value, snippet
from reader.models import Analysis, DateKind, DateMention


@pytest.mark.parametrize(
    ("iso", "shown"),
    [
        ("2025-04-13", "Sun 13 Apr 2025"),
        ("2024-02-29", "Thu 29 Feb 2024"),
        ("2025-04", "Apr 2025"),
        ("2024", "2024"),
        ("0999", "0999"),
        ("2025-02-30", "2025-02-30"),  # not a day: shown as it is
        ("2025-13", "2025-13"),
        ("soon", "soon"),
        ("2025-04-\x1b[2J", "2025-04-"),  # never a control sequence
    ],
)
def test_human_date(iso: str, shown: str) -> None:
    assert human_date(iso) == shown


@pytest.mark.parametrize(
    ("value", "end", "shown"),
    [
        ("2025-04-13", None, "Sun 13 Apr 2025"),
        ("2025-04-13", "2025-04-13", "Sun 13 Apr 2025"),
        ("2025-04-07", "2025-04-13", "7–13 Apr 2025"),
        ("2025-04-13", "2025-10-13", "13 Apr – 13 Oct 2025"),
        ("2025-04-13", "2026-04-13", "13 Apr 2025 – 13 Apr 2026"),
        ("2025-03", "2025-05", "Mar – May 2025"),
        ("2025-12", "2026-02", "Dec 2025 – Feb 2026"),
        ("2020", "2024", "2020–2024"),
        ("2024", "2025-02", "2024 – Feb 2025"),
        (None, None, ""),
    ],
)
def test_human_value_shares_what_both_ends_have_in_common(
    value: str | None, end: str | None, shown: str
) -> None:
    assert human_value(value, end) == shown


SENTENCES = [
    "Blinken arrived in Beijing early Sunday. He said Friday that talks would go on.",
    "The talks lasted two days. The 48-year-old envoy will return in May.",
    "Officials met in recent years, and again on 3 June 2024.",
]


def mention(text: str, phrase: str, kind: DateKind, value: str | None = None, **more: str):
    start = text.index(phrase)
    return DateMention(phrase, start, start + len(phrase), kind, value, **more)  # type: ignore[arg-type]


def sample() -> tuple[object, Analysis]:
    article = article_from_paragraphs(SENTENCES, published=datetime(2025, 4, 13, 12, 0))
    text = article.text
    dates = (
        mention(text, "early Sunday", DateKind.POINT, "2025-04-13", granularity="day"),
        mention(text, "Friday", DateKind.POINT, "2025-04-11", granularity="day"),
        mention(text, "two days", DateKind.DURATION),
        mention(text, "48-year-old", DateKind.AGE),
        mention(text, "May", DateKind.POINT, "2025-05", granularity="month"),
        mention(text, "recent years", DateKind.POINT),
        mention(text, "3 June 2024", DateKind.POINT, "2024-06-03", granularity="day"),
    )
    return article, Analysis(dates=dates, reference_date="2025-04-13")


def test_points_in_time_in_order_durations_apart_ages_out_unresolved_last() -> None:
    article, analysis = sample()
    timeline = build_timeline(article, analysis)  # type: ignore[arg-type]
    assert timeline.reference == "Sun 13 Apr 2025"
    assert [g.heading for g in timeline.points] == [
        "Mon 3 Jun 2024",
        "Fri 11 Apr 2025",
        "Sun 13 Apr 2025",
        "May 2025",
    ]
    assert [[e.phrase for e in g.entries] for g in timeline.points] == [
        ["3 June 2024"],
        ["Friday"],
        ["early Sunday"],
        ["May"],
    ]
    assert [e.phrase for e in timeline.durations] == ["two days"]
    assert [e.phrase for e in timeline.unresolved] == ["recent years"]
    everything = [e for g in timeline.points for e in g.entries]
    assert all(e.mention.kind is not DateKind.AGE for e in everything)


def test_an_entry_knows_its_sentence_and_shows_a_snippet_of_it() -> None:
    article, analysis = sample()
    timeline = build_timeline(article, analysis)  # type: ignore[arg-type]
    friday = timeline.points[1].entries[0]
    start, end = friday.sentence
    assert article.text[start:end] == "He said Friday that talks would go on."  # type: ignore[attr-defined]
    assert friday.parts == ("He said ", "Friday", " that talks would go on.")
    assert friday.snippet == "He said Friday that talks would go on."


def test_several_mentions_of_one_value_share_a_heading() -> None:
    text = "It rained on Friday. On Friday the roads flooded."
    article = article_from_paragraphs([text], published=datetime(2025, 4, 13))
    first = mention(article.text, "Friday", DateKind.POINT, "2025-04-11")
    second_at = article.text.index("Friday", first.end)
    second = DateMention("Friday", second_at, second_at + 6, DateKind.POINT, "2025-04-11")
    timeline = build_timeline(article, Analysis(dates=(second, first)))
    assert len(timeline.points) == 1
    assert [e.mention.start for e in timeline.points[0].entries] == [first.start, second_at]
    assert timeline.reference is None


def test_mentions_outside_the_text_are_left_out() -> None:
    article = article_from_paragraphs(["Short text."])
    bad = DateMention("Friday", 5, 500, DateKind.POINT, "2025-04-11")
    assert not build_timeline(article, Analysis(dates=(bad,)))


def test_a_long_sentence_is_cut_at_words_around_the_phrase() -> None:
    words = " ".join(f"word{n}" for n in range(60))
    text = f"{words} on Friday {words}."
    start = text.index("Friday")
    before, phrase, after = snippet(text, (0, len(text)), start, start + 6)
    assert phrase == "Friday"
    assert before.startswith("…word") and after.endswith("…")
    assert before.endswith("on ") and after.startswith(" word0")
    assert len(before + phrase + after) <= SNIPPET_CHARS + 2
    assert not before[1:].startswith("ord")  # whole words only


def test_a_snippet_is_one_line_of_safe_text() -> None:
    text = "He said\n on \x1b]0;owned\x07Friday\tthat\u202e it rained."
    start = text.index("Friday")
    shown = "".join(snippet(text, (0, len(text)), start, start + 6))
    assert "\n" not in shown and "\x1b" not in shown and "\u202e" not in shown
    assert "  " not in shown
