"""The Dates tab's content as plain data: the article's dates on a calendar.

Resolved points in time are grouped by value in chronological order, each mention
with its phrase and a snippet of its sentence; durations are listed apart, ages left
out (they are not events), unresolved phrases last. Values are written for people
("Sun 13 Apr 2025", "Apr 2025", "2024", "7–13 Apr 2025"). No Textual here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from reader.analysis.units import sentence_around
from reader.models import Analysis, Article, DateKind, DateMention
from reader.sanitize import clean_line

SNIPPET_CHARS = 72
"""Longest snippet shown under a phrase (about two lines of the sidebar)."""
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_SPACES = re.compile(r"\s+")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    mention: DateMention
    phrase: str
    """The mention's own words, made safe to show."""
    parts: tuple[str, str, str]
    """Its sentence cut around the phrase to about ``SNIPPET_CHARS``: the words
    before the phrase, the phrase, the words after."""
    sentence: tuple[int, int]
    """Offsets of the sentence in ``Article.text`` (where selecting it jumps)."""

    @property
    def snippet(self) -> str:
        return "".join(self.parts)


@dataclass(frozen=True, slots=True)
class DateGroup:
    heading: str
    """The value for people ("Sun 13 Apr 2025"); empty for the lists set apart."""
    entries: tuple[TimelineEntry, ...]


@dataclass(frozen=True, slots=True)
class Timeline:
    reference: str | None
    """The publication date relative dates were resolved against, for people."""
    points: tuple[DateGroup, ...]
    durations: tuple[TimelineEntry, ...]
    unresolved: tuple[TimelineEntry, ...]

    def __bool__(self) -> bool:
        return bool(self.points or self.durations or self.unresolved)


def build_timeline(article: Article, analysis: Analysis) -> Timeline:
    text = article.text
    groups: dict[tuple[str, str], list[TimelineEntry]] = {}
    durations: list[TimelineEntry] = []
    unresolved: list[TimelineEntry] = []
    for mention in sorted(analysis.dates, key=lambda d: d.start):
        if mention.kind is DateKind.AGE or not 0 <= mention.start < mention.end <= len(text):
            continue
        entry = _entry(article, mention)
        if mention.kind is DateKind.DURATION:
            durations.append(entry)
        elif mention.value is None:
            unresolved.append(entry)
        else:
            key = (mention.value, mention.range_end or mention.value)
            groups.setdefault(key, []).append(entry)
    points = tuple(
        DateGroup(human_value(value, end if end != value else None), tuple(entries))
        for (value, end), entries in sorted(groups.items(), key=lambda item: item[0])
    )
    reference = human_value(analysis.reference_date) if analysis.reference_date else None
    return Timeline(reference, points, tuple(durations), tuple(unresolved))


def _entry(article: Article, mention: DateMention) -> TimelineEntry:
    text = article.text
    sentence = sentence_of(article, mention.start, mention.end)
    return TimelineEntry(
        mention,
        clean_line(text[mention.start : mention.end]),
        snippet(text, sentence, mention.start, mention.end),
        sentence,
    )


def sentence_of(article: Article, start: int, end: int) -> tuple[int, int]:
    """The sentence holding ``[start, end)``, inside its line of its block."""
    text = article.text
    block = article.block_at(start)
    low, high = (block.start, block.end) if block is not None else (0, len(text))
    low = max(low, text.rfind("\n", low, start) + 1)
    newline = text.find("\n", end, high)
    high = high if newline == -1 else newline
    return sentence_around(text, start, end, low, high)


def snippet(text: str, sentence: tuple[int, int], start: int, end: int) -> tuple[str, str, str]:
    """The sentence on one line as (before, phrase, after), cut at word boundaries
    around the phrase with "…" where something was left out."""
    first, last = sentence
    first, last = min(first, start), max(last, end)
    if last - first > SNIPPET_CHARS:
        # A third of the room before the phrase, the rest after; what one side does
        # not use goes to the other.
        room = max(0, SNIPPET_CHARS - (end - start))
        before = min(start - first, room // 3)
        after = min(last - end, room - before)
        before = min(start - first, room - after)
        first = _word_start(text, start - before, first, start)
        last = _word_end(text, end + after, end, last)
    head = _one_line(text[first:start]).lstrip()
    tail = _one_line(text[end:last]).rstrip()
    if first > sentence[0]:
        head = "…" + head
    if last < sentence[1]:
        tail = tail + "…"
    return head, _one_line(text[start:end]), tail


def _one_line(text: str) -> str:
    return _SPACES.sub(" ", clean_line(text))


def _word_start(text: str, at: int, low: int, limit: int) -> int:
    if at <= low:
        return low
    space = text.find(" ", at, limit)
    return space + 1 if space != -1 else at


def _word_end(text: str, at: int, limit: int, high: int) -> int:
    if at >= high:
        return high
    space = text.rfind(" ", limit, at)
    return space if space != -1 else at


def human_date(iso: str, *, weekday: bool = True) -> str:
    """ "2025-04-13" → "Sun 13 Apr 2025", "2025-04" → "Apr 2025", "2024" → "2024";
    anything else is shown as it is."""
    parts = iso.split("-")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        return clean_line(iso)
    if len(numbers) == 1 and len(parts[0]) == 4:
        return parts[0]
    if len(numbers) == 2 and 1 <= numbers[1] <= 12:
        return f"{_MONTHS[numbers[1] - 1]} {parts[0]}"
    if len(numbers) == 3:
        try:
            day = date(*numbers)
        except ValueError:
            return clean_line(iso)
        shown = f"{day.day} {_MONTHS[day.month - 1]} {parts[0]}"
        return f"{_DAYS[day.weekday()]} {shown}" if weekday else shown
    return clean_line(iso)


def human_value(value: str | None, range_end: str | None = None) -> str:
    """One value or a range, sharing what both ends have in common: "7–13 Apr 2025",
    "13 Apr – 13 Oct 2025", "Mar – May 2025", "2020–2024"."""
    if value is None:
        return ""
    if range_end is None or range_end == value:
        return human_date(value)
    first = human_date(value, weekday=False).split()
    last = human_date(range_end, weekday=False).split()
    if len(first) == len(last) == 1:
        return f"{first[0]}–{last[0]}"
    if len(first) == len(last) and first[-1] == last[-1]:
        if len(first) == 3 and first[1] == last[1]:
            return f"{first[0]}–{last[0]} {' '.join(last[1:])}"
        return f"{' '.join(first[:-1])} – {' '.join(last)}"
    return f"{' '.join(first)} – {' '.join(last)}"
