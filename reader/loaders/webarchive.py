"""Web archives (WARC, and WACZ: a ZIP of WARCs with an index): list and read captures.

Archives are streamed record by record (warcio), never read whole: a listing keeps one
small record per capture, and a page is read back by seeking to its record. Only
what the archive holds is ever read; nothing is fetched.

A capture's key is ``"MEMBER@OFFSET"``: the WARC inside a WACZ (empty for a plain WARC)
and the byte offset of its record there. A revisit record (the same payload captured
again) lists as a capture of its own whose payload is read from the original record.
"""

from __future__ import annotations

import gzip
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING

from reader.errors import LoadError
from reader.loaders.names import display_name

if TYPE_CHECKING:
    from reader.config import Limits
    from reader.loaders.base import RawDocument

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TITLE_PEEK = 64 * 1024
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title", re.IGNORECASE | re.DOTALL)
PROGRESS_EVERY = 200
_MAX_MEMBERS = 10_000
"""Most ZIP entries looked at in a WACZ (a hostile one may list millions)."""


class ListingStopped(Exception):
    """Raised by a ``list_pages`` progress call-back to stop listing."""


class ArchiveKind:
    WARC = "warc"
    WACZ = "wacz"


@dataclass(frozen=True, slots=True)
class Capture:
    """One HTML capture in an archive (what the TUI's picker lists)."""

    key: str
    url: str
    title: str
    captured_at: datetime | None
    payload_key: str
    """Where the page's bytes are: ``key`` itself, or the original of a revisit."""
    revisit: bool = False


@dataclass(frozen=True, slots=True)
class Resource:
    """A non-HTML capture (an image, a stylesheet): available from the archive only."""

    key: str
    url: str
    content_type: str
    length: int


@dataclass(slots=True)
class ArchiveListing:
    pages: list[Capture]
    resources: dict[str, Resource]
    """By URL (the last capture of each)."""
    skipped: int
    """Records that are neither pages nor resources (requests, metadata, errors)."""


def archive_kind(path: str | Path) -> str | None:
    """``"warc"`` or ``"wacz"`` when the file's content is a web archive, else None."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(512)
    except OSError:
        return None
    if head.startswith(b"WARC/"):
        return ArchiveKind.WARC
    if head.startswith(b"\x1f\x8b"):
        try:
            with gzip.open(path, "rb") as unpacked:
                return ArchiveKind.WARC if unpacked.read(5) == b"WARC/" else None
        except (OSError, EOFError, gzip.BadGzipFile):
            return None
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = [
                    info.filename
                    for _, info in zip(range(_MAX_MEMBERS), archive.infolist(), strict=False)
                ]
        except (OSError, zipfile.BadZipFile, ValueError):
            return None
        if any(_is_warc_member(name) for name in names) and (
            "datapackage.json" in names or any(n.startswith("indexes/") for n in names)
        ):
            return ArchiveKind.WACZ
    return None


def _is_warc_member(name: str) -> bool:
    return name.startswith("archive/") and name.lower().endswith((".warc", ".warc.gz"))


@contextmanager
def _members(path: Path) -> Iterator[list[tuple[str, IO[bytes]]]]:
    """The archive's WARC streams with their member names (``""`` for a plain WARC)."""
    kind = archive_kind(path)
    name = display_name(str(path))
    if kind is None:
        raise LoadError(f"{name} is not a WARC or WACZ web archive")
    with ExitStack() as stack:
        if kind == ArchiveKind.WARC:
            yield [("", stack.enter_context(open(path, "rb")))]
            return
        try:
            archive = stack.enter_context(zipfile.ZipFile(path))
            infos = [i for _, i in zip(range(_MAX_MEMBERS), archive.infolist(), strict=False)]
            names = sorted(i.filename for i in infos if _is_warc_member(i.filename))
            yield [(member, stack.enter_context(archive.open(member))) for member in names]
        except (zipfile.BadZipFile, OSError, ValueError) as error:
            raise LoadError(f"{name}: damaged WACZ archive ({error})") from None


def _open_member(stack: ExitStack, path: Path, member: str) -> IO[bytes]:
    if not member:
        return stack.enter_context(open(path, "rb"))
    archive = stack.enter_context(zipfile.ZipFile(path))
    return stack.enter_context(archive.open(member))


def _time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


def _content_type(record: object) -> str:
    http = getattr(record, "http_headers", None)
    value = http.get_header("Content-Type") if http is not None else None
    if value is None:
        value = record.rec_headers.get_header("Content-Type")  # type: ignore[attr-defined]
    return (value or "").split(";", 1)[0].strip().lower()


def _status(record: object) -> int:
    http = getattr(record, "http_headers", None)
    if http is None:
        return 200
    try:
        return int(http.get_statuscode() or 200)
    except ValueError:
        return 0


def _title(peek: bytes) -> str:
    found = _TITLE.search(peek)
    if not found:
        return ""
    import html

    text = found.group(1)[:2000].decode("utf-8", "replace")
    return " ".join(html.unescape(text).split())[:300]


def _looks_html(peek: bytes) -> bool:
    start = peek[:1024].lstrip().lower()
    return start.startswith((b"<!doctype html", b"<html"))


