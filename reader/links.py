"""Decide what following a link means, without doing it (no Textual, no I/O but stat).

A link in a saved page can point at another saved page (opened in the reader), at the
web (handed to a browser), at a spot in the same page, or at something that must not
be opened without asking (``file:``, ``javascript:``, ``data:``, unknown schemes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from reader.sanitize import clean_line

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_WEB_SCHEMES = frozenset({"http", "https"})
_MAIL_SCHEMES = frozenset({"mailto", "tel", "sms", "xmpp"})
_SCRIPT_SCHEMES = frozenset({"javascript", "vbscript", "data", "blob"})


class LinkKind(StrEnum):
    ANCHOR = "anchor"
    """``#fragment``: a place in the page being read."""
    PAGE = "page"
    """A local file, opened in the reader."""
    WEB = "web"
    """An http(s) URL, for the system browser."""
    FILE = "file"
    """A ``file:`` URL: a local file, but only after asking."""
    CONTACT = "contact"
    """``mailto:``, ``tel:`` …: copied, never acted on."""
    UNSAFE = "unsafe"
    """``javascript:``, ``data:`` …: never run; copied only after asking."""
    UNKNOWN = "unknown"
    """Any other scheme: copied only after asking."""


@dataclass(frozen=True, slots=True)
class LinkTarget:
    kind: LinkKind
    href: str
    """The link as written in the page, made safe to show (no control characters)."""
    target: str
    """What to open: a path for PAGE/FILE, a URL for WEB, the fragment for ANCHOR."""

    @property
    def path(self) -> Path:
        return Path(self.target)


def _is_url(source: str) -> bool:
    match = _SCHEME.match(source)
    return bool(match) and match.group(1).lower() in _WEB_SCHEMES


def classify(href: str, page_source: str, canonical_url: str | None = None) -> LinkTarget:
    """What ``href`` on the page read from ``page_source`` points at.

    Relative links resolve against the page's own location: its directory for a local
    file, its URL for a page read from the web. A relative link in a saved page whose
    file is not there resolves against the page's canonical URL when it has one."""
    shown = clean_line(href).strip()
    if not shown:
        return LinkTarget(LinkKind.UNKNOWN, shown, shown)
    if shown.startswith("#"):
        return LinkTarget(LinkKind.ANCHOR, shown, unquote(shown[1:]))
    match = _SCHEME.match(shown)
    scheme = match.group(1).lower() if match else None
    # A single letter before the colon is a Windows drive, not a scheme.
    if scheme and len(scheme) > 1:
        if scheme in _WEB_SCHEMES:
            return LinkTarget(LinkKind.WEB, shown, shown)
        if scheme == "file":
            return LinkTarget(LinkKind.FILE, shown, _file_url_path(shown))
        if scheme in _MAIL_SCHEMES:
            return LinkTarget(LinkKind.CONTACT, shown, shown)
        if scheme in _SCRIPT_SCHEMES:
            return LinkTarget(LinkKind.UNSAFE, shown, shown)
        return LinkTarget(LinkKind.UNKNOWN, shown, shown)
    if _is_url(page_source):
        return LinkTarget(LinkKind.WEB, shown, urljoin(page_source, shown))
    if shown.startswith("//"):
        base = canonical_url if canonical_url and _is_url(canonical_url) else "https:"
        return LinkTarget(LinkKind.WEB, shown, urljoin(base, shown))
    local = _local_path(shown, page_source)
    if not local.exists() and canonical_url and _is_url(canonical_url):
        return LinkTarget(LinkKind.WEB, shown, urljoin(canonical_url, shown))
    return LinkTarget(LinkKind.PAGE, shown, str(local))


def _local_path(href: str, page_source: str) -> Path:
    parts = urlsplit(href)
    relative = Path(unquote(parts.path))  # "~" in a page is a folder name, not home
    if relative.is_absolute():
        return relative
    base = Path(page_source).expanduser().resolve().parent if page_source else Path.cwd()
    return (base / relative).resolve()


def _file_url_path(url: str) -> str:
    # urllib.request brings http.client and more with it: not for every start.
    from urllib.request import url2pathname

    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        # file://host/share: keep the host so the question shows where it really goes.
        return f"//{parts.netloc}{url2pathname(parts.path)}"
    return url2pathname(parts.path)


def slug(text: str) -> str:
    """GitHub-style heading anchor: lowercase, punctuation dropped, spaces → hyphens."""
    lowered = text.strip().lower()
    kept = re.sub(r"[^\w\- ]", "", lowered)
    return kept.replace(" ", "-")
