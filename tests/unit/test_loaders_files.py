"""Loading local files and standard input: kinds, sniffing by content, every error path."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from reader.config import Limits
from reader.errors import LimitExceeded, LoadError, ReaderError
from reader.loaders import DocumentKind, RawDocument, load
from reader.loaders import files as files_module
from reader.sanitize import has_control

LOADERS = Path(__file__).resolve().parent.parent / "fixtures" / "loaders"
LIMITS = Limits()
HTML = b"<!DOCTYPE html><html><head><title>T</title></head><body><p>Hello there.</p></body></html>"


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def load_error(source: str, limits: Limits = LIMITS) -> str:
    with pytest.raises(ReaderError) as caught:
        load(source, limits)
    message = str(caught.value)
    assert "\n" not in message and not has_control(message)
    return message


# --- kinds ------------------------------------------------------------------------------


def test_text_dump_is_passed_through() -> None:
    path = LOADERS / "dump.txt"
    document = load(str(path), LIMITS)
    assert isinstance(document, RawDocument)
    assert document.kind is DocumentKind.TEXT
    assert document.text == path.read_text(encoding="utf-8")
    assert document.source == str(path)
    assert document.base_url is None and not document.truncated


def test_markdown_is_passed_through() -> None:
    path = LOADERS / "note.md"
    document = load(str(path), LIMITS)
    assert document.kind is DocumentKind.MARKDOWN
    assert document.text == path.read_text(encoding="utf-8")


def test_shared_sample_page_is_a_text_dump(sample_page: Path) -> None:
    document = load(str(sample_page), LIMITS)
    assert document.kind is DocumentKind.TEXT
    assert document.text.startswith("Current:Home > reviews")
    assert "Secretary of State Antony Blinken arrived" in document.text


def test_complete_save_reads_only_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """A browser's "complete" save: the page plus a _files/ folder nobody needs to read."""
    opened: list[str] = []
    real_open = files_module.open_regular

    def recording_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(files_module, "open_regular", recording_open)
    path = LOADERS / "complete_save.html"
    document = load(str(path), LIMITS)
    assert document.kind is DocumentKind.HTML
    assert "The last harbour ferry" in document.text
    assert opened == [str(path)]
    # <link rel=canonical> beats og:url and the saved-from comment.
    assert document.base_url == "https://news.example.org/2024/05/harbour-ferry.html"


def test_mozilla_corpus_pages_load_as_html(mozilla_corpus: Path) -> None:
    pages = sorted(mozilla_corpus.glob("*/source.html"))
    assert pages
    for page in pages:
        document = load(str(page), LIMITS)
        assert document.kind is DocumentKind.HTML, page
        assert "\x00" not in document.text


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        # Content that announces itself wins over the suffix…
        ("saved.txt", HTML, DocumentKind.HTML),
        ("saved.md", b"  \n<html><body><p>x</p></body></html>", DocumentKind.HTML),
        ("saved.txt", b"<!-- c -->\n<?xml version='1.0'?><html><p>x</p></html>", DocumentKind.HTML),
        # …otherwise the suffix decides…
        ("page.html", b"just words, no markup at all", DocumentKind.HTML),
        ("notes.txt", b"# Looks like a heading\n\n- and a list\n", DocumentKind.TEXT),
        ("notes.md", b"plain words", DocumentKind.MARKDOWN),
        ("page.HTM", b"<p>upper-case suffix</p>", DocumentKind.HTML),
        ("page.xhtml", b"<p>x</p>", DocumentKind.HTML),
        # …and without a useful suffix the content is inspected.
        ("page", b"<div><p>One</p><p>Two</p><a href='x'>link</a><br></div>", DocumentKind.HTML),
        ("story.cgi", b"<title>x</title> body", DocumentKind.HTML),
        (
            "README",
            b"# Title\n\nSome **bold** text and [a link](https://x.org).\n",
            DocumentKind.MARKDOWN,
        ),
        ("notes", b"Just a few lines\nof ordinary text.\n", DocumentKind.TEXT),
    ],
)
def test_kind_by_content_and_suffix(
    tmp_path: Path, name: str, data: bytes, kind: DocumentKind
) -> None:
    assert load(write(tmp_path, name, data), LIMITS).kind is kind


