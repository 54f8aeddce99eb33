"""Find a plain substring in the article text (no regex syntax), smart case.

The search ignores case unless the query has a capital letter. Matches are
non-overlapping, in text order, as spans of ``Article.text``. Case folding is done
character by character by the regex engine, never by lowering the whole text (which
can change its length and so every offset after an ``İ`` or a ``ẞ``).
"""

from __future__ import annotations

import re

from reader.models import Span


def is_case_sensitive(query: str) -> bool:
    return any(char.isupper() for char in query)


def find(text: str, query: str) -> list[Span]:
    """Every non-overlapping occurrence of ``query`` in ``text``."""
    if not query:
        return []
    flags = 0 if is_case_sensitive(query) else re.IGNORECASE
    pattern = re.compile(re.escape(query), flags)
    return [Span(*match.span()) for match in pattern.finditer(text)]
