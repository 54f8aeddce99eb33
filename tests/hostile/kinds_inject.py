"""Pages that attack the terminal, the markup engine, the network and the file system."""

from __future__ import annotations

import html

from .payloads import (
    ALL_ESCAPES,
    ALL_MARKUP,
    ESCAPE_REFS,
    QUIT_MARKUP,
    REMOTE,
    article_body,
    html_page,
    paragraphs,
)
from .registry import kind


def _raw(text: str) -> str:
    """Escape only what HTML needs, keeping control characters as raw bytes."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


@kind(
    "escapes_in_text",
    "escapes-text.html",
    "CSI clear screen, OSC 0/2 title, OSC 52 clipboard, OSC 8 link, DCS, APC, C1 CSI/OSC, "
    "BEL, BS, CR, DEL and bidi overrides as raw bytes in paragraphs, headings, lists, "
    "code, tables and alt text",
    outcome="article",
    payload=True,
)
def escapes_in_text() -> bytes:
    esc = _raw(ALL_ESCAPES)
    extra = (
        f"<p>Start {esc} end.</p><h2>Heading {esc}</h2><ul><li>Item {esc}</li></ul>"
        f"<pre><code>code {esc}</code></pre><blockquote>{esc}</blockquote>"
        f"<table><tr><th>{esc}</th></tr><tr><td>{esc}</td></tr></table>"
        f'<figure><img src="pic.png" alt="{esc}"><figcaption>{esc}</figcaption></figure>'
    )
    return html_page("Escapes in the text", article_body(extra=extra)).encode()


@kind(
    "escape_char_refs",
    "escape-refs.html",
    "the same controls written as character references (&#27; &#x9b; &#155; …), which "
    "only appear after parsing",
    outcome="article",
    payload=True,
)
def escape_char_refs() -> bytes:
    extra = f"<p>References {ESCAPE_REFS} end.</p><h2>Refs {ESCAPE_REFS}</h2>"
    head = f'<meta property="og:title" content="OG {ESCAPE_REFS}">'
    return html_page(
        f"Ref title {ESCAPE_REFS}", article_body(extra=extra), head=head, escape_title=False
    ).encode()


@kind(
    "escape_refs_after_removed",
    "escape-refs-tail.html",
    "control-character references in the text right after elements the cleaner removes "
    "(script, style, iframe, form): lxml refuses such text when the element is dropped",
    outcome="article",
    payload=True,
)
def escape_refs_after_removed() -> bytes:
    removed = "".join(
        f"<div><{tag}></{tag}>{ESCAPE_REFS} after {tag}.</div>"
        for tag in ("script", "style", "iframe", "form", "noscript", "object")
    )
    return html_page("Removed elements", article_body(extra=removed)).encode()


@kind(
    "escapes_in_metadata",
    "escapes-meta.html",
    "escape sequences in <title>, og:title, og:site_name, author, keywords, description, "
    "JSON-LD headline and dates (header line, window title, JSON)",
    outcome="article",
    payload=True,
)
def escapes_in_metadata() -> bytes:
    esc = _raw(ALL_ESCAPES)
    jsonld = (
        '{"@type": "NewsArticle", "headline": "JSON-LD \\u001b]0;LD-TITLE\\u0007", '
        '"datePublished": "2024-01-02\\u001b[2J", "author": {"name": "Au\\u009bthor"}, '
        '"keywords": ["tag\\u001b]52;c;eA==\\u0007"]}'
    )
    head = (
        f'<meta property="og:title" content="OG {esc}">'
        f'<meta property="og:site_name" content="Site {esc}">'
        f'<meta name="author" content="Author {esc}">'
        f'<meta name="keywords" content="one{esc}, two">'
        f'<meta name="description" content="Desc {esc}">'
        f'<meta property="article:published_time" content="2024-01-02{esc}">'
        f'<link rel="canonical" href="https://site.example/a{esc}">'
        f'<script type="application/ld+json">{jsonld}</script>'
    )
    body = article_body(f"Heading {esc}", extra=f'<p class="byline">By {esc}</p>')
    return html_page(f"Title {ALL_ESCAPES}", body, head=head, escape_title=False).encode()


@kind(
    "escapes_in_urls",
    "escapes-urls.html",
    "escape sequences inside hrefs, image sources, link text and a Related link group",
    outcome="article",
    payload=True,
)
def escapes_in_urls() -> bytes:
    esc = _raw(ALL_ESCAPES)
    links = "".join(
        f'<li><a href="https://x.example/{i}{esc}">Related {i} {esc}</a></li>' for i in range(6)
    )
    extra = (
        f'<p>See <a href="https://x.example/in-text{esc}">this link {esc}</a> and '
        f'<img src="https://x.example/img{esc}.png" alt="pic"> too.</p>'
    )
    body = article_body(extra=extra) + f"<h2>Related</h2><ul>{links}</ul>"
    return html_page("Escapes in URLs", body).encode()


@kind(
    "escapes_in_text_dump",
    "escapes.txt",
    "escape sequences in a plain-text dump (title line, date line, paragraphs, lists)",
    outcome="article",
    payload=True,
)
def escapes_in_text_dump() -> bytes:
    paras = "\n\n".join(f"{p} {ALL_ESCAPES}" for p in paragraphs(5))
    lists = "\n".join(f"- Item {i} {ALL_ESCAPES}" for i in range(5))
    return (
        f"Dump title {ALL_ESCAPES}\nDate:2024-01-02 10:00:00{ALL_ESCAPES}\n\n"
        f"{paras}\n\nRelated\n{lists}\n"
    ).encode()


@kind(
    "escapes_in_markdown",
    "escapes.md",
    "escape sequences in Markdown headings, text, link text, link targets and code",
    outcome="article",
    payload=True,
)
def escapes_in_markdown() -> bytes:
    paras = "\n\n".join(f"{p} {ALL_ESCAPES}" for p in paragraphs(5))
    return (
        f"# Heading {ALL_ESCAPES}\n\n{paras}\n\n"
        f"[link {ALL_ESCAPES}](https://x.example/{ALL_ESCAPES})\n\n"
        f"```\ncode {ALL_ESCAPES}\n```\n"
    ).encode()


@kind(
    "markup_injection",
    "markup.html",
    "Rich/Textual markup ([@click=app.quit], [bold], [/], [link=…], :emoji:, $vars) in "
    "title, headings, text and links is shown literally and never acts",
    outcome="article",
    literal=(QUIT_MARKUP,),
    payload=True,
)
def markup_injection() -> bytes:
    markup = html.escape(ALL_MARKUP)
    links = "".join(f'<li><a href="https://x.example/{i}">{markup}</a></li>' for i in range(3))
    extra = (
        f"<p>{markup}</p><h2>{markup}</h2><ul><li>{markup}</li></ul>"
        f"<pre><code>{markup}</code></pre>"
    )
    body = (
        f"<article><h1>{html.escape(QUIT_MARKUP)} Click the heading</h1>"
        f"<p>{html.escape(QUIT_MARKUP)}Press here to read on.[/] "
        + "</p><p>".join(paragraphs(5))
        + f"</p>{extra}</article>"
        f"<h2>Related</h2><ul>{links}</ul>"
    )
    head = f'<meta property="og:site_name" content="{markup}">'
    return html_page(f"{QUIT_MARKUP} {ALL_MARKUP}", body, head=head).encode()


@kind(
    "markup_injection_text",
    "markup.txt",
    "markup injection in a plain-text dump",
    outcome="article",
    literal=(QUIT_MARKUP,),
    payload=True,
)
def markup_injection_text() -> bytes:
    paras = "\n\n".join(f"{QUIT_MARKUP}Click here[/] {p} {ALL_MARKUP}" for p in paragraphs(5))
    return f"{QUIT_MARKUP} Dump title {ALL_MARKUP}\n\n{paras}\n".encode()


BAD_HREFS = (
    "javascript:alert(document.cookie)",
    "JaVaScRiPt:alert(1)",
    " java\tscript:alert(2)",
    "&#106;avascript:alert(3)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "file:///etc/passwd",
    "file://remote.example/share/x",
    "\\\\remote.example\\share\\x",
    "about:blank",
    "chrome://settings",
    "mailto:someone@remote.example?subject=[@click=app.quit]",
    "https://x.example/(a)[b]<c>{d}`e`*f*_g_",
    "https://x.example/" + "a" * 1_000_000,
    "https://user:pass@x.example/\u202eexe.txt",
    "http://[::1]:8080/",
    "http://2130706433/",
    "#",
    "",
)


@kind(
    "hostile_links",
    "links.html",
    "javascript:, data:, file:, vbscript:, UNC and 1 MB URLs in text and in a Related "
    "list: never opened without asking, never fetched, shown safely",
    outcome="article",
    payload=True,
)
def hostile_links() -> bytes:
    items = "".join(
        f'<li><a href="{html.escape(h, quote=True)}">Link {i}: {html.escape(h[:60])}</a></li>'
        for i, h in enumerate(BAD_HREFS)
    )
    inline = " ".join(
        f'<a href="{html.escape(h, quote=True)}">inline {i}</a>' for i, h in enumerate(BAD_HREFS)
    )
    body = article_body(extra=f"<p>Links in the text: {inline}.</p>")
    return html_page("Hostile links", body + f"<h2>Related</h2><ul>{items}</ul>").encode()


def remote_references_html() -> str:
    r = REMOTE
    head = (
        f'<base href="{r}/base/">'
        f'<link rel="stylesheet" href="{r}/style.css">'
        f'<link rel="preload" href="{r}/font.woff2" as="font" crossorigin>'
        f'<link rel="prefetch" href="{r}/next.html"><link rel="prerender" href="{r}/pre.html">'
        f'<link rel="dns-prefetch" href="//dns.remote.example">'
        f'<link rel="preconnect" href="{r}"><link rel="icon" href="{r}/favicon.ico">'
        f'<link rel="manifest" href="{r}/manifest.json">'
        f'<link rel="alternate" type="application/rss+xml" href="{r}/feed.xml">'
        f'<link rel="import" href="{r}/component.html">'
        f'<meta http-equiv="refresh" content="0; url={r}/refresh">'
        f'<meta property="og:image" content="{r}/og.png">'
        f'<script src="{r}/tracker.js"></script><script type="module" src="{r}/m.js"></script>'
        f"<style>@import url({r}/imported.css); @font-face {{ font-family: X; "
        f"src: url({r}/x.woff2) format('woff2'); }} body {{ background: url({r}/bg.png); }}"
        "</style>"
    )
    extra = (
        f'<p><img src="{r}/a.png" srcset="{r}/a-2x.png 2x, {r}/a-600.png 600w" '
        f'alt="Remote image" loading="lazy"></p>'
        f'<picture><source srcset="{r}/p.webp" type="image/webp"><img src="{r}/p.jpg" alt="p">'
        f'</picture><iframe src="{r}/embed"></iframe><object data="{r}/o.swf"></object>'
        f'<embed src="{r}/e.swf"><video src="{r}/v.mp4" poster="{r}/poster.jpg">'
        f'<track src="{r}/subs.vtt"></video><audio src="{r}/a.mp3"></audio>'
        f'<svg><image href="{r}/svg.png"/><use xlink:href="{r}/sprite.svg#i"/></svg>'
        f'<p style="background-image: url({r}/inline.png)">Styled paragraph.</p>'
        f'<table background="{r}/tbg.png"><tr><td>cell</td></tr></table>'
        f'<form action="{r}/submit"><input type="image" src="{r}/btn.png"></form>'
        f'<p><a href="{r}/read-more" ping="{r}/ping">Read more</a></p>'
    )
    return html_page("Remote references", article_body(extra=extra), head=head)


@kind(
    "remote_references",
    "remote.html",
    "images, srcset, scripts, stylesheets, preload/prefetch, @font-face, @import, "
    "iframes, meta refresh, base href, og:image, ping: opening it connects to nothing",
    outcome="article",
    payload=True,
)
def remote_references() -> bytes:
    return remote_references_html().encode()


@kind(
    "remote_references_md",
    "remote.md",
    "Markdown with remote images, autolinks and raw HTML referencing the network",
    outcome="article",
)
def remote_references_md() -> bytes:
    paras = "\n\n".join(paragraphs(5))
    return (
        f"# Remote\n\n{paras}\n\n![img]({REMOTE}/md.png)\n\n<{REMOTE}/auto>\n\n"
        f'<img src="{REMOTE}/raw.png"><iframe src="{REMOTE}/f"></iframe>\n'
    ).encode()


@kind(
    "complete_save",
    "complete save.html",
    "a browser 'complete' save: the _files folder holds hostile assets that are never read "
    "into the article",
    outcome="article",
    extra_files={
        "complete save_files/style.css": b"body{background:url(http://x/)}",
        "complete save_files/evil.html": b"<p>\x1b]0;FRAME\x07</p>",
        "complete save_files/a.png": b"\x89PNG\r\n\x1a\n",
    },
    payload=True,
)
def complete_save() -> bytes:
    extra = (
        '<p><img src="complete%20save_files/a.png" alt="local"></p>'
        '<iframe src="complete%20save_files/evil.html"></iframe>'
    )
    head = '<link rel="stylesheet" href="complete%20save_files/style.css">'
    return html_page("Complete save", article_body(extra=extra), head=head).encode()


def _untitled_page() -> bytes:
    """A page with no title at all, so a reader may fall back on the file name."""
    body = "<article>" + "".join(f"<p>{p}</p>" for p in paragraphs(5, 8)) + "</article>"
    return html_page(None, body).encode()


_ODD_NAMES = {
    "name_with_spaces": ("  spaces in name .html", "leading, inner and trailing spaces"),
    "name_unicode": ("ünïcødé 日本語 مرحبا 🚀.html", "non-ASCII, wide, RTL and emoji characters"),
    "name_leading_dash": ("-leading-dash --format=json.html", "looks like a command-line option"),
    "name_newline": ("line\nbreak\r.html", "newline and carriage return in the name"),
    "name_escapes": (
        "esc\x1b[2J\x1b]0;FILE-TITLE\x07\x9b31m.html",
        "CSI, OSC title and C1 inside the file name",
    ),
    "name_markup": ("[@click=app.quit] [bold]x[reverse].html", "Textual markup in the file name"),
    "name_not_utf8": ("latin1-caf\udce9-\udcff.html", "bytes that are not UTF-8 in the name"),
    "name_long": ("L" * 250 + ".html", "a 255-byte file name"),
}

for _name, (_filename, _what) in _ODD_NAMES.items():
    kind(
        _name,
        _filename,
        f"odd file name: {_what}; shown safely in errors, titles and the library",
        outcome="article",
        payload=_name in ("name_newline", "name_escapes", "name_markup", "name_not_utf8"),
    )(_untitled_page)
