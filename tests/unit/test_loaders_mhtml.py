"""MHTML archives: the root page found, transfer encodings and charsets undone, caps kept."""

from __future__ import annotations

import base64
import gzip
import quopri
from pathlib import Path

import pytest

from reader.config import Limits
from reader.errors import LimitExceeded, ReaderError
from reader.loaders import DocumentKind, load
from reader.loaders import mhtml as mhtml_module

LOADERS = Path(__file__).resolve().parent.parent / "fixtures" / "loaders"
LIMITS = Limits()
BOUNDARY = "----=_Part_7_1234.5678"


def part(
    body: bytes, content_type: str, encoding: str = "8bit", extra: str = "", eol: str = "\r\n"
) -> bytes:
    headers = [f"Content-Type: {content_type}", f"Content-Transfer-Encoding: {encoding}"]
    if extra:
        headers.append(extra)
    head = eol.join(headers) + eol + eol
    return f"--{BOUNDARY}{eol}".encode() + head.encode() + body + eol.encode()


def archive(*parts: bytes, top: str = "", eol: str = "\r\n", close: bool = True) -> bytes:
    head = (
        f"From: <Saved by Blink>{eol}MIME-Version: 1.0{eol}"
        f'Content-Type: multipart/related; type="text/html"; boundary="{BOUNDARY}"{top}{eol}{eol}'
    )
    tail = f"--{BOUNDARY}--{eol}".encode() if close else b""
    return head.encode() + b"".join(parts) + tail


