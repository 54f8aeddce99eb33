"""The date resolver on phrases, with the tense given: no model needed."""

from __future__ import annotations

from datetime import date

import pytest

from reader.analysis.dateresolve import Resolved, resolve
from reader.analysis.tense import Tense
from reader.models import DateKind

SUNDAY = date(2025, 4, 13)
PAST, FUTURE, UNKNOWN = Tense.PAST, Tense.FUTURE, Tense.UNKNOWN


def point(value: str, granularity: str) -> Resolved:
    return Resolved(DateKind.POINT, value, None, granularity)


def span(first: str, last: str) -> Resolved:
    return Resolved(DateKind.POINT, first, last, "range")


@pytest.mark.parametrize(
    ("phrase", "tense", "before", "expected"),
    [
        # weekdays: past picks the latest on or before, future the first on or after
        ("early Sunday", PAST, "", point("2025-04-13", "day")),
        ("Friday", PAST, "", point("2025-04-11", "day")),
        ("Saturday", PAST, "", point("2025-04-12", "day")),
        ("Friday", FUTURE, "on", point("2025-04-18", "day")),
        ("Monday", FUTURE, "on", point("2025-04-14", "day")),
        ("Monday", PAST, "on", point("2025-04-07", "day")),
        ("Monday", UNKNOWN, "on", point("2025-04-14", "day")),
        ("Thursday", UNKNOWN, "", point("2025-04-10", "day")),
        ("Wednesday", UNKNOWN, "", point("2025-04-16", "day")),
        ("last Sunday", UNKNOWN, "", point("2025-04-06", "day")),
        ("next Monday", UNKNOWN, "", point("2025-04-14", "day")),
        ("this Friday", UNKNOWN, "", point("2025-04-18", "day")),
        ("this past Friday", UNKNOWN, "", point("2025-04-11", "day")),
        ("Friday night", PAST, "", point("2025-04-11", "day")),
        ("late Saturday", PAST, "", point("2025-04-12", "day")),
        # days around the reference
        ("today", UNKNOWN, "", point("2025-04-13", "day")),
        ("yesterday", UNKNOWN, "", point("2025-04-12", "day")),
        ("tomorrow", UNKNOWN, "", point("2025-04-14", "day")),
        ("last night", UNKNOWN, "", point("2025-04-12", "day")),
        # months without a year
        ("February", PAST, "in", point("2025-02", "month")),
        ("May", PAST, "in", point("2024-05", "month")),
        ("May", FUTURE, "in", point("2025-05", "month")),
        ("February", FUTURE, "in", point("2026-02", "month")),
        ("April", PAST, "in", point("2025-04", "month")),
        ("September", UNKNOWN, "in", point("2025-09", "month")),
        ("November", FUTURE, "in", point("2025-11", "month")),
        ("last May", UNKNOWN, "", point("2024-05", "month")),
        ("next March", UNKNOWN, "", point("2026-03", "month")),
        ("mid-May", PAST, "", point("2024-05", "month")),
        ("early June", FUTURE, "", point("2025-06", "month")),
        ("June 3", PAST, "", point("2024-06-03", "day")),
        ("June 3", FUTURE, "", point("2025-06-03", "day")),
        ("Sept. 5", PAST, "", point("2024-09-05", "day")),
        # periods relative to the reference
        ("earlier this month", UNKNOWN, "", point("2025-04", "month")),
        ("later this month", UNKNOWN, "", point("2025-04", "month")),
        ("last month", UNKNOWN, "", point("2025-03", "month")),
        ("next month", UNKNOWN, "", point("2025-05", "month")),
        ("last year", UNKNOWN, "", point("2024", "year")),
        ("this year", UNKNOWN, "", point("2025", "year")),
        ("later this year", UNKNOWN, "", point("2025", "year")),
        ("next year", UNKNOWN, "", point("2026", "year")),
        ("the end of the year", UNKNOWN, "", point("2025", "year")),
        ("this week", UNKNOWN, "", span("2025-04-07", "2025-04-13")),
        ("earlier in the week", UNKNOWN, "", span("2025-04-07", "2025-04-13")),
        ("next week", UNKNOWN, "", span("2025-04-14", "2025-04-20")),
        ("last week", UNKNOWN, "", span("2025-03-31", "2025-04-06")),
        ("this weekend", UNKNOWN, "", span("2025-04-12", "2025-04-13")),
        ("the third quarter", UNKNOWN, "", span("2025-07", "2025-09")),
        ("last summer", UNKNOWN, "", span("2024-06", "2024-08")),
        # ranges ahead and behind
        ("the next several months", UNKNOWN, "", span("2025-04-13", "2025-10-13")),
        ("the next year", UNKNOWN, "over", span("2025-04-13", "2026-04-13")),
        ("the past two years", UNKNOWN, "", span("2023-04-13", "2025-04-13")),
        ("the coming weeks", FUTURE, "", span("2025-04-13", "2025-05-04")),
        # offsets
        ("three years ago", UNKNOWN, "", point("2022", "year")),
        ("two days ago", UNKNOWN, "", point("2025-04-11", "day")),
        ("six months from now", UNKNOWN, "", point("2025-10", "month")),
        ("five years", FUTURE, "in", point("2030", "year")),
        # absolute dates and years
        ("June 3, 2024", UNKNOWN, "", point("2024-06-03", "day")),
        ("3 June 2024", UNKNOWN, "", point("2024-06-03", "day")),
        ("Monday, June 3rd, 2024", UNKNOWN, "", point("2024-06-03", "day")),
        ("June 2024", UNKNOWN, "", point("2024-06", "month")),
        ("2024-06-03", UNKNOWN, "", point("2024-06-03", "day")),
        ("06/03/2024", UNKNOWN, "", point("2024-06-03", "day")),
        ("2006", PAST, "since", point("2006", "year")),
        ("mid-2024", UNKNOWN, "", point("2024", "year")),
        ("Q3 2024", UNKNOWN, "", span("2024-07", "2024-09")),
        ("the 1990s", UNKNOWN, "", span("1990", "1999")),
        ("the '80s", UNKNOWN, "", span("1980", "1989")),
        ("2019-2021", UNKNOWN, "", span("2019", "2021")),
        ("between 2019 and 2021", UNKNOWN, "", span("2019", "2021")),
        ("2019-20", UNKNOWN, "", span("2019", "2020")),
        ("the 21st century", UNKNOWN, "", span("2000", "2099")),
        ("the summer of 2022", UNKNOWN, "", span("2022-06", "2022-08")),
        ("Christmas", FUTURE, "", point("2025-12-25", "day")),
        ("Christmas Eve 2023", UNKNOWN, "", point("2023-12-24", "day")),
        ("Sunday, June 4", UNKNOWN, "", point("2023-06-04", "day")),
    ],
)
def test_points_resolve_against_the_reference(
    phrase: str, tense: Tense, before: str, expected: Resolved
) -> None:
    assert resolve(phrase, SUNDAY, tense, before) == expected


