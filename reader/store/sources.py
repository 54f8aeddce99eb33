"""How a page is identified in the library: its source, and a hash of its raw bytes."""

from __future__ import annotations

import hashlib
from pathlib import Path

STDIN = "-"
_CHUNK = 1 << 20


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def is_file_uri(source: str) -> bool:
    return source.lower().startswith("file://")


def normalize_source(source: str) -> str:
    """The key a page is stored under: URLs as given, paths made absolute (so a page
    opened from another directory is still the same page)."""
    source = source.strip()
    if source == STDIN or is_url(source):
        return source
    if is_file_uri(source):
        from urllib.parse import unquote, urlsplit

        source = unquote(urlsplit(source).path)
    try:
        return str(Path(source).expanduser().resolve())
    except (OSError, RuntimeError):
        return str(Path(source).expanduser().absolute())


WHOLE_PAGE_SUFFIX = "#whole-page"
"""Ends the key of a page's whole-page text in the library: the whole page is a text
of its own, so the notes made on it are kept against it (an entry of its own, beside
the article's)."""


def whole_page_key(source: str) -> str:
    """The library key of the whole page at ``source`` (a path, URL or such a key)."""
    base = whole_page_base(source)
    return normalize_source(base if base is not None else source) + WHOLE_PAGE_SUFFIX


def whole_page_base(source: str) -> str | None:
    """The page whose whole-page text ``source`` keys, or None for an ordinary source."""
    if source.endswith(WHOLE_PAGE_SUFFIX) and len(source) > len(WHOLE_PAGE_SUFFIX):
        return source[: -len(WHOLE_PAGE_SUFFIX)]
    return None


def source_uri(source: str) -> str:
    """The source as an IRI (``file://`` for paths), for exported annotations."""
    if source == STDIN or is_url(source) or is_file_uri(source):
        return source
    return Path(source).as_uri() if Path(source).is_absolute() else source


def raw_hash(path: Path, limit: int) -> str | None:
    """SHA-256 of the file's bytes, or None when it cannot be read or is over ``limit``
    (the loader will then report the problem)."""
    from reader.errors import ReaderError
    from reader.loaders.files import open_regular

    digest = hashlib.sha256()
    read = 0
    try:
        with open_regular(path) as handle:  # a FIFO or a device: not a page, no hang
            while chunk := handle.read(_CHUNK):
                read += len(chunk)
                if read > limit:
                    return None
                digest.update(chunk)
    except (OSError, ValueError, ReaderError):
        return None
    return digest.hexdigest()