def load_bytes(tmp_path: Path, data: bytes, name: str = "page.mhtml"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(data)
    return load(str(path), LIMITS)


def qp(text: str, codec: str = "utf-8") -> bytes:
    return quopri.encodestring(text.encode(codec)).replace(b"\n", b"\r\n")


def b64(text: str, codec: str = "utf-8") -> bytes:
    return base64.encodebytes(text.encode(codec)).replace(b"\n", b"\r\n")


PAGE = "<html><head><title>Page</title></head><body><p>{}</p></body></html>"
LONG = "Über den Wolken muss die Freiheit wohl grenzenlos sein — “so sang er” " * 6


def test_chrome_save_quoted_printable() -> None:
    document = load(str(LOADERS / "chrome_save.mhtml"), LIMITS)
    assert document.kind is DocumentKind.HTML
    assert "<h1>Café culture’s quiet comeback</h1>" in document.text
    assert "“It feels like 1962,” said one owner" in document.text  # soft line breaks undone
    assert "=E2=80" not in document.text and "=\n" not in document.text
    assert "body { margin: 0; }" not in document.text  # the stylesheet part is not the page
    assert document.base_url == "https://www.example.com/culture/cafe-comeback"
    assert document.encoding == "utf-8"


def test_ie_save_start_parameter_base64_windows_1252() -> None:
    document = load(str(LOADERS / "ie_save.mht"), LIMITS)
    assert "Mère Léonie’s crêpes were famous" in document.text
    assert "Advertisement" not in document.text  # the first HTML part is not the root
    assert document.encoding == "cp1252"
    assert document.base_url == "http://recettes.example.fr/crepes.htm"


@pytest.mark.parametrize(
    ("codec", "label"),
    [("gbk", "gb2312"), ("shift_jis", "shift_jis"), ("cp1252", "iso-8859-1"), ("koi8-r", "koi8-r")],
)
@pytest.mark.parametrize("transfer", ["base64", "quoted-printable", "8bit"])
def test_part_charsets(tmp_path: Path, codec: str, label: str, transfer: str) -> None:
    text = {
        "gbk": "北京时间周日，美国国务卿布林肯抵达北京，开始为期两天的访问。",
        "shift_jis": "東京都は月曜日、新しい防災計画を発表した。避難所の数を増やす。",
        "cp1252": "Mère Léonie’s crêpes — “a secret” for decades.",
        "koi8-r": "Москва готовится к зиме: городские службы проверяют отопление.",
    }[codec]
    html = PAGE.format(text)
    body = {"base64": b64, "quoted-printable": qp}.get(transfer, lambda t, c: t.encode(c))(
        html, codec
    )
    data = archive(part(body, f'text/html; charset="{label}"', transfer))
    document = load_bytes(tmp_path, data)
    assert text in document.text


def test_wrong_part_charset_is_not_trusted(tmp_path: Path) -> None:
    data = archive(part(qp(PAGE.format(LONG)), "text/html; charset=iso-8859-1", "quoted-printable"))
    assert LONG in load_bytes(tmp_path, data).text


def test_meta_charset_inside_part_without_charset(tmp_path: Path) -> None:
    html = PAGE.format(LONG).replace("<head>", '<head><meta charset="windows-1252">')
    data = archive(part(b64(html, "cp1252"), "text/html", "base64"))
    assert LONG in load_bytes(tmp_path, data).text


def test_first_html_part_without_start(tmp_path: Path) -> None:
    data = archive(
        part(b"body{}", "text/css"),
        part(b64("\x89PNG not really"), "image/png", "base64"),
        part(PAGE.format("the page").encode(), "text/html; charset=utf-8"),
        part(PAGE.format("a frame").encode(), "text/html; charset=utf-8"),
    )
    text = load_bytes(tmp_path, data).text
    assert "the page" in text and "a frame" not in text


def test_start_naming_an_image_falls_back_to_first_page(tmp_path: Path) -> None:
    data = archive(
        part(b64("img"), "image/gif", "base64", "Content-ID: <img1>"),
        part(PAGE.format("the page").encode(), "text/html"),
        top='; start="<img1>"',
    )
    assert "the page" in load_bytes(tmp_path, data).text


def test_nested_multipart_alternative(tmp_path: Path) -> None:
    inner = (
        b"--inner\r\nContent-Type: text/plain\r\n\r\nplain version\r\n"
        b"--inner\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        + PAGE.format("html version").encode()
        + b"\r\n--inner--\r\n"
    )
    data = archive(part(inner, 'multipart/alternative; boundary="inner"'))
    document = load_bytes(tmp_path, data)
    assert document.kind is DocumentKind.HTML and "html version" in document.text


def test_text_only_archive_is_text(tmp_path: Path) -> None:
    data = archive(part(b"Just a plain page.\r\nSecond line.", "text/plain; charset=us-ascii"))
    document = load_bytes(tmp_path, data, "notes.mht")
    assert document.kind is DocumentKind.TEXT
    assert document.text == "Just a plain page.\nSecond line."


def test_unix_line_endings_and_no_close_delimiter(tmp_path: Path) -> None:
    data = archive(
        part(PAGE.format("lf only").encode(), "text/html", eol="\n"), eol="\n", close=False
    )
    assert "lf only" in load_bytes(tmp_path, data).text


def test_boundary_text_inside_a_line_is_not_a_delimiter(tmp_path: Path) -> None:
    body = PAGE.format(f"see --{BOUNDARY} in text, and a line:\r\n--{BOUNDARY}xyz\r\nmore").encode()
    document = load_bytes(tmp_path, archive(part(body, "text/html")))
    assert f"--{BOUNDARY}xyz" in document.text and "more" in document.text


def test_single_part_mht(tmp_path: Path) -> None:
    data = (
        b"MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n"
        b"Content-Transfer-Encoding: base64\r\nContent-Location: https://example.org/a\r\n\r\n"
        + b64(PAGE.format(LONG))
    )
    document = load_bytes(tmp_path, data, "single.mht")
    assert LONG in document.text and document.base_url == "https://example.org/a"


def test_mhtml_named_html_is_recognised(tmp_path: Path) -> None:
    data = (LOADERS / "chrome_save.mhtml").read_bytes()
    document = load_bytes(tmp_path, data, "saved.html")
    assert "Café culture’s quiet comeback" in document.text
    assert "MultipartBoundary" not in document.text


def test_mht_that_is_really_html(tmp_path: Path) -> None:
    document = load_bytes(tmp_path, PAGE.format("plain html").encode(), "page.mht")
    assert document.kind is DocumentKind.HTML and "plain html" in document.text


def test_gzipped_mhtml(tmp_path: Path) -> None:
    data = gzip.compress((LOADERS / "chrome_save.mhtml").read_bytes())
    document = load_bytes(tmp_path, data, "page.mhtml.gz")
    assert "Café culture’s quiet comeback" in document.text


def test_non_web_content_location_is_not_a_base_url(tmp_path: Path) -> None:
    html = PAGE.format("x").replace(
        "<head>", '<head><link rel="canonical" href="https://example.org/story">'
    )
    data = archive(part(html.encode(), "text/html", extra="Content-Location: file:///C:/x.htm"))
    assert load_bytes(tmp_path, data).base_url == "https://example.org/story"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (archive(part(b64("GIF89a"), "image/gif", "base64")), "no HTML or text page"),
        (b"MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n\r\n--x\r\n", "no HTML"),
        (archive(), "no HTML or text page"),
        (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b", "not a readable"),
        (archive(part(b"", "text/html")), "is empty"),
        (archive(part(b"\x89PNG\r\n\x1a\n" + bytes(50), "text/html", "binary")), "PNG image"),
    ],
)
def test_broken_archives(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(ReaderError, match=message):
        load_bytes(tmp_path, data)


def test_root_part_larger_than_the_cap(tmp_path: Path) -> None:
    data = archive(part(b64(PAGE.format("x" * 20_000)), "text/html", "base64"))
    path = tmp_path / "big.mhtml"
    path.write_bytes(data)
    with pytest.raises(LimitExceeded, match=r"the page inside .*big.mhtml is larger than"):
        load(str(path), Limits(max_decompressed_bytes=10_000))
    assert "xxxx" in load(str(path), Limits(max_decompressed_bytes=30_000)).text


def test_only_the_root_part_is_decoded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Images and fonts in the archive are never decoded, however many there are."""
    images = [part(b64("x" * 3000), "image/png", "base64") for _ in range(200)]
    data = archive(part(PAGE.format("root").encode(), "text/html"), *images)
    decoded: list[int] = []
    real = mhtml_module._decoded_body

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        decoded.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(mhtml_module, "_decoded_body", counting)
    assert "root" in load_bytes(tmp_path, data).text
    assert decoded == [1]


def test_part_count_is_bounded(tmp_path: Path) -> None:
    """An archive of countless tiny parts with no page among them ends quickly."""
    data = archive(*[part(b"x", "image/gif") for _ in range(30_000)])
    with pytest.raises(ReaderError, match="no HTML or text page"):
        load_bytes(tmp_path, data)
