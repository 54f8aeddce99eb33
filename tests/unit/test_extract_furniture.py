"""Page furniture (by text and by box name), addresses, and inline text building."""

from __future__ import annotations

import lxml.html
import pytest

from reader.extract.furniture import is_breadcrumb, is_furniture_text, strip_furniture
from reader.extract.inline import Inline, collapse, tidy
from reader.extract.urls import clean_url, host_of, same_page, strip_tracking
from reader.models import Mark, MarkKind


@pytest.mark.parametrize(
    "text",
    [
        "View",
        "Views 1.2k",
        "Share",
        "Share this article",
        "Facebook Twitter Email",
        "Comments (12)",
        "veryGood! (945)",
        "★★★★☆ (31)",
        "Rating: 4.5/5 (120 votes)",
        "Current:Home > reviews",
        "Home > News > World",
        "福娘童話集 > きょうのイソップ童話 > １月のイソップ童話",
        "We use cookies to improve your experience. Accept all cookies",
        "Sign up for our newsletter to get the best stories.",
        "Enter your email address",
        "ADVERTISEMENT",
    ],
)
def test_furniture_text(text: str) -> None:
    assert is_furniture_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "View from the harbour at dawn was clear.",
        "Share prices fell sharply on Monday after the report.",
        "Some web browsers do not send third-party cookies by default, and privacy groups "
        "have asked others to follow.",
        "The newsletter, first printed in 1902, was read aloud in the harbour inn every week, "
        "and people would sign up at the bar; its archive survives in the town library and was "
        "digitised last year by volunteers who spent two winters scanning the brittle pages.",
        "Good (adj.)",
        "Input > output mapping is described below in detail for every case we tested.",
        "",
    ],
)
def test_article_text_is_not_furniture(text: str) -> None:
    assert not is_furniture_text(text)


def test_breadcrumbs_need_short_segments() -> None:
    assert is_breadcrumb("Home › Walks › Tides")
    assert not is_breadcrumb("x > y is true whenever the left side holds more than the right one")


def test_named_boxes_are_removed_when_small() -> None:
    root = lxml.html.fragment_fromstring(
        '<div><p>Keep me.</p><div class="social-share">Share Tweet</div>'
        '<nav aria-label="Breadcrumb">Home / Tides</nav>'
        '<div id="cookie-consent">We use cookies.</div>'
        '<div class="newsletter">Sign up.</div>'
        '<div class="share">' + "Long article text. " * 60 + "</div>"
        '<p class="mbArticleShareBtn">Kept: only whole words in names count.</p></div>'
    )
    strip_furniture(root)
    text = root.text_content()
    assert "Keep me." in text and "Long article text." in text and "Kept:" in text
    assert not any(w in text for w in ("Tweet", "Home /", "cookies", "Sign up"))


@pytest.mark.parametrize(
    ("href", "base", "expected"),
    [
        ("/a?utm_source=x&b=1&fbclid=2", "https://s.example/p", "https://s.example/a?b=1"),
        ("https://s.example/?UTM_MEDIUM=a", None, "https://s.example/"),
        ("page_files/img.png", None, "page_files/img.png"),
        ("//cdn.example/x", None, "https://cdn.example/x"),
        (" https://s.example/a b ", None, "https://s.example/ab"),
        ("javascript:alert(1)", None, None),
        ("JaVaScRiPt:alert(1)", None, None),
        ("data:text/html,hi", None, None),
        ("#section", "https://s.example/", None),
        ("mailto:a@b.example", None, "mailto:a@b.example"),
        ("http://[::1", None, None),
        ("", None, None),
    ],
)
def test_clean_url(href: str, base: str | None, expected: str | None) -> None:
    assert clean_url(href, base) == expected


def test_url_helpers() -> None:
    assert (
        strip_tracking("https://s.example/a?q=a%20b&gclid=1#top")
        == "https://s.example/a?q=a%20b#top"
    )
    assert same_page("https://s.example/a/#x", "https://s.example/a")
    assert host_of("https://www.s.example:8080/a") == "s.example"
    assert host_of("not a url") is None


def test_inline_builder_collapses_and_tracks_marks_across_nodes() -> None:
    inline = Inline()
    inline.add("  A ")
    inline.open_mark(MarkKind.STRONG)
    inline.add(" bold\n")
    inline.close_mark()
    inline.add("word")
    inline.newline()
    inline.add("  next ")
    text, marks = inline.take()
    assert text == "A bold word\nnext"
    assert marks == [Mark(MarkKind.STRONG, 2, 6)]
    assert inline.take() == ("", [])


def test_marks_left_open_continue_after_take() -> None:
    inline = Inline()
    inline.open_mark(MarkKind.LINK, "https://x.example")
    inline.add("one")
    first = inline.take()
    inline.add("two")
    inline.close_mark()
    assert first == ("one", [Mark(MarkKind.LINK, 0, 3, "https://x.example")])
    assert inline.take() == ("two", [Mark(MarkKind.LINK, 0, 3, "https://x.example")])


def test_collapse_and_tidy() -> None:
    assert collapse(" a\xa0 b\u3000c\x00\x1b[2J ") == "a b c"
    assert tidy(" a\xa0 b \n c ") == "a\xa0 b c"
    assert collapse(None) == tidy(None) == ""


def test_a_line_restating_the_byline_and_date_is_not_article() -> None:
    from reader.extract.assemble import is_byline_line

    assert is_byline_line("By Maren Holt · March 15, 2026", "Maren Holt")
    assert is_byline_line("Maren Holt | Updated 10:32 am, 3 Apr 2025", "Maren Holt")
    # A sentence that names the author is article text.
    assert not is_byline_line("Maren Holt spent a year on the tide clock.", "Maren Holt")
    assert not is_byline_line("By Maren Holt · March 15, 2026", None)
