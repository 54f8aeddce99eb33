"""What a passage says about each member of a counted group, and the group's title.

A member's facts come from the words around the name: an age ("48-year-old Mark
Swidan", "Anna Berg, 31,"), a role before the name, appositions ("a Texas
businessman"), places ("of Portland") and relative clauses compressed to their verb
and time ("who has been imprisoned in China since 2006" → "imprisoned since 2006";
"who is on death row" → "on death row").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reader.analysis.datewords import number_value, word_set

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_AGE = re.compile(r"^(\S+?)[- ](?:year|yr)s?[- ]old$", re.IGNORECASE)
_RELATIVE = {"who", "whom", "whose", "which", "that"}
_AUX = {"has", "have", "had", "is", "was", "are", "were", "been", "be", "being", "'s", "’s"}
_AUX |= {"will", "would", "could", "may", "might", "also", "since"}
_ARTICLES = {"a", "an", "the"}
_JOINERS = {"and", "or", "but", "&"}
_PREPOSITIONS = word_set(
    """about above across after against along amid among around at before behind below
    beneath beside between beyond by despite during for from in inside into near of off on
    onto out outside over past since through throughout till to toward towards under until
    up upon with within without"""
)
_REPORTING = {
    "considered",
    "believed",
    "thought",
    "deemed",
    "said",
    "known",
    "reported",
    "alleged",
    "understood",
    "presumed",
    "suspected",
    "feared",
    "listed",
    "designated",
    "classified",
    "described",
}
_MAX_FACT_WORDS = 9
_MAX_TITLE = 80


def join(tokens: Sequence[Token], replace: dict[int, str] | None = None) -> str:
    """Tokens as text, with their own spacing where they are adjacent; ``replace``
    maps token indices to other text ("" drops the token)."""
    out: list[str] = []
    for k, token in enumerate(tokens):
        piece = replace.get(token.i, token.text) if replace else token.text
        if piece:
            out.append(piece)
        if k + 1 < len(tokens) and piece:
            following = tokens[k + 1]
            out.append(token.whitespace_ if following.i == token.i + 1 else " ")
    return re.sub(r"\s+", " ", "".join(out)).strip()


# --- members ---------------------------------------------------------------------


def member_facts(doc: Doc, name: Span, prefix_start: int, tail_end: int) -> tuple[str, ...]:
    """Facts about ``name`` from the words before it (from ``prefix_start``) and after
    it (up to ``tail_end``)."""
    facts: list[str] = []
    prefix = [t for t in doc[prefix_start : name.start] if t.lower_ not in _ARTICLES]
    prefix_text = join(prefix)
    age = _AGE.match(prefix_text.split(" ")[0]) if prefix_text else None
    if age and number_value(age.group(1)) is not None:
        facts.append(str(number_value(age.group(1))))
        prefix_text = " ".join(prefix_text.split(" ")[1:])
    elif prefix_text:
        age = _AGE.match(prefix_text)
        if age and number_value(age.group(1)) is not None:
            facts.append(str(number_value(age.group(1))))
            prefix_text = ""
    if prefix_text:
        facts.append(prefix_text)
    for segment in _segments(doc[name.end : tail_end]):
        if _nested_clause(segment, name):
            continue
        for fact in _facts(segment):
            if fact not in facts:
                facts.append(fact)
    return tuple(facts)


def _nested_clause(segment: list[Token], name: Span) -> bool:
    """A relative clause about something else ("charges … which he has denied")."""
    first = segment[0]
    if first.lower_ not in _RELATIVE:
        return False
    own = {t.i for t in name} | {c.i for c in name.root.children if c.dep_ == "appos"}
    node = first.head
    for _ in range(3):
        if node.i in own:
            return False
        if node.dep_ not in ("relcl", "acl", "conj") or node.head is node:
            break
        node = node.head
    return node.i not in own


def _segments(tokens: Sequence[Token]) -> list[list[Token]]:
    """The tail cut at commas, semicolons, dashes and relative pronouns."""
    segments: list[list[Token]] = [[]]
    for token in tokens:
        if token.text in (",", ";", "—", "–", "--", "(", ")", ".", ":"):
            segments.append([])
            continue
        if token.lower_ in _RELATIVE and token.tag_ in ("WP", "WDT", "WP$", ""):
            segments.append([])
        segments[-1].append(token)
    return [s for s in segments if s]


def _facts(segment: list[Token]) -> list[str]:
    while segment and segment[0].lower_ in _JOINERS:
        segment = segment[1:]
    while segment and segment[-1].lower_ in _JOINERS:
        segment = segment[:-1]
    if not segment:
        return []
    words = [t.lower_ for t in segment]
    if len(segment) == 1 and segment[0].like_num and number_value(segment[0].text):
        return [segment[0].text]
    if words[0] in _RELATIVE:
        return _clause(segment[1:])
    if words[0] in _ARTICLES:
        segment = segment[1:]
    if not segment or len(segment) > _MAX_FACT_WORDS:
        return []
    return [join(segment)]


def _clause(tokens: list[Token]) -> list[str]:
    """A relative clause as short predicates: auxiliaries dropped, the verb kept with
    its object and its time, or with its first other complement when it has no time."""
    parts: list[str] = []
    for part in _conjuncts(tokens):
        while part and (part[0].lower_ in _AUX or part[0].tag_ == "MD"):
            part = part[1:]
        if not part:
            continue
        if _is_verb(part[0]):
            parts.append(_verb_phrase(part))
        elif len(part) <= _MAX_FACT_WORDS:
            parts.append(join(part))
    return [p for p in parts if p]


def _conjuncts(tokens: list[Token]) -> list[list[Token]]:
    """ "is on death row and has been imprisoned…": split at an "and" before a verb."""
    out: list[list[Token]] = [[]]
    for k, token in enumerate(tokens):
        following = tokens[k + 1] if k + 1 < len(tokens) else None
        if (
            token.lower_ == "and"
            and following is not None
            and (following.lower_ in _AUX or _is_verb(following))
        ):
            out.append([])
            continue
        out[-1].append(token)
    return [p for p in out if p]


def _is_verb(token: Token) -> bool:
    return token.tag_.startswith("VB") or token.tag_ == "MD"


def _verb_phrase(tokens: list[Token]) -> str:
    head: list[Token] = []
    chunks: list[list[Token]] = []
    for token in tokens:
        if token.lower_ in _RELATIVE and token.i != tokens[0].i:
            break
        starts_chunk = token.lower_ in _PREPOSITIONS and token.lower_ != "of"
        if starts_chunk:
            chunks.append([token])
        elif chunks:
            chunks[-1].append(token)
        else:
            head.append(token)
    if len(head) > 5:
        head = head[:5]
    timed = [c for c in chunks if _timed(c)]
    chosen = timed if timed else chunks[:1]
    chosen = [c for c in chosen if len(c) <= 6]
    return join(head + [t for c in chosen for t in c])


def _timed(chunk: list[Token]) -> bool:
    return any(
        t.ent_type_ in ("DATE", "TIME") or re.fullmatch(r"1[89]\d\d|20\d\d", t.text) for t in chunk
    )


# --- the title -----------------------------------------------------------------------


def title(doc: Doc, head: Token, count_token: Token, count: int, place: str | None) -> str:
    """ "U.S. citizens wrongfully detained in China (3)": the group's noun phrase and
    what the passage says of it, with "there" replaced by the place named before."""
    noun = _noun_phrase(head, count_token)
    descriptor = _descriptor(head, place)
    text = f"{noun} {descriptor}".strip() if descriptor else noun
    if len(text) > _MAX_TITLE:
        text = noun
    text = re.sub(r"\s+", " ", text).strip(" ,;:-")
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    return f"{text} ({count})"


def _noun_phrase(head: Token, count_token: Token) -> str:
    skip = {"det", "nummod", "predet", "poss", "punct"}
    tokens: list[Token] = []
    for child in head.lefts:
        if child.dep_ in skip or child.i == count_token.i or child.lower_ in ("other", "all"):
            continue
        tokens.extend(child.subtree)
    tokens.append(head)
    tokens = [t for t in tokens if t.i != count_token.i]
    return join(sorted(tokens, key=lambda t: t.i))


def _descriptor(head: Token, place: str | None) -> str:
    for child in head.rights:
        if child.dep_ in ("acl", "relcl") and child.tag_.startswith("VB"):
            if any(t.ent_type_ == "PERSON" for t in child.subtree):
                continue  # "identified as Omar Haddad and Peter Wu" names the members
            if child.lower_ in _REPORTING:
                inner = [c for c in child.children if c.dep_ in ("xcomp", "ccomp", "oprd")]
                if not inner:
                    continue
                child = inner[0]
            text = _clause_text(child, place, drop_time=True)
            pronoun = [c for c in child.children if c.lower_ in _RELATIVE and c.i < child.i]
            return f"{pronoun[0].lower_} {text}" if pronoun and child.dep_ == "relcl" else text
    verb = head.head
    copulas = ("are", "were", "is", "was", "include", "included", "includes")
    if (
        head.dep_ in ("nsubj", "nsubjpass")
        and verb.tag_.startswith("VB")
        and verb.lower_ not in copulas
    ):
        text = _clause_text(verb, place, drop_time=True)
        return text if verb.tag_ == "VBN" else f"who {text}"
    if head.dep_ == "dobj" and verb.tag_ in ("VBD", "VBN") and verb.lower_.endswith("ed"):
        # "Police arrested three men" → "Men arrested": a regular past is a participle.
        return verb.text
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "from", "in", "at", "with", "on"):
            tokens = list(child.subtree)
            if len(tokens) <= 6:
                return join(tokens)
    return ""


def _clause_text(verb: Token, place: str | None, *, drop_time: bool = False) -> str:
    """The verb with its adverbs, particle, object and first complement."""
    keep: list[Token] = []
    complements = 0
    for child in verb.children:
        if child.dep_ in ("advmod", "neg", "prt", "acomp") and child.lower_ != "there":
            keep.extend(child.subtree)
        elif child.lower_ == "there" and child.dep_ == "advmod":
            keep.append(child)
        elif child.dep_ in ("dobj", "attr", "oprd"):
            phrase = _bare_phrase(child)
            if len(phrase) <= 5:
                keep.extend(phrase)
        elif child.dep_ == "prep" and complements == 0 and len(list(child.subtree)) <= 6:
            timed = any(t.ent_type_ in ("DATE", "TIME") for t in child.subtree)
            if drop_time and timed:
                continue
            keep.extend(child.subtree)
            complements += 1
    keep.append(verb)
    tokens = sorted({t.i: t for t in keep}.values(), key=lambda t: t.i)
    replace: dict[int, str] = {}
    for token in tokens:
        if token.lower_ == "there" and token.dep_ == "advmod":
            replace[token.i] = f"in {place}" if place else ""
        elif drop_time and token.ent_type_ in ("DATE", "TIME"):
            replace[token.i] = ""
    return join(tokens, replace)


def _bare_phrase(token: Token) -> list[Token]:
    """``token``'s phrase without its clauses, appositions and lists ("the awards" of
    "the awards, including …")."""
    out = [token]
    for child in token.children:
        if child.dep_ in ("relcl", "acl", "appos", "punct", "conj", "cc", "prep"):
            continue
        out.extend(child.subtree)
    return sorted(out, key=lambda t: t.i)
