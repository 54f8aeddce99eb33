"""An Article in the form it is stored: its columns, and the rest as compressed JSON.

Import workers pack what they extract, so the process that writes the library only
writes. The text is stored once, in its own column (the full-text index reads it there).
"""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import asdict, dataclass
from typing import Any

from reader.models import MODEL_VERSION, Article, BlockKind

_SURROGATE = re.compile("[\ud800-\udfff]")


def storable(text: str | None) -> str | None:
    """SQLite text must be valid UTF-8: lone surrogates (from broken pages) become
    U+FFFD, one for one, so offsets into the text are unchanged."""
    if text is None or text.isascii():
        return text
    return _SURROGATE.sub("\ufffd", text)


def figure_references(article: Article) -> tuple[str, ...]:
    """The local references of an article's figures, in order, each once."""
    seen: dict[str, None] = {}
    for block in article.blocks:
        if block.kind is BlockKind.FIGURE and block.image:
            seen.setdefault(block.image)
    return tuple(seen)


def pack_article(article: Article) -> bytes:
    """``Article.to_dict()`` without the text, as compressed JSON."""
    data = article.to_dict()
    data.pop("text", None)
    encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(encoded.encode("utf-8", "surrogatepass"))


def unpack_article(blob: bytes, text: str) -> Article:
    data = json.loads(zlib.decompress(blob).decode("utf-8", "surrogatepass"))
    data["text"] = text
    return Article.from_dict(data)


@dataclass(frozen=True, slots=True)
class PackedArticle:
    source: str
    content_hash: str
    title: str
    site: str | None
    byline: str | None
    published: str | None
    language: str | None
    word_count: int
    text: str
    article: bytes
    model_version: int
    pictures: tuple[str, ...] = ()
    """The local references of its figures' pictures (kept apart from the columns)."""

    @classmethod
    def of(cls, article: Article) -> PackedArticle:
        meta = article.metadata
        return cls(
            source=article.source,
            content_hash=article.content_hash,
            title=storable(meta.title or "") or "",
            site=storable(meta.site),
            byline=storable(meta.byline),
            published=meta.published.isoformat() if meta.published else None,
            language=storable(meta.language),
            word_count=article.word_count(),
            text=storable(article.text) or "",
            article=pack_article(article),
            model_version=MODEL_VERSION,
            pictures=figure_references(article),
        )

    def columns(self) -> dict[str, Any]:
        """The values of the ``articles`` columns it fills (not source or hash)."""
        values = asdict(self)
        del values["source"], values["content_hash"], values["pictures"]
        return values
