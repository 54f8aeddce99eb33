"""Where a loaded page's pictures are, on this machine: never on the network.

A page names its images by address. Some of those addresses lead to bytes the user
saved along with the page: a file in the page's own folder (a browser's "complete"
save, ``page_files/``), a part of the MHTML archive the page came in, or a ``data:``
URI inside the page (SingleFile). ``ImageSources.locate`` turns such an address into a
*local reference*, a short string kept on the figure block:

* ``page_files/photo.jpg`` – a path relative to the page's folder (never outside it);
* ``part:<address>`` – an archive part, by its Content-Location or ``cid:`` Content-ID;
* ``inline:<digest>`` – a ``data:`` URI of the page, by the hash of its text.

Every other address (http, a file outside the folder, a missing file) has no local
reference: the figure is then drawn as a placeholder with its alt text. ``read`` gives
the bytes for a reference, never more than a cap.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import html
import os
import re
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urljoin, urlsplit
from urllib.request import url2pathname

MAX_IMAGE_BYTES = 32 * 1024 * 1024
"""Largest image file read; a bigger one is shown as its placeholder."""
MAX_INLINE_IMAGES = 2_000
"""Most ``data:`` images remembered per page (each one's text is already in memory)."""
_MAX_ADDRESS = 64 * 1024 * 1024

_DATA_IMAGE = re.compile(r"data:image/[^\s\"'<>]+", re.IGNORECASE)
PART_PREFIX = "part:"
INLINE_PREFIX = "inline:"


def is_file_reference(reference: str | None) -> bool:
    """True for a reference to a file in the page's folder (a relative path)."""
    return bool(reference) and not reference.startswith((PART_PREFIX, INLINE_PREFIX))  # type: ignore[union-attr]


class ImageSources:
    """The pictures one loaded page carries with it: its folder, its archive parts and
    its ``data:`` URIs. Nothing here touches the network."""

    def __init__(
        self,
        folder: Path | None = None,
        parts: Mapping[str, ArchivePart] | None = None,
        page_text: str | None = None,
    ) -> None:
        self.folder = folder
        self.parts = parts or {}
        self._page_text = page_text
        self._scanned = False
        self._real_folder: str | None = None
        self._inline: dict[str, str] = {}

    # --- addresses to references -----------------------------------------------------

    def locate(self, address: str | None, base: str | None = None) -> str | None:
        """The local reference for ``address`` as the page wrote it, or None when its
        bytes are not on this machine."""
        if not address:
            return None
        address = address.strip()
        if not address or len(address) > _MAX_ADDRESS:
            return None
        if address[:5].lower() == "data:":
            return self._locate_inline(address)
        if len(address) > 8192:
            return None
        if self.parts:
            part = self._locate_part(address, base)
            if part is not None:
                return part
        if self.folder is not None:
            return self._locate_file(address)
        return None

    def _locate_inline(self, address: str) -> str | None:
        head = address[:200].lower()
        if not head.startswith("data:image/") or "," not in address[:200]:
            return None
        digest = hashlib.sha256(address.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        reference = INLINE_PREFIX + digest
        if reference not in self._inline:
            if len(self._inline) >= MAX_INLINE_IMAGES:
                return None
            self._inline[reference] = address
        return reference

    def _locate_part(self, address: str, base: str | None) -> str | None:
        keys = [address]
        if address[:4].lower() == "cid:":
            keys = ["cid:" + unquote(address[4:]).strip("<>").lower()]
        elif base:
            with contextlib.suppress(ValueError):
                keys.append(urljoin(base, address))
        for key in keys:
            if key in self.parts:
                return PART_PREFIX + key
        return None

    def _locate_file(self, address: str) -> str | None:
        try:
            parts = urlsplit(address)
        except ValueError:
            return None
        scheme = parts.scheme.lower()
        if scheme == "file":
            if parts.netloc not in ("", "localhost"):
                return None
            candidate = Path(url2pathname(parts.path))
        elif scheme or address.startswith("//"):
            return None  # a remote address (or a Windows drive letter, read as a scheme)
        else:
            path = unquote(parts.path)
            if not path or path.startswith("/") or "\0" in path:
                return None
            candidate = self.folder / path  # type: ignore[operator]
        return self._inside_folder(candidate)

    def _inside_folder(self, candidate: Path) -> str | None:
        """``candidate`` relative to the page's folder, when it is a regular file that
        really is inside that folder (symbolic links and ``..`` resolved)."""
        assert self.folder is not None
        if self._real_folder is None:
            self._real_folder = os.path.realpath(self.folder)
        try:
            real = os.path.realpath(candidate)
            if os.path.commonpath([self._real_folder, real]) != self._real_folder:
                return None
            if not os.path.isfile(real):
                return None
        except (OSError, ValueError):
            return None
        return Path(os.path.relpath(real, self._real_folder)).as_posix()

    # --- references to bytes ---------------------------------------------------------

    def read(self, reference: str, limit: int = MAX_IMAGE_BYTES) -> bytes | None:
        """The bytes behind ``reference`` (as ``locate`` made it), or None when they are
        gone, unreadable or larger than ``limit``."""
        if reference.startswith(INLINE_PREFIX):
            if reference not in self._inline:
                self._scan_page()
            address = self._inline.get(reference)
            return None if address is None else decode_data_uri(address, limit)
        if reference.startswith(PART_PREFIX):
            part = self.parts.get(reference[len(PART_PREFIX) :])
            return None if part is None else part.decoded(limit)
        if self.folder is None:
            return None
        located = self._inside_folder(self.folder / reference)
        return None if located is None else read_file(self.folder / located, limit)

    def _scan_page(self) -> None:
        """Find the page's ``data:`` pictures in its text, once: a page read again for
        its pictures (to keep them in the library) was not walked by the extractor."""
        if self._scanned or not self._page_text:
            return
        self._scanned = True
        for match in _DATA_IMAGE.finditer(self._page_text):
            self._locate_inline(html.unescape(match.group(0)))

    def local_path(self, reference: str) -> str | None:
        """``reference`` as a path relative to the page's folder (for Markdown links),
        or None for references that are not files."""
        return reference if self.folder is not None and is_file_reference(reference) else None


class ArchivePart:
    """One image part of an MHTML archive, kept encoded until it is asked for."""

    __slots__ = ("body", "content_type", "encoding")

    def __init__(self, body: bytes, encoding: str, content_type: str) -> None:
        self.body = body
        self.encoding = encoding
        self.content_type = content_type

    def decoded(self, limit: int) -> bytes | None:
        # Decoding never makes a body bigger, so the encoded size bounds the work.
        estimate = len(self.body) * 3 // 4 if self.encoding == "base64" else len(self.body)
        if estimate > limit:
            return None
        try:
            if self.encoding == "base64":
                return base64.b64decode(self.body, validate=False)
            if self.encoding == "quoted-printable":
                import quopri

                return quopri.decodestring(self.body)
        except (ValueError, binascii.Error):
            return None
        return self.body


def decode_data_uri(address: str, limit: int) -> bytes | None:
    """The bytes of a ``data:`` URI (base64 or percent-encoded), or None."""
    header, comma, payload = address.partition(",")
    if not comma:
        return None
    if header.lower().endswith(";base64"):
        if len(payload) * 3 // 4 > limit:
            return None
        try:
            return base64.b64decode("".join(payload.split()), validate=False)
        except (ValueError, binascii.Error):
            return None
    if len(payload) > limit * 3:
        return None
    data = unquote_to_bytes(payload)
    return data if len(data) <= limit else None


def read_file(path: Path, limit: int) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except (OSError, ValueError):
        return None
    return data if len(data) <= limit else None