def test_line_endings_are_normalised(tmp_path: Path) -> None:
    document = load(write(tmp_path, "d.txt", b"one\r\ntwo\rthree\n"), LIMITS)
    assert document.text == "one\ntwo\nthree\n"


# --- NUL bytes and binary files -----------------------------------------------------------


def test_nul_bytes_in_text_are_stripped(tmp_path: Path) -> None:
    data = HTML.replace(b"Hello", b"Hel\x00lo\x00").replace(b"<body>", b"<body>\x00\x00")
    document = load(write(tmp_path, "nul.html", data), LIMITS)
    assert "\x00" not in document.text
    assert "Hello there." in document.text
    assert any("NUL" in note for note in document.notes)


@pytest.mark.parametrize(
    ("name", "data", "what"),
    [
        ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40), "PNG image"),
        ("doc.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
        ("archive.htm", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(30), "zip archive"),
        ("photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG image"),
        ("prog.md", b"\x7fELF\x02\x01\x01" + bytes(60), "program"),
        ("anim.html", b"GIF89a\x01\x00\x01\x00\x80\x00\x00", "GIF image"),
        ("blob.html", bytes(range(256)) * 8, "binary data"),
        ("zeros.html", bytes(5000), "binary data"),
        ("sqlite.mhtml", b"SQLite format 3\x00" + bytes(100), "SQLite database"),
    ],
)
def test_binary_files_are_refused(tmp_path: Path, name: str, data: bytes, what: str) -> None:
    message = load_error(write(tmp_path, name, data))
    assert name in message
    assert what in message


# --- other errors -------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = str(tmp_path / "nowhere.html")
    message = load_error(path)
    assert message == f"no such file: {path}"


def test_missing_parent_is_missing_too(tmp_path: Path) -> None:
    file_as_dir = write(tmp_path, "plain.txt", b"x")
    assert load_error(file_as_dir + "/inner.html").startswith("no such file:")


