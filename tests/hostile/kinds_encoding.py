"""Encodings declared, undeclared, wrong or odd; XML entity tricks in XHTML."""

from __future__ import annotations

import html

from .payloads import REMOTE, html_page, paragraphs
from .registry import kind

LATIN = (
    "Le café de la façade est naïve, déjà célèbre à Zürich. Die Grüße aus Köln "
    "erreichten Ærøskøbing über Nacht; São Paulo e Málaga também responderam."
)
LATIN_WORDS = ("café", "façade", "naïve", "Zürich", "Grüße", "Ærøskøbing", "São")
CP1252 = "The “smart” quotes cost 5 € — or £4 – at the café… naïve ‘façade’."
CP1252_WORDS = ("“smart”", "€", "—", "café…", "‘façade’")
CHINESE = (
    "北京外交部发言人表示，双方将继续保持沟通。朱镕基曾任国务院总理。"
    "这篇文章讨论了港口潮汐钟的修复工作，志愿者们花了三个冬天重建齿轮。"
)
CHINESE_WORDS = ("北京", "外交部", "朱镕基", "潮汐钟", "志愿者")
JAPANESE = (
    "東京都の天気予報によると、明日は晴れるでしょう。港の潮時計は三年の冬を"
    "かけてボランティアによって修理されました。日本語の文章です。"
)
JAPANESE_WORDS = ("東京都", "天気予報", "潮時計", "ボランティア", "日本語")
CYRILLIC = (
    "Москва - столица России. Жители портового города три зимы чинили старые "
    "приливные часы, и теперь они снова показывают время прилива."
)
CYRILLIC_WORDS = ("Москва", "столица", "приливные", "прилива")


def _page(text: str, title: str, meta: str) -> str:
    """A page whose body repeats ``text`` enough for detection and extraction."""
    body = "<article><h1>" + html.escape(title) + "</h1>"
    body += "".join(f"<p>{html.escape(text)} {html.escape(p)}</p>" for p in paragraphs(5, 3))
    body += "</article>"
    return html_page(title, body, charset=None, head=meta)


def _meta(charset: str) -> str:
    return f'<meta charset="{charset}">'


@kind(
    "no_charset_utf8",
    "no-charset.html",
    "UTF-8 with no BOM and no charset anywhere",
    outcome="article",
    expect_words=LATIN_WORDS,
)
def no_charset_utf8() -> bytes:
    return _page(LATIN, "Café Zürich", "").encode("utf-8")


@kind(
    "no_charset_cp1252",
    "no-charset-1252.html",
    "windows-1252 (curly quotes, euro, dashes) with no charset declared",
    outcome="article",
    expect_words=CP1252_WORDS,
)
def no_charset_cp1252() -> bytes:
    return _page(CP1252 + " " + CP1252, "Prices", "").encode("cp1252")


@kind(
    "meta_latin1_is_cp1252",
    "latin1-label.html",
    "labelled iso-8859-1 but using 0x80-0x9f as windows-1252 does (as browsers read it): "
    "no C1 control characters, the euro and quotes come out right",
    outcome="article",
    expect_words=CP1252_WORDS,
    payload=True,
)
def meta_latin1_is_cp1252() -> bytes:
    return _page(CP1252, "Prices", _meta("iso-8859-1")).encode("cp1252")


@kind(
    "wrong_meta_utf8_as_latin1",
    "wrong-meta.html",
    "meta says iso-8859-1 but the bytes are UTF-8 (the declaration is verified, not trusted)",
    outcome="article",
    expect_words=(*LATIN_WORDS, "北京"),
)
def wrong_meta_utf8_as_latin1() -> bytes:
    return _page(LATIN + " 北京", "Café", _meta("iso-8859-1")).encode("utf-8")


@kind(
    "wrong_meta_cp1252_as_utf8",
    "wrong-meta-utf8.html",
    "meta says utf-8 but the bytes are windows-1252 (invalid UTF-8)",
    outcome="article",
    expect_words=LATIN_WORDS,
)
def wrong_meta_cp1252_as_utf8() -> bytes:
    return _page(LATIN, "Café", _meta("utf-8")).encode("cp1252")


@kind(
    "unknown_charset",
    "unknown-charset.html",
    "an unknown charset label (x-martian-7) over UTF-8 bytes",
    outcome="article",
    expect_words=LATIN_WORDS,
)
def unknown_charset() -> bytes:
    return _page(LATIN, "Café", _meta("x-martian-7")).encode("utf-8")


@kind(
    "utf16le_bom",
    "utf16le.html",
    "UTF-16LE with a BOM and a meta that (wrongly) says utf-8: the BOM wins",
    outcome="article",
    expect_words=(*LATIN_WORDS, "北京"),
)
def utf16le_bom() -> bytes:
    return b"\xff\xfe" + _page(LATIN + " 北京", "Grüße", _meta("utf-8")).encode("utf-16-le")


@kind(
    "utf16be_bom",
    "utf16be.html",
    "UTF-16BE with a BOM and no meta",
    outcome="article",
    expect_words=JAPANESE_WORDS,
)
def utf16be_bom() -> bytes:
    return b"\xfe\xff" + _page(JAPANESE, "東京", "").encode("utf-16-be")


@kind(
    "utf8_bom_wrong_meta",
    "utf8-bom.html",
    "a UTF-8 BOM with a meta that says windows-1252: the BOM wins",
    outcome="article",
    expect_words=(*LATIN_WORDS, "北京"),
)
def utf8_bom_wrong_meta() -> bytes:
    return b"\xef\xbb\xbf" + _page(LATIN + " 北京", "Café", _meta("windows-1252")).encode()


