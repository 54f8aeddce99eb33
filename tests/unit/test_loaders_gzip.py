"""Gzip-compressed pages: every kind inside, multi-member and truncated files, bombs."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

import pytest

from reader.config import Limits
from reader.errors import LimitExceeded, LoadError, ReaderError
from reader.loaders import DocumentKind, load
from reader.loaders.gunzip import gunzip, inflate

LOADERS = Path(__file__).resolve().parent.parent / "fixtures" / "loaders"
LIMITS = Limits()
HTML = (
    "<!DOCTYPE html><html><head><title>T</title></head><body><p>Grüße aus Köln.</p></body></html>"
)


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """200 MB of zeros in about 200 KB, compressed in a streamed way (never all in memory)."""
    engine = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(1024 * 1024)
    compressed = [engine.compress(zeros) for _ in range(200)]
    compressed.append(engine.flush())
    return b"".join(compressed)


@pytest.mark.parametrize(
    ("name", "source", "kind"),
    [
        ("page.html.gz", "complete_save.html", DocumentKind.HTML),
        ("dump.txt.gz", "dump.txt", DocumentKind.TEXT),
        ("note.md.gz", "note.md", DocumentKind.MARKDOWN),
        ("save.mhtml.gz", "chrome_save.mhtml", DocumentKind.HTML),
        ("save.mht.gz", "ie_save.mht", DocumentKind.HTML),
    ],
)
def test_each_kind_gzipped(tmp_path: Path, name: str, source: str, kind: DocumentKind) -> None:
    original = load(str(LOADERS / source), LIMITS)
    document = load(write(tmp_path, name, gzip.compress((LOADERS / source).read_bytes())), LIMITS)
    assert document.kind is kind
    assert document.text == original.text
    assert not document.truncated


def test_gzip_recognised_by_content(tmp_path: Path) -> None:
    # A gzip-encoded response saved under the page's own name, and one with no suffix.
    for name in ("story.html", "story"):
        document = load(write(tmp_path, name, gzip.compress(HTML.encode("cp1252"))), LIMITS)
        assert document.kind is DocumentKind.HTML
        assert "Grüße aus Köln." in document.text


def test_gz_that_was_already_unpacked(tmp_path: Path) -> None:
    document = load(write(tmp_path, "page.html.gz", HTML.encode()), LIMITS)
    assert document.kind is DocumentKind.HTML and "Köln" in document.text


def test_multi_member_gzip(tmp_path: Path) -> None:
    data = gzip.compress(b"first half, ") + gzip.compress(b"second half\n")
    assert load(write(tmp_path, "two.txt.gz", data), LIMITS).text == "first half, second half\n"


def test_double_gzip(tmp_path: Path) -> None:
    data = gzip.compress(gzip.compress(HTML.encode()))
    assert "Köln" in load(write(tmp_path, "twice.html.gz", data), LIMITS).text


def test_triple_gzip_is_refused(tmp_path: Path) -> None:
    data = gzip.compress(gzip.compress(gzip.compress(HTML.encode())))
    with pytest.raises(LoadError, match="compressed more than 2 times over"):
        load(write(tmp_path, "thrice.html.gz", data), LIMITS)


def test_truncated_gzip_keeps_what_it_can(tmp_path: Path) -> None:
    text = "".join(f"Line {i} of a long text dump.\n" for i in range(3000))
    data = gzip.compress(text.encode())
    document = load(write(tmp_path, "cut.txt.gz", data[: len(data) // 2]), LIMITS)
    assert document.truncated
    assert document.text.startswith("Line 0 of a long text dump.\n")
    assert len(document.text) < len(text)
    assert any("ends early" in note for note in document.notes)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x1f\x8b\x08\x00garbage that is not deflate" + bytes(20), "not valid gzip data"),
        (b"\x1f\x8b", "truncated gzip file with nothing readable"),
        (gzip.compress(b"", mtime=0), "decompresses to nothing"),
        (gzip.compress(b"  \n\t  ", mtime=0), "decompresses to nothing"),
        (gzip.compress(b"\x89PNG\r\n\x1a\n" + bytes(100), mtime=0), "looks like a PNG image"),
    ],
)
def test_broken_gzip(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(ReaderError, match=message) as caught:
        load(write(tmp_path, "bad.html.gz", data), LIMITS)
    assert "bad.html.gz" in str(caught.value)


def test_gzip_bomb_is_refused(tmp_path: Path, bomb: bytes) -> None:
    path = write(tmp_path, "bomb.html.gz", bomb)
    with pytest.raises(LimitExceeded) as caught:
        load(path, LIMITS)
    assert str(caught.value) == (
        f"{path} expands to more than 128 MiB when decompressed "
        "(setting limits.max_decompressed_bytes); not reading it"
    )


def test_gzip_bomb_inside_gzip_is_refused(tmp_path: Path, bomb: bytes) -> None:
    with pytest.raises(LimitExceeded, match="when decompressed"):
        load(write(tmp_path, "bomb2.gz", gzip.compress(bomb)), Limits(max_decompressed_bytes=2**20))


def test_bomb_of_text_is_refused_quickly(tmp_path: Path) -> None:
    engine = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b"<p>lorem ipsum</p>\n" * 50_000
    data = b"".join(engine.compress(chunk) for _ in range(20)) + engine.flush()
    with pytest.raises(LimitExceeded):
        load(write(tmp_path, "text-bomb.html.gz", data), Limits(max_decompressed_bytes=2**20))


def test_cap_is_exact() -> None:
    data = gzip.compress(b"x" * 1000)
    assert gunzip(data, 1000, "f").data == b"x" * 1000
    with pytest.raises(LimitExceeded):
        gunzip(data, 999, "f")


def test_deflate_both_wrappings() -> None:
    text = b"deflated body " * 100
    raw = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    assert inflate(zlib.compress(text), 10_000, "u").data == text
    assert inflate(raw.compress(text) + raw.flush(), 10_000, "u").data == text
    with pytest.raises(LimitExceeded):
        inflate(zlib.compress(text), 100, "u")
