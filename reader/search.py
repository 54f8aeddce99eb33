"""Find a plain substring in the article text (no regex syntax): smart case, and
accents ignored.

The search ignores case unless the query has a capital letter, and it ignores accents
and other marks always ("cafe" finds "café", "Muller" finds "Müller", "ﬁle" and
"file" are one). Matches are non-overlapping, in text order, as spans of
``Article.text``. Folding is done character by character with a map back to the text,
never by lowering or normalising the whole text (which can change its length and so
every offset after an ``İ``, a ``ẞ`` or a decomposed accent).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from reader.models import Span


def is_case_sensitive(query: str) -> bool:
    return any(char.isupper() for char in query)


@lru_cache(maxsize=4096)
def _fold_char(char: str, casefold: bool) -> str:
    """``char`` without its marks (and its case): "" for a lone combining mark."""
    decomposed = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base.casefold() if casefold else base


def fold(text: str, casefold: bool) -> str:
    return "".join(_fold_char(char, casefold) for char in text)


@lru_cache(maxsize=4)
def _folded(text: str, casefold: bool) -> tuple[str, tuple[int, ...]]:
    """``text`` folded, and for each folded character the offset of the text's
    character it comes from. Cached: a search as you type folds the article once."""
    parts: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = _fold_char(char, casefold)
        if folded:
            parts.append(folded)
            origin.extend([index] * len(folded))
    return "".join(parts), tuple(origin)


def find(text: str, query: str) -> list[Span]:
    """Every non-overlapping occurrence of ``query`` in ``text``."""
    if not query:
        return []
    sensitive = is_case_sensitive(query)
    if text.isascii() and query.isascii():
        pattern = re.compile(re.escape(query), 0 if sensitive else re.IGNORECASE)
        return [Span(*match.span()) for match in pattern.finditer(text)]
    needle = fold(query, not sensitive)
    if not needle:
        return []
    haystack, origin = _folded(text, not sensitive)
    spans: list[Span] = []
    last_end = 0
    for match in re.finditer(re.escape(needle), haystack):
        start = origin[match.start()]
        end = origin[match.end() - 1] + 1
        # A mark that follows the last character (a decomposed accent) belongs to it.
        while end < len(text) and not _fold_char(text[end], not sensitive):
            end += 1
        if start < last_end:
            continue  # a character folded into several (ß → ss) matched twice
        spans.append(Span(start, end))
        last_end = end
    return spans
