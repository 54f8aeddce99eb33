"""Pages that are too big, too deep or too wide: the limits are the point."""

from __future__ import annotations

import functools
import gzip
import html
import zlib

from .payloads import REMOTE, article_body, html_page, paragraphs, words
from .registry import kind

MB = 1024 * 1024


@kind(
    "nested_divs_100k",
    "nested-divs.html",
    "100,000 nested <div>s around the article: no recursion error, and the depth limit "
    "flattens the nesting without losing the text",
    heavy=True,
    outcome="article",
)
def nested_divs_100k() -> bytes:
    inner = article_body()
    return html_page("Deep", "<div>" * 100_000 + inner + "</div>" * 100_000).encode()


@kind(
    "nested_mixed_100k",
    "nested-mixed.html",
    "100,000 nested lists, quotes, tables and inline tags (recursive Markdown conversion)",
    heavy=True,
    outcome="article",
)
def nested_mixed_100k() -> bytes:
    openers = [
        "<ul><li>",
        "<blockquote>",
        "<table><tr><td>",
        "<b>",
        "<i>",
        "<ol><li>",
        "<a href='#x'>",
        "<span>",
        "<pre>",
        "<h2>",
    ]
    closers = [
        "</li></ul>",
        "</blockquote>",
        "</td></tr></table>",
        "</b>",
        "</i>",
        "</li></ol>",
        "</a>",
        "</span>",
        "</pre>",
        "</h2>",
    ]
    depth = 100_000
    head = "".join(openers[i % 10] + f"level {i} " for i in range(depth))
    tail = "".join(closers[i % 10] for i in reversed(range(depth)))
    return html_page("Deep mix", article_body() + head + tail).encode()


@kind(
    "unclosed_100k",
    "unclosed.html",
    "100,000 elements opened and never closed (the parser must not build a 100k-deep tree "
    "it then recurses over)",
    heavy=True,
    outcome="article",
)
def unclosed_100k() -> bytes:
    return html_page("Unclosed", article_body() + "<div><p><span><em>x" * 25_000).encode()


@kind(
    "nodes_500k",
    "wide.html",
    "500,000 sibling elements: past the node limit, truncated or refused, never slow",
    heavy=True,
    outcome="article",
)
def nodes_500k() -> bytes:
    return html_page("Wide", article_body() + "<p>tide</p>" * 500_000).encode()


@kind(
    "huge_page_30mb",
    "huge.html",
    "a 30 MB page of real paragraphs finishes within the time and memory limits",
    heavy=True,
    outcome="article",
)
def huge_page_30mb() -> bytes:
    block = "".join(
        f"<h2>Part {i}</h2>\n" + "".join(f"<p>{p}</p>\n" for p in paragraphs(10, i))
        for i in range(40)
    )
    count = 30 * MB // len(block) + 1
    body = "<article><h1>A very long page</h1>\n" + block * count + "</article>"
    return html_page("Huge page", body).encode()


@kind(
    "single_line_text_10mb",
    "one-line.txt",
    "a 10 MB plain-text dump on one line (no newline at all)",
    heavy=True,
    outcome="article",
)
def single_line_text_10mb() -> bytes:
    return words(1_500_000).encode()[: 10 * MB]


@kind(
    "single_word_html_5mb",
    "long-word.html",
    "a 5 MB word with no break opportunity inside a paragraph (wrapping must not hang)",
    heavy=True,
    outcome="article",
)
def single_word_html_5mb() -> bytes:
    return html_page("Long word", article_body(extra="<p>" + "x" * (5 * MB) + "</p>")).encode()


@kind(
    "text_dump_million_lines",
    "lines.txt",
    "a text dump of a million short list lines (structure recovery stays linear)",
    heavy=True,
    outcome="article",
)
def text_dump_million_lines() -> bytes:
    header = "Tide tables\n\n" + "\n\n".join(paragraphs(3)) + "\n\nRelated\n"
    return (header + "- harbour tide entry\n" * 1_000_000).encode()


@kind(
    "huge_title_5mb",
    "huge-title.html",
    "a 5 MB <title> and og:title (header line, window title, JSON field)",
    heavy=True,
    outcome="article",
)
def huge_title_5mb() -> bytes:
    title = "Tide " * (MB)
    head = f'<meta property="og:title" content="{title}">'
    return html_page(title, article_body(), head=head).encode()


@kind(
    "huge_attribute_20mb",
    "huge-attr.html",
    "a 20 MB attribute value (inline data URI) on an image inside the article",
    heavy=True,
    outcome="article",
)
def huge_attribute_20mb() -> bytes:
    uri = "data:image/png;base64," + "A" * (20 * MB)
    return html_page("Huge attribute", article_body(extra=f'<img src="{uri}" alt="big">')).encode()


