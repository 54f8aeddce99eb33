"""Single-file MHTML archives that break the rules of MIME."""

from __future__ import annotations

import base64
import quopri
import random

from .payloads import ALL_ESCAPES, REMOTE, article_body, html_page
from .registry import kind

BOUNDARY = "----MultipartBoundary--hostile0123456789----"


def _archive(
    parts: list[tuple[dict[str, str], bytes]],
    *,
    boundary: str | None = BOUNDARY,
    subject: str = "Archived page",
    close: bool = True,
) -> bytes:
    ctype = 'multipart/related;\r\n\ttype="text/html"'
    if boundary is not None:
        ctype += f';\r\n\tboundary="{boundary}"'
    out = [
        "From: <Saved by Blink>",
        f"Snapshot-Content-Location: {REMOTE}/archived",
        f"Subject: {subject}",
        "Date: Sat, 13 Apr 2024 10:00:00 -0000",
        "MIME-Version: 1.0",
        f"Content-Type: {ctype}",
        "",
        "",
    ]
    data = "\r\n".join(out).encode()
    mark = (boundary or BOUNDARY).encode()
    for headers, body in parts:
        data += b"--" + mark + b"\r\n"
        data += "".join(f"{k}: {v}\r\n" for k, v in headers.items()).encode() + b"\r\n"
        data += body + b"\r\n"
    if close:
        data += b"--" + mark + b"--\r\n"
    return data


def _html_part(
    html: str, *, encoding: str = "quoted-printable", charset: str = "utf-8"
) -> tuple[dict[str, str], bytes]:
    raw = html.encode(charset)
    body = quopri.encodestring(raw) if encoding == "quoted-printable" else base64.encodebytes(raw)
    return (
        {
            "Content-Type": f"text/html; charset={charset}",
            "Content-Transfer-Encoding": encoding,
            "Content-Location": f"{REMOTE}/archived",
        },
        body,
    )


def _image_part(data: bytes, name: str = "img.png") -> tuple[dict[str, str], bytes]:
    return (
        {
            "Content-Type": "image/png",
            "Content-Transfer-Encoding": "base64",
            "Content-Location": f"{REMOTE}/{name}",
        },
        base64.encodebytes(data),
    )


def _page() -> str:
    return html_page("Archived tide clock", article_body())


@kind("mhtml_missing_boundary", "no-boundary.mhtml", "multipart/related with no boundary parameter")
def mhtml_missing_boundary() -> bytes:
    return _archive([_html_part(_page())], boundary=None)


@kind(
    "mhtml_no_html_part",
    "no-html.mhtml",
    "an archive holding only an image and a stylesheet: refused as holding no page",
)
def mhtml_no_html_part() -> bytes:
    css = (
        {"Content-Type": "text/css", "Content-Location": f"{REMOTE}/s.css"},
        b"body { background: url(https://remote.example/bg.png) }",
    )
    return _archive([_image_part(b"\x89PNG\r\n\x1a\n" + bytes(200)), css])


@kind(
    "mhtml_bad_base64",
    "bad-base64.mhtml",
    "an HTML part declared base64 whose body is not valid base64 (bad characters, broken padding)",
)
def mhtml_bad_base64() -> bytes:
    headers, body = _html_part(_page(), encoding="base64")
    body = body[:200] + b"!!*&^%$#@\x00\xff===" + body[200:-7] + b"=\r\n=A"
    return _archive([(headers, body)])


@kind(
    "mhtml_huge_part",
    "huge-part.mhtml",
    "a 30 MB image part before the HTML part (decompressed-size and time limits)",
    heavy=True,
)
def mhtml_huge_part() -> bytes:
    return _archive(
        [_image_part(random.Random(5).randbytes(30 * 1024 * 1024)), _html_part(_page())]
    )


@kind(
    "mhtml_truncated",
    "truncated.mhtml",
    "an archive cut off inside its HTML part, with no closing boundary",
)
def mhtml_truncated() -> bytes:
    data = _archive([_html_part(_page())], close=False)
    return data[: len(data) * 3 // 4]


@kind(
    "mhtml_deep_multipart",
    "deep.mhtml",
    "multipart parts nested 5,000 deep (recursive MIME parsing)",
)
def mhtml_deep_multipart() -> bytes:
    depth = 5000
    head = b""
    tail = b""
    for i in range(depth):
        head += (
            f'--b{i}\r\nContent-Type: multipart/alternative; boundary="b{i + 1}"\r\n\r\n'
        ).encode()
        tail = f"\r\n--b{i}--\r\n".encode() + tail
    headers, body = _html_part(_page())
    inner = (
        f"--b{depth}\r\n".encode()
        + "".join(f"{k}: {v}\r\n" for k, v in headers.items()).encode()
        + b"\r\n"
        + body
        + f"\r\n--b{depth}--\r\n".encode()
    )
    top = b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b0"\r\n\r\n'
    return top + head + inner + tail


@kind(
    "mhtml_escapes",
    "escapes.mhtml",
    "escape sequences in the Subject header (raw and RFC 2047 encoded), the "
    "Content-Location and quoted-printable HTML (=1B]0;…)",
    outcome="article",
    payload=True,
)
def mhtml_escapes() -> bytes:
    encoded = base64.b64encode(f"Encoded {ALL_ESCAPES}".encode()).decode()
    page = html_page(
        f"QP {ALL_ESCAPES}", article_body(extra=f"<p>QP text {ALL_ESCAPES}</p>"), escape_title=False
    )
    headers, body = _html_part(page)
    headers["Content-Location"] = "https://x.example/\x1b]0;LOC\x07"
    return _archive(
        [(headers, body)], subject=f"=?utf-8?b?{encoded}?= raw \x1b]0;SUBJECT\x07\x9b2J"
    )


@kind(
    "mhtml_wrong_charset",
    "cp1251.mhtml",
    "an HTML part in windows-1251 whose MIME header says utf-8",
    outcome="article",
    expect_words=("Москва", "прилива"),
)
def mhtml_wrong_charset() -> bytes:
    from .kinds_encoding import CYRILLIC

    page = html_page(
        "Москва", article_body(extra=f"<p>{CYRILLIC}</p><p>{CYRILLIC}</p>"), charset=None
    )
    headers, body = _html_part(page, charset="cp1251")
    headers["Content-Type"] = "text/html; charset=utf-8"
    return _archive([(headers, body)])


@kind(
    "mhtml_many_parts",
    "many-parts.mhtml",
    "20,000 tiny parts referencing the network (part-count handling)",
)
def mhtml_many_parts() -> bytes:
    parts = [_html_part(_page())]
    parts += [
        ({"Content-Type": "text/css", "Content-Location": f"{REMOTE}/{i}.css"}, b"p{}")
        for i in range(20_000)
    ]
    return _archive(parts)
