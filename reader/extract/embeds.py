"""Embedded posts (X/Twitter, Instagram, Mastodon, Bluesky, Facebook, Threads, TikTok)
kept as quotes with their author and link.

A page embeds a post as a ``<blockquote>`` marked for the platform's script (which
never runs here) or as an ``<iframe>`` (which is dropped with the other embedded
documents). Both carry a story's quoted words, yet readability scores "tweet" and
"twitter" classes as page furniture and iframes hold no text of their own. Before
anything else sees the tree, each embed is rewritten as a plain quote:

    <blockquote data-reader-embed="x"><p>the post's words</p>
    <p>— Port Wren Council (@portwren) · <a href="…/status/1">post on X</a></p></blockquote>

Only the page's own text and addresses are used; nothing is fetched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import lxml.html

EMBED_ATTR = "data-reader-embed"
"""Marks a quote that was an embedded post (its value names the platform)."""


@dataclass(frozen=True, slots=True)
class Platform:
    key: str
    name: str
    classes: tuple[str, ...]
    """Class names of the embed's ``<blockquote>`` (or ``<div>``)."""
    hosts: tuple[str, ...]
    """Hosts of its post links and iframes (a subdomain matches too)."""


PLATFORMS: tuple[Platform, ...] = (
    Platform("x", "X", ("twitter-tweet", "twitter-video"), ("twitter.com", "x.com")),
    Platform("instagram", "Instagram", ("instagram-media",), ("instagram.com",)),
    Platform("mastodon", "Mastodon", ("mastodon-embed",), ()),
    Platform("bluesky", "Bluesky", ("bluesky-embed",), ("bsky.app",)),
    Platform(
        "facebook", "Facebook", ("fb-post", "fb-xfbml-parse-ignore", "fb-video"), ("facebook.com",)
    ),
    Platform("threads", "Threads", ("text-post-media",), ("threads.net", "threads.com")),
    Platform("tiktok", "TikTok", ("tiktok-embed",), ("tiktok.com",)),
)
_BY_CLASS = {name: platform for platform in PLATFORMS for name in platform.classes}
_MASTODON_PATH = re.compile(r"^/@[\w.-]+(?:@[\w.-]+)?/\d+(?:/embed)?/?$")
_AUTHOR = re.compile(r"[—–]\s*(?P<who>[^—–\n]{1,100}?\(@[\w.@-]{1,80}\))")
_SHARED_BY = re.compile(
    r"(?:a\s+post\s+shared\s+by|ein\s+beitrag\s+geteilt\s+von|posted\s+by|post\s+by"
    r"|une\s+publication\s+partag[ée]e\s+par|un\s+post\s+condiviso\s+da"
    r"|una\s+publicaci[óo]n\s+compartida\s+de)\s+(?P<who>[^\n]{1,100})",
    re.IGNORECASE,
)
_CHROME = re.compile(
    r"^(?:view\s+this\s+post\s+on\s+\w+|dieses?\s+\w+\s+auf\s+\w+\s+ansehen"
    r"|voir\s+cette\s+publication\s+sur\s+\w+|view\s+on\s+\w+|watch\s+on\s+\w+"
    r"|see\s+more\s+on\s+\w+|load\s+more|♬.*)$",
    re.IGNORECASE,
)
_POST_PATH = re.compile(r"/(?:status|p|post|posts|video|reel)/")
_MAX_TEXT = 2000
"""Characters of a post's text kept (a post is short; a page abusing the markup is not)."""


def normalize_embeds(root: lxml.html.HtmlElement) -> int:
    """Rewrite every embedded post under ``root`` as a plain quote; return how many.
    Must run before iframes are dropped."""
    found: list[tuple[lxml.html.HtmlElement, Platform]] = []
    taken: set[lxml.html.HtmlElement] = set()
    for element in root.iter("blockquote", "div", "iframe"):
        platform = _platform_of(element)
        # An embed inside another (Facebook's quote in its div) is part of it.
        if platform is not None and not any(a in taken for a in element.iterancestors()):
            found.append((element, platform))
            taken.add(element)
    for element, platform in found:
        quote = _quote(element, platform)
        parent = element.getparent()
        if parent is None:
            continue
        if quote is None:
            continue  # nothing to say about it: left as it was
        quote.tail = element.tail
        parent.replace(element, quote)
    return len(found)


