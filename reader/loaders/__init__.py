"""Loaders: turn what the user named (a path, ``-`` or an http(s) URL) into a RawDocument.

Local files and stdin are only ever read, never resolved against the network; an
explicit URL is fetched once, without anything it refers to.

Importing the package is cheap (``reader.loaders.names`` is used by the command line
before anything is read): the decoders load when a page is.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from reader.errors import LoadError
from reader.loaders.base import DocumentKind, RawDocument
from reader.loaders.names import display_name

if TYPE_CHECKING:
    from reader.config import Limits

__all__ = ["DocumentKind", "RawDocument", "load"]

_WEB_URL = re.compile(r"^https?://", re.IGNORECASE)
_ANY_URL = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]{1,30}):")
_CONTENT_TYPES: dict[str, str] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "multipart/related": "mhtml",
    "message/rfc822": "mhtml",
    "application/x-mimearchive": "mhtml",
}
"""Content types of a download, as ``reader.loaders.sniff.Format`` values."""


def load(source: str, limits: Limits) -> RawDocument:
    """Read ``source``: a file path, ``-`` for standard input, or an http(s) URL.

    Raises LoadError or LimitExceeded (one line naming the source) for anything that is
    not a readable page."""
    from reader.loaders.document import document_from_bytes
    from reader.loaders.files import read_path, read_stdin

    name = display_name(source)
    if not source.strip():
        raise LoadError("no page named: the file name is empty")
    if source == "-":
        return document_from_bytes(
            read_stdin(limits), source=source, name=name, filename="", limits=limits
        )
    if _WEB_URL.match(source):
        return _load_url(source, limits)
    scheme = _ANY_URL.match(source)
    if scheme and not os.path.lexists(source):
        raise LoadError(
            f"cannot open {name}: only http and https URLs are fetched"
            + (" (give the file's path instead)" if scheme.group(1).lower() == "file" else "")
        )
    from pathlib import Path

    data = read_path(source, limits)
    return document_from_bytes(
        data,
        source=source,
        name=name,
        filename=source,
        limits=limits,
        folder=Path(source).expanduser().absolute().parent,
    )


def _load_url(url: str, limits: Limits) -> RawDocument:
    from urllib.parse import urlsplit

    from reader.loaders.document import document_from_bytes
    from reader.loaders.sniff import Format
    from reader.loaders.url import fetch  # urllib and ssl cost startup time; most runs are files

    fetched = fetch(url, limits)
    hint = _CONTENT_TYPES.get(fetched.content_type)
    return document_from_bytes(
        fetched.data,
        source=url,
        name=display_name(url),
        filename=urlsplit(fetched.url).path,
        limits=limits,
        hint=Format(hint) if hint else None,
        charset=fetched.charset,
        page_url=fetched.url,
        truncated=fetched.truncated,
    )