def list_pages(
    archive: str | Path, progress: Callable[[int, int], None] | None = None
) -> ArchiveListing:
    """Every HTML capture (title, URL, capture date) and the resources, in one pass.
    ``progress(records read, pages found)`` is called every few hundred records (an
    exception it raises stops the listing)."""
    from warcio.archiveiterator import ArchiveIterator

    path = Path(archive)
    pages: list[Capture] = []
    resources: dict[str, Resource] = {}
    skipped = seen = 0
    # payload digest -> (key, is_html): where a revisit's bytes are.
    originals: dict[str, tuple[str, bool]] = {}
    by_uri: dict[str, tuple[str, bool]] = {}
    titles: dict[str, str] = {}
    with _members(path) as members:
        for member, stream in members:
            records = ArchiveIterator(stream, no_record_parse=False, arc2warc=True)
            try:
                for record in records:
                    seen += 1
                    if progress is not None and not seen % PROGRESS_EVERY:
                        progress(seen, len(pages))
                    status = _status(record)
                    peek = b""
                    if record.rec_type in ("response", "resource") and status == 200:
                        peek = record.content_stream().read(_TITLE_PEEK)
                    # warcio knows a record's offset once its content has been read.
                    key = f"{member}@{records.get_record_offset()}"
                    url = record.rec_headers.get_header("WARC-Target-URI") or ""
                    when = _time(record.rec_headers.get_header("WARC-Date"))
                    if record.rec_type in ("response", "resource"):
                        ctype = _content_type(record)
                        html_page = status == 200 and (
                            ctype in _HTML_TYPES or (not ctype and _looks_html(peek))
                        )
                        digest = record.rec_headers.get_header("WARC-Payload-Digest")
                        if digest:
                            originals[digest] = (key, html_page)
                        by_uri[url] = (key, html_page)
                        if html_page:
                            titles[key] = _title(peek)
                            pages.append(Capture(key, url, titles[key], when, key))
                        elif status == 200 and url:
                            length = int(record.rec_headers.get_header("Content-Length") or 0)
                            resources[url] = Resource(key, url, ctype, length)
                        else:
                            skipped += 1
                    elif record.rec_type == "revisit":
                        digest = record.rec_headers.get_header("WARC-Payload-Digest") or ""
                        refers = record.rec_headers.get_header("WARC-Refers-To-Target-URI") or url
                        original = originals.get(digest) or by_uri.get(refers)
                        if original and original[1]:
                            title = titles.get(original[0], "")
                            pages.append(Capture(key, url, title, when, original[0], revisit=True))
                        else:
                            skipped += 1
                    else:
                        skipped += 1
            except (LoadError, ListingStopped):
                raise
            # warcio on damaged input fails in many ways (AttributeError, IndexError…):
            # any of them means a damaged record, told in one line.
            except Exception as error:
                where = f"{display_name(str(path))}{'!' + member if member else ''}"
                raise LoadError(f"{where}: damaged web archive ({_reason(error)})") from None
    return ArchiveListing(pages, resources, skipped)


def _reason(error: Exception) -> str:
    text = " ".join(str(error).split())
    return text[:160] or type(error).__name__


def _split_key(key: str) -> tuple[str, int]:
    member, _, offset = key.rpartition("@")
    if not offset.isdigit():
        raise LoadError(f"no capture {key!r} in the archive")
    return member, int(offset)


def read_payload(archive: str | Path, key: str, limit: int) -> tuple[bytes, str, datetime | None]:
    """The payload of the record at ``key`` (HTTP body decoded), its URL and date.

    Raises LoadError when the key names no record or the payload is over ``limit``."""
    from warcio.archiveiterator import ArchiveIterator

    path = Path(archive)
    member, offset = _split_key(key)
    name = display_name(str(path))
    try:
        with ExitStack() as stack:
            stream = _open_member(stack, path, member)
            stream.seek(offset)
            record = next(iter(ArchiveIterator(stream, arc2warc=True)), None)
            if record is None:
                raise LoadError(f"{name}: no capture at {key}")
            data = record.content_stream().read(limit + 1)
            if len(data) > limit:
                raise LoadError(f"{name}: the capture at {key} is larger than the input limit")
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            return data, url, _time(record.rec_headers.get_header("WARC-Date"))
    except LoadError:
        raise
    except Exception as e:  # damaged input, whatever warcio raised
        raise LoadError(f"{name}: cannot read the capture at {key} ({_reason(e)})") from None


def load_page(archive: str | Path, capture: Capture | str, limits: Limits) -> RawDocument:
    """The captured page as a document, ready to extract; its source is the captured URL.

    ``capture`` is a :class:`Capture` from :func:`list_pages` or its key."""
    from reader.loaders.document import document_from_bytes
    from reader.loaders.sniff import Format

    if isinstance(capture, str):
        capture = _find(archive, capture)
    data, _, _ = read_payload(archive, capture.payload_key, limits.max_input_bytes)
    return document_from_bytes(
        data,
        source=capture.url,
        name=display_name(capture.url or capture.key),
        filename="",
        limits=limits,
        hint=Format.HTML,
        page_url=capture.url or None,
    )


def _find(archive: str | Path, key: str) -> Capture:
    for capture in list_pages(archive).pages:
        if capture.key == key:
            return capture
    raise LoadError(f"{display_name(str(archive))}: no HTML capture {key!r}")


def read_resource(archive: str | Path, url: str, limit: int) -> bytes | None:
    """The bytes of the resource (an image…) captured at ``url``, or None when the
    archive does not hold it: the page's images come from here, never the network."""
    found = list_pages(archive).resources.get(url)
    if found is None:
        return None
    data, _, _ = read_payload(archive, found.key, limit)
    return data
