"""Passages that introduce a counted group of people and name its members.

"There are three U.S. citizens …, including 48-year-old Mark Swidan, … The other two
men are 67-year-old David Lin … and 60-year-old Kai Li" is one: a number modifying a
plural noun, a word that opens the list ("including", a colon, "are", an apposition),
names in list positions, and possibly later sentences that refer back to the group
("The other two men are", "They are", "The second is"). It is kept only when the
names found equal the count, so a paragraph that merely mentions several people
never qualifies.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.analysis import facts, names
from reader.analysis.datewords import NUMBER_WORDS, number_value, word_set
from reader.analysis.units import Unit, sentence_around
from reader.models import Enumeration, Member
from reader.sanitize import clean_line

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

MAX_COUNT = 30
_NOT_COUNTS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}
_OPENERS = {"including", "include", "includes", "included", "namely", "among"}
_DASHES = {":", "—", "–", "--"}
_SEPARATORS = {",", ";", "and", "or", "&"} | _DASHES
_CLOSERS = {"—", "–", "--", ")"}
_COPULAS = {"are", "were", "include", "included", "includes", "is", "was"}
_PREFIX_TAGS = {"JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD", "HYPH", "DT", "VBN", "PRP$"}
_TITLE_ABBREVIATIONS = word_set(
    """sgt cpl pte pvt lt capt col gen maj adm cmdr insp det const supt dr prof mr mrs ms
    rev sen rep gov st"""
)
_MAX_PREFIX = 6
_BACK_NOUNS = {"men", "women", "people", "others", "ones", "victims", "americans", "members"}
_ORDINAL_OPENERS = {"another", "first", "second", "third", "fourth", "fifth", "last", "final"}
_LEAD_WORDS = {"and", "but", "also", "meanwhile", ","}
_CONTINUATION_SENTENCES = 5
_PEOPLE_NOUNS = word_set(
    """people men women children kids boys girls babies citizens nationals hostages victims
    suspects survivors members officials leaders candidates relatives siblings colleagues
    friends nurses judges nuns monks priests athletes astronauts diplomats delegates envoys
    executives detectives natives chefs pilots troops veterans inmates captives sons
    daughters brothers sisters cousins twins grandchildren couples staff crew guests
    americans britons scientists finalists winners laureates pupils"""
)
_PEOPLE_SUFFIXES = ("ers", "ors", "ists", "ians", "ees", "men", "ents", "ants", "eurs")
_OPENER_WORDS = re.compile(
    r"\b(?:including|includ(?:e|es|ed)|namely|among|such as|named|identified as|are|were)\b"
    r"|[:—–,]",
    re.IGNORECASE,
)
_SENTENCE_START = re.compile(r"[.!?][\"'”’)]*\s+")
_BACK_REFERENCE = re.compile(
    r"\s*(?:(?:and|but|also),?\s+)?(?:the\s+(?:other|remaining|first|second|third|fourth|"
    r"fifth|last|final)\b|they\s+(?:are|were|include|included)\b|another\b|among\s+them\b"
    r"|(?:the|these|those)\s+(?:[\w-]+\s+){0,2}(?:are|were|include|included)\b)",
    re.IGNORECASE,
)
_COUNT_WORD = re.compile(
    r"(?<![\w.,-])(?:\d{1,2}|"
    + "|".join(w for w in NUMBER_WORDS if " " not in w and w not in ("a", "an"))
    + r")(?![\w-])",
    re.IGNORECASE,
)
_FOLLOWING_UNITS = 2


@dataclass(slots=True)
class _Item:
    unit: int
    name: Span
    prefix_start: int
    tail_end: int = 0


def units_to_parse(text: str, units: Sequence[Unit], docs: Sequence[Doc]) -> set[int]:
    """Units to parse whole because they may introduce a counted group: a count whose
    sentence goes on with a list opener and a name, or is followed (in this unit or
    the next two) by a sentence that refers back to a group ("The other two men are")."""
    wanted: set[int] = set()
    for index, doc in enumerate(docs):
        unit = units[index]
        for token in _count_tokens(doc):
            if _count_of(token) is None:
                continue
            at = unit.start + token.idx
            _, stop = sentence_around(text, at, at + len(token), unit.start, unit.end)
            rest = text[at + len(token) : stop]
            named = any(e.label_ == "PERSON" and unit.start + e.start_char >= at for e in doc.ents)
            if named and _OPENER_WORDS.search(rest):
                wanted.add(index)
            later = [
                w
                for w in range(index, min(len(units), index + 1 + _FOLLOWING_UNITS))
                if _refers_back(text, stop if w == index else units[w].start, units[w].end)
            ]
            if later:
                wanted.update(range(index, later[-1] + 1))
    return wanted


def _refers_back(text: str, start: int, end: int) -> bool:
    """Whether a sentence of ``text[start:end]`` opens like "The other two men are"."""
    starts = [start] + [m.end() for m in _SENTENCE_START.finditer(text, start, end)]
    return any(_BACK_REFERENCE.match(text, s, end) for s in starts)


def _count_tokens(doc: Doc) -> list[Token]:
    """Tokens that look like counts, found in the text (cheaper than visiting every
    token of a long article)."""
    out: list[Token] = []
    for match in _COUNT_WORD.finditer(doc.text):
        span = doc.char_span(match.start(), match.end())
        if span is not None and len(span) == 1:
            out.append(span[0])
    return out


def _count_of(token: Token) -> int | None:
    if token.ent_type_ in _NOT_COUNTS:
        return None
    if not (token.like_num or token.lower_ in NUMBER_WORDS) or token.lower_ in ("a", "an"):
        return None
    value = number_value(token.lower_)
    return value if value is not None and 2 <= value <= MAX_COUNT else None


def find(text: str, units: Sequence[Unit], docs: Sequence[Doc]) -> list[Enumeration]:
    found: list[Enumeration] = []
    claimed = -1
    for index, doc in enumerate(docs):
        if not doc.has_annotation("DEP"):
            continue
        for token in _count_tokens(doc):
            if units[index].start + token.idx < claimed:
                continue
            enumeration = _enumeration(text, units, docs, index, token)
            if enumeration is not None:
                found.append(enumeration)
                claimed = enumeration.end
    return found


def _enumeration(
    text: str, units: Sequence[Unit], docs: Sequence[Doc], index: int, token: Token
) -> Enumeration | None:
    count = _count_of(token)
    head = token.head
    if count is None or token.dep_ != "nummod" or head.tag_ not in ("NNS", "NNPS"):
        return None
    if any(c.lower_ in ("other", "remaining", "more", "additional") for c in head.children):
        return None
    if not _people_noun(head):
        return None
    sentence = token.sent
    items: list[_Item] = []
    opener = _opener(head, sentence)
    if opener is not None:
        items = _items(index, docs[index], opener, sentence.end)
    if any(i.name.start < head.i for i in items) or len(items) > count:
        return None
    last_sentence = (index, sentence)
    if len(items) < count:
        for where, later in _later_sentences(docs, index, sentence):
            found = _continuation(later, head)
            if found is None:
                continue
            start, expected = found
            more = _items(where, docs[where], start, later.end)
            if not more or (expected is not None and len(more) != expected):
                return None
            items += more
            last_sentence = (where, later)
            if len(items) >= count:
                break
    if len(items) != count:
        return None
    _close_tails(items)
    members = tuple(_member(units, docs, item) for item in items)
    if len({m.name for m in members}) != len(members):
        return None
    place = _place_before(docs, index, head)
    last_unit, last = last_sentence
    return Enumeration(
        title=clean_line(facts.title(docs[index], head, token, count, place)),
        start=units[index].start + sentence.start_char,
        end=units[last_unit].start + last.end_char,
        count=count,
        members=members,
    )


def _people_noun(head: Token) -> bool:
    """Whether the counted noun can name people ("citizens", "climbers", "Americans";
    not "islands" or "companies")."""
    word = head.lower_
    if word in _PEOPLE_NOUNS or head.tag_ == "NNPS" or head.ent_type_ == "NORP":
        return True
    return word.endswith(_PEOPLE_SUFFIXES) and not word.endswith("ments")


def _opener(head: Token, sentence: Span) -> int | None:
    """Index of the first token of the list: after "including", a colon or dash, the
    verb of "<group> are", or the comma of an apposition."""
    doc = head.doc
    following = doc[head.i + 1] if head.i + 1 < sentence.end else None
    after_comma = doc[head.i + 2] if head.i + 2 < sentence.end else None
    # "two journalists, Maria Lopez and …", but not "two men, identified as …".
    if (
        following is not None
        and following.text == ","
        and after_comma is not None
        and after_comma.tag_ not in ("VBN", "VBG", "VBD")
    ):
        return head.i + 2
    if following is not None and following.lower_ in ("are", "were", "include", "included"):
        return head.i + 2
    for token in doc[head.i + 1 : sentence.end]:
        if token.lower_ in _OPENERS or token.text in _DASHES:
            return token.i + 1
        previous = doc[token.i - 1].lower_ if token.i > 0 else ""
        if token.lower_ == "as" and previous in ("such", "identified"):
            return token.i + 1
        if token.lower_ == "named" and token.dep_ in ("acl", "relcl", "ROOT", "conj"):
            return token.i + 1
    return None


def _items(unit: int, doc: Doc, start: int, end: int, *, subjects: bool = False) -> list[_Item]:
    """People named in list positions of ``doc[start:end]``. With ``subjects`` (a list
    a role introduced), also names that are the subject of the sentence's verb ("Sgt.
    A and Cpl. B were flown") and names shaped like a person's that the recogniser
    labelled otherwise ("Elif Kaya" as an organisation)."""
    items: list[_Item] = []
    for ent in doc.ents:
        if ent.start < start or ent.end > end:
            continue
        if ent.text.lower().rstrip(".") in _TITLE_ABBREVIATIONS:
            continue  # "Sgt" of "Sgt. Mark Doyle" taken for a name
        lenient = subjects and name_shaped(ent)
        if ent.label_ != "PERSON" and not _person_like(doc, ent) and not lenient:
            continue
        prefix = _prefix_start(doc, ent, start)
        if prefix is None or (not subjects and _heads_clause(ent)):
            continue
        items.append(_Item(unit, ent, prefix))
    for k, item in enumerate(items[:-1]):
        item.tail_end = items[k + 1].prefix_start
    if items:
        items[-1].tail_end = _tail_end(doc, items[-1].name, end)
    return items


def name_shaped(ent: Span) -> bool:
    """Two or three capitalised words that could be a person's name, whatever the
    recogniser's label."""
    if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT"):
        return False
    words = ent.text.split()
    return (
        2 <= len(words) <= 3
        and names.plausible_person(ent.text)
        and not names.looks_like_org(ent.text)
    )


