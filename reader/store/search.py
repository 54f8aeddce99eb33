"""Full-text search over the library (SQLite FTS5), safe for any user text.

The user's words are never passed to FTS5 as query syntax: each word becomes a quoted
string, a ``"quoted phrase"`` stays a phrase, and the last word also matches as a
prefix (search as you type). Matches come back as plain text plus spans, never markup.
"""

from __future__ import annotations

import re
import sqlite3

from reader.models import Span
from reader.sanitize import clean_line
from reader.store.records import SearchHit

_OPEN, _CLOSE = "\x02", "\x03"
"""Match delimiters asked of snippet(); stripped by `split_marked`."""
_WORD = re.compile(r"\w+")
_PHRASE_OR_WORD = re.compile(r'"([^"]*)"?|(\w+)')
_MIN_PREFIX = 3
"""Shorter last words match whole words only (a one-letter prefix matches everything)."""
SNIPPET_TOKENS = 24


def build_match(text: str) -> str | None:
    """An FTS5 MATCH expression for what the user typed, or None when it has no words.

    All terms must match (AND). FTS5 operators typed by the user (OR, NOT, NEAR, ``*``,
    ``:``, parentheses) are searched for as plain words."""
    terms: list[str] = []
    last_bare: int | None = None
    for match in _PHRASE_OR_WORD.finditer(text):
        phrase, word = match.group(1), match.group(2)
        words = _WORD.findall(phrase) if phrase is not None else [word]
        if not words:
            continue
        terms.append('"' + " ".join(words) + '"')
        last_bare = len(terms) - 1 if word is not None and match.end() == len(text) else None
    if not terms:
        return None
    if last_bare is not None and len(terms[last_bare]) - 2 >= _MIN_PREFIX:
        terms[last_bare] += "*"
    return " AND ".join(terms)


def split_marked(marked: str) -> tuple[str, tuple[Span, ...]]:
    """Text with match delimiters → sanitised one-line text and the matched spans."""
    plain: list[str] = []
    spans: list[Span] = []
    length = 0
    start: int | None = None
    for piece in re.split(f"([{_OPEN}{_CLOSE}])", marked):
        if piece == _OPEN:
            start = length
        elif piece == _CLOSE:
            if start is not None and length > start:
                spans.append(Span(start, length))
            start = None
        elif piece:
            cleaned = clean_line(piece)
            plain.append(cleaned)
            length += len(cleaned)
    return "".join(plain), tuple(spans)


_SEARCH_SQL = f"""
SELECT f.rowid,
       highlight(articles_fts, 0, '{_OPEN}', '{_CLOSE}'),
       snippet(articles_fts, 1, '{_OPEN}', '{_CLOSE}', '…', {SNIPPET_TOKENS}),
       a.source, a.site, f.rank
FROM articles_fts AS f JOIN articles AS a ON a.id = f.rowid
WHERE articles_fts MATCH ? AND a.deleted_at IS NULL
ORDER BY f.rank
LIMIT ?
"""


def search(conn: sqlite3.Connection, text: str, limit: int) -> list[SearchHit]:
    query = build_match(text)
    if query is None:
        return []
    hits: list[SearchHit] = []
    for rowid, title, snippet, source, site, rank in conn.execute(_SEARCH_SQL, (query, limit)):
        title_text, title_spans = split_marked(title or "")
        snippet_text, snippet_spans = split_marked(snippet or "")
        hits.append(
            SearchHit(
                article_id=int(rowid),
                title=title_text,
                title_spans=title_spans,
                snippet=snippet_text,
                snippet_spans=snippet_spans,
                source=clean_line(source),
                site=clean_line(site) if site else None,
                rank=float(rank),
            )
        )
    return hits