def _links(count: int, prefix: str) -> str:
    return "".join(
        f'<li><a href="{REMOTE}/{prefix}/{i}?utm_source=x">Link number {i} about the tide</a></li>'
        for i in range(count)
    )


@kind(
    "links_10k",
    "links-10k.html",
    "an article followed by a 10,000-link list (link groups, numbering, hints stay fast)",
    outcome="article",
)
def links_10k() -> bytes:
    body = article_body() + "<h2>Related</h2><ul>" + _links(10_000, "r") + "</ul>"
    return html_page("Many links", body).encode()


@kind(
    "links_in_text_30k",
    "links-30k.html",
    "30,000 inline links inside paragraphs, past the default link limit",
    heavy=True,
    outcome="article",
)
def links_in_text_30k() -> bytes:
    paras = "".join(
        "<p>"
        + " ".join(f'<a href="{REMOTE}/p/{i}/{j}">tide {j}</a> and' for j in range(100))
        + "</p>"
        for i in range(300)
    )
    return html_page("Links everywhere", article_body(extra=paras)).encode()


def _gzip_stream(prefix: bytes, filler: bytes, total: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [packer.compress(prefix)]
    for _ in range(total // len(filler)):
        parts.append(packer.compress(filler))
    parts.append(packer.flush())
    return b"".join(parts)


@kind(
    "gzip_bomb",
    "bomb.html.gz",
    "1 MB of gzip that inflates to 1 GiB: the decompressed-size cap stops it early",
    heavy=True,
)
@functools.cache
def gzip_bomb() -> bytes:
    prefix = html_page("Bomb", article_body()).encode().replace(b"</body></html>\n", b"<p>")
    return _gzip_stream(prefix, b" " * MB, 1024 * MB)


@kind(
    "gzip_in_gzip_bomb",
    "double.html.gz",
    "a gzip bomb inside a gzip file: never inflated recursively past the cap",
    heavy=True,
)
def gzip_in_gzip_bomb() -> bytes:
    return gzip.compress(gzip_bomb(), 9)


@kind(
    "gzip_truncated",
    "cut.html.gz",
    "a gzip stream cut in the middle (no trailer, no CRC)",
)
def gzip_truncated() -> bytes:
    data = gzip.compress(html_page("Cut gzip", article_body(count=40)).encode())
    return data[: len(data) // 2]


@kind(
    "gzip_corrupt_crc",
    "badcrc.html.gz",
    "a complete gzip stream with a wrong CRC and length trailer",
)
def gzip_corrupt_crc() -> bytes:
    data = gzip.compress(html_page("Bad CRC", article_body()).encode())
    return data[:-8] + b"\xde\xad\xbe\xef\xff\xff\xff\x7f"


@kind(
    "gzip_not_gzip",
    "fake.md.gz",
    "a .gz name over plain text: recognised by content or refused, never a traceback",
)
def gzip_not_gzip() -> bytes:
    return ("# Not compressed\n\n" + "\n\n".join(paragraphs(3))).encode()


@kind(
    "gzip_members",
    "members.txt.gz",
    "a gzip file of several concatenated members (as `cat a.gz b.gz` makes)",
)
def gzip_members() -> bytes:
    first, second = paragraphs(2, seed=9)
    return gzip.compress(f"Part one\n\n{first}\n\n".encode()) + gzip.compress(
        f"Part two\n\n{second}\n".encode()
    )


@kind(
    "markdown_deep_nesting",
    "deep.md",
    "Markdown with 50,000 nested block quotes and list levels (parser recursion)",
    heavy=True,
    outcome="article",
)
def markdown_deep_nesting() -> bytes:
    quotes = ">" * 50_000 + " deep quote\n\n"
    lists = "".join("  " * i + "- level\n" for i in range(5_000))
    emphasis = "*" * 20_000 + "x" + "*" * 20_000 + "\n\n"
    links = "[" * 20_000 + "x" + "](u)" * 20_000 + "\n\n"
    text = "# Deep\n\n" + "\n\n".join(paragraphs(3)) + "\n\n"
    return (text + quotes + lists + "\n" + emphasis + links).encode()


@kind(
    "zalgo_combining",
    "zalgo.html",
    "thousands of combining marks on one letter and wide/RTL text keep the layout sane",
    payload=True,
    outcome="article",
)
def zalgo_combining() -> bytes:
    zalgo = "Z" + "\u0336\u0337\u0338\u0489" * 2000 + "algo"
    mixed = "日本語のテキスト مرحبا بالعالم עברית 🚀👩‍👩‍👧‍👦 " * 20
    extra = f"<p>{html.escape(zalgo)}</p><p>{html.escape(mixed)}</p>"
    return html_page("Zalgo " + zalgo[:400], article_body(extra=extra)).encode()