def _person_like(doc: Doc, ent: Span) -> bool:
    """A name the recogniser mislabelled, next to an age or "who" ("60-year-old Kai
    Li", "Eli Mizrahi, 54,", "Amara Osei, who")."""
    if ent.label_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"):
        return False
    if names.person_cue_after(doc.text, ent.end_char, ent.text):
        return True
    return len(ent) >= 2 and ent.start >= 1 and doc[ent.start - 1].lower_ == "old"


def _prefix_start(doc: Doc, ent: Span, start: int) -> int | None:
    """Where the item holding ``ent`` begins: after a separator, with only an age or a
    role between it and the name. None when the name sits inside a phrase ("worked
    with John Smith")."""
    j = ent.start - 1
    steps = 0
    while j >= start:
        token = doc[j]
        if token.lower_ in _SEPARATORS or token.text in _SEPARATORS:
            return j + 1
        if token.text == "." and j > start and doc[j - 1].lower_ in _TITLE_ABBREVIATIONS:
            j -= 1  # "Sgt." before a name: part of the title
            continue
        title = token.lower_.rstrip(".") in _TITLE_ABBREVIATIONS
        if token.tag_ not in _PREFIX_TAGS or (token.ent_type_ == "PERSON" and not title):
            return None
        steps += 1
        if steps > _MAX_PREFIX:
            return None
        j -= 1
    return start


