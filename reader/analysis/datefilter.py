"""Date phrases that are no point in time: numbers that are no years, durations and
ages the recogniser tagged as dates, vague words and fragments.

Whether a bare number the recogniser or the patterns took for a date is a year:
"in 1998", "since 2004", "the 1990s", "May 2014", "(2019)" are years; "1600 Pennsylvania
Avenue", "2000 calories", "1800 x 1920 per eye", "1451 GMT", "1080p" and "1.8.3" are
not. A bare three- or four-digit number counts as a year only with a year-like word
around it.
"""

from __future__ import annotations

import re

from reader.analysis.datewords import word_set

_BARE = re.compile(r"(?:(?i:early|late|mid)[- ])?(\d{3,4})")
_VERSION = re.compile(r"\d+(?:\.\d+){2,}")
_DAY_MONTH_YEAR = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}")
_CODE = re.compile(r"(?<![\w.])\d+(?!(?:s|st|nd|rd|th|am|pm|h)\b)[a-z]+\b", re.IGNORECASE)
"""Versions, resolutions and model numbers: "1.8.3", "1080p", "4790k"."""
_CUES_BEFORE = word_set(
    """in since by from until till to through during before after between and or of
    around circa c. ca. early late mid spring summer autumn fall winter year years
    season class vintage since, as of ©"""
)
_YEAR_NOUNS = word_set(
    """election elections season census campaign olympics budget midterms race
    edition vintage war crash attack attacks earthquake flood storm summit
    championship championships final finals tournament draft survey report study
    film movie album tour model law act cup games world"""
)
_MONTHS = word_set(
    """january february march april may june july august september october november
    december jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep.
    sept sept. oct oct. nov nov. dec dec."""
)
_WORD_BEFORE = re.compile(r"([^\s(\[]+)[\s(\[]*$")
_WORD_AFTER = re.compile(r"^[\s,]*([^\s,.;:)\]]+)")


def not_a_year(text: str, start: int, end: int, *, english: bool = True) -> bool:
    """True when ``text[start:end]`` is a number that is no date: a version or model
    number, or (in English text) a bare number without a year-like word around it."""
    phrase = text[start:end]
    if _CODE.search(phrase):
        return True
    if _VERSION.fullmatch(phrase) and not _DAY_MONTH_YEAR.fullmatch(phrase):
        return True
    bare = _BARE.fullmatch(phrase)
    if bare is None or not english:
        return False
    before = _word_before(text, start)
    after = _word_after(text, end)
    if before in _CUES_BEFORE or before in _MONTHS or after in _MONTHS:
        return False
    if after in ("'s", "’s") or after in _YEAR_NOUNS:
        return False
    # "(2019)" in a reference or a film's year.
    return not (text[start - 1 : start] == "(" and text[end : end + 1] == ")")


def _word_before(text: str, start: int) -> str:
    match = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return match.group(1).lower().rstrip(",") if match else ""


def _word_after(text: str, end: int) -> str:
    match = _WORD_AFTER.match(text[end : end + 30])
    if match is None:
        return ""
    word = match.group(1).lower()
    return word if not word.startswith(("'s", "’s")) else word[:2]


_UNIT_END = re.compile(
    r"\b(?:minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries)$",
    re.IGNORECASE,
)
_DIRECTION = re.compile(
    r"\b(?:ago|later|earlier|before|after|from now|next|last|past|this|coming|previous|"
    r"following|recent|since|within)\b",
    re.IGNORECASE,
)
_AMOUNT = re.compile(
    r"\d|\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|fifty|hundred|few|several|couple|many|some)\b",
    re.IGNORECASE,
)
_AGE_WORDS = re.compile(r"\b(?:ages?|old|olds)$|\bages? of\b|[- ]old\b", re.IGNORECASE)
_ADJECTIVE = re.compile(r"-(?:minute|hour|day|week|month|year|second)$", re.IGNORECASE)
_VAGUE = re.compile(r"(?i:the) (?:day|days|season|years|time|period|moment|era)", re.IGNORECASE)
_PART_OF_DAY = re.compile(r"(?:morning|afternoon|evening|night)", re.IGNORECASE)
_WEEKDAY_BEFORE = re.compile(
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+$", re.IGNORECASE
)


def counted(phrase: str) -> bool:
    """Whether ``phrase`` opens with an amount ("five years", "a week")."""
    return _AMOUNT.match(phrase) is not None


def shape(text: str, start: int, end: int) -> str | None:
    """What ``text[start:end]`` is when its words say it is no point in time: "age"
    ("between the ages of 25", "50,000 years old"), "duration" ("six to seven
    minutes", "just over a month"), "none" (a "30-minute" demo, "the season", the
    "afternoon" of "Wednesday afternoon" found on its own); None otherwise."""
    phrase = " ".join(text[start:end].split())
    if _AGE_WORDS.search(phrase):
        return "age"
    if _ADJECTIVE.search(phrase):
        return "none"
    if _VAGUE.fullmatch(phrase):
        return "none"
    if _PART_OF_DAY.fullmatch(phrase) and _WEEKDAY_BEFORE.search(text, max(0, start - 12), start):
        return "none"
    if _UNIT_END.search(phrase) and not _DIRECTION.search(phrase) and _AMOUNT.search(phrase):
        return "duration"  # "six to seven minutes", not "Thanksgiving week"
    return None
