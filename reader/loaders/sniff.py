"""Recognise what a page's bytes are: by content first, by file suffix second.

Content that announces itself (gzip and binary magic numbers, a MIME archive header, an
HTML doctype) wins over the suffix; otherwise the suffix decides, and without a useful
suffix (stdin, a URL path like ``/story/123``) the first few KB are inspected.
"""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import PurePosixPath

from reader.loaders.encoding import bom_encoding, utf16_without_bom


class Format(StrEnum):
    HTML = "html"
    MHTML = "mhtml"
    TEXT = "text"
    MARKDOWN = "markdown"
    GZIP = "gzip"


GZIP_MAGIC = b"\x1f\x8b"

_SUFFIXES: dict[str, Format] = {
    **dict.fromkeys(
        (".html", ".htm", ".xhtml", ".xht", ".shtml", ".php", ".asp", ".aspx", ".jsp"),
        Format.HTML,
    ),
    **dict.fromkeys((".mhtml", ".mht"), Format.MHTML),
    **dict.fromkeys((".txt", ".text"), Format.TEXT),
    **dict.fromkeys((".md", ".markdown", ".mdown", ".mkd", ".mkdn"), Format.MARKDOWN),
    ".gz": Format.GZIP,
}

# Magic numbers of files people save next to pages (and sometimes misname as .html).
_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (0, b"\xff\xd8\xff", "a JPEG image"),
    (0, b"GIF87a", "a GIF image"),
    (0, b"GIF89a", "a GIF image"),
    (0, b"%PDF-", "a PDF document"),
    (0, b"PK\x03\x04", "a zip archive (or an EPUB/Office document)"),
    (0, b"PK\x05\x06", "a zip archive"),
    (0, b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (0, b"Rar!\x1a\x07", "a RAR archive"),
    (0, b"\xfd7zXZ\x00", "an xz archive"),
    (0, b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (0, b"\x7fELF", "a program (ELF)"),
    (0, b"\xcf\xfa\xed\xfe", "a program (Mach-O)"),
    (0, b"\x00asm", "a WebAssembly module"),
    (0, b"SQLite format 3\x00", "an SQLite database"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (0, b"OggS", "an Ogg media file"),
    (0, b"fLaC", "a FLAC audio file"),
    (0, b"ID3", "an MP3 audio file"),
    (0, b"\x1a\x45\xdf\xa3", "a WebM/Matroska video"),
    (0, b"wOFF", "a web font"),
    (0, b"wOF2", "a web font"),
    (0, b"\x00\x01\x00\x00\x00", "a TrueType font"),
    (8, b"WEBP", "a WebP image"),
    (4, b"ftyp", "an MP4/QuickTime media file"),
)
_BZIP2 = re.compile(rb"BZh[1-9]1AY&SY")

_SAMPLE = 64 * 1024
_PEEK = 8 * 1024
# Bytes that do not occur in text: C0 controls other than tab, LF, VT, FF, CR and ESC.
_CONTROL_BYTES = bytes([*range(1, 9), *range(14, 27), *range(28, 32)])
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_MAX_CONTROL_SHARE = 0.05
_MAX_NUL_SHARE = 0.3

_HTML_START = re.compile(
    r"(?:<!--.*?-->\s*|<\?xml[^>]*>\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])",
    re.IGNORECASE | re.DOTALL,
)
_HTML_MARKERS = re.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title>", re.IGNORECASE
)
_HTML_TAGS = re.compile(
    r"</?(?:p|div|span|a|br|li|ul|ol|table|tr|td|h[1-6]|script|style|article|section|img)\b",
    re.IGNORECASE,
)
_HTML_FRAGMENT = re.compile(
    r"\s*<(p|div|span|a|b|i|em|strong|h[1-6]|ul|ol|li|table|article|section|blockquote|pre"
    r"|figure|main|nav|header|footer|img|br|hr)\b[^<>]*>",
    re.IGNORECASE,
)
"""A piece of HTML with no document around it (``<p>hello <b>world</b></p>``)."""
_VOID = frozenset({"img", "br", "hr"})
_MIME_HEADER_LINE = re.compile(r"[A-Za-z][A-Za-z0-9-]*:")
_MIME_ARCHIVE = re.compile(r"^content-type:\s*multipart/", re.IGNORECASE | re.MULTILINE)
_MIME_ANY = re.compile(r"^content-type:", re.IGNORECASE | re.MULTILINE)
_MARKDOWN_SIGNS = (
    re.compile(r"^#{1,6} \S", re.MULTILINE),
    re.compile(r"^(?:```|~~~)", re.MULTILINE),
    re.compile(r"\[[^\]\n]+\]\([^)\s]+\)"),
    re.compile(r"^\s{0,3}(?:[-*+]|\d+\.) \S", re.MULTILINE),
    re.compile(r"^\S.*\n(?:=+|-+)[ \t]*$", re.MULTILINE),
    re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__"),
    re.compile(r"^> \S", re.MULTILINE),
)


def suffix_format(name: str) -> Format | None:
    """What a file's suffix says it is (``page.html.gz`` says gzip)."""
    return _SUFFIXES.get(PurePosixPath(name.replace("\\", "/")).suffix.lower())


def strip_gz(name: str) -> str:
    return name[:-3] if name.lower().endswith(".gz") else name


def binary_kind(data: bytes) -> str | None:
    """What ``data`` is when it is not text (``"a PNG image"``, ``"binary data"``), or
    None for text in any encoding, NUL-sprinkled text included."""
    for offset, magic, what in _SIGNATURES:
        if data.startswith(magic, offset):
            return what
    if _BZIP2.match(data):
        return "a bzip2 archive"
    if bom_encoding(data) or utf16_without_bom(data):
        return None
    sample = data[:_SAMPLE]
    nuls = sample.count(0)
    if nuls > len(sample) * _MAX_NUL_SHARE:
        return "binary data"
    controls = len(sample.translate(None, _NOT_CONTROL))
    if controls > (len(sample) - nuls) * _MAX_CONTROL_SHARE:
        return "binary data"
    return None


def sniff(data: bytes, hint: Format | None) -> Format:
    """The format of ``data`` (already known not to be binary). ``hint`` comes from the
    file suffix or an HTTP Content-Type."""
    if data.startswith(GZIP_MAGIC):
        return Format.GZIP
    peek = _peek(data)
    if _is_mime(peek, lenient=hint is Format.MHTML):
        return Format.MHTML
    if _HTML_START.match(peek):
        return Format.HTML
    if hint in (Format.HTML, Format.TEXT, Format.MARKDOWN):
        return hint
    if _HTML_MARKERS.search(peek) or len(_HTML_TAGS.findall(peek)) >= 5:
        return Format.HTML
    if _is_fragment(peek):
        return Format.HTML
    signs = sum(1 for sign in _MARKDOWN_SIGNS if sign.search(peek))
    return Format.MARKDOWN if signs >= 2 else Format.TEXT


def _is_fragment(peek: str) -> bool:
    """Starts with an HTML element that is closed (or needs no closing) later on."""
    match = _HTML_FRAGMENT.match(peek)
    if match is None:
        return False
    tag = match.group(1).lower()
    return tag in _VOID or re.search(rf"</{tag}\s*>", peek, re.IGNORECASE) is not None


def _peek(data: bytes) -> str:
    """The start of ``data`` as text, good enough to look for markers in."""
    bom = bom_encoding(data)
    if bom:
        codec, size = bom
        return data[size : size + _PEEK].decode(codec, "ignore").lstrip()
    wide = utf16_without_bom(data)
    if wide:
        return data[:_PEEK].decode(wide, "ignore").lstrip()
    return data[:_PEEK].replace(b"\x00", b"").decode("latin-1").lstrip()


def _is_mime(peek: str, *, lenient: bool) -> bool:
    """A MIME message (MHTML archive): header lines, then a Content-Type among them.
    Outside ``.mht``/``.mhtml`` files only a multipart one counts."""
    if not _MIME_HEADER_LINE.match(peek):
        return False
    end = re.search(r"\r?\n\r?\n", peek)
    headers = peek[: end.start()] if end else peek
    return bool((_MIME_ANY if lenient else _MIME_ARCHIVE).search(headers))
