"""Turn a date phrase into an absolute date or range, relative to a reference day.

``resolve("Friday", date(2025, 4, 13), Tense.PAST)`` → 2025-04-11. Phrases with no year
or an implicit direction ("in May", "Monday") take it from the tense of the governing
verb: past picks the latest occurrence on or before the reference, future the first on
or after it, and an unknown tense the nearest weekday or the reference's own year.
Without a reference day only absolute phrases resolve. Ages and durations are
classified, never placed on the timeline.
"""

from __future__ import annotations

import re
from datetime import date

from reader.analysis import datewords as w
from reader.analysis.daterelative import relative
from reader.analysis.datevalues import (
    UNRESOLVED,
    Resolved,
    direction_of,
    in_month,
    in_year,
    month_span,
    on_day,
    point_of,
    season_of,
    year_for,
    year_span,
)
from reader.analysis.datewords import MONTH_PATTERN as _MONTH
from reader.analysis.datewords import NUMBER_PATTERN as _NUMBER
from reader.analysis.datewords import UNIT_PATTERN as _UNIT
from reader.analysis.datewords import WEEKDAY_PATTERN as _WEEKDAY
from reader.analysis.tense import Tense
from reader.models import DateKind

_FREQUENCY = {"annual", "annually", "daily", "weekly", "monthly", "yearly", "quarterly"}
_FREQUENCY |= {"biweekly", "nightly", "hourly", "seasonal", "once a year", "twice a year"}
_VAGUE = {"now", "currently", "recently", "the past", "the future", "these days", "nowadays"}
_MODIFIER = re.compile(
    r"^(?:early|late|mid|earlier|later|the end of|end of|the beginning of|the start of|"
    r"the middle of|the turn of|the first half of|the second half of)[- ]+"
)
_PREPOSITION = re.compile(r"^(?:on|in|at|by|since|until|till|from|during|as of|through) ")
_AGE = re.compile(
    rf"^(?:an? |the )?{_NUMBER}[- ](year|month|week|day)s?[- ]olds?$"
    rf"|^{_NUMBER} (year|month)s old$|^aged? (\d+)$"
)

_ISO = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_NUMERIC = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
_MONTH_DAY = re.compile(
    rf"^(?:{_WEEKDAY},? )?{_MONTH} (\d{{1,2}})(?:st|nd|rd|th)?(?:,? (\d{{4}}))?$"
)
_DAY_MONTH = re.compile(
    rf"^(?:{_WEEKDAY},? )?(?:the )?(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?{_MONTH},?(?: (\d{{4}}))?$"
)
_MONTH_YEAR = re.compile(rf"^{_MONTH},? (?:of )?(\d{{4}})$")
_MONTH_ALONE = re.compile(rf"^(?:(this past|this coming|last|next|this|past|coming) )?{_MONTH}$")
_YEAR = re.compile(r"^(?:the )?(?:year |fiscal |fy ?)?(\d{4})$")
_YEAR_RANGE = re.compile(r"^(?:from |between )?(\d{4}) ?(?:-|to|through|and|until) ?(\d{4}|\d{2})$")
_DECADE = re.compile(r"^(?:the )?(\d{3})0'?s$|^(?:the )?'(\d)0s$")
_CENTURY = re.compile(r"^(?:the )?(\d{1,2})(?:st|nd|rd|th) century$")
_QUARTER = re.compile(
    r"^(?:the )?(?:(first|second|third|fourth) quarter|q([1-4]))(?:,? (?:of )?(\d{4}))?$"
)
_HALF = re.compile(r"^(?:the )?(first|second) half(?: of (\d{4}))?$")
_SEASON_YEAR = re.compile(r"^(?:the )?(spring|summer|fall|autumn|winter),? (?:of )?(\d{4})$")
_DURATION = re.compile(
    rf"^(?:about |around |nearly |almost |more than |less than |at least |over |some |"
    rf"roughly |up to |another |just |only |a full )?"
    rf"(?:{_NUMBER} )?(?:and a half )?{_UNIT}(?: and a half)?(?: long| straight| running)?$"
    rf"|^(?:the |the full |the first |the last ){_NUMBER} {_UNIT}$"
    rf"|^{_NUMBER}-(?:second|minute|hour|day|night|week|month|year|decade)(?:-long)?$"
)


