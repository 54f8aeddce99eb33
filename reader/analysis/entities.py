"""Named entities, tidied the way a reader expects.

From the recogniser's raw spans: titles, "the" and possessives trimmed; fragments cut
out of titles dropped ("State" from "Secretary of State"); each spelling labelled by
the majority of its mentions (so "Blinken" tagged as a place once is still a person);
short names folded into the full name used elsewhere ("Xi" → "Xi Jinping", "Yi" →
"Wang Yi", the nearest preceding full name winning when two share a surname);
abbreviations joined to their full names ("U.S." and "the United States").
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.analysis import credits, names
from reader.analysis.units import Unit
from reader.models import Entity, EntityGroup, Span
from reader.sanitize import clean_line

if TYPE_CHECKING:
    from spacy.tokens import Doc

GROUP_OF_LABEL = {
    "PERSON": EntityGroup.PEOPLE,
    "ORG": EntityGroup.ORGANISATIONS,
    "GPE": EntityGroup.PLACES,
    "LOC": EntityGroup.PLACES,
    "FAC": EntityGroup.PLACES,
    "NORP": EntityGroup.GROUPS,
    "EVENT": EntityGroup.OTHER,
    "LAW": EntityGroup.OTHER,
    "WORK_OF_ART": EntityGroup.OTHER,
    "PRODUCT": EntityGroup.OTHER,
}
_GROUP_ORDER = list(EntityGroup)
_MAX_WORDS = 8
_MAX_CHARS = 80


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    name: str
    label: str

    @property
    def words(self) -> list[str]:
        return self.name.split()


def find_entities(text: str, units: Sequence[Unit], docs: Sequence[Doc]) -> tuple[Entity, ...]:
    found = collect(text, units, docs)
    return build(text, found + recover(text, units, found))


def recover(text: str, units: Sequence[Unit], found: Sequence[Mention]) -> list[Mention]:
    """Mentions of people the recogniser missed ("Yi agreed" after it saw "Wang Yi"):
    every other occurrence of a name it tagged as a person (or of the last word of a
    full name), unless the name is also an ordinary word (it appears in lower case)
    or the spot is inside another name."""
    people = [m for m in found if m.label == "PERSON"]
    surfaces = {m.name for m in people} | {m.words[-1] for m in people if len(m.words) > 1}
    surfaces = {n for n in surfaces if len(n) > 1 and n[0].isupper()}
    surfaces = {n for n in surfaces if not _in_lower_case(text, n)}
    if not surfaces:
        return []
    pattern = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(n) for n in sorted(surfaces, key=len, reverse=True))
        + r")(?![\w-])"
    )
    taken = sorted((m.start, m.end) for m in found)
    starts = [s for s, _ in taken]
    extra: list[Mention] = []
    for unit in units:
        for match in pattern.finditer(text, unit.start, unit.end):
            start, end = match.span()
            i = bisect.bisect_right(starts, end) - 1
            if i >= 0 and any(s < end and start < e for s, e in taken[max(0, i - 3) : i + 1]):
                continue
            extra.append(Mention(start, end, match.group(), "PERSON"))
    return extra


def _in_lower_case(text: str, name: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(name.lower())}(?![\w-])", text) is not None


def collect(text: str, units: Sequence[Unit], docs: Sequence[Doc]) -> list[Mention]:
    """The recogniser's spans, trimmed, with implausible ones and fragments dropped."""
    found: list[Mention] = []
    for unit, doc in zip(units, docs, strict=True):
        credited = credits.credit_spans(text, unit.start, unit.end)
        for ent in doc.ents:
            label = ent.label_
            if label not in GROUP_OF_LABEL:
                continue
            start, end = names.trim(
                text,
                unit.start + ent.start_char,
                unit.start + ent.end_char,
                person=label == "PERSON",
            )
            if any(s < end and start < e for s, e in credited):
                continue
            end = names.cut_run_on(text, start, end)
            name = " ".join(clean_line(text[start:end]).split())
            if name in names.NOT_NAMES:
                continue
            if not _plausible(name) or _fragment(text, start, end, label, name):
                continue
            if label != "PERSON" and names.person_cue_after(text, end, name):
                label = "PERSON"
            if label == "PERSON" and not names.plausible_person(name):
                if name.lower() not in names.NOT_PEOPLE:
                    continue
                label = "ORG"
            found.append(Mention(start, end, name, label))
    return found


