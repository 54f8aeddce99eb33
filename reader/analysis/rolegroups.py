"""Groups of people named after a role rather than introduced by a count.

"The victims were identified as A, 34, and B, 28", "Those killed were A and B", "The
board members who resigned are A, B and C", "Among the injured were A and B",
"Police named the men who died as A and B", "The climbers, A and B, were guides",
and a list that opens a sentence ("Sgt. A, 34, and Cpl. B, 22, were flown …") after a
sentence that counted them ("Two soldiers were wounded"). A group needs at least two
names in a row of list positions, nothing but their attributes between them, and a
role that names people; when an earlier sentence counted the group, the names must
match the count.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.analysis import enumerations as en
from reader.analysis import facts
from reader.analysis.datewords import number_value, word_set
from reader.analysis.units import Unit, sentence_around
from reader.models import Enumeration
from reader.sanitize import clean_line

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_ROLE = r"(?:[\w'’-]+\s+){0,7}?"
_BE = r"(?:were|are|was|is|have\s+been|had\s+been|include|included)\s+"
_AS = r"(?:(?:identified|named|listed|confirmed)\s+(?:by\s+(?:[\w'’-]+\s+){1,3}?)?as\s+)?"
_START = (
    r"(?:^|(?<=[.!?:;])\s+|(?<=[.!?][\"'”’])\s+|\b(?:said|says|added|confirmed)\s+(?:that\s+)?)"
)
_INTROS = (
    # "The victims were identified as", "Those killed were", "police said those arrested were"
    re.compile(
        rf"{_START}(?P<role>(?:the|those)\s+{_ROLE})(?={_BE}){_BE}{_AS}",
        re.IGNORECASE | re.MULTILINE,
    ),
    # "Among the injured were"
    re.compile(
        rf"{_START}(?P<role>among\s+the\s+{_ROLE})(?={_BE}){_BE}", re.IGNORECASE | re.MULTILINE
    ),
    # "The climbers, A and B, were …"
    re.compile(
        rf"{_START}(?P<role>(?:the|those)\s+(?:[\w'’-]+\s+){{0,3}}?[\w'’-]+),\s+",
        re.IGNORECASE | re.MULTILINE,
    ),
    # "Police named the men who died in the crash as"
    re.compile(
        r"\b(?:named|identified)\s+(?P<role>(?:the|those)\s+(?:[\w'’-]+\s+){0,10}?)as\s+",
        re.IGNORECASE,
    ),
)
_SENTENCE_OPENING = re.compile(r"(?:^|(?<=[.!?:])\s+)(?=[A-Z])", re.MULTILINE)
_LIST_OPENING = re.compile(
    r"(?:^|[.!?]\s+)(?:[A-Z][a-z]{1,5}\.\s+|[A-Z][a-z]+\s+)?[A-Z][\w'’-]+\s+[A-Z][\w'’-]+,\s*\d{1,3}\b"
    r"|(?:^|[.!?]\s+)(?:Sgt|Cpl|Pte|Pvt|Lt|Capt|Col|Gen|Maj|Dr|Prof|Mr|Mrs|Ms|Rev|Det|Insp)\.\s+[A-Z]"
    r"|:\s+[A-Z][\w'’-]+\s+[A-Z][\w'’-]+\s*[,;]",
    re.MULTILINE,
)
"""A sentence opening with a titled or aged name, or a colon opening a list of names."""
_ROLE_WORDS = word_set(
    """dead injured wounded killed missing arrested detained accused charged dismissed
    convicted hurt trapped rescued freed released hostages victims deceased survivors
    fallen kidnapped abducted suspects winners nominees recipients honourees honorees
    defendants candidates appointees"""
)
_CLAUSE_WORDS = word_set(
    """who whom whose which that in on at of from with for by since during after before
    over under near"""
)
_FINITE = {"VBD", "VBZ", "VBP", "MD"}
_RELATIVE = {"who", "whom", "whose", "which", "that"}
_DEFINITE = {"the", "these", "those"}


@dataclass(slots=True)
class _Count:
    unit: int
    token: Token
    value: int


def units_to_parse(text: str, units: Sequence[Unit], docs: Sequence[Doc]) -> set[int]:
    """Units worth parsing for a group named after a role: two people or more, and a
    role that names people ("the victims were"), or a count of people ("two
    soldiers") in it or the two units before and a sentence opening with a titled or
    aged name or a colon's list. Each unit holding such a count is parsed too (its
    noun makes the title)."""
    counted = [_counts_people(doc) for doc in docs]
    wanted: set[int] = set()
    for index, (unit, doc) in enumerate(zip(units, docs, strict=True)):
        if not _two_people(doc):
            continue
        roles = (m.group("role") for p in _INTROS for m in p.finditer(text, unit.start, unit.end))
        if any(_role_noun(" ".join(r.split())) for r in roles):
            wanted.add(index)
        before = [w for w in range(max(0, index - 2), index + 1) if counted[w]]
        if before and _LIST_OPENING.search(text, unit.start, unit.end):
            wanted.update(before)
            wanted.add(index)
    return wanted


def _counts_people(doc: Doc) -> bool:
    """A count before a word for people ("two soldiers"), read without a parse."""
    for token in en._count_tokens(doc):
        if en._count_of(token) is None or token.i + 1 >= len(doc):
            continue
        noun = doc[token.i + 1].lower_
        if noun in en._PEOPLE_NOUNS or (
            noun.endswith(en._PEOPLE_SUFFIXES) and not noun.endswith("ments")
        ):
            return True
    return False


def find(
    text: str, units: Sequence[Unit], docs: Sequence[Doc], taken: Sequence[tuple[int, int]]
) -> list[Enumeration]:
    found: list[Enumeration] = []
    for index, doc in enumerate(docs):
        if not doc.has_annotation("DEP") or not _two_people(doc):
            continue
        unit = units[index]
        for role, start in _openings(text, unit):
            group = _group(text, units, docs, index, role, start)
            if group is None:
                continue
            if any(group.start < e and s < group.end for s, e in taken):
                continue
            if any(group.start < g.end and g.start < group.end for g in found):
                continue
            found.append(group)
    return found


def _two_people(doc: Doc) -> bool:
    """A person, and another name shaped like a person's at least."""
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    return bool(people) and sum(1 for e in doc.ents if e in people or en.name_shaped(e)) >= 2


