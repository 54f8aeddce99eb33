"""Phrases relative to the reference day: weekdays, "last month", "three years ago",
"the next several months"."""

from __future__ import annotations

import re
from datetime import date, timedelta

from reader.analysis import datewords as w
from reader.analysis.datevalues import (
    UNRESOLVED,
    Resolved,
    direction_of,
    in_month,
    in_year,
    month_span,
    on_day,
    point_of,
    range_of,
    season_of,
    year_for,
    year_span,
)
from reader.analysis.datewords import NUMBER_PATTERN as _NUMBER
from reader.analysis.datewords import PERIOD_PATTERN as _PERIOD
from reader.analysis.datewords import UNIT_PATTERN as _UNIT
from reader.analysis.datewords import WEEKDAY_PATTERN as _WEEKDAY
from reader.analysis.tense import Tense

_DAY_WORD = re.compile(
    r"^(today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening)|last night"
    r"|(?:yesterday|tomorrow) (?:morning|afternoon|evening|night))$"
)
_WEEKDAY_PHRASE = re.compile(
    rf"^(?:(this past|this coming|last|next|this|past|coming) )?{_WEEKDAY}"
    r"(?: (?:morning|afternoon|evening|night|noon|midday))?$"
)
_THIS_PERIOD = re.compile(rf"^(this past|this coming|this|last|next|past|coming|the) {_PERIOD}$")
_IN_THE_PERIOD = re.compile(rf"^in the {_PERIOD}$")
_AGO = re.compile(rf"^{_NUMBER} {_UNIT} (ago|from now|earlier|later|before|after|prior)$")
_SPAN = re.compile(
    rf"^(?:the )?(past|last|next|coming|previous|following|upcoming) (?:{_NUMBER} )?{_UNIT}$"
)
_RECENT = re.compile(rf"^(?:in )?recent {_UNIT}$")


def relative(text: str, ref: date | None, tense: Tense) -> Resolved | None:
    """``text`` (normalised, modifiers removed) against ``ref``; None when it is no
    phrase of this kind."""
    if _RECENT.match(text):
        return UNRESOLVED
    if m := _DAY_WORD.match(text):
        if ref is None:
            return UNRESOLVED
        word = m[1]
        if word.startswith("yesterday") or word == "last night":
            return on_day(ref - timedelta(days=1))
        if word.startswith("tomorrow"):
            return on_day(ref + timedelta(days=1))
        return on_day(ref)
    if m := _WEEKDAY_PHRASE.match(text):
        if ref is None:
            return UNRESOLVED
        modifier = m[1]
        if modifier == "this":
            # "this Friday" is the coming one, unless the verb puts it in the past.
            modifier = "this past" if tense is Tense.PAST else None
            tense = Tense.FUTURE if tense is not Tense.PAST else tense
        return on_day(_weekday(w.WEEKDAYS[m[2]], ref, direction_of(modifier, tense)))
    if m := _IN_THE_PERIOD.match(text):
        return _period("this", m[1], ref, tense)
    if m := _THIS_PERIOD.match(text):
        return _period(m[1], m[2], ref, tense)
    if m := _AGO.match(text):
        count, unit = w.number_value(m[1]), w.unit_of(m[2])
        if m[3] not in ("ago", "from now"):
            return UNRESOLVED
        if ref is None or count is None or unit is None:
            return UNRESOLVED
        sign = -1 if m[3] == "ago" else 1
        return point_of(w.shift(ref, sign * count, unit), unit)
    if m := _SPAN.match(text):
        return _span(m[1], m[2], m[3], ref, tense)
    if text in w.SEASONS:
        if ref is None:
            return UNRESOLVED
        first = w.SEASONS[text]
        return season_of(year_for(first, 1, ref, direction_of(None, tense), by_day=False), text)
    return None


def _weekday(wanted: int, ref: date, direction: str) -> date:
    back = (ref.weekday() - wanted) % 7
    ahead = (wanted - ref.weekday()) % 7
    if direction == "past":
        return ref - timedelta(days=back)
    if direction == "strict-past":
        return ref - timedelta(days=back or 7)
    if direction == "future":
        return ref + timedelta(days=ahead)
    if direction == "strict-future":
        return ref + timedelta(days=ahead or 7)
    return ref - timedelta(days=back) if back <= ahead else ref + timedelta(days=ahead)


def _period(modifier: str, period: str, ref: date | None, tense: Tense) -> Resolved:
    if ref is None:
        return UNRESOLVED
    step = {"last": -1, "past": -1, "this past": -1, "next": 1, "coming": 1, "this coming": 1}
    if modifier == "the":
        # "the weekend", "the summer": the tense says which one.
        step_by_tense = {Tense.PAST: -1, Tense.FUTURE: 1}
        offset = 0 if period in ("week", "month", "year") else step_by_tense.get(tense, 0)
    else:
        offset = step.get(modifier, 0)
    if period == "week":
        start = w.week_start(ref) + timedelta(weeks=offset)
        return range_of(start.isoformat(), (start + timedelta(days=6)).isoformat())
    if period == "weekend":
        saturday = w.week_start(ref) + timedelta(days=5)
        if modifier == "the" and offset == -1 and ref >= saturday:
            offset = 0
        start = saturday + timedelta(weeks=offset)
        return range_of(start.isoformat(), (start + timedelta(days=1)).isoformat())
    if period == "month":
        day = w.add_months(ref, offset)
        return in_month(day.year, day.month)
    if period == "year":
        return in_year(ref.year + offset)
    if period == "decade":
        start = (ref.year // 10 + offset) * 10
        return year_span(start, start + 9)
    if period == "century":
        start = (ref.year // 100 + offset) * 100
        return year_span(start, start + 99)
    if period == "quarter":
        day = w.add_months(ref, 3 * offset)
        first = (day.month - 1) // 3 * 3 + 1
        return month_span(day.year, first, first + 2)
    return _season_near(period, ref, offset)


def _season_near(name: str, ref: date, offset: int) -> Resolved:
    first = w.SEASONS[name]
    year = ref.year - 1 if first == 12 and ref.month <= 2 else ref.year
    start = date(year, first, 1)
    if offset < 0 and start > ref:
        year -= 1
    elif offset > 0 and w.add_months(start, 3) <= ref:
        year += 1
    return season_of(year, name)


def _span(
    direction: str, count_word: str | None, unit_word: str, ref: date | None, tense: Tense
) -> Resolved:
    if direction == "following" or ref is None:
        return UNRESOLVED
    count = w.number_value(count_word) if count_word else (1 if not unit_word.endswith("s") else 3)
    unit = w.unit_of(unit_word)
    if count is None or unit is None:
        return UNRESOLVED
    if direction in ("next", "coming", "upcoming"):
        if tense is Tense.PAST:
            return UNRESOLVED
        return range_of(ref.isoformat(), w.shift(ref, count, unit).isoformat())
    start = w.shift(ref, -count, unit)
    return range_of(start.isoformat(), ref.isoformat())