def normalise(phrase: str) -> str:
    text = phrase.lower().replace("’", "'").replace("–", "-").replace("—", "-")
    text = re.sub(r"\s+", " ", text).strip(' \t.,;:!?"()[]')
    if text.endswith("'s"):
        text = text[:-2]
    elif text.endswith("s'"):
        text = text[:-1]
    return text


def resolve(
    phrase: str, reference: date | None, tense: Tense = Tense.UNKNOWN, before: str = ""
) -> Resolved | None:
    """The meaning of ``phrase``; None when it names no time at all ("annual").

    ``before`` is the word preceding the phrase ("in" makes "in five years" a point
    when the verb is future)."""
    text = normalise(phrase)
    if not text or text in _FREQUENCY or text.startswith(("every ", "each ", "per ")):
        return None
    if text.isdigit() and len(text) <= 3:
        return None
    age = _AGE.match(text)
    if age:
        return Resolved(DateKind.AGE)
    if text in _VAGUE:
        return UNRESOLVED
    stripped = _PREPOSITION.sub("", text)
    core = _MODIFIER.sub("", stripped)
    try:
        found = (
            _explicit(core, reference, tense)
            or relative(core, reference, tense)
            or _duration(core, reference, tense, before.lower())
        )
    except (ValueError, OverflowError):
        return UNRESOLVED
    if found is not None:
        return found
    return _fallback(phrase, reference, tense)


# --- explicit dates --------------------------------------------------------------


def _explicit(text: str, ref: date | None, tense: Tense) -> Resolved | None:
    m = _ISO.match(text)
    # "2011-12" is a season more often than December 2011.
    if m and (m[3] or int(m[2]) != (int(m[1]) + 1) % 100) and 1 <= int(m[2]) <= 12:
        year, month = int(m[1]), int(m[2])
        return on_day(date(year, month, int(m[3]))) if m[3] else in_month(year, month)
    if m := _NUMERIC.match(text):
        first, second, year = int(m[1]), int(m[2]), int(m[3])
        year += 2000 if year < 100 else 0
        month, day = (second, first) if first > 12 else (first, second)
        return on_day(date(year, month, day))
    if m := _MONTH_DAY.match(text):
        return _month_day(m[1], w.MONTHS[m[2]], int(m[3]), m[4], ref, tense)
    if m := _DAY_MONTH.match(text):
        return _month_day(m[1], w.MONTHS[m[3]], int(m[2]), m[4], ref, tense)
    if m := _MONTH_YEAR.match(text):
        return in_month(int(m[2]), w.MONTHS[m[1]])
    if m := _MONTH_ALONE.match(text):
        if ref is None:
            return UNRESOLVED
        month = w.MONTHS[m[2]]
        return in_month(year_for(month, 1, ref, direction_of(m[1], tense), by_day=False), month)
    if m := _YEAR.match(text):
        return in_year(int(m[1]))
    if m := _YEAR_RANGE.match(text):
        first, last = int(m[1]), m[2]
        end = int(last) if len(last) == 4 else first // 100 * 100 + int(last)
        return year_span(first, end) if end > first else None
    if m := _DECADE.match(text):
        start = int(m[1]) * 10 if m[1] else 1900 + int(m[2]) * 10
        return year_span(start, start + 9)
    if m := _CENTURY.match(text):
        start = (int(m[1]) - 1) * 100
        return year_span(start, start + 99)
    if m := _QUARTER.match(text):
        quarter = int(m[2]) if m[2] else ["first", "second", "third", "fourth"].index(m[1]) + 1
        year = int(m[3]) if m[3] else (ref.year if ref else None)
        if year is None:
            return UNRESOLVED
        return month_span(year, quarter * 3 - 2, quarter * 3)
    if m := _HALF.match(text):
        year = int(m[2]) if m[2] else (ref.year if ref else None)
        if year is None:
            return UNRESOLVED
        return month_span(year, 1, 6) if m[1] == "first" else month_span(year, 7, 12)
    if m := _SEASON_YEAR.match(text):
        return season_of(int(m[2]), m[1])
    if text in w.HOLIDAYS or text.rsplit(" ", 1)[0] in w.HOLIDAYS:
        return _holiday(text, ref, tense)
    return None


