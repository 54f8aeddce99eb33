"""Pages that are not pages: empty, binary, truncated, scripts with no text."""

from __future__ import annotations

import random
import struct
import zlib

from .payloads import REMOTE, article_body, html_page, paragraphs
from .registry import kind


@kind("empty", "empty.html", "a zero-byte file is refused with one line", outcome="error")
def empty() -> bytes:
    return b""


@kind(
    "whitespace",
    "whitespace.html",
    "only spaces, tabs, CR/LF and no-break spaces: refused, not an empty article",
    outcome="error",
)
def whitespace() -> bytes:
    return (" \t\r\n\u00a0\u3000\u2028" * 4000).encode()


@kind(
    "random_bytes",
    "random.html",
    "64 KiB of random bytes behind an .html suffix: decoding never crashes",
)
def random_bytes() -> bytes:
    return random.Random(6).randbytes(64 * 1024)


@kind(
    "random_bytes_txt",
    "random.txt",
    "random bytes behind a .txt suffix go through the text-dump path without crashing",
)
def random_bytes_txt() -> bytes:
    return random.Random(7).randbytes(48 * 1024)


def _png(width: int, height: int) -> bytes:
    def chunk(tag: bytes, data: bytes) -> bytes:
        body = tag + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(
        b"\0" + bytes((x * 7 + y * 13) % 256 for x in range(width * 3)) for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@kind(
    "png_named_html",
    "photo.html",
    "a real PNG image named .html is recognised as binary and refused",
    outcome="error",
)
def png_named_html() -> bytes:
    return _png(96, 64)


@kind(
    "nul_bytes",
    "nul.html",
    "NUL bytes inside tags, attributes and text do not cut the page or crash the parser",
    payload=True,
)
def nul_bytes() -> bytes:
    body = article_body(extra='<p class="a\0b">Before\0after the NUL byte\0.</p>')
    page = html_page("NUL\0title", body).replace("<p>", "<p\0>", 1)
    return page.encode().replace(b"<h1>", b"<h1>\0\0", 1)


@kind(
    "truncated_markup",
    "truncated.html",
    "a page cut off mid-attribute inside an unclosed link still yields its text",
)
def truncated_markup() -> bytes:
    page = html_page("Cut short", article_body(extra='<p>Open <a href="https://x.example/a'))
    return page.encode()[: len(page) * 2 // 3] + b'<a href="https://cut.example/"><img src="'


_UTF8_TEXT = "Grüße aus Köln, déjà vu in Zürich: 北京 and 東京"
_UTF8_WORDS = ("Grüße", "Köln", "déjà", "Zürich", "北京", "東京")


@kind(
    "truncated_utf8",
    "truncated-utf8.html",
    "a UTF-8 page (no charset declared) whose last multibyte character is cut in half, "
    "as an interrupted download leaves it: still read as UTF-8",
    outcome="article",
    expect_words=_UTF8_WORDS,
)
def truncated_utf8() -> bytes:
    page = html_page("Überschrift", article_body(extra=f"<p>{_UTF8_TEXT}</p>"), charset=None)
    return page.encode()[:-1] + "日".encode()[:2]


@kind(
    "invalid_utf8",
    "invalid-utf8.html",
    "a UTF-8 article (declared) with five stray invalid bytes (0x80-0x9f, 0xff) in it: "
    "its real UTF-8 text survives and no C1 control leaks",
    outcome="article",
    expect_words=_UTF8_WORDS,
    payload=True,
)
def invalid_utf8() -> bytes:
    extra = f"<p>{_UTF8_TEXT}</p>" * 6
    data = html_page("Invalid bytes", article_body(extra=extra)).encode()
    return data.replace(b"repairs", b"rep\x9b2J\x80airs\xff\xfe", 1).replace(
        b"clock", b"cl\x85ock", 1
    )


@kind(
    "lone_surrogates",
    "surrogates.html",
    "character references to lone surrogates and non-characters (&#xD800;, &#xFFFF;) "
    "never break JSON output or the terminal",
    payload=True,
)
def lone_surrogates() -> bytes:
    extra = "<p>Surrogates &#xD800; &#xDFFF; &#55357; nonchars &#xFFFF; &#x10FFFF; &#x110000; "
    extra += "&#0; &#99999999999; &#x; end of the odd references.</p>"
    return html_page(
        "Surrogate &#xD800; title", article_body(extra=extra), escape_title=False
    ).encode()


@kind(
    "noncharacters_text_dump",
    "nonchars.txt",
    "a UTF-8 text dump holding U+FFFE/U+FFFF and other characters XML cannot hold (the "
    "text-dump path builds an lxml tree from the lines)",
    outcome="article",
    payload=True,
)
def noncharacters_text_dump() -> bytes:
    odd = "\ufffe \uffff \U0010ffff \ufdd0 \x0b \x0c \x1f"
    paras = "\n\n".join(f"{p} {odd} end." for p in paragraphs(4))
    return f"Title {odd}\n\n{paras}\n\nRelated\n- item {odd}\n- other item\n".encode()


@kind(
    "spa_shell",
    "app.html",
    "a single-page-app shell (empty root div, scripts, noscript) holds no article; "
    "its scripts are never fetched",
)
def spa_shell() -> bytes:
    head = (
        f'<script src="{REMOTE}/static/js/main.js" defer></script>'
        f'<link rel="stylesheet" href="{REMOTE}/static/css/main.css">'
        f'<link rel="modulepreload" href="{REMOTE}/static/js/chunk.js">'
    )
    body = (
        "<noscript>You need to enable JavaScript to run this app.</noscript>"
        '<div id="root"></div><div id="portal"></div>'
        '<script>window.__STATE__ = {"articles": []}; render(document.getElementById("root"))'
        "</script>"
    )
    return html_page("App", body, head=head).encode()


@kind(
    "frameset",
    "frameset.html",
    "a frameset page: frames are never loaded, noframes text may be shown",
)
def frameset() -> bytes:
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Frameset//EN">\n<html><head>'
        "<title>Framed site</title></head>"
        '<frameset cols="25%,75%"><frame src="menu.html" name="menu">'
        f'<frameset rows="50%,50%"><frame src="{REMOTE}/top.html"><frame src="file:///etc/passwd">'
        "</frameset><noframes><body><p>This site uses frames. "
        + " ".join(paragraphs(2))
        + "</p></body></noframes></frameset></html>"
    ).encode()


@kind(
    "scripts_and_styles_only",
    "scripts.html",
    "megabytes of inline script and style text is never taken for the article",
)
def scripts_and_styles_only() -> bytes:
    script = "var clock = {tide: 'high', text: 'harbour council volunteers'};\n" * 20000
    style = "p.tide { color: red; } /* harbour council volunteers */\n" * 10000
    return html_page("Scripts", f"<script>{script}</script><style>{style}</style>").encode()


@kind(
    "comments_cdata_only",
    "comments.html",
    "text hidden in comments, CDATA, templates and unterminated comments is not shown",
)
def comments_cdata_only() -> bytes:
    hidden = " ".join(paragraphs(3))
    body = (
        f"<!-- {hidden} --><template><p>{hidden}</p></template>"
        f"<![CDATA[ {hidden} ]]><!-- unterminated comment {hidden}"
    )
    return html_page("Comments", body).encode()


@kind(
    "plaintext_xmp",
    "plaintext.html",
    "obsolete raw-text elements (<plaintext>, <xmp>, <listing>) holding markup-like text",
    payload=True,
)
def plaintext_xmp() -> bytes:
    raw = "<b>not bold</b> </plaintext> [bold]x[/] \x1b[2J"
    body = article_body(extra=f"<xmp>{raw}</xmp><listing>{raw}</listing>") + f"<plaintext>{raw}"
    return html_page("Raw text elements", body).encode()


@kind(
    "not_html_xml",
    "feed.html",
    "an RSS/XML document named .html is handled (article or clean refusal)",
)
def not_html_xml() -> bytes:
    items = "".join(
        f"<item><title>Item {i}</title><link>{REMOTE}/{i}</link>"
        f"<description>{p}</description></item>"
        for i, p in enumerate(paragraphs(5))
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Feed</title>{items}</channel></rss>"
    ).encode()
