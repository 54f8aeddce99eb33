"""Past or future: the tense of the verb that governs a date phrase.

With a parse, walk from the phrase up its dependency heads to the first verb whose
form or auxiliaries show a tense ("arrived", "has been", "will meet", "could come";
an infinitive defers to the verb above it, unless that verb announces an intention:
"plans to meet"). Without a parse, look for the nearest tense cue in the words around
the phrase in the same sentence.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


class Tense(Enum):
    PAST = "past"
    PRESENT = "present"
    FUTURE = "future"
    UNKNOWN = "unknown"


_FUTURE_AUX = {"will", "shall", "'ll", "’ll", "wo", "ll"}
_MODALS = {"could", "would", "might", "may", "should", "can", "must", "ca"}
_HAVE = {"has", "have", "'ve", "’ve", "having"}
_INTENT = {
    "plan",
    "intend",
    "expect",
    "hope",
    "want",
    "aim",
    "schedule",
    "set",
    "due",
    "go",
    "prepare",
    "seek",
    "promise",
    "pledge",
    "vow",
    "agree",
    "decide",
}
_INTENT_FORMS = {
    "plans": "plan",
    "planned": "plan",
    "planning": "plan",
    "intends": "intend",
    "intended": "intend",
    "intending": "intend",
    "expects": "expect",
    "expected": "expect",
    "hopes": "hope",
    "hoping": "hope",
    "wants": "want",
    "aims": "aim",
    "scheduled": "schedule",
    "going": "go",
    "prepares": "prepare",
    "preparing": "prepare",
    "seeks": "seek",
    "promised": "promise",
    "promises": "promise",
    "pledged": "pledge",
    "vowed": "vow",
    "agreed": "agree",
    "decided": "decide",
}
_MAX_CLIMB = 12


def _base(word: str) -> str:
    word = word.lower()
    return _INTENT_FORMS.get(word, word)


def tense_from_parse(token: Token) -> Tense:
    """The tense governing ``token`` (usually the root of a date phrase)."""
    current = token
    for _ in range(_MAX_CLIMB):
        head = current.head
        if head is current:
            break
        found = _verb_tense(head)
        if found is not None:
            return found
        current = head
    return Tense.UNKNOWN


def _verb_tense(verb: Token) -> Tense | None:
    """The tense ``verb`` shows, or None when it shows none (infinitive, participle,
    not a verb) and the verb above decides."""
    tag = verb.tag_
    if not (tag.startswith("VB") or tag == "MD"):
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return Tense.FUTURE
    if words & _MODALS or tag == "MD":
        return Tense.FUTURE
    if _base(verb.lower_) == "go" and any(c.dep_ == "xcomp" for c in verb.children):
        return Tense.FUTURE
    if tag == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return Tense.PAST
    if tag == "VBN" and words & _HAVE:
        return Tense.PAST
    if tag in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        if tag == "VBG" or _base(verb.lower_) in _INTENT:
            return Tense.FUTURE
        return Tense.PRESENT
    if tag == "VB" and "to" in words:
        head = verb.head
        if head is not verb and head.tag_.startswith("VB") and _base(head.lower_) in _INTENT:
            return Tense.FUTURE
    return None


# --- without a parse ---------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z’']+")
_FUTURE_WORDS = _FUTURE_AUX | _MODALS | {"tomorrow", "upcoming", "next"}
_FUTURE_PAIRS = {
    "going to",
    "plans to",
    "plan to",
    "planning to",
    "expected to",
    "expects to",
    "scheduled to",
    "scheduled for",
    "set to",
    "due to",
    "aims to",
    "intends to",
    "hopes to",
}
_PAST_WORDS = {
    "was",
    "were",
    "had",
    "did",
    "said",
    "told",
    "met",
    "went",
    "came",
    "took",
    "made",
    "left",
    "began",
    "held",
    "saw",
    "gave",
    "got",
    "won",
    "lost",
    "ran",
    "spoke",
    "wrote",
    "sent",
    "found",
    "led",
    "fell",
    "rose",
    "paid",
    "sold",
    "bought",
    "brought",
    "thought",
    "felt",
    "kept",
    "knew",
    "became",
    "ago",
    "last",
    "yesterday",
}
_NOT_PAST = {"need", "needed", "speed", "seed", "bed", "red", "indeed", "hundred", "shed", "feed"}
_NOT_PAST |= {"united", "red", "based", "related", "limited", "called", "named", "alleged"}
_SENTENCE = re.compile(r"[.!?]\s")


def tense_from_text(text: str, start: int, end: int) -> Tense:
    """The tense suggested by the nearest cue to ``text[start:end]`` in its sentence:
    first looking back up to ten words, then forward up to eight."""
    left_limit = max(0, start - 300)
    left = text[left_limit:start]
    cut = None
    for match in _SENTENCE.finditer(left):
        cut = match.end()
    if cut is not None:
        left = left[cut:]
    right = text[end : end + 200]
    stop = _SENTENCE.search(right)
    if stop:
        right = right[: stop.start()]
    before = [w.lower() for w in _WORD.findall(left)][-10:]
    after = [w.lower() for w in _WORD.findall(right)][:8]
    for i in range(len(before) - 1, -1, -1):
        found = _cue(before, i)
        if found is not None:
            return found
    for i in range(len(after)):
        found = _cue(after, i)
        if found is not None:
            return found
    return Tense.UNKNOWN


def _cue(words: list[str], i: int) -> Tense | None:
    word = words[i]
    pair = f"{word} {words[i + 1]}" if i + 1 < len(words) else ""
    if pair in _FUTURE_PAIRS or word in _FUTURE_WORDS:
        return Tense.FUTURE
    if word in _PAST_WORDS:
        return Tense.PAST
    if len(word) > 4 and word.endswith("ed") and word not in _NOT_PAST:
        return Tense.PAST
    return None
