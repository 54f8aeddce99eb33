"""Hypothesis strategies for hostile input: bytes, HTML, text dumps, Markdown and MHTML
built from pieces that have broken readers before (controls, markup, entities, deep
nesting, odd encodings)."""

from __future__ import annotations

import base64
import gzip
import quopri

from hypothesis import strategies as st

from .payloads import ESCAPE_REFS, ESCAPES, MARKUP, SENTENCES

SUFFIXES = (
    ".html",
    ".htm",
    ".xhtml",
    ".txt",
    ".md",
    ".mhtml",
    ".mht",
    ".html.gz",
    ".txt.gz",
    "",
    ".bin",
)
ENCODINGS = (
    "utf-8",
    "utf-16",
    "utf-16-be",
    "cp1252",
    "latin-1",
    "gbk",
    "shift_jis",
    "euc_jp",
    "koi8_r",
    "cp1251",
    "utf-8-sig",
)
CHARSET_LABELS = (
    "utf-8",
    "UTF-8",
    "utf8",
    "iso-8859-1",
    "windows-1252",
    "gbk",
    "gb2312",
    "shift_jis",
    "euc-jp",
    "koi8-r",
    "utf-16",
    "utf-7",
    "x-unknown",
    "",
    "'\"><",
)
TAGS = (
    "div",
    "p",
    "span",
    "a",
    "b",
    "i",
    "em",
    "strong",
    "ul",
    "ol",
    "li",
    "table",
    "tr",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h6",
    "pre",
    "code",
    "blockquote",
    "article",
    "section",
    "nav",
    "header",
    "footer",
    "aside",
    "main",
    "figure",
    "figcaption",
    "img",
    "br",
    "hr",
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "svg",
    "math",
    "select",
    "form",
    "frameset",
    "frame",
    "title",
    "meta",
    "link",
    "base",
    "textarea",
    "xmp",
    "plaintext",
    "dl",
    "dt",
    "dd",
    "sup",
    "sub",
    "q",
    "cite",
    "time",
    "picture",
    "source",
    "video",
)
CLASSES = (
    "related",
    "more-stories",
    "share",
    "breadcrumb",
    "cookie-banner",
    "newsletter",
    "rating",
    "byline",
    "author",
    "date",
    "content",
    "article-body",
    "sidebar",
    "ad",
    "comment",
    "hidden",
    "menu",
    "footer",
    "post",
    "entry-content",
)
HREFS = (
    "https://x.example/a",
    "/relative/path",
    "#frag",
    "javascript:alert(1)",
    "data:text/html,<b>x</b>",
    "file:///etc/passwd",
    "mailto:a@b",
    "",
    " ",
    "http://",
    "https://x.example/?utm_source=a&fbclid=b",
    "//remote.example/x",
    "\x1b]0;T\x07",
    "https://x.example/" + "a" * 3000,
    "[@click=app.quit]",
    "https://[::1",
    "http://%zz",
)
SPECIALS = (
    *ESCAPES.values(),
    *MARKUP,
    ESCAPE_REFS,
    "&amp;",
    "&lt;",
    "&#0;",
    "&#xD800;",
    "&nbsp;",
    "\ufffe\uffff\U0010ffff\ufdd0",
    "&bogus;",
    "&#x110000;",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "\r\n",
    "\u2028",
    "\ufeff",
    "\u200b",
    "\u0301" * 30,
    "\U0001f680",
    "Related",
    "Ranking",
    "Recommendation",
    "Read next",
    "veryGood! (945)",
    "View",
    "Current:Home",
    "Date:2025-04-13 22:32:16",
    "<",
    ">",
    '"',
    "'",
    "`",
    "|",
    "*",
    "_",
    "#",
    "- ",
)

hostile_text = st.one_of(
    st.text(max_size=80),
    st.sampled_from(SPECIALS),
    st.sampled_from(SENTENCES),
    st.text(alphabet=st.characters(max_codepoint=0x9F), max_size=40),
)
words_and_specials = st.lists(hostile_text, max_size=8).map(" ".join)