@pytest.mark.parametrize(
    "phrase", ["two days", "five years", "a day", "decades", "more than a year", "three-week"]
)
def test_durations_stay_off_the_timeline(phrase: str) -> None:
    assert resolve(phrase, SUNDAY, UNKNOWN, "for") == Resolved(DateKind.DURATION)


def test_in_five_years_is_a_duration_unless_the_verb_is_future() -> None:
    assert resolve("five years", SUNDAY, PAST, "in").kind is DateKind.DURATION
    assert resolve("five years", SUNDAY, UNKNOWN, "in").kind is DateKind.DURATION


@pytest.mark.parametrize("phrase", ["48-year-old", "67-year-old", "five-year-old", "aged 48"])
def test_ages_are_ages(phrase: str) -> None:
    assert resolve(phrase, SUNDAY, UNKNOWN).kind is DateKind.AGE


@pytest.mark.parametrize(
    "phrase",
    ["recent years", "two weeks later", "a year earlier", "the following year", "now", "the day"],
)
def test_unresolvable_phrases_are_kept_without_a_value(phrase: str) -> None:
    assert resolve(phrase, SUNDAY, PAST) == Resolved(DateKind.POINT)


def test_the_next_months_in_a_past_narrative_are_not_guessed() -> None:
    assert resolve("the next several months", SUNDAY, PAST).value is None


@pytest.mark.parametrize("phrase", ["annual", "daily", "every year", "each week", "31", "7"])
def test_frequencies_and_bare_numbers_are_not_dates(phrase: str) -> None:
    assert resolve(phrase, SUNDAY, UNKNOWN) is None


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("June 3, 2024", "2024-06-03"),
        ("2006", "2006"),
        ("the 1990s", "1990"),
        ("Friday", None),
        ("in May", None),
        ("last year", None),
        ("next week", None),
        ("three years ago", None),
    ],
)
def test_without_a_reference_only_absolute_phrases_resolve(phrase: str, value: str | None) -> None:
    resolved = resolve(phrase, None, PAST)
    assert resolved is not None
    assert resolved.value == value


def test_a_broken_date_is_unresolved_not_an_error() -> None:
    assert resolve("February 30, 2024", SUNDAY, UNKNOWN) == Resolved(DateKind.POINT)


def test_dateparser_handles_other_spellings_of_full_dates() -> None:
    resolved = resolve("the 3rd of June, 2024", SUNDAY, UNKNOWN)
    assert resolved is not None and resolved.value == "2024-06-03"