def _openings(text: str, unit: Unit) -> list[tuple[str | None, int]]:
    """(role, where the list would start) for each cue in the unit; a None role for a
    sentence opening."""
    out: list[tuple[str | None, int]] = []
    for pattern in _INTROS:
        for match in pattern.finditer(text, unit.start, unit.end):
            out.append((" ".join(match.group("role").split()), match.end()))
    for match in _SENTENCE_OPENING.finditer(text, unit.start, unit.end):
        previous = text[max(unit.start, match.start() - 6) : match.start()]
        if re.search(r"\b(?:Sgt|Cpl|Lt|Capt|Dr|Prof|Mr|Mrs|Ms|St|Gen|Col|Rev)\.$", previous):
            continue
        # After a colon the list was announced; a bare sentence opening needs each
        # member's attributes ("Sgt. A, 34, and Cpl. B, 22"), or any two people
        # named after a count would do.
        out.append((":" if text[match.start() - 1 : match.start()] == ":" else None, match.end()))
    return out


def _group(
    text: str, units: Sequence[Unit], docs: Sequence[Doc], index: int, role: str | None, at: int
) -> Enumeration | None:
    doc, unit = docs[index], units[index]
    span = doc.char_span(at - unit.start, at - unit.start + 1, alignment_mode="expand")
    if span is None:
        return None
    first = span.start
    items = _leading_run(index, doc, first)
    if len(items) < 2:
        return None
    count = _count_before(text, units, docs, index, first)
    announced = role == ":"
    role = None if announced else role
    among = role is not None and role.lower().startswith("among ")
    noun = _role_noun(role) if role is not None else None
    if role is not None and noun is None:
        return None
    if count is not None and count.value != len(items) and not among:
        if role is None or _same_noun(noun, count.token) or number_value(noun or "") is not None:
            return None
        count = None
    if role is None and count is None:
        return None
    if role is None and not announced and not all(_attributed(doc, i) for i in items):
        return None
    if role is not None and _role_count(role) not in (None, len(items)):
        return None  # "the three suspects were named as A and B"
    en._close_tails(items)
    members = tuple(en._member(units, docs, item) for item in items)
    if len({m.name for m in members}) != len(members):
        return None
    name_at = unit.start + items[-1].name.end_char
    end = sentence_around(text, name_at, name_at, unit.start, unit.end)[1]
    if count is not None and not among:
        head = count.token.head
        count_doc = docs[count.unit]
        title = facts.title(count_doc, head, count.token, count.value, None)
        start = units[count.unit].start + count.token.sent.start_char
    else:
        title = f"{_role_title(role or '')} ({len(items)})"
        start = sentence_around(text, at, at, unit.start, unit.end)[0]
    return Enumeration(
        title=clean_line(title),
        start=start,
        end=end,
        count=len(items),
        members=members,
    )