def _plausible(name: str) -> bool:
    if not name or len(name) > _MAX_CHARS or len(name.split()) > _MAX_WORDS:
        return False
    return any(c.isupper() for c in name) and any(c.isalpha() for c in name)


def _fragment(text: str, start: int, end: int, label: str, name: str) -> bool:
    """A single word the recogniser cut out of a longer title or name."""
    if label == "PERSON" or " " in name:
        return False
    lower = name.lower()
    if label == "ORG" and lower in names.GENERIC_ORGS:
        return True
    if lower not in names.PORTFOLIOS:
        return False
    before = text[max(0, start - 40) : start].split()
    after = text[end : end + 40].split()
    titles = names.TITLES | names.ROLE_AFTER
    if len(before) >= 2 and before[-1] == "of" and before[-2].lower() in titles:
        return True
    return bool(after) and after[0].strip(",.;:").lower() in names.ROLE_AFTER | names.TITLES


def build(text: str, mentions: list[Mention]) -> tuple[Entity, ...]:
    mentions = _split_joined(mentions)
    labels = _vote(mentions)
    for mention in mentions:
        mention.label = labels[names.key_of(mention.name)]
        if mention.label == "PERSON" and names.looks_like_org(mention.name):
            mention.label = "ORG"
    _surnames_are_people(mentions)
    people = [m for m in mentions if m.label == "PERSON"]
    others = [m for m in mentions if m.label != "PERSON"]
    entities = _people(text, people) + _others(text, others)
    entities.sort(key=lambda e: (_GROUP_ORDER.index(e.group), -e.count, e.mentions[0].start))
    return tuple(entities)


_POSSESSIVE_INSIDE = re.compile(r"^(.+?)['’]s (\S.*)$")


def _split_joined(mentions: list[Mention]) -> list[Mention]:
    """Spans that joined two names: "Facebook and Cambridge Analytica" (when one side
    is a name of its own elsewhere) is dropped; "Verizon’s Yahoo" becomes "Yahoo" when
    "Verizon" is a name elsewhere."""
    keys = {names.key_of(m.name) for m in mentions}
    out: list[Mention] = []
    for mention in mentions:
        if " and " in mention.name:
            sides = mention.name.split(" and ")
            if any(names.key_of(side) in keys for side in sides):
                continue
        owner = _POSSESSIVE_INSIDE.match(mention.name)
        if owner is not None and names.key_of(owner.group(1)) in keys:
            rest = owner.group(2)
            if len(rest) < 2 or not rest[0].isupper():
                continue
            mention = Mention(mention.end - len(rest), mention.end, rest, mention.label)
        out.append(mention)
    return out


def _surnames_are_people(mentions: Sequence[Mention]) -> None:
    """ "Besecker" tagged as a company where "Tyler Besecker" is a person on the page:
    the surname is that person. Places keep their label ("Washington" beside "George
    Washington" is mostly the city), as the vote decides."""
    surnames = {
        m.words[-1].lower()
        for m in mentions
        if m.label == "PERSON" and len(m.words) > 1 and not names.looks_like_org(m.name)
    }
    for mention in mentions:
        if mention.label == "ORG" and mention.name.lower() in surnames:
            mention.label = "PERSON"


