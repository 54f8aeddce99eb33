"""Single-file web archives (``.mhtml``/``.mht``): find the page inside, decode only it.

An MHTML file is a MIME ``multipart/related`` message: the page, then every image,
stylesheet and font it used. The parts are located by their boundaries with plain byte
searches and only their header blocks are parsed (stdlib ``email``) until the root page
is found; only that part's body is decoded (quoted-printable or base64), so an archive
full of large images costs little and nothing else is ever expanded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import collapse_rfc2231_value

from reader.errors import LimitExceeded, LoadError
from reader.images.sources import ArchivePart
from reader.loaders.htmlhead import http_url
from reader.loaders.names import human_size

_MAX_PARTS = 10_000
_MAX_DEPTH = 3
_MAX_HEADER_BLOCK = 64 * 1024
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain",)
_HEADER_END = re.compile(rb"\r?\n\r?\n")
_FOLD = re.compile(r"\r?\n[ \t]*")


@dataclass(frozen=True, slots=True)
class ArchivedPage:
    content: bytes
    """The page's bytes, transfer encoding undone (the charset is still to be settled)."""
    is_html: bool
    charset: str | None
    location: str | None
    """The page's http(s) address as the archive recorded it, if any."""


@dataclass(frozen=True, slots=True)
class _Part:
    headers: Message
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get_content_type()


def archived_page(data: bytes, limit: int, name: str) -> ArchivedPage:
    """The root page of the MHTML archive ``data``: the part named by the
    multipart/related ``start`` parameter, else the first HTML part, else the first
    plain-text part. Its decoded size may not pass ``limit``."""
    top = _split(data)
    if top is None:
        raise LoadError(f"{name} is not a readable MHTML archive (no header block)")
    root = _find_root(top, 0) if top.headers.get_content_maintype() == "multipart" else top
    if root is None or root.content_type not in (*_HTML_TYPES, *_TEXT_TYPES):
        raise LoadError(f"{name} is an MHTML archive with no HTML or text page in it")
    location = _header_url(root.headers, "Content-Location") or _header_url(
        top.headers, "Snapshot-Content-Location", "Content-Location"
    )
    return ArchivedPage(
        content=_decoded_body(root, limit, name),
        is_html=root.content_type in _HTML_TYPES,
        charset=root.headers.get_content_charset(),
        location=location,
    )


def image_parts(data: bytes) -> dict[str, ArchivePart]:
    """The image parts of the archive ``data``, still encoded, by Content-Location and
    by ``cid:`` Content-ID (lower case), for the page's figures to be drawn from."""
    top = _split(data)
    found: dict[str, ArchivePart] = {}
    if top is not None and top.headers.get_content_maintype() == "multipart":
        _collect_images(top, 0, found)
    return found


def _collect_images(multipart: _Part, depth: int, found: dict[str, ArchivePart]) -> None:
    for part in _parts(multipart):
        kind = part.headers.get_content_maintype()
        if kind == "multipart" and depth < _MAX_DEPTH:
            _collect_images(part, depth + 1, found)
            continue
        # Archivers label some pictures application/octet-stream; the decoder sniffs them.
        if kind != "image" and part.content_type != "application/octet-stream":
            continue
        encoding = str(part.headers.get("Content-Transfer-Encoding", "")).strip().lower()
        image = ArchivePart(part.body, encoding, part.content_type)
        location = part.headers.get("Content-Location")
        if isinstance(location, str) and location.strip():
            found.setdefault(_FOLD.sub("", location).strip(), image)
        cid = _content_id(part.headers.get("Content-ID"))
        if cid:
            found.setdefault("cid:" + cid, image)


def _split(data: bytes) -> _Part | None:
    """Headers and body of one MIME entity."""
    if data[:2] in (b"\r\n", b"\n\r") or data[:1] == b"\n":
        return _Part(Message(), data.lstrip(b"\r\n"))  # no headers: text/plain by default
    end = _HEADER_END.search(data, 0, _MAX_HEADER_BLOCK)
    if end is None:
        return None
    headers = BytesHeaderParser(policy=compat32).parsebytes(data[: end.start()] + b"\r\n")
    return _Part(headers, data[end.end() :])


