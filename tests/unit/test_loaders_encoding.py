"""Encodings: BOMs, declared charsets (verified), detection; every case comes out right."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.config import Limits
from reader.loaders import DocumentKind, load
from reader.loaders.encoding import codec_for, decode
from reader.loaders.htmlhead import meta_charset

LIMITS = Limits()

CHINESE = (
    "北京时间周日，美国国务卿布林肯抵达北京，开始为期两天的访问。这是拜登政府上任以来访华的"
    "最高级别美国官员。双方将讨论台湾、贸易和芯片出口管制等问题。"
)
JAPANESE = (
    "東京都は月曜日、新しい防災計画を発表した。地震や台風に備えて、避難所の数を増やし、"
    "住民への情報提供を強化する。計画は来年四月から実施される予定だ。"
)
WESTERN = (
    "The café’s owner said “naïve” customers often order crème brûlée — it’s a façade, he "
    "joked. Señor Müller agreed."
)
RUSSIAN = "Москва готовится к зиме: городские службы проверяют отопление во всех районах."


def page(body: str, head: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head>{head}<title>t</title></head><body><p>{body}</p></body></html>"
    )


def meta(charset: str) -> str:
    return f'<meta charset="{charset}">'


def http_equiv(charset: str) -> str:
    return f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'


def load_bytes(tmp_path: Path, data: bytes, name: str = "page.html"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(data)
    return load(str(path), LIMITS)


@pytest.mark.parametrize(
    ("text", "codec", "head", "expected_encoding"),
    [
        # No charset anywhere: detection.
        (CHINESE, "utf-8", "", "utf-8"),
        (CHINESE, "gbk", "", "gb18030"),
        (JAPANESE, "shift_jis", "", "cp932"),
        (WESTERN, "cp1252", "", "cp1252"),
        (RUSSIAN, "cp1251", "", "cp1251"),
        # A right declaration, in either meta form.
        (CHINESE, "gbk", meta("gb2312"), "gb18030"),
        (JAPANESE, "shift_jis", http_equiv("Shift_JIS"), "cp932"),
        (WESTERN, "cp1252", meta("windows-1252"), "cp1252"),
        (WESTERN, "cp1252", http_equiv("ISO-8859-1"), "cp1252"),  # browsers read it as 1252
        (RUSSIAN, "koi8-r", meta("koi8-r"), "koi8-r"),
        # A wrong declaration: the bytes win.
        (WESTERN, "utf-8", meta("iso-8859-1"), "utf-8"),
        (CHINESE, "utf-8", http_equiv("gb2312"), "utf-8"),
        (WESTERN, "cp1252", meta("utf-8"), "cp1252"),
        (CHINESE, "gbk", meta("windows-1252"), "gb18030"),
        (CHINESE, "gbk", meta("shift_jis"), "gb18030"),
        (JAPANESE, "shift_jis", meta("gb2312"), "cp932"),
        (JAPANESE, "shift_jis", meta("utf-8"), "cp932"),
        # Nonsense and unsafe labels are ignored.
        (WESTERN, "cp1252", meta("zlib"), "cp1252"),
        (CHINESE, "gbk", meta("base64"), "gb18030"),
        (WESTERN, "utf-8", meta("utf-7"), "utf-8"),
        (JAPANESE, "utf-8", meta("x-no-such-charset"), "utf-8"),
        (WESTERN, "utf-8", meta("utf-16"), "utf-8"),  # a readable meta tag is not UTF-16
    ],
)
def test_html_encodings(
    tmp_path: Path, text: str, codec: str, head: str, expected_encoding: str
) -> None:
    document = load_bytes(tmp_path, page(text, head).encode(codec))
    assert document.kind is DocumentKind.HTML
    assert text in document.text
    assert document.encoding == expected_encoding


@pytest.mark.parametrize(
    ("codec", "bom"),
    [
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-32-le", b"\xff\xfe\x00\x00"),
        ("utf-32-be", b"\x00\x00\xfe\xff"),
    ],
)
def test_byte_order_marks(tmp_path: Path, codec: str, bom: bytes) -> None:
    # The BOM decides even against a meta tag that says otherwise.
    html = page(CHINESE + " " + WESTERN, meta("windows-1252"))
    document = load_bytes(tmp_path, bom + html.encode(codec))
    assert document.kind is DocumentKind.HTML
    assert document.text == html
    assert document.encoding == codec


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(tmp_path: Path, codec: str) -> None:
    html = page(WESTERN)
    document = load_bytes(tmp_path, html.encode(codec), "page.htm")
    assert document.text == html
    assert document.encoding == codec


def test_utf16_text_dump(tmp_path: Path) -> None:
    text = "A dump\n" + JAPANESE + "\n"
    document = load_bytes(tmp_path, b"\xff\xfe" + text.encode("utf-16-le"), "dump.txt")
    assert document.kind is DocumentKind.TEXT
    assert document.text == text


@pytest.mark.parametrize(
    ("text", "codec"),
    [(CHINESE, "gbk"), (JAPANESE, "shift_jis"), (WESTERN, "cp1252"), (WESTERN, "utf-8")],
)
def test_text_dump_encodings(tmp_path: Path, text: str, codec: str) -> None:
    document = load_bytes(tmp_path, f"Title\n{text}\n".encode(codec), "dump.txt")
    assert document.text == f"Title\n{text}\n"


def test_xml_declaration(tmp_path: Path) -> None:
    xhtml = '<?xml version="1.0" encoding="Shift_JIS"?>\n' + page(JAPANESE)
    document = load_bytes(tmp_path, xhtml.encode("shift_jis"), "page.xhtml")
    assert JAPANESE in document.text
    assert document.encoding == "cp932"


def test_late_meta_tag_is_found(tmp_path: Path) -> None:
    padding = "<style>" + "p { margin: 0 }\n" * 500 + "</style>"
    document = load_bytes(tmp_path, page(CHINESE, padding + meta("gbk")).encode("gbk"))
    assert CHINESE in document.text


def test_wrong_declaration_is_noted(tmp_path: Path) -> None:
    document = load_bytes(tmp_path, page(CHINESE, meta("gb2312")).encode("utf-8"))
    assert any("did not fit" in note for note in document.notes)


def test_undecodable_bytes_are_replaced_not_fatal() -> None:
    data = ("Olá " * 50).encode("utf-8") + b"\xff\xfe\xfa" + ("mundo " * 50).encode("utf-8")
    decoded = decode(data)
    assert "Olá" in decoded.text and "mundo" in decoded.text


def test_iso2022_jp_declared() -> None:
    data = page(JAPANESE, meta("iso-2022-jp")).encode("iso-2022-jp")
    assert data.isascii()
    decoded = decode(data, in_document=meta_charset(data))
    assert JAPANESE in decoded.text


def test_declared_header_charset_is_verified() -> None:
    # An HTTP/MIME charset is tried before the page's own meta tag.
    assert decode(CHINESE.encode("gbk"), ("gb2312",), in_document="utf-8").encoding == "gb18030"
    assert decode(WESTERN.encode("cp1252"), ("utf-8",)).text == WESTERN


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("UTF-8", "utf-8"),
        (" 'utf8' ", "utf-8"),
        ("latin1", "cp1252"),
        ("US-ASCII", "cp1252"),
        ("GB2312", "gb18030"),
        ("x-sjis", "cp932"),
        ("EUC-KR", "cp949"),
        ("big5", "big5hkscs"),
        ("koi8-r", "koi8-r"),
        ("utf-7", None),
        ("rot13", None),
        ("zlib", None),
        ("hex", None),
        ("unicode_escape", None),
        ("raw-unicode-escape", None),
        ("idna", None),
        ("punycode", None),
        ("undefined", None),
        ("", None),
        ("a" * 100, None),
    ],
)
def test_charset_labels(label: str, codec: str | None) -> None:
    assert codec_for(label) == codec


def test_meta_charset_scan() -> None:
    assert meta_charset(b"<html><head><META CHARSET=euc-jp>") == "euc-jp"
    assert meta_charset(
        b"<meta content='text/html;charset=\"koi8-r\"' http-equiv=content-type>"
    ) == ("koi8-r")
    assert meta_charset(b"<meta name=description content='charset=nonsense'>") is None
    assert meta_charset(b"<p>no meta</p>") is None


def test_utf16_declared_by_header_without_bom() -> None:
    html = page(CHINESE)
    assert decode(html.encode("utf-16-le"), ("utf-16le",)).text == html
    assert decode(html.encode("utf-16-be"), ("UTF-16BE",)).text == html


def test_mojibake_check_finds_late_non_ascii(tmp_path: Path) -> None:
    # A declared charset is checked where the non-ASCII text is, not only at the start.
    padding = "<!-- " + "x" * 200_000 + " -->"
    html = page(CHINESE, padding + meta("windows-1252"))
    document = load_bytes(tmp_path, html.encode("gbk"))
    assert CHINESE in document.text


def test_escape_codec_label_cannot_make_control_characters(tmp_path: Path) -> None:
    html = page("Price \\x1b[2J\\u00e9 list ünder review", meta("unicode_escape"))
    document = load_bytes(tmp_path, html.encode("cp1252"))
    assert "\x1b" not in document.text and "\\x1b[2J" in document.text


def test_single_byte_latin_guesses_fall_back_to_windows_1252() -> None:
    """cp1250/cp1257 read Western bytes without error; like browsers, prefer cp1252."""
    from reader.loaders.encoding import decode

    text = "<p>café façade naïve Zürich Ærøskøbing São Paulo, crème brûlée</p>"
    decoded = decode(text.encode("cp1252"), in_document="utf-8")
    assert decoded.text == text
    assert decoded.encoding == "cp1252"
    # Bytes that are not valid windows-1252 keep the detector's answer.
    czech = "<p>Příliš žluťoučký kůň úpěl ďábelské ódy.</p>"
    assert decode(czech.encode("cp1250")).text == czech