def _vote(mentions: Sequence[Mention]) -> dict[str, str]:
    """Each spelling's label: the one most of its mentions carry. A word that is part of
    a full person name gets one extra vote for PERSON ("Gates" of "Bill Gates")."""
    name_words = {w for m in mentions if m.label == "PERSON" and len(m.words) > 1 for w in m.words}
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for mention in mentions:
        votes[names.key_of(mention.name)][mention.label] += 1
    for key in {names.key_of(m.name) for m in mentions if m.name in name_words}:
        votes[key]["PERSON"] += 1
    chosen: dict[str, str] = {}
    for key, counter in votes.items():
        person = counter.get("PERSON", 0)
        others = {label: n for label, n in counter.items() if label != "PERSON"}
        if person and person >= max(others.values(), default=0):
            chosen[key] = "PERSON"
        else:
            chosen[key] = max(others, key=lambda label: others[label])
    return chosen


def _people(text: str, mentions: list[Mention]) -> list[Entity]:
    """Fold every mention into a person: full names by first and last word, single
    words into the full name they belong to."""
    families: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    singles: list[Mention] = []
    for mention in mentions:
        words = mention.words
        if len(words) > 1:
            families[(words[0].lower(), words[-1].lower())].append(mention)
        else:
            singles.append(mention)
    by_word: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for family in families:
        for word in {family[0], family[-1]}:
            by_word[word].append(family)
    alone: dict[str, list[Mention]] = defaultdict(list)
    for mention in singles:
        candidates = by_word.get(mention.name.lower(), [])
        if not candidates:
            alone[names.key_of(mention.name)].append(mention)
            continue
        family = candidates[0] if len(candidates) == 1 else _nearest(mention, candidates, families)
        families[family].append(mention)
    out = [_entity(group, "PERSON", full_only=True) for group in families.values()]
    # A lone word also written in lower case is a common noun the recogniser took for
    # a name ("Promise", "Glass").
    out += [
        _entity(group, "PERSON")
        for group in alone.values()
        if not _in_lower_case(text, group[0].name)
    ]
    return out


def _nearest(
    mention: Mention,
    candidates: list[tuple[str, str]],
    families: dict[tuple[str, str], list[Mention]],
) -> tuple[str, str]:
    """The family whose full name was written last before ``mention`` (else first after)."""

    def distance(family: tuple[str, str]) -> tuple[int, int]:
        starts = [m.start for m in families[family] if len(m.words) > 1]
        before = [mention.start - s for s in starts if s <= mention.start]
        if before:
            return (0, min(before))
        return (1, min(s - mention.start for s in starts))

    return min(candidates, key=distance)


def _others(text: str, mentions: list[Mention]) -> list[Entity]:
    groups: dict[str, list[Mention]] = defaultdict(list)
    keys = {names.key_of(m.name) for m in mentions}
    for mention in mentions:
        key = names.key_of(mention.name)
        # "Americans" and "American": one group of people.
        if mention.label == "NORP" and key.endswith("s") and key[:-1] in keys:
            key = key[:-1]
        groups[key].append(mention)
    entities = [_entity(group, None) for group in groups.values()]
    # A single word also written in lower case is a common noun ("the Budget", "a
    # Bill"), except for places and nationalities ("China", "Turkey").
    return [
        e
        for e in entities
        if e.group in (EntityGroup.PLACES, EntityGroup.GROUPS)
        or " " in e.name
        or not _in_lower_case(text, e.name)
    ]


def _entity(group: list[Mention], label: str | None, *, full_only: bool = False) -> Entity:
    label = label or Counter(m.label for m in group).most_common(1)[0][0]
    pool = [m for m in group if len(m.words) > 1] if full_only else group
    counts = Counter(m.name for m in pool or group)
    name = max(counts, key=lambda n: (counts[n], len(n)))
    alias = names.alias_key(name)
    if alias is not None:
        # Prefer the full name ("United States") when the text uses it anywhere.
        full = [m.name for m in group if m.name.lower() == alias]
        name = full[0] if full else name
    spans = sorted({(m.start, m.end) for m in group})
    return Entity(
        name=name,
        group=GROUP_OF_LABEL[label],
        mentions=tuple(Span(s, e) for s, e in spans),
        label=label,
    )
