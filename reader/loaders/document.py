"""From a page's bytes to a RawDocument: unpack, recognise, decode, find the base URL.

Every source (file, stdin, URL) ends here, so the same checks apply to all of them.
"""

from __future__ import annotations

from pathlib import Path

from reader.config import Limits
from reader.errors import LoadError
from reader.loaders.base import DocumentKind, RawDocument
from reader.loaders.encoding import decode, xml_declared
from reader.loaders.gunzip import gunzip
from reader.loaders.htmlhead import http_url, meta_charset, page_base_url
from reader.loaders.singlefile import holds_zip
from reader.loaders.sniff import GZIP_MAGIC, Format, binary_kind, sniff, strip_gz, suffix_format

# A .gz inside a .gz is fine (a server compressing a compressed file); deeper nesting is
# only ever an attack.
_MAX_GZIP_LAYERS = 2
_KINDS = {
    Format.HTML: DocumentKind.HTML,
    Format.TEXT: DocumentKind.TEXT,
    Format.MARKDOWN: DocumentKind.MARKDOWN,
}


def document_from_bytes(
    data: bytes,
    *,
    source: str,
    name: str,
    filename: str,
    limits: Limits,
    hint: Format | None = None,
    charset: str | None = None,
    page_url: str | None = None,
    truncated: bool = False,
    folder: Path | None = None,
) -> RawDocument:
    """The RawDocument in ``data``. ``name`` is how messages call the source,
    ``filename`` gives the suffix, ``hint`` and ``charset`` come from an HTTP header,
    ``page_url`` is the address the bytes came from, if any, ``folder`` the local
    folder a saved page's pictures may be in."""
    from reader.images.sources import ArchivePart, ImageSources

    notes: list[str] = []
    if not data:
        raise LoadError(f"{name} is empty")
    hint = hint or suffix_format(filename)
    for layer in range(_MAX_GZIP_LAYERS + 1):
        if not data.startswith(GZIP_MAGIC):
            break
        if layer == _MAX_GZIP_LAYERS:
            raise LoadError(f"{name} is gzip-compressed more than {_MAX_GZIP_LAYERS} times over")
        unpacked = gunzip(data, limits.max_decompressed_bytes, name)
        data = unpacked.data
        if unpacked.truncated:
            truncated = True
            notes.append("the compressed data ends early; showing what could be read")
        filename = strip_gz(filename)
        if hint in (None, Format.GZIP):
            hint = suffix_format(filename)
        if not data.strip():
            raise LoadError(f"{name} decompresses to nothing")
    if hint is Format.GZIP:
        hint = suffix_format(strip_gz(filename))  # a .gz that was saved already unpacked

    if holds_zip(data):
        from reader.loaders.singlefile import singlefile_page

        page = singlefile_page(data, name, limits)
        if page is not None:
            data, hint = page, Format.HTML

    if data.startswith(b"WARC/"):
        # Read as text it would become one long "article" of record headers.
        raise LoadError(
            f"{name} is a WARC web archive: list its pages with reader extract, "
            "add them with reader import"
        )

    fmt = _format(data, hint, name)
    declared: tuple[str | None, ...] = (charset,)
    parts: dict[str, ArchivePart] = {}
    if fmt is Format.MHTML:
        # The email parser, for archives only.
        from reader.loaders.mhtml import archived_page, image_parts

        page = archived_page(data, limits.max_decompressed_bytes, name)
        parts = image_parts(data)
        folder = None  # an archive carries its own pictures
        data, declared, page_url = page.content, (page.charset,), page.location or page_url
        if not data.strip():
            raise LoadError(f"the page inside {name} is empty")
        _refuse_binary(data, f"the page inside {name}")
        fmt = Format.HTML if page.is_html or _looks_html(data) else Format.TEXT

    in_document = (meta_charset(data) or xml_declared(data)) if fmt is Format.HTML else None
    decoded = decode(data, declared, in_document=in_document)
    notes.extend(decoded.notes)
    text = decoded.text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise LoadError(f"{name} holds only whitespace")
    base_url = page_base_url(text, page_url) if fmt is Format.HTML else http_url(page_url)
    return RawDocument(
        source=source,
        kind=_KINDS[fmt],
        text=text,
        base_url=base_url,
        encoding=decoded.encoding,
        truncated=truncated,
        notes=tuple(notes),
        images=ImageSources(folder, parts, text) if fmt is not Format.TEXT else None,
    )


def _format(data: bytes, hint: Format | None, name: str) -> Format:
    _refuse_binary(data, name)
    return sniff(data, hint)


def _refuse_binary(data: bytes, name: str) -> None:
    what = binary_kind(data)
    if what:
        raise LoadError(f"{name} is not a web page or text: it looks like {what}")


def _looks_html(data: bytes) -> bool:
    """A text/plain archive part that is an HTML document after all."""
    return sniff(data, Format.TEXT) is Format.HTML
