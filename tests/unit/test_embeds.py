"""Embedded posts are kept as quotes with their author and link, on small hand-written
pages in the markup each platform's embed code gives."""

from __future__ import annotations

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.config import Limits
from reader.extract.embeds import EMBED_ATTR, normalize_embeds
from reader.extract.html_clean import parse_html
from reader.extract.pipeline import extract
from reader.loaders.base import DocumentKind, RawDocument
from reader.models import BlockKind

PROSE = (
    "The council met on Tuesday evening to decide the future of the harbour wall, which "
    "has kept the winter storms out of the old town for two hundred years."
)
PROSA = (
    "Der Gemeinderat hat am Dienstagabend über die Zukunft der Hafenmauer beraten, die "
    "seit zweihundert Jahren die Winterstürme von der Altstadt fernhält."
)

TWEET = (
    '<blockquote class="twitter-tweet" data-lang="en"><p lang="en" dir="ltr">The wall is '
    'coming down tonight. Stay away from the quay! <a href="https://t.co/abc">'
    "pic.twitter.com/abc</a></p>&mdash; Port Wren Council (@portwren) "
    '<a href="https://twitter.com/portwren/status/123?ref_src=twsrc">March 3, 2021</a>'
    '</blockquote><script async src="https://platform.twitter.com/widgets.js"></script>'
)
INSTAGRAM_DE = (
    '<blockquote class="instagram-media" data-instgrm-permalink='
    '"https://www.instagram.com/p/XYZ/?utm_source=ig_embed" data-instgrm-version="14">'
    '<div><a href="https://www.instagram.com/p/XYZ/">Diesen Beitrag auf Instagram '
    "ansehen</a><p>Wellen über der Mauer heute früh.</p><p>"
    '<a href="https://www.instagram.com/p/XYZ/">Ein Beitrag geteilt von Maren Holt '
    "(@marenholt)</a></p></div></blockquote>"
)
MASTODON_IFRAME = (
    '<iframe src="https://mastodon.social/@harbour/11223344/embed" '
    'class="mastodon-embed" width="400"></iframe>'
)
BLUESKY = (
    '<blockquote class="bluesky-embed" data-bluesky-uri="at://did:plc:xyz/app.bsky.feed.'
    'post/3k"><p lang="en">Waves over the wall this morning.</p>&mdash; Tomas Quill (<a '
    'href="https://bsky.app/profile/did:plc:xyz?ref_src=embed">@quill.bsky.social</a>) '
    '<a href="https://bsky.app/profile/did:plc:xyz/post/3k?ref_src=embed">March 3, 2021'
    "</a></blockquote>"
)
FACEBOOK = (
    '<div class="fb-post" data-href="https://www.facebook.com/portwren/posts/456" '
    'data-width="500"><blockquote cite="https://www.facebook.com/portwren/posts/456" '
    'class="fb-xfbml-parse-ignore"><p>The quay is closed until Friday.</p>Posted by '
    '<a href="https://www.facebook.com/portwren">Port Wren Harbour</a> on '
    '<a href="https://www.facebook.com/portwren/posts/456">Thursday, 4 March 2021</a>'
    "</blockquote></div>"
)
TIKTOK = (
    '<blockquote class="tiktok-embed" cite="https://www.tiktok.com/@wrenmakers/video/789" '
    'data-video-id="789"><section><a target="_blank" title="@wrenmakers" '
    'href="https://www.tiktok.com/@wrenmakers">@wrenmakers</a><p>How we built the tide '
    'clock</p><a href="https://www.tiktok.com/music/x">♬ original sound - wrenmakers</a>'
    "</section></blockquote>"
)


def _page(body: str, lang: str = "en") -> str:
    prose = PROSE if lang == "en" else PROSA
    paragraphs = "".join(f"<p>{prose} ({n})</p>" for n in range(3))
    return (
        f"<html lang='{lang}'><head><title>The wall</title></head><body><article>"
        f"<h1>The wall</h1>{paragraphs}{body}<p>{prose} (end)</p></article></body></html>"
    )


