"""Syntax highlighting of code blocks: Pygments tokens → runs with code roles."""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

from reader.ui.article_view.layout.lines import Run
from reader.ui.article_view.roles import Role

BASE = Role.CODE_BLOCK.value

# Most specific first: the first prefix a token type falls under gives its role.
_TOKEN_ROLES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("Comment",), Role.CODE_COMMENT.value),
    (("Literal", "String"), Role.CODE_STRING.value),
    (("Literal", "Number"), Role.CODE_NUMBER.value),
    (("Keyword",), Role.CODE_KEYWORD.value),
    (("Name", "Builtin"), Role.CODE_BUILTIN.value),
    (("Name", "Function"), Role.CODE_NAME.value),
    (("Name", "Class"), Role.CODE_NAME.value),
    (("Name", "Decorator"), Role.CODE_NAME.value),
    (("Name", "Tag"), Role.CODE_KEYWORD.value),
    (("Name", "Attribute"), Role.CODE_NAME.value),
    (("Operator",), Role.CODE_OPERATOR.value),
)


_LEXERS: dict[str, Any | None] = {}
"""Lexer by language name (None: Pygments has none). Loading one (importing Pygments,
compiling its patterns) can take a tenth of a second, so the event loop never does
it: see ``lexer_ready``."""
_LOADING = threading.Lock()


def _key(language: str | None) -> str:
    return language.strip().lower() if language else ""


def lexer_ready(language: str | None) -> bool:
    """True when code in ``language`` can be highlighted without loading anything."""
    key = _key(language)
    return not key or key in _LEXERS


def _lexer(key: str) -> Any | None:
    if key in _LEXERS:
        return _LEXERS[key]
    with _LOADING:
        if key not in _LEXERS:
            from pygments.lexers import get_lexer_by_name
            from pygments.util import ClassNotFound

            try:
                # Keep the text exactly as given: offsets must line up with the article.
                lexer = get_lexer_by_name(key, stripnl=False, ensurenl=False, tabsize=0)
            except (ClassNotFound, ValueError):
                lexer = None
            _LEXERS[key] = lexer
    return _LEXERS[key]


@lru_cache(maxsize=512)
def _role(token_type: tuple[str, ...]) -> str:
    for prefix, role in _TOKEN_ROLES:
        if token_type[: len(prefix)] == prefix:
            return f"{BASE} {role}"
    return BASE


def code_runs(
    text: str, start: int, end: int, language: str | None, load: bool = True
) -> list[Run]:
    """Runs for the code ``text[start:end]``, highlighted when the language is known
    (and, unless ``load``, its lexer already loaded)."""
    source = text[start:end]
    key = _key(language)
    lexer = _lexer(key) if key and (load or key in _LEXERS) else None
    if lexer is None:
        return [(source, BASE, start)] if source else []
    runs: list[Run] = []
    position = start
    try:
        for token_type, value in lexer.get_tokens(source):
            if not value:
                continue
            runs.append((value, _role(tuple(token_type)), position))
            position += len(value)
    except Exception:  # a lexer bug must not lose the code itself
        return [(source, BASE, start)]
    if position != end or "".join(run[0] for run in runs) != source:
        return [(source, BASE, start)]
    return runs
