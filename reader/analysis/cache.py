"""Analyses kept as JSON files, so reopening an article is instant.

The key covers everything the result depends on: the article text
(``Article.content_hash``), its paragraph layout, its publication date (relative
dates resolve against it), the model name, the analysis version and, for a text
longer than the size bound, where the analysis stopped. A directory
that cannot be read or written only means no caching; a damaged file is ignored
and rewritten.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path
from typing import Any

from reader import locations
from reader.atomic import write_atomic
from reader.models import MODEL_VERSION, Analysis, Article

ANALYSIS_VERSION = 2
"""Bumped whenever the rules change what an analysis contains."""
DIRECTORY_NAME = "analysis-cache"


def cache_dir(data_dir: Path | None = None) -> Path:
    """The cache inside ``data_dir`` (the settings' data folder; None: the default)."""
    return (data_dir or locations.data_dir()) / DIRECTORY_NAME


def key(article: Article, model: str, end: int | None = None) -> str:
    """``end``: where the analysis stopped, when short of the end of the text."""
    published = article.metadata.published
    layout = hashlib.sha256(
        ";".join(f"{b.kind}:{b.start}:{b.end}" for b in article.blocks).encode()
    ).hexdigest()
    parts = [
        article.content_hash,
        layout,
        published.date().isoformat() if published else "-",
        model,
        f"{ANALYSIS_VERSION}.{MODEL_VERSION}",
    ]
    if end is not None and end < len(article.text):
        parts.append(f"first {end}")
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:40]


def path_for(
    article: Article, model: str, end: int | None = None, data_dir: Path | None = None
) -> Path:
    return cache_dir(data_dir) / f"{key(article, model, end)}.json"


def load(
    article: Article, model: str, end: int | None = None, data_dir: Path | None = None
) -> Analysis | None:
    """The stored analysis of ``article[:end]`` by ``model``, or None."""
    try:
        data: Any = json.loads(path_for(article, model, end, data_dir).read_text("utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or data.get("version") != ANALYSIS_VERSION:
        return None
    if data.get("content_hash") != article.content_hash or data.get("model") != model:
        return None
    try:
        analysis = Analysis.from_dict(data["analysis"])
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    return analysis if _fits(analysis, len(article.text)) else None


def _fits(analysis: Analysis, length: int) -> bool:
    """Every offset inside the text: a file edited by hand cannot send the UI astray."""
    spans = [(s.start, s.end) for e in analysis.entities for s in e.mentions]
    spans += [(d.start, d.end) for d in analysis.dates]
    spans += [(n.start, n.end) for n in analysis.enumerations]
    spans += [(m.start, m.end) for n in analysis.enumerations for m in n.members]
    return all(
        isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= length for s, e in spans
    )


def store(
    article: Article,
    model: str,
    analysis: Analysis,
    end: int | None = None,
    data_dir: Path | None = None,
) -> bool:
    """Keep ``analysis`` (of ``article[:end]``); False when it was not stored (no
    model, unwritable dir)."""
    if analysis.model is None:
        # Made without the model: installing it later must give the full analysis.
        return False
    target = path_for(article, model, end, data_dir)
    data = {
        "version": ANALYSIS_VERSION,
        "content_hash": article.content_hash,
        "model": model,
        "analysis": analysis.to_dict(),
    }
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # ASCII escapes: a lone surrogate from the page cannot break the write.
        text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
        write_atomic(target, text, follow_symlinks=True, durable=False)
    except (OSError, ValueError):
        return False
    return True


def clear(data_dir: Path | None = None) -> int:
    """Delete every cached analysis; the number of files removed."""
    removed = 0
    try:
        entries = list(cache_dir(data_dir).glob("*.json"))
    except OSError:
        return 0
    for entry in entries:
        with contextlib.suppress(OSError):
            entry.unlink()
            removed += 1
    return removed