@st.composite
def attributes(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        name = draw(
            st.sampled_from(
                (
                    "href",
                    "src",
                    "class",
                    "id",
                    "alt",
                    "title",
                    "srcset",
                    "style",
                    "lang",
                    "dir",
                    "content",
                    "property",
                    "name",
                    "rel",
                    "colspan",
                    "start",
                    "data-x",
                    "<",
                    '"',
                )
            )
        )
        if name in ("href", "src"):
            value = draw(st.sampled_from(HREFS))
        elif name in ("class", "id"):
            value = draw(st.sampled_from(CLASSES))
        else:
            value = draw(words_and_specials)
        quote = draw(st.sampled_from(('"', "'", "")))
        parts.append(f" {name}={quote}{value}{quote}")
    return "".join(parts)


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    @st.composite
    def build(draw: st.DrawFn) -> str:
        tag = draw(st.sampled_from(TAGS))
        inner = "".join(draw(st.lists(children, max_size=5)))
        close = draw(st.sampled_from((f"</{tag}>", f"</{tag}>", "", "</div>", f"</{tag}")))
        return f"<{tag}{draw(attributes())}>{inner}{close}"

    return build()


html_fragment = st.recursive(words_and_specials, _element, max_leaves=40)


@st.composite
def html_documents(draw: st.DrawFn) -> bytes:
    """A page-shaped document: doctype, head with metadata, a body of random elements
    around real sentences, in a (possibly mislabelled) encoding."""
    label = draw(st.sampled_from(CHARSET_LABELS))
    head = f'<meta charset="{label}">' if draw(st.booleans()) else ""
    head += "".join(
        f'<meta property="{p}" content="{draw(words_and_specials)}">'
        for p in draw(
            st.lists(
                st.sampled_from(
                    ("og:title", "og:site_name", "author", "keywords", "article:published_time")
                ),
                max_size=3,
            )
        )
    )
    title = draw(words_and_specials)
    body = "".join(
        draw(
            st.lists(
                st.one_of(html_fragment, st.sampled_from(SENTENCES).map(lambda s: f"<p>{s}</p>")),
                max_size=12,
            )
        )
    )
    doctype = draw(
        st.sampled_from(
            (
                "<!DOCTYPE html>",
                "",
                '<?xml version="1.0"?>',
                '<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b '
                '"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
            )
        )
    )
    depth = draw(st.integers(0, 3)) * draw(st.sampled_from((1, 50, 2000)))
    page = (
        f"{doctype}<html><head>{head}<title>{title}</title></head><body>"
        + "<div>" * depth
        + body
        + "</div>" * draw(st.integers(0, depth))
        + "</body></html>"
    )
    return page.encode(draw(st.sampled_from(ENCODINGS)), "replace")


@st.composite
def text_dumps(draw: st.DrawFn) -> bytes:
    lines = draw(
        st.lists(
            st.one_of(
                st.sampled_from(SENTENCES),
                words_and_specials,
                words_and_specials.map(lambda s: f"- {s}"),
                st.sampled_from(
                    (
                        "",
                        "",
                        "Related",
                        "Ranking",
                        "Recommendation",
                        "Current:Home > News",
                        "Date:2025-04-13 22:32:16",
                        "View",
                        "veryGood! (945)",
                        "---",
                    )
                ),
            ),
            max_size=40,
        )
    )
    return "\n".join(lines).encode(draw(st.sampled_from(ENCODINGS)), "replace")


@st.composite
def markdown_documents(draw: st.DrawFn) -> bytes:
    pieces = draw(
        st.lists(
            st.one_of(
                st.sampled_from(SENTENCES),
                words_and_specials.map(lambda s: f"# {s}"),
                words_and_specials.map(lambda s: f"> {s}"),
                words_and_specials.map(lambda s: f"- {s}"),
                words_and_specials.map(lambda s: f"```\n{s}\n```"),
                st.tuples(words_and_specials, st.sampled_from(HREFS)).map(
                    lambda t: f"[{t[0]}]({t[1]})"
                ),
                st.integers(1, 400).map(lambda n: ">" * n + " deep"),
                st.integers(1, 400).map(lambda n: "".join("  " * i + "- x\n" for i in range(n))),
                st.just("| a | b |\n|---|---|\n| 1 | 2 |"),
                html_fragment,
            ),
            max_size=20,
        )
    )
    return "\n\n".join(pieces).encode()


@st.composite
def mhtml_archives(draw: st.DrawFn) -> bytes:
    boundary = draw(st.sampled_from(("b", "----=_Part_0", "", 'a"b', "x" * 100)))
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        ctype = draw(
            st.sampled_from(
                (
                    "text/html",
                    "text/plain",
                    "image/png",
                    "text/css",
                    "multipart/alternative",
                    "application/octet-stream",
                    "",
                )
            )
        )
        encoding = draw(st.sampled_from(("quoted-printable", "base64", "7bit", "8bit", "bogus")))
        payload = draw(st.one_of(html_documents(), st.binary(max_size=300)))
        if encoding == "base64" and draw(st.booleans()):
            payload = base64.encodebytes(payload)
        elif encoding == "quoted-printable" and draw(st.booleans()):
            payload = quopri.encodestring(payload)
        charset = draw(st.sampled_from(CHARSET_LABELS))
        parts.append(
            f"--{boundary}\r\nContent-Type: {ctype}; charset={charset}\r\n"
            f"Content-Transfer-Encoding: {encoding}\r\n"
            f"Content-Location: {draw(st.sampled_from(HREFS))}\r\n\r\n".encode()
            + payload
            + b"\r\n"
        )
    close = f"--{boundary}--\r\n".encode() if draw(st.booleans()) else b""
    header = (
        f"MIME-Version: 1.0\r\nSubject: {draw(words_and_specials)}\r\n"
        f'Content-Type: multipart/related; type="text/html"; boundary="{boundary}"'
        "\r\n\r\n"
    ).encode("utf-8", "replace")
    return header + b"".join(parts) + close


@st.composite
def mutated(draw: st.DrawFn, base: st.SearchStrategy[bytes]) -> bytes:
    """A document with random bytes overwritten, inserted, or the tail cut off."""
    data = bytearray(draw(base))
    for _ in range(draw(st.integers(0, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(("set", "insert", "cut")))
        if action == "set":
            data[at] = draw(st.integers(0, 255))
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        else:
            del data[at:]
    return bytes(data)


@st.composite
def saved_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """(suffix, content) for a file on disk: any kind of document under any name,
    sometimes gzipped."""
    content = draw(
        st.one_of(
            st.binary(max_size=2048),
            html_documents(),
            text_dumps(),
            markdown_documents(),
            mhtml_archives(),
            mutated(html_documents()),
            mutated(mhtml_archives()),
        )
    )
    suffix = draw(st.sampled_from(SUFFIXES))
    if suffix.endswith(".gz") and draw(st.integers(0, 3)):
        content = gzip.compress(content)
    return suffix, content
