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
from dataclasses import dataclass
from datetime import date, timedelta

from reader.analysis import datewords as w
from reader.analysis.tense import Tense
from reader.models import DateKind


@dataclass(frozen=True, slots=True)
class Resolved:
    kind: DateKind
    value: str | None = None
    range_end: str | None = None
    granularity: str | None = None


UNRESOLVED = Resolved(DateKind.POINT)
_FREQUENCY = {"annual", "annually", "daily", "weekly", "monthly", "yearly", "quarterly"}
_FREQUENCY |= {"biweekly", "nightly", "hourly", "seasonal", "once a year", "twice a year"}
_VAGUE = {"now", "currently", "recently", "the past", "the future", "these days", "nowadays"}
_MONTH = (
    r"(january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_WEEKDAY = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_COUNT_WORDS = sorted((k for k in w.NUMBER_WORDS if k not in ("a", "an")), key=len, reverse=True)
_NUMBER = r"(\d+|(?:" + "|".join(re.escape(k) for k in _COUNT_WORDS) + r")(?:-[a-z]+)?|an?)"
_UNIT = (
    r"(seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?|decades?"
    r"|century|centuries|quarters?)"
)
_PERIOD = r"(week|weekend|month|year|decade|quarter|century|spring|summer|fall|autumn|winter)"
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
_DURATION = re.compile(
    rf"^(?:about |around |nearly |almost |more than |less than |at least |over |some |"
    rf"roughly |up to |another |just |only |a full )?"
    rf"(?:{_NUMBER} )?(?:and a half )?{_UNIT}(?: and a half)?(?: long| straight| running)?$"
    rf"|^(?:the |the full |the first |the last ){_NUMBER} {_UNIT}$"
    rf"|^{_NUMBER}-(?:second|minute|hour|day|night|week|month|year|decade)(?:-long)?$"
)
_RECENT = re.compile(rf"^(?:in )?recent {_UNIT}$")


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
            or _relative(core, reference, tense)
            or _duration(core, reference, tense, before.lower())
        )
    except (ValueError, OverflowError):
        return UNRESOLVED
    if found is not None:
        return found
    return _fallback(phrase, reference, tense)


def _day(day: date) -> Resolved:
    return Resolved(DateKind.POINT, day.isoformat(), None, "day")


def _month(year: int, month: int) -> Resolved:
    return Resolved(DateKind.POINT, f"{year:04d}-{month:02d}", None, "month")


def _year(year: int) -> Resolved:
    return Resolved(DateKind.POINT, f"{year:04d}", None, "year")


def _range(first: str, last: str) -> Resolved:
    return Resolved(DateKind.POINT, first, last, "range")


def _years(first: int, last: int) -> Resolved:
    return _range(f"{first:04d}", f"{last:04d}")


def _months(year: int, first: int, last: int) -> Resolved:
    return _range(f"{year:04d}-{first:02d}", f"{year:04d}-{last:02d}")


# --- explicit dates --------------------------------------------------------------


def _explicit(text: str, ref: date | None, tense: Tense) -> Resolved | None:
    m = _ISO.match(text)
    # "2011-12" is a season more often than December 2011.
    if m and (m[3] or int(m[2]) != (int(m[1]) + 1) % 100) and 1 <= int(m[2]) <= 12:
        year, month = int(m[1]), int(m[2])
        return _day(date(year, month, int(m[3]))) if m[3] else _month(year, month)
    if m := _NUMERIC.match(text):
        first, second, year = int(m[1]), int(m[2]), int(m[3])
        year += 2000 if year < 100 else 0
        month, day = (second, first) if first > 12 else (first, second)
        return _day(date(year, month, day))
    if m := _MONTH_DAY.match(text):
        return _month_day(m[1], w.MONTHS[m[2]], int(m[3]), m[4], ref, tense)
    if m := _DAY_MONTH.match(text):
        return _month_day(m[1], w.MONTHS[m[3]], int(m[2]), m[4], ref, tense)
    if m := _MONTH_YEAR.match(text):
        return _month(int(m[2]), w.MONTHS[m[1]])
    if m := _MONTH_ALONE.match(text):
        if ref is None:
            return UNRESOLVED
        month = w.MONTHS[m[2]]
        return _month(_year_for(month, 1, ref, _direction(m[1], tense), by_day=False), month)
    if m := _YEAR.match(text):
        return _year(int(m[1]))
    if m := _YEAR_RANGE.match(text):
        first, last = int(m[1]), m[2]
        end = int(last) if len(last) == 4 else first // 100 * 100 + int(last)
        return _years(first, end) if end > first else None
    if m := _DECADE.match(text):
        start = int(m[1]) * 10 if m[1] else 1900 + int(m[2]) * 10
        return _years(start, start + 9)
    if m := _CENTURY.match(text):
        start = (int(m[1]) - 1) * 100
        return _years(start, start + 99)
    if m := _QUARTER.match(text):
        quarter = int(m[2]) if m[2] else ["first", "second", "third", "fourth"].index(m[1]) + 1
        year = int(m[3]) if m[3] else (ref.year if ref else None)
        if year is None:
            return UNRESOLVED
        return _months(year, quarter * 3 - 2, quarter * 3)
    if m := _HALF.match(text):
        year = int(m[2]) if m[2] else (ref.year if ref else None)
        if year is None:
            return UNRESOLVED
        return _months(year, 1, 6) if m[1] == "first" else _months(year, 7, 12)
    if m := _SEASON_YEAR.match(text):
        return _season(int(m[2]), m[1])
    if text in w.HOLIDAYS or text.rsplit(" ", 1)[0] in w.HOLIDAYS:
        return _holiday(text, ref, tense)
    return None


