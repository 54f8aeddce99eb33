"""Entities, dates and enumerated groups of an article (no Textual here).

``analyse(article)`` returns an :class:`~reader.models.Analysis` whose offsets point
into ``Article.text``. It loads the spaCy pipeline on first use (once per process,
from any thread), reuses a cached result for an unchanged article, checks
``cancelled()`` between batches (raising :class:`Cancelled`), and without the model
still returns the dates found by patterns, with ``Analysis.notice`` saying how to
install it. A text longer than ``max_chars`` is analysed in its first part only, and
the notice says how much of it. ``enumeration_sections`` turns enumerated groups into collapsible
sections.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.analysis.cache import ANALYSIS_VERSION
    from reader.analysis.engine import MAX_CHARS, analyse, cached, reference_date
    from reader.analysis.export import analysis_to_json
    from reader.analysis.nlp import DEFAULT_MODEL, Cancelled, ModelUnavailable, install_hint
    from reader.analysis.sections import enumeration_sections, member_line

# Loaded on first use: the reader imports its UI (and this package, through
# ``reader.analysis.units``) before the first paint, and the date patterns and the
# engine are only wanted once an analysis starts, after it.
_HOMES = {
    "ANALYSIS_VERSION": "cache",
    "MAX_CHARS": "engine",
    "analyse": "engine",
    "cached": "engine",
    "reference_date": "engine",
    "analysis_to_json": "export",
    "DEFAULT_MODEL": "nlp",
    "Cancelled": "nlp",
    "ModelUnavailable": "nlp",
    "install_hint": "nlp",
    "enumeration_sections": "sections",
    "member_line": "sections",
}

__all__ = [
    "ANALYSIS_VERSION",
    "DEFAULT_MODEL",
    "MAX_CHARS",
    "Cancelled",
    "ModelUnavailable",
    "analyse",
    "analysis_to_json",
    "cached",
    "enumeration_sections",
    "install_hint",
    "member_line",
    "reference_date",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})