def _find_root(multipart: _Part, depth: int) -> _Part | None:
    start = _content_id(collapse_rfc2231_value(multipart.headers.get_param("start") or ""))
    first_html = first_text = None
    for part in _parts(multipart):
        if start is not None and _content_id(part.headers.get("Content-ID")) == start:
            if part.content_type in _HTML_TYPES or part.headers.get_content_maintype() == "text":
                return part
            start = None  # it names an image or the like: fall back to the first page
        kind = part.headers.get_content_maintype()
        if kind == "multipart" and depth < _MAX_DEPTH:
            nested = _find_root(part, depth + 1)
            if nested is not None and nested.content_type in _HTML_TYPES:
                first_html = first_html or nested
            elif nested is not None:
                first_text = first_text or nested
        elif part.content_type in _HTML_TYPES:
            first_html = first_html or part
        elif part.content_type in _TEXT_TYPES:
            first_text = first_text or part
        if first_html is not None and start is None:
            break
    return first_html or first_text


def _parts(multipart: _Part) -> Iterator[_Part]:
    """The body parts between the boundary lines (RFC 2046 §5.1.1), at most _MAX_PARTS."""
    boundary = multipart.headers.get_boundary()
    if not boundary or len(boundary) > 200:
        return
    body = multipart.body
    delimiter = b"--" + boundary.encode("ascii", "replace")
    line_end = _delimiter_line(body, delimiter, 0)
    for _ in range(_MAX_PARTS):
        if line_end is None or line_end[1]:
            return  # no more delimiters, or the close delimiter
        start = line_end[0]
        following = _delimiter_line(body, delimiter, start)
        chunk = body[start : following[2] if following else None]
        if chunk.endswith(b"\n"):  # the line break before a delimiter belongs to it
            chunk = chunk[:-2] if chunk.endswith(b"\r\n") else chunk[:-1]
        part = _split(chunk)
        if part is not None:
            yield part
        line_end = following


def _delimiter_line(body: bytes, delimiter: bytes, start: int) -> tuple[int, bool, int] | None:
    """The next delimiter line from ``start``: where the part after it begins, whether it
    is the close delimiter, and where the line starts. A delimiter counts only at a line
    start and followed by nothing but ``--`` or blanks."""
    position = body.find(delimiter, start)
    while position >= 0:
        line_end = body.find(b"\n", position)
        after = position + len(delimiter)
        rest = body[after : line_end if line_end >= 0 else after + 80]
        at_line_start = position == 0 or body[position - 1] == 0x0A
        if at_line_start and (rest.startswith(b"--") or not rest.strip(b" \t\r")):
            closing = rest.startswith(b"--")
            return (line_end + 1 if line_end >= 0 else len(body)), closing, position
        position = body.find(delimiter, after)
    return None


def _header_url(headers: Message, *names: str) -> str | None:
    for header in names:
        value = headers.get(header)
        if isinstance(value, str):
            url = http_url(_FOLD.sub("", value))
            if url:
                return url
    return None


def _content_id(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    cid = value.strip().strip("<>").strip()
    return cid.lower() or None


def _decoded_body(part: _Part, limit: int, name: str) -> bytes:
    encoding = str(part.headers.get("Content-Transfer-Encoding", "")).strip().lower()
    # Decoding never makes a body bigger (base64 shrinks it by a quarter), so the
    # encoded size bounds the work before any of it is done.
    estimate = len(part.body) * 3 // 4 if encoding == "base64" else len(part.body)
    if estimate > limit:
        raise LimitExceeded(
            f"the page inside {name} is larger than {human_size(limit)} "
            "(setting limits.max_decompressed_bytes); not reading it"
        )
    message = part.headers
    message.set_payload(part.body.decode("ascii", "surrogateescape"))
    try:
        payload = message.get_payload(decode=True)
    except (ValueError, LookupError) as error:
        raise LoadError(f"the page inside {name} cannot be decoded ({error})") from None
    if not isinstance(payload, bytes):
        raise LoadError(f"the page inside {name} cannot be decoded")
    return payload