def _heads_clause(ent: Span) -> bool:
    """ "…, police chief John Smith said": the subject of a new clause, not a member."""
    root = ent.root
    verb = root.head
    return (
        root.dep_ in ("nsubj", "nsubjpass")
        and verb.tag_.startswith("VB")
        and verb.i > root.i
        and verb.lower_ not in _COPULAS
    )


def _tail_end(doc: Doc, name: Span, end: int) -> int:
    """Where the last member's words stop: before the verb that governs the list."""
    ancestors = {t.i for t in name.root.ancestors}
    for token in doc[name.end : end]:
        if token.i in ancestors or token.text in _CLOSERS:
            return token.i
        governor = token.head
        if (
            governor.i in ancestors
            and token.dep_ != "punct"
            and (governor.i > name.end or governor.tag_.startswith("VB"))
        ):
            return token.i
    return end


def _close_tails(items: list[_Item]) -> None:
    """A member's words end no earlier than its name."""
    for item in items:
        if item.tail_end <= item.name.end:
            item.tail_end = item.name.end


def _later_sentences(docs: Sequence[Doc], index: int, sentence: Span) -> list[tuple[int, Span]]:
    out: list[tuple[int, Span]] = []
    for where in range(index, min(len(docs), index + 1 + _FOLLOWING_UNITS)):
        doc = docs[where]
        if not doc.has_annotation("DEP"):
            break
        for later in doc.sents:
            if where == index and later.start <= sentence.start:
                continue
            out.append((where, later))
    return out[:_CONTINUATION_SENTENCES]


