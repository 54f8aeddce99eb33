"""Arbitrary bytes never break a loader, and opening local files never opens a socket."""

from __future__ import annotations

import base64
import gzip
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.config import Limits
from reader.errors import ReaderError
from reader.loaders import RawDocument, load
from reader.loaders.encoding import decode
from reader.sanitize import has_control

LOADERS = Path(__file__).resolve().parent.parent / "fixtures" / "loaders"
LIMITS = Limits(max_input_bytes=256 * 1024, max_decompressed_bytes=512 * 1024)
SUFFIXES = [
    ".html",
    ".htm",
    ".xhtml",
    ".mhtml",
    ".mht",
    ".txt",
    ".md",
    ".gz",
    ".html.gz",
    ".mhtml.gz",
    ".txt.gz",
    "",
    ".bin",
]
# Beginnings that steer the bytes into each loader's deeper paths.
PREFIXES = [
    b"",
    b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"<!DOCTYPE html><html><head><meta charset=",
    b'<?xml version="1.0" encoding="',
    b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\n',
    b"MIME-Version: 1.0\r\nContent-Type: text/html; charset=",
    b"Content-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n",
    b"# Title\n\n",
]


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


def check(path: Path) -> None:
    try:
        document = load(str(path), LIMITS)
    except ReaderError as error:
        message = str(error)
        assert message and "\n" not in message and not has_control(message)
        return
    assert isinstance(document, RawDocument)
    assert document.text.strip() and "\x00" not in document.text
    if document.base_url is not None:
        assert document.base_url.startswith(("http://", "https://"))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from(PREFIXES),
    data=st.binary(max_size=4096),
    suffix=st.sampled_from(SUFFIXES),
)
def test_arbitrary_bytes_give_a_document_or_a_reader_error(
    scratch: Path, prefix: bytes, data: bytes, suffix: str
) -> None:
    path = scratch / f"page{suffix}"
    path.write_bytes(prefix + data)
    check(path)


@settings(max_examples=150, deadline=None)
@given(
    content=st.binary(max_size=2048) | st.text(max_size=1024).map(str.encode),
    charset=st.sampled_from(
        ["utf-8", "gbk", "utf-16", "base64", "zlib", "nonsense", "utf-7", "idna", ""]
    ),
    transfer=st.sampled_from(["base64", "quoted-printable", "8bit", "binary", "x-uuencode"]),
    kind=st.sampled_from(["text/html", "text/plain", "image/png", "multipart/alternative"]),
    location=st.sampled_from(["https://example.org/a", "file:///C:/x", "\x1b]52;c;x\x07", ""]),
    close=st.booleans(),
)
def test_arbitrary_mhtml_parts(
    scratch: Path,
    content: bytes,
    charset: str,
    transfer: str,
    kind: str,
    location: str,
    close: bool,
) -> None:
    body = base64.encodebytes(content) if transfer == "base64" else content
    data = (
        b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\n'
        + f"Content-Type: {kind}; charset={charset}\r\n".encode()
        + f"Content-Transfer-Encoding: {transfer}\r\nContent-Location: {location}\r\n\r\n".encode()
        + body
        + (b"\r\n--b--\r\n" if close else b"")
    )
    path = scratch / "archive.mhtml"
    path.write_bytes(data)
    check(path)


@settings(max_examples=300, deadline=None)
@given(
    data=st.binary(max_size=4096),
    declared=st.lists(
        st.sampled_from(
            [
                "utf-8",
                "gbk",
                "cp1252",
                "shift_jis",
                "utf-16",
                "rot13",
                "x",
                "utf-7",
                "iso-2022-jp",
                "idna",
                "unicode_escape",
                "undefined",
            ]
        ),
        max_size=2,
    ),
    in_document=st.sampled_from([None, "utf-8", "gb2312", "utf-16le", "hex", "koi8-r"]),
)
def test_decode_always_gives_text(
    data: bytes, declared: list[str], in_document: str | None
) -> None:
    decoded = decode(data, tuple(declared), in_document=in_document)
    assert isinstance(decoded.text, str) and "\x00" not in decoded.text
    assert decoded.encoding


def test_opening_local_pages_never_touches_the_network(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise AssertionError(f"network access while loading a local file: {args!r}")

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)

    pages = [
        LOADERS / name
        for name in ("remote_refs.html", "complete_save.html", "chrome_save.mhtml", "ie_save.mht")
    ]
    for page in list(pages):
        packed = tmp_path / (page.name + ".gz")
        packed.write_bytes(gzip.compress(page.read_bytes()))
        pages.append(packed)
    for page in pages:
        document = load(str(page), Limits())
        assert document.text
    remote = load(str(LOADERS / "remote_refs.html"), Limits())
    assert "https://cdn.example.com/app.js" in remote.text  # references kept, not followed
    assert attempts == []
