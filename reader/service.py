"""load → extract → analyse → store, as plain Python (no Textual).

The CLI and the UI call these functions; the UI calls them from worker threads.
"""

from __future__ import annotations

from reader.config import Limits, Settings
from reader.models import Article


def read_article(source: str, limits: Limits | None = None) -> Article:
    """Load ``source`` (a path, ``-`` or an http(s) URL) and extract its article.

    Raises ReaderError (one clear line) for anything unreadable."""
    from reader.extract.pipeline import extract
    from reader.loaders import load

    limits = limits or Limits()
    return extract(load(source, limits), limits)


def settings_limits(settings: Settings | None) -> Limits:
    return settings.limits if settings else Limits()