def _leading_run(index: int, doc: Doc, first: int) -> list[en._Item]:
    """The names listed from token ``first`` on: the first one right there (after its
    title or age), each next one after a separator with no verb of a new clause in
    between."""
    stop = len(doc)
    for token in doc[first:]:
        if token.text in (".", "!", "?") and not (
            token.i > 0 and doc[token.i - 1].lower_ in en._TITLE_ABBREVIATIONS
        ):
            stop = token.i
            break
    items = en._items(index, doc, first, stop, subjects=True)
    if not items or items[0].prefix_start != first:
        return []
    run = [items[0]]
    for previous, item in itertools.pairwise(items):
        gap = doc[previous.name.end : item.prefix_start]
        if _new_clause(gap):
            break
        run.append(item)
    run[-1].tail_end = en._tail_end(doc, run[-1].name, stop)
    return run


def _attributed(doc: Doc, item: en._Item) -> bool:
    """A title or role before the name, or an age just after it."""
    if item.prefix_start < item.name.start:
        return True
    after = doc[item.name.end : item.name.end + 3]
    return len(after) >= 2 and after[0].text == "," and after[1].like_num


def _new_clause(gap: Sequence[Token]) -> bool:
    relative = False
    for token in gap:
        if token.lower_ in _RELATIVE:
            relative = True
        if token.tag_ in _FINITE and not relative:
            return True
    return False


def _role_noun(role: str) -> str | None:
    """The word of the role that says it names people ("victims", "killed", "men"),
    or None when it names none. Only the words before a clause or a preposition
    count ("the men who died in …"), and a number only alone ("the three")."""
    words = [w.lower().strip(",") for w in role.split()]
    words = [w for w in words if w not in ("the", "those", "among")]
    if len(words) == 1 and (number_value(words[0]) or 0) in range(2, en.MAX_COUNT + 1):
        return words[0]
    for word in words:
        if word in _CLAUSE_WORDS:
            break
        if word in _ROLE_WORDS or word in en._PEOPLE_NOUNS:
            return word
        if word.endswith(en._PEOPLE_SUFFIXES) and not word.endswith("ments"):
            return word
    return None


def _role_count(role: str) -> int | None:
    for word in role.lower().split():
        value = number_value(word)
        if value is not None and 2 <= value <= en.MAX_COUNT and word not in ("a", "an"):
            return value
    return None


def _same_noun(noun: str | None, count: Token) -> bool:
    return noun is not None and noun in (count.head.lower_, count.head.lemma_.lower())


def _count_before(
    text: str, units: Sequence[Unit], docs: Sequence[Doc], index: int, first: int
) -> _Count | None:
    """The nearest count of people before the list (this unit or the two before):
    "Two soldiers were wounded", not "the two leaders"."""
    for where in range(index, max(-1, index - 3), -1):
        doc = docs[where]
        limit = first if where == index else len(doc)
        for token in reversed(en._count_tokens(doc)):
            if token.i >= limit:
                continue
            value = en._count_of(token)
            head = token.head
            if value is None or token.dep_ != "nummod" or head.tag_ not in ("NNS", "NNPS"):
                continue
            if not en._people_noun(head):
                continue
            if any(c.lower_ in _DEFINITE for c in head.children if c.dep_ == "det"):
                continue
            return _Count(where, token, value)
    return None


def _role_title(role: str) -> str:
    words = role.split()
    if words and words[0].lower() in ("the", "those") and len(words) > 1:
        words = words[1:] if words[0].lower() == "the" else words
    title = " ".join(words).strip(" ,")
    return title[:1].upper() + title[1:]
