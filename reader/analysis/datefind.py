"""Find date phrases with patterns alone: the finder used when the spaCy model is
missing, and a second pair of eyes on the spans its entity recogniser misses.

Month and weekday names must be capitalised; "May" and "March" also need a cue
("in May", "May 3", "last March") because they are ordinary words too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reader.analysis import datewords as w

_MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTH_SHORT = r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\."
_MONTH_ANY = rf"(?:{_MONTH_NAMES}|{_MONTH_SHORT})"
_MONTH = rf"(?:{_MONTH_NAMES})"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WORDS = "|".join(sorted((re.escape(k) for k in w.NUMBER_WORDS), key=len, reverse=True))
_NUM = rf"(?:\d{{1,3}}|(?i:{_WORDS})(?:-(?i:one|two|three|four|five|six|seven|eight|nine))?)"
_UNIT = (
    r"(?i:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?|decades?"
    r"|century|centuries)"
)
_REL = r"(?i:this past|this coming|last|next|this|past|coming)"
_PERIOD = r"(?i:week|weekend|month|year|decade|quarter|spring|summer|fall|autumn|winter)"
_EDGE = r"(?:(?i:early|late|mid|earlier|later)[- ])?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"

_PATTERNS = [
    # explicit calendar dates
    rf"(?:{_WEEKDAY},? )?{_MONTH_ANY} \d{{1,2}}(?:st|nd|rd|th)?\b(?:,? {_YEAR}\b)?",
    rf"(?:{_WEEKDAY},? )?\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_MONTH_ANY}(?:,? {_YEAR}\b)?",
    r"\b\d{4}-\d{2}-\d{2}\b",
    r"\b\d{1,2}/\d{1,2}/\d{4}\b",
    rf"{_EDGE}{_MONTH_ANY},? (?:of )?{_YEAR}\b",
    # ages, then spans and offsets that contain durations
    rf"\b{_NUM}[- ](?i:year|month|week|day)s?[- ](?i:old)s?\b",
    r"\b(?i:aged) \d{1,3}\b",
    rf"\b{_NUM} {_UNIT} (?i:ago|from now)\b",
    rf"\b(?i:the) (?i:past|last|next|coming) (?:{_NUM} )?{_UNIT}",
    rf"\b(?i:earlier|later) (?i:in|this) (?i:the )?{_PERIOD}\b",
    rf"\b(?:(?i:early|late) )?{_REL} {_PERIOD}\b",
    rf"\b(?i:recent) {_UNIT}",
    rf"\b(?:(?i:early|late) )?(?:{_REL} )?{_WEEKDAY}(?: (?i:morning|afternoon|evening|night))?\b",
    rf"{_EDGE}(?:{_REL} )?{_MONTH}\b",
    r"\b(?i:today|tonight|yesterday|tomorrow)\b",
    r"\b(?i:this) (?i:morning|afternoon|evening)\b|\b(?i:last) (?i:night)\b",
    r"\b(?:Christmas(?: Eve| Day)?|New Year's (?:Day|Eve)|Halloween|Valentine's Day)\b",
    rf"\b(?:(?i:the) )?(?i:first|second|third|fourth) (?i:quarter)(?: (?i:of) {_YEAR})?\b",
    rf"\bQ[1-4] {_YEAR}\b",
    # years and decades
    r"\b(?:(?i:the) )?(?:1[6-9]\d|20\d)0s\b",
    rf"(?<![\d$€£#.,])\b{_YEAR} ?[-–] ?(?:{_YEAR}|\d\d)\b(?![-–]\d)",
    rf"(?<![\d$€£#.,/-])\b{_EDGE}{_YEAR}\b(?![%/-]|[.,]\d)",
    # durations
    rf"\b{_NUM} {_UNIT}\b",
    rf"\b{_NUM}-(?i:day|night|week|month|year|hour)(?:-long)?\b",
]
_FINDER = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))
_AMBIGUOUS_MONTH = re.compile(r"^(?:May|March)$")
_MONTH_CUE = {
    "in",
    "since",
    "until",
    "till",
    "by",
    "from",
    "to",
    "through",
    "during",
    "of",
    "before",
    "after",
    "between",
    "and",
    "or",
    "early",
    "late",
    "mid",
    "last",
    "next",
    "this",
    "around",
}


def find(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Spans ``[s, e)`` of date phrases in ``text[start:end]``, left to right."""
    end = len(text) if end is None else end
    for match in _FINDER.finditer(text, start, end):
        s, e = match.span()
        if _AMBIGUOUS_MONTH.match(match.group()) and previous_word(text, s) not in _MONTH_CUE:
            continue
        if match.group().lower() in ("a day", "a week", "an hour") and _per(text, s):
            continue
        yield s, e


def previous_word(text: str, position: int) -> str:
    """The word just before ``position`` (lower case), or ""."""
    i = position
    while i > 0 and text[i - 1] in " \t-":
        i -= 1
    j = i
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] in "'’"):
        j -= 1
    return text[j:i].lower()


def _per(text: str, position: int) -> bool:
    """ "twice a day", "once a week": a frequency, not a duration."""
    return previous_word(text, position) in ("once", "twice", "times", "per")