def _quotes(html: str) -> list[tuple[str, str | None]]:
    article = extract(RawDocument("t.html", DocumentKind.HTML, html), Limits())
    quotes = []
    for block in article.blocks:
        if block.kind is BlockKind.QUOTE:
            links = [m.href for m in block.marks if m.href]
            quotes.append((article.text[block.start : block.end], links[-1] if links else None))
    return quotes


@pytest.mark.parametrize(
    ("embed", "lang", "words", "author", "link"),
    [
        (
            TWEET,
            "en",
            "The wall is coming down tonight. Stay away from the quay!",
            "Port Wren Council (@portwren)",
            "https://twitter.com/portwren/status/123",
        ),
        (
            INSTAGRAM_DE,
            "de",
            "Wellen über der Mauer heute früh.",
            "Maren Holt (@marenholt)",
            "https://www.instagram.com/p/XYZ",
        ),
        (MASTODON_IFRAME, "en", "", "@harbour", "https://mastodon.social/@harbour/11223344"),
        (
            BLUESKY,
            "en",
            "Waves over the wall this morning.",
            "Tomas Quill (@quill.bsky.social)",
            "https://bsky.app/profile/did:plc:xyz/post/3k",
        ),
        (
            FACEBOOK,
            "en",
            "The quay is closed until Friday.",
            "Port Wren Harbour",
            "https://www.facebook.com/portwren/posts/456",
        ),
        (
            TIKTOK,
            "de",
            "How we built the tide clock",
            "@wrenmakers",
            "https://www.tiktok.com/@wrenmakers/video/789",
        ),
    ],
)
def test_an_embedded_post_is_a_quote_with_its_author_and_link(
    embed: str, lang: str, words: str, author: str, link: str
) -> None:
    quotes = _quotes(_page(embed, lang))
    assert len(quotes) == 1, quotes
    text, href = quotes[0]
    assert text.startswith(words)
    assert f"— {author} · post on " in text
    assert href == link
    # The platform's own buttons are not part of the post.
    for chrome in ("View this post", "Beitrag auf Instagram ansehen", "♬", "Posted by"):
        assert chrome not in text


def test_a_plain_quote_is_left_alone() -> None:
    root = lxml.html.fromstring(
        "<div><blockquote class='pullquote'><p>“We miss the calls.”</p></blockquote></div>"
    )
    assert normalize_embeds(root) == 0
    assert root.find(".//blockquote").get(EMBED_ATTR) is None


def test_an_iframe_of_another_site_is_not_a_post() -> None:
    root = lxml.html.fromstring(
        "<div><iframe src='https://maps.example/embed?q=harbour'></iframe></div>"
    )
    assert normalize_embeds(root) == 0


_MARKUP = st.sampled_from(
    [TWEET, INSTAGRAM_DE, MASTODON_IFRAME, BLUESKY, FACEBOOK, TIKTOK, "<p>x</p>", "</div>"]
)


@settings(max_examples=60, deadline=None)
@given(
    parts=st.lists(st.one_of(_MARKUP, st.text(max_size=40)), max_size=6),
    cls=st.sampled_from(["twitter-tweet", "instagram-media", "fb-post", "tiktok-embed"]),
    attr=st.text(max_size=60),
)
def test_any_markup_around_embeds_is_rewritten_without_error(
    parts: list[str], cls: str, attr: str
) -> None:
    # Hostile pages: broken markup, odd attributes, embeds inside embeds (parsed as
    # every page is, which rewrites the embeds).
    html = "".join(parts) + f"<blockquote class='{cls}' cite='{attr}'>{''.join(parts)}</blockquote>"
    root = parse_html(f"<html><body><div>{html}</div></body></html>", Limits()).root
    for quote in root.iter("blockquote"):
        if quote.get(EMBED_ATTR):
            assert "— " in quote.text_content()
            for anchor in quote.iter("a"):
                assert anchor.get("href", "").startswith(("http://", "https://"))
