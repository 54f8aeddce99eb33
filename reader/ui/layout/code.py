"""Syntax highlighting of code blocks: Pygments tokens → runs with code roles."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from reader.ui.layout.lines import Run

BASE = "code-block"

# Most specific first: the first prefix a token type falls under gives its role.
_TOKEN_ROLES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("Comment",), "code-comment"),
    (("Literal", "String"), "code-string"),
    (("Literal", "Number"), "code-number"),
    (("Keyword",), "code-keyword"),
    (("Name", "Builtin"), "code-builtin"),
    (("Name", "Function"), "code-name"),
    (("Name", "Class"), "code-name"),
    (("Name", "Decorator"), "code-name"),
    (("Name", "Tag"), "code-keyword"),
    (("Name", "Attribute"), "code-name"),
    (("Operator",), "code-operator"),
)


@lru_cache(maxsize=64)
def _lexer(language: str) -> Any | None:
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        # Keep the text exactly as given: offsets must line up with the article.
        return get_lexer_by_name(language, stripnl=False, ensurenl=False, tabsize=0)
    except (ClassNotFound, ValueError):
        return None


@lru_cache(maxsize=512)
def _role(token_type: tuple[str, ...]) -> str:
    for prefix, role in _TOKEN_ROLES:
        if token_type[: len(prefix)] == prefix:
            return f"{BASE} {role}"
    return BASE


def code_runs(text: str, start: int, end: int, language: str | None) -> list[Run]:
    """Runs for the code ``text[start:end]``, highlighted when the language is known."""
    source = text[start:end]
    lexer = _lexer(language.strip().lower()) if language and language.strip() else None
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