def _month_day(
    weekday: str | None, month: int, day: int, year: str | None, ref: date | None, tense: Tense
) -> Resolved:
    if year:
        return _day(date(int(year), month, day))
    if ref is None:
        return UNRESOLVED
    if weekday:
        # "Sunday, June 4": the year near the reference in which the weekday matches.
        wanted = w.WEEKDAYS[weekday]
        for candidate in (ref.year, ref.year - 1, ref.year + 1, ref.year - 2, ref.year + 2):
            try:
                if date(candidate, month, day).weekday() == wanted:
                    return _day(date(candidate, month, day))
            except ValueError:
                continue
    return _day(date(_year_for(month, day, ref, _direction(None, tense), by_day=True), month, day))


def _direction(modifier: str | None, tense: Tense) -> str:
    """ "past", "future", "strict-past", "strict-future" or "same"."""
    if modifier in ("last", "this past", "past"):
        return "strict-past"
    if modifier in ("next", "this coming", "coming"):
        return "strict-future"
    if modifier == "this":
        return "same"
    if tense is Tense.PAST:
        return "past"
    if tense is Tense.FUTURE:
        return "future"
    return "same"


def _year_for(month: int, day: int, ref: date, direction: str, *, by_day: bool) -> int:
    key, now = ((month, day), (ref.month, ref.day)) if by_day else ((month,), (ref.month,))
    if direction == "past":
        return ref.year if key <= now else ref.year - 1
    if direction == "strict-past":
        return ref.year if key < now else ref.year - 1
    if direction == "future":
        return ref.year if key >= now else ref.year + 1
    if direction == "strict-future":
        return ref.year if key > now else ref.year + 1
    return ref.year


def _season(year: int, name: str) -> Resolved:
    first = w.SEASONS[name]
    if first == 12:
        return _range(f"{year:04d}-12", f"{year + 1:04d}-02")
    return _months(year, first, first + 2)


def _holiday(text: str, ref: date | None, tense: Tense) -> Resolved:
    name, _, tail = text.rpartition(" ")
    if text in w.HOLIDAYS:
        name, tail = text, ""
    month, day = w.HOLIDAYS[name]
    if tail.isdigit():
        return _day(date(int(tail), month, day))
    if ref is None:
        return UNRESOLVED
    return _day(date(_year_for(month, day, ref, _direction(None, tense), by_day=True), month, day))


# --- relative to the reference ----------------------------------------------------


def _relative(text: str, ref: date | None, tense: Tense) -> Resolved | None:
    if _RECENT.match(text):
        return UNRESOLVED
    if m := _DAY_WORD.match(text):
        if ref is None:
            return UNRESOLVED
        word = m[1]
        if word.startswith("yesterday") or word == "last night":
            return _day(ref - timedelta(days=1))
        if word.startswith("tomorrow"):
            return _day(ref + timedelta(days=1))
        return _day(ref)
    if m := _WEEKDAY_PHRASE.match(text):
        if ref is None:
            return UNRESOLVED
        modifier = m[1]
        if modifier == "this":
            # "this Friday" is the coming one, unless the verb puts it in the past.
            modifier = "this past" if tense is Tense.PAST else None
            tense = Tense.FUTURE if tense is not Tense.PAST else tense
        return _day(_weekday(w.WEEKDAYS[m[2]], ref, _direction(modifier, tense)))
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
        return _point(w.shift(ref, sign * count, unit), unit)
    if m := _SPAN.match(text):
        return _span(m[1], m[2], m[3], ref, tense)
    if text in w.SEASONS:
        if ref is None:
            return UNRESOLVED
        first = w.SEASONS[text]
        return _season(_year_for(first, 1, ref, _direction(None, tense), by_day=False), text)
    return None


def _point(day: date, unit: str) -> Resolved:
    granularity = w.granularity_of(unit)
    return Resolved(DateKind.POINT, w.iso(day, granularity), None, granularity)


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
        return _range(start.isoformat(), (start + timedelta(days=6)).isoformat())
    if period == "weekend":
        saturday = w.week_start(ref) + timedelta(days=5)
        if modifier == "the" and offset == -1 and ref >= saturday:
            offset = 0
        start = saturday + timedelta(weeks=offset)
        return _range(start.isoformat(), (start + timedelta(days=1)).isoformat())
    if period == "month":
        day = w.add_months(ref, offset)
        return _month(day.year, day.month)
    if period == "year":
        return _year(ref.year + offset)
    if period == "decade":
        start = (ref.year // 10 + offset) * 10
        return _years(start, start + 9)
    if period == "century":
        start = (ref.year // 100 + offset) * 100
        return _years(start, start + 99)
    if period == "quarter":
        day = w.add_months(ref, 3 * offset)
        first = (day.month - 1) // 3 * 3 + 1
        return _months(day.year, first, first + 2)
    return _season_near(period, ref, offset)


def _season_near(name: str, ref: date, offset: int) -> Resolved:
    first = w.SEASONS[name]
    year = ref.year - 1 if first == 12 and ref.month <= 2 else ref.year
    start = date(year, first, 1)
    if offset < 0 and start > ref:
        year -= 1
    elif offset > 0 and w.add_months(start, 3) <= ref:
        year += 1
    return _season(year, name)


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
        return _range(ref.isoformat(), w.shift(ref, count, unit).isoformat())
    start = w.shift(ref, -count, unit)
    return _range(start.isoformat(), ref.isoformat())


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
            return _point(w.shift(ref, count, unit), unit)
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