def _month_day(
    weekday: str | None, month: int, day: int, year: str | None, ref: date | None, tense: Tense
) -> Resolved:
    if year:
        return on_day(date(int(year), month, day))
    if ref is None:
        return UNRESOLVED
    if weekday:
        # "Sunday, June 4": the year near the reference in which the weekday matches.
        wanted = w.WEEKDAYS[weekday]
        for candidate in (ref.year, ref.year - 1, ref.year + 1, ref.year - 2, ref.year + 2):
            try:
                if date(candidate, month, day).weekday() == wanted:
                    return on_day(date(candidate, month, day))
            except ValueError:
                continue
    return on_day(
        date(year_for(month, day, ref, direction_of(None, tense), by_day=True), month, day)
    )


def _holiday(text: str, ref: date | None, tense: Tense) -> Resolved:
    name, _, tail = text.rpartition(" ")
    if text in w.HOLIDAYS:
        name, tail = text, ""
    month, day = w.HOLIDAYS[name]
    if tail.isdigit():
        return on_day(date(int(tail), month, day))
    if ref is None:
        return UNRESOLVED
    return on_day(
        date(year_for(month, day, ref, direction_of(None, tense), by_day=True), month, day)
    )


# --- relative to the reference ----------------------------------------------------


# --- durations and the last resort --------------------------------------------------


def _duration(text: str, ref: date | None, tense: Tense, before: str) -> Resolved | None:
    m = _DURATION.match(text)
    if not m:
        return None
    if before == "in" and tense is Tense.FUTURE and ref is not None:
        words = text.split()
        count = w.number_value(words[0]) if len(words) == 2 else None
        unit = w.unit_of(words[-1])
        if count is not None and unit is not None:
            return point_of(w.shift(ref, count, unit), unit)
    return Resolved(DateKind.DURATION)


_HAS_DATE_WORD = re.compile(rf"\d|\b{_MONTH}\b")


def _fallback(phrase: str, ref: date | None, tense: Tense) -> Resolved:
    """dateparser for the formats above don't cover, but only on phrases that hold a
    digit or a month name: it reads ordinary words ("we", "second") as dates."""
    if not _HAS_DATE_WORD.search(phrase.lower()):
        return UNRESOLVED
    try:
        from dateparser.date import DateDataParser
    except ImportError:
        return UNRESOLVED
    prefer = {Tense.PAST: "past", Tense.FUTURE: "future"}.get(tense, "current_period")
    settings: dict[str, object] = {"PREFER_DATES_FROM": prefer, "STRICT_PARSING": False}
    if ref is not None:
        from datetime import datetime

        settings["RELATIVE_BASE"] = datetime(ref.year, ref.month, ref.day)
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(phrase)
    except Exception:  # a third-party parser must not break the analysis
        return UNRESOLVED
    if data is None or data.date_obj is None:
        return UNRESOLVED
    granularity = {"day": "day", "week": "day", "month": "month", "year": "year"}.get(
        data.period or "day", "day"
    )
    return Resolved(DateKind.POINT, w.iso(data.date_obj.date(), granularity), None, granularity)