def _platform_of(element: lxml.html.HtmlElement) -> Platform | None:
    if element.tag == "iframe":
        return _platform_of_url(element.get("src") or "")
    for name in (element.get("class") or "").split():
        platform = _BY_CLASS.get(name)
        if platform is not None and (element.tag == "blockquote" or name.startswith("fb-")):
            return platform
    return None


def _platform_of_url(url: str) -> Platform | None:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").removeprefix("www.")
    for platform in PLATFORMS:
        if any(host == known or host.endswith("." + known) for known in platform.hosts):
            return platform
    if _MASTODON_PATH.match(parts.path) and parts.path.rstrip("/").endswith("/embed"):
        return PLATFORMS[2]
    return None


def _post_link(element: lxml.html.HtmlElement, platform: Platform) -> str | None:
    for name in ("data-instgrm-permalink", "cite", "data-href", "data-embed-url"):
        value = (element.get(name) or "").strip()
        if value.startswith(("http://", "https://")):
            return _without_embed(value)
    if element.tag == "iframe":
        return _iframe_post(element.get("src") or "", platform)
    links = [a.get("href") or "" for a in element.iter("a")]
    on_platform = [href for href in links if _platform_of_url(href) is platform]
    post = [href for href in on_platform if _POST_PATH.search(href)]
    chosen = (post or on_platform or [h for h in links if h.startswith("http")] or [None])[-1]
    return _without_embed(chosen) if chosen else None


def _iframe_post(src: str, platform: Platform) -> str | None:
    parts = urlsplit(src)
    query = parse_qs(parts.query)
    if "href" in query:  # facebook.com/plugins/post.php?href=…
        return query["href"][0]
    if platform.key == "x" and "id" in query:
        return f"https://x.com/i/status/{query['id'][0]}"
    return _without_embed(src)


def _without_embed(url: str) -> str:
    parts = urlsplit(url)
    path = re.sub(r"/embed(?:/captioned)?/?$|/embed/v\d+/", "/", parts.path)
    return f"{parts.scheme}://{parts.netloc}{path}".rstrip("/") if parts.netloc else url


def _lines(element: lxml.html.HtmlElement) -> list[str]:
    """The embed's text, one entry per paragraph (or its whole text when it has none)."""
    paragraphs = [" ".join(p.text_content().split()) for p in element.iter("p")]
    paragraphs = [p for p in paragraphs if p]
    return paragraphs or [" ".join(element.text_content().split())]


def _quote(element: lxml.html.HtmlElement, platform: Platform) -> lxml.html.HtmlElement | None:
    link = _post_link(element, platform)
    whole = " ".join(element.text_content().split())
    author = _author(element, whole, link)
    words = [
        line
        for line in (_lines(element) if element.tag != "iframe" else [])
        if not _CHROME.match(line) and not _SHARED_BY.match(line) and not _AUTHOR.match(line)
    ]
    text = " ".join(words)
    if author and text.endswith(author):  # Twitter's attribution after the paragraph
        text = text[: -len(author)].rstrip(" —–")
    if not text and not link:
        return None
    # One paragraph, the credit on a line of its own: one quote block on screen.
    quote = lxml.html.Element("blockquote")
    quote.set(EMBED_ATTR, platform.key)
    body = lxml.html.Element("p")
    quote.append(body)
    credit = f"— {author} · " if author else "— "
    if not link:
        credit += f"post on {platform.name}"
    if text:
        body.text = text[:_MAX_TEXT]
        body.append(lxml.html.Element("br"))
        body[-1].tail = credit
    else:
        body.text = credit
    if link:
        anchor = lxml.html.Element("a")
        anchor.set("href", link)
        anchor.text = f"post on {platform.name}"
        body.append(anchor)
    return quote


def _author(element: lxml.html.HtmlElement, whole: str, link: str | None) -> str:
    """ "Name (@handle)" as the embed states it, else the handle in the post's link."""
    match = _AUTHOR.search(whole)
    if match:
        return match.group("who").strip()
    match = _SHARED_BY.search(whole)
    if match:
        # "Posted by Name on Thursday, 3 March 2021": the name only.
        return re.split(r"\s+(?:on|am|le|il|el)\s+", match.group("who"))[0].strip(" .")
    for anchor in element.iter("a"):
        title = (anchor.get("title") or "").strip()
        if title.startswith("@"):
            return title
    if link:
        path = urlsplit(link).path
        handle = re.match(r"^/@?([\w.-]+)(?:@[\w.-]+)?/(?:status|post|video|\d)", path)
        if handle and handle.group(1) not in ("i", "p", "reel"):
            return "@" + handle.group(1)
    return ""
