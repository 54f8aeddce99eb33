"""Date mentions: spans from the entity recogniser (DATE, TIME) and the pattern finder,
resolved against the publication date with the tense of their governing verb."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from reader.analysis import datefilter, datefind
from reader.analysis.dateresolve import Resolved, resolve
from reader.analysis.datewords import word_set
from reader.analysis.tense import Tense, tense_from_parse, tense_from_text
from reader.analysis.units import Unit
from reader.models import DateKind, DateMention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_LABELS = ("DATE", "TIME")
_PERSON_NOUNS = word_set(
    """man men woman women boy boys girl girls child children kid kids baby babies son sons
    daughter daughters mother father husband wife brother sister grandmother grandfather
    grandson granddaughter teenager teen student resident driver suspect victim patient
    worker pastor priest businessman businesswoman journalist reporter mom dad person
    player actor actress singer officer soldier veteran climber hiker tourist citizen
    native nurse doctor teacher lawyer farmer employee athlete male female individual
    defendant inmate prisoner guard retiree rapper musician artist author writer chef
    owner manager executive politician senator candidate volunteer mechanic engineer
    photographer activist friend neighbour neighbor fan survivor pilot sailor swimmer
    runner cyclist skier boxer coach model star"""
)
_AGE_FOLLOWERS = word_set(
    """was is were are has had have who whose said says told and or but of from in at on
    with to for by as when while after before because his her their its the a an"""
)
_AGE_AFTER_NAME = re.compile(r"[A-Z][\w'’.-]*,\s*$")
"""Text before a bare number that makes it an age: "Anna Berg, 31"."""
_WORDS_AFTER = re.compile(r"(?<![\w'’-])([A-Za-z][\w'’-]*)")


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    text: str
    unit: int
    """Index into the article's units (and docs)."""
    span: Span | None = None
    """The recogniser's span, when it found this phrase."""
    parsed: tuple[Doc, int] | None = None
    """A parsed doc of the phrase's sentence and where it starts in the text."""


def candidates(text: str, units: Sequence[Unit], docs: Sequence[Doc] | None) -> list[Candidate]:
    """Every date-like span, recogniser first; pattern spans fill the gaps (but never
    overlap another entity: "2,012 people" stays a number)."""
    found: list[Candidate] = []
    for index, unit in enumerate(units):
        taken: list[tuple[int, int]] = []
        if docs is not None:
            for ent in docs[index].ents:
                start, end = unit.start + ent.start_char, unit.start + ent.end_char
                taken.append((start, end))
                if ent.label_ in _LABELS:
                    found.append(Candidate(start, end, text[start:end], index, ent))
        for start, end in datefind.find(text, unit.start, unit.end):
            if any(start < e and s < end for s, e in taken):
                continue
            found.append(Candidate(start, end, text[start:end], index))
    found.sort(key=lambda c: c.start)
    return found


def needs_parse(candidate: Candidate, text: str, reference: date | None) -> bool:
    """True when the phrase means different days in the past and in the future."""
    if reference is None:
        return False
    before = datefind.previous_word(text, candidate.start)
    past = resolve(candidate.text, reference, Tense.PAST, before)
    future = resolve(candidate.text, reference, Tense.FUTURE, before)
    return past != future


def mentions(
    text: str,
    found: Sequence[Candidate],
    units: Sequence[Unit],
    docs: Sequence[Doc] | None,
    reference: date | None,
    *,
    english: bool = True,
) -> list[DateMention]:
    """The date mentions among ``found``. In English text a bare number needs a
    year-like word around it to be a year (the words of other languages are not
    known here, so there any four-digit year stays one)."""
    out: list[DateMention] = []
    for candidate in found:
        before = datefind.previous_word(text, candidate.start)
        if _AGE_AFTER_NAME.search(text, max(0, candidate.start - 60), candidate.start) and (
            candidate.text.isdigit() and len(candidate.text) <= 3
        ):
            out.append(DateMention(candidate.text, candidate.start, candidate.end, DateKind.AGE))
            continue
        if datefilter.not_a_year(text, candidate.start, candidate.end, english=english):
            continue
        tense = _tense(candidate, text, units, docs, reference)
        resolved = resolve(candidate.text, reference, tense, before)
        if resolved is None:
            continue
        shape = datefilter.shape(text, candidate.start, candidate.end) if english else None
        if (
            shape == "duration"
            and before in ("in", "within")
            and datefilter.counted(candidate.text)
        ):
            shape = None  # "in five years": a point ahead
        if resolved.kind is DateKind.POINT and shape == "none":
            continue
        if resolved.kind is DateKind.POINT and shape is not None:
            kind = DateKind.AGE if shape == "age" else DateKind.DURATION
            out.append(DateMention(candidate.text, candidate.start, candidate.end, kind))
            continue
        if resolved.kind is DateKind.AGE and not _of_person(text, candidate, units, docs):
            resolved = Resolved(DateKind.DURATION)
        out.append(
            DateMention(
                text=candidate.text,
                start=candidate.start,
                end=candidate.end,
                kind=resolved.kind,
                value=resolved.value,
                range_end=resolved.range_end,
                granularity=resolved.granularity,
            )
        )
    return out


def _tense(
    candidate: Candidate,
    text: str,
    units: Sequence[Unit],
    docs: Sequence[Doc] | None,
    reference: date | None,
) -> Tense:
    if reference is None:
        return Tense.UNKNOWN
    if candidate.parsed is not None:
        doc, offset = candidate.parsed
        span = doc.char_span(
            candidate.start - offset, candidate.end - offset, alignment_mode="expand"
        )
        if span is not None and len(span):
            return tense_from_parse(span.root)
    if docs is not None:
        doc = docs[candidate.unit]
        if doc.has_annotation("DEP"):
            span = candidate.span
            if span is None:
                offset = units[candidate.unit].start
                span = doc.char_span(
                    candidate.start - offset, candidate.end - offset, alignment_mode="expand"
                )
            if span is not None and len(span):
                return tense_from_parse(span.root)
    unit = units[candidate.unit]
    local = text[unit.start : unit.end]
    return tense_from_text(local, candidate.start - unit.start, candidate.end - unit.start)


def _of_person(
    text: str, candidate: Candidate, units: Sequence[Unit], docs: Sequence[Doc] | None
) -> bool:
    """ "48-year-old Mark Swidan" is an age; "an 18-month-old partnership" is not."""
    if docs is not None:
        offset = units[candidate.unit].start
        for ent in docs[candidate.unit].ents:
            gap = ent.start_char + offset - candidate.end
            if ent.label_ in ("PERSON", "NORP") and 0 <= gap <= 2:
                return True
    words = _WORDS_AFTER.findall(text, candidate.end, min(len(text), candidate.end + 60))[:3]
    if not words:
        return True
    first = words[0]
    if first[0].isupper() or first.lower() in _AGE_FOLLOWERS:
        return True
    return any(_person_noun(word) for word in words)


def _person_noun(word: str) -> bool:
    lower = word.lower()
    return lower in _PERSON_NOUNS or (lower.endswith("s") and lower[:-1] in _PERSON_NOUNS)