def _continuation(sentence: Span, head: Token) -> tuple[int, int | None] | None:
    """A sentence that goes on naming the group: where its list starts and how many it
    announces ("The other two men are …" → 2)."""
    tokens = [t for t in sentence if not t.is_space]
    while tokens and tokens[0].lower_ in _LEAD_WORDS:
        tokens = tokens[1:]
    words = [t.lower_ for t in tokens]

    def after(k: int, expected: int | None) -> tuple[int, int | None] | None:
        return (tokens[k].i, expected) if k < len(tokens) else None

    if len(words) < 3:
        return None
    if words[0] == "they" and words[1] in _COPULAS:
        return after(2, None)
    if words[:2] == ["among", "them"] and words[2] in _COPULAS:
        return after(3, None)
    k = 1 if words[0] in ("the", "these", "those", "a") else 0
    if words[k] in _ORDINAL_OPENERS:
        k += 1
        if k < len(words) and (words[k] in ("one", head.lower_) or words[k] in _BACK_NOUNS):
            k += 1
        if k < len(words) and words[k] in ("is", "was"):
            return after(k + 1, 1)
        return None
    if k == 0:
        return None
    referring = False
    if words[k] in ("other", "remaining"):
        referring = True
        k += 1
    expected = None
    if k < len(words) and words[k] not in ("a", "an") and number_value(words[k]):
        expected = number_value(words[k])
        k += 1
    if k < len(words) and (
        words[k] in (head.lower_, *_BACK_NOUNS) or (referring and tokens[k].tag_ in ("NNS", "NNPS"))
    ):
        referring = referring or words[k] in (head.lower_, "others")
        k += 1
    if referring and k < len(words) and words[k] in _COPULAS:
        return after(k + 1, expected)
    return None


def _member(units: Sequence[Unit], docs: Sequence[Doc], item: _Item) -> Member:
    offset = units[item.unit].start
    doc = docs[item.unit]
    return Member(
        name=clean_line(item.name.text),
        start=offset + item.name.start_char,
        end=offset + item.name.end_char,
        facts=facts.member_facts(doc, item.name, item.prefix_start, item.tail_end),
    )


def _place_before(docs: Sequence[Doc], index: int, head: Token) -> str | None:
    """The last place named before the group (this unit or the two before), which
    "there" in the introducing phrase refers to; places inside the group's own noun
    phrase ("U.S. citizens") do not count."""
    own = {t.i for t in head.subtree}
    for where in range(index, max(-1, index - 3), -1):
        places = [
            e
            for e in docs[where].ents
            if e.label_ in ("GPE", "LOC", "FAC")
            and (where != index or (e.end <= head.i and e.root.i not in own))
        ]
        if places:
            return places[-1].text
    return None