def test_directory(tmp_path: Path) -> None:
    message = load_error(str(LOADERS / "complete_save_files"))
    assert "is a directory" in message and "complete_save_files" in message


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "secret.html", HTML)

    def denied(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied", str(file))

    # Tests may run as root, where chmod 000 does not stop a read: fake the refusal.
    monkeypatch.setattr(files_module, "open_regular", denied)
    assert load_error(path) == f"cannot read {path}: permission denied"


def test_other_os_errors_are_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(files_module, "open_regular", broken)
    path = write(tmp_path, "bad-disk.html", HTML)
    assert load_error(path) == f"cannot read {path}: input/output error"


def test_nul_in_path() -> None:
    assert load_error("page\x00.html").startswith("no such file: page")


@pytest.mark.parametrize(
    "data", [b"", b"   \n\t\r\n  ", "\u00a0\u2003\n".encode(), b"\xef\xbb\xbf  \n"]
)
def test_empty_or_whitespace(tmp_path: Path, data: bytes) -> None:
    message = load_error(write(tmp_path, "blank.html", data))
    assert "blank.html" in message
    assert ("is empty" in message) if not data else ("only whitespace" in message)


def test_whitespace_in_utf16(tmp_path: Path) -> None:
    data = "\ufeff \n\t ".encode("utf-16-le")
    assert "only whitespace" in load_error(write(tmp_path, "blank.txt", data))


def test_too_large(tmp_path: Path) -> None:
    path = write(tmp_path, "big.html", HTML * 100)
    with pytest.raises(LimitExceeded) as caught:
        load(path, Limits(max_input_bytes=1000))
    assert str(caught.value) == (
        f"{path} is larger than the 1000 bytes input limit (setting limits.max_input_bytes)"
    )
    assert load(path, Limits(max_input_bytes=len(HTML) * 100)).kind is DocumentKind.HTML


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_endless_device_is_refused_unread() -> None:
    with pytest.raises(LoadError, match=r"^/dev/zero is a character device, not a regular file$"):
        load("/dev/zero", Limits(max_input_bytes=4 * 1024 * 1024))


def test_endless_stream_stops_at_the_cap() -> None:
    """Standard input may be endless (``reader extract - < /dev/zero``): read in chunks."""

    class Endless(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def, override]
            buffer[:] = bytes(len(buffer))
            return len(buffer)

    with pytest.raises(LimitExceeded):
        files_module.read_capped(io.BufferedReader(Endless()), 4 * 1024 * 1024, "standard input")


def test_hostile_file_name_is_cleaned(tmp_path: Path) -> None:
    name = "evil\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\u202e.html"
    message = load_error(str(tmp_path / name))
    assert "\x1b" not in message and "\x07" not in message and "\u202e" not in message
    assert message.startswith("no such file:") and message.endswith(".html")
    binary = write(tmp_path, name, b"\x89PNG\r\n\x1a\n" + bytes(20))
    assert not has_control(load_error(binary))


def test_long_file_name_is_shortened(tmp_path: Path) -> None:
    message = load_error(str(tmp_path / ("x" * 250 + ".html")))
    assert len(message) < 260 and message.endswith("…")


@pytest.mark.parametrize(
    "source",
    [
        "ftp://example.org/page.html",
        "file:///etc/hostname",
        "javascript:alert(1)",
        "data:text/html,<p>hi</p>",
        "gopher://example.org/",
    ],
)
def test_other_url_schemes_are_refused(source: str) -> None:
    message = load_error(source)
    assert "only http and https URLs are fetched" in message


def test_a_file_whose_name_looks_like_a_scheme_is_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "notes:2024.md", b"# Notes\n\nSome text.\n")
    assert load("notes:2024.md", LIMITS).kind is DocumentKind.MARKDOWN


# --- standard input -----------------------------------------------------------------------


class FakeStdin:
    def __init__(self, data: bytes, tty: bool = False) -> None:
        self.buffer = io.BytesIO(data)
        self.buffer.isatty = lambda: tty  # type: ignore[method-assign]


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", FakeStdin(HTML))
    document = load("-", LIMITS)
    assert document.source == "-"
    assert document.kind is DocumentKind.HTML
    assert "Hello there." in document.text


def test_stdin_text_and_markdown_by_content(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", FakeStdin(b"# Title\n\nSome *text* [x](https://x.org)\n"))
    assert load("-", LIMITS).kind is DocumentKind.MARKDOWN
    monkeypatch.setattr(sys, "stdin", FakeStdin("Plain words, café.\n".encode("cp1252")))
    document = load("-", LIMITS)
    assert document.kind is DocumentKind.TEXT and document.text == "Plain words, café.\n"


def test_stdin_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", FakeStdin(b""))
    assert load_error("-") == "standard input is empty"
    monkeypatch.setattr(sys, "stdin", FakeStdin(HTML, tty=True))
    assert "standard input is a terminal" in load_error("-")
    monkeypatch.setattr(sys, "stdin", None)
    assert "standard input" in load_error("-")
    monkeypatch.setattr(sys, "stdin", FakeStdin(HTML * 10_000))
    with pytest.raises(LimitExceeded, match=r"^standard input is larger than"):
        load("-", Limits(max_input_bytes=10_000))
    monkeypatch.setattr(sys, "stdin", FakeStdin(b"\x89PNG\r\n\x1a\n" + bytes(20)))
    assert "standard input is not a web page or text" in load_error("-")


def test_load_error_is_a_reader_error() -> None:
    assert issubclass(LoadError, ReaderError) and issubclass(LimitExceeded, ReaderError)


@pytest.mark.parametrize("source", ["", "   "])
def test_empty_source_name(source: str) -> None:
    assert load_error(source) == "no page named: the file name is empty"
