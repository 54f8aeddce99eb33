"""The values a date phrase resolves to, and how a year is chosen for a month or
day that names none."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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


def on_day(day: date) -> Resolved:
    return Resolved(DateKind.POINT, day.isoformat(), None, "day")


def in_month(year: int, month: int) -> Resolved:
    return Resolved(DateKind.POINT, f"{year:04d}-{month:02d}", None, "month")


def in_year(year: int) -> Resolved:
    return Resolved(DateKind.POINT, f"{year:04d}", None, "year")


def range_of(first: str, last: str) -> Resolved:
    return Resolved(DateKind.POINT, first, last, "range")


def year_span(first: int, last: int) -> Resolved:
    return range_of(f"{first:04d}", f"{last:04d}")


def month_span(year: int, first: int, last: int) -> Resolved:
    return range_of(f"{year:04d}-{first:02d}", f"{year:04d}-{last:02d}")


def point_of(day: date, unit: str) -> Resolved:
    granularity = w.granularity_of(unit)
    return Resolved(DateKind.POINT, w.iso(day, granularity), None, granularity)


def season_of(year: int, name: str) -> Resolved:
    first = w.SEASONS[name]
    if first == 12:
        return range_of(f"{year:04d}-12", f"{year + 1:04d}-02")
    return month_span(year, first, first + 2)


def direction_of(modifier: str | None, tense: Tense) -> str:
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


def year_for(month: int, day: int, ref: date, direction: str, *, by_day: bool) -> int:
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