@kind("gbk", "gbk.html", "Chinese in GBK, declared", outcome="article", expect_words=CHINESE_WORDS)
def gbk() -> bytes:
    return _page(CHINESE, "北京", _meta("gbk")).encode("gbk")


@kind(
    "gb2312_label_gbk_bytes",
    "gb2312.html",
    "labelled gb2312 but holding GBK-only characters (朱镕基), read as GBK as browsers do",
    outcome="article",
    expect_words=CHINESE_WORDS,
)
def gb2312_label_gbk_bytes() -> bytes:
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
    return _page(CHINESE, "北京", meta).encode("gbk")


@kind(
    "shift_jis",
    "sjis.html",
    "Japanese in Shift_JIS, declared",
    outcome="article",
    expect_words=JAPANESE_WORDS,
)
def shift_jis() -> bytes:
    return _page(JAPANESE, "東京", _meta("Shift_JIS")).encode("shift_jis")


@kind(
    "euc_jp_undeclared",
    "eucjp.html",
    "Japanese in EUC-JP with no declaration",
    outcome="article",
    expect_words=JAPANESE_WORDS,
)
def euc_jp_undeclared() -> bytes:
    return _page(JAPANESE, "東京", "").encode("euc_jp")


@kind(
    "koi8r_http_equiv",
    "koi8r.html",
    "Russian in KOI8-R declared by http-equiv",
    outcome="article",
    expect_words=CYRILLIC_WORDS,
)
def koi8r_http_equiv() -> bytes:
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
    return _page(CYRILLIC, "Москва", meta).encode("koi8_r")


@kind(
    "cp1251_text_dump",
    "cp1251.txt",
    "a plain-text dump in windows-1251, undeclared",
    outcome="article",
    expect_words=CYRILLIC_WORDS,
)
def cp1251_text_dump() -> bytes:
    text = "Москва\n\n" + "\n\n".join(f"{CYRILLIC} {CYRILLIC}" for _ in range(5)) + "\n"
    return text.encode("cp1251")


@kind(
    "utf7_label",
    "utf7.html",
    "a utf-7 label (an old XSS trick) is not honoured over plain ASCII/UTF-8 bytes",
    outcome="article",
    expect_words=LATIN_WORDS,
    forbid=("<script>",),
)
def utf7_label() -> bytes:
    return _page(
        LATIN + " +ADw-script+AD4-alert(1)+ADw-/script+AD4-", "Café", _meta("utf-7")
    ).encode("utf-8")


BOMB_MARK = "lol"
BOMB_EXPANDED = "lol" * 10


def _xhtml(doctype_subset: str, body_extra: str) -> bytes:
    paras = "".join(f"<p>{p}</p>" for p in paragraphs(5, 4))
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f"<!DOCTYPE html [\n{doctype_subset}\n]>\n"
        '<html xmlns="http://www.w3.org/1999/xhtml" '
        'xmlns:xi="http://www.w3.org/2001/XInclude"><head><title>XHTML page</title></head>'
        f"<body><article><h1>Entities</h1>{paras}<p>{body_extra}</p></article></body></html>\n"
    ).encode()


@kind(
    "billion_laughs",
    "laughs.xhtml",
    "the billion-laughs entity bomb in an XHTML doctype is never expanded",
    forbid=(BOMB_EXPANDED,),
)
def billion_laughs() -> bytes:
    defs = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    ]
    return _xhtml("\n".join(defs), "&lol9;")


@kind(
    "billion_laughs_html",
    "laughs.html",
    "the same bomb with an .html name and no XML declaration",
    forbid=(BOMB_EXPANDED,),
)
def billion_laughs_html() -> bytes:
    return billion_laughs().split(b"\n", 1)[1]


@kind(
    "quadratic_blowup",
    "quadratic.xhtml",
    "one 100 KB entity referenced 10,000 times (beats depth-based bomb checks)",
    forbid=("QBQBQBQBQBQBQBQBQBQB" * 100,),
)
def quadratic_blowup() -> bytes:
    return _xhtml(f'<!ENTITY q "{"QB" * 50_000}">', "&q;" * 10_000)


SECRET = "SECRET-TOKEN-7f3a9c"


@kind(
    "external_entities",
    "xxe.xhtml",
    "external entities (file:, relative path, http:, parameter entities) and XInclude "
    "are never resolved: no local file contents, no fetch",
    forbid=(SECRET, "root:x:0:0"),
    extra_files={"secret.txt": f"{SECRET}\n".encode()},
)
def external_entities() -> bytes:
    subset = (
        '<!ENTITY passwd SYSTEM "file:///etc/passwd">\n'
        '<!ENTITY secret SYSTEM "secret.txt">\n'
        f'<!ENTITY remote SYSTEM "{REMOTE}/xxe.txt">\n'
        f'<!ENTITY % dtd SYSTEM "{REMOTE}/evil.dtd">\n%dtd;'
    )
    include = '<xi:include href="secret.txt" parse="text"/>'
    return _xhtml(subset, f"&passwd; &secret; &remote; {include}")


@kind(
    "external_dtd",
    "dtd.xhtml",
    "a doctype whose external DTD lives on the network is not fetched",
    forbid=(SECRET,),
    extra_files={"secret.txt": f"{SECRET}\n".encode()},
)
def external_dtd() -> bytes:
    paras = "".join(f"<p>{p}</p>" for p in paragraphs(5, 5))
    return (
        '<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="'
        + REMOTE
        + '/style.xsl"?>\n'
        '<!DOCTYPE html SYSTEM "' + REMOTE + '/xhtml1-strict.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>DTD</title></head>'
        f"<body><article>{paras}</article></body></html>"
    ).encode()
