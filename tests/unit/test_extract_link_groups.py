"""Link groups: found by heading, junk filtered, de-duplicated, split out of the body."""

from __future__ import annotations

import lxml.html
import pytest

from reader.extract.link_groups import (
    GROUP_ATTRIBUTE,
    GroupDraft,
    find_html_groups,
    finish_groups,
    group_title,
    is_link_text,
    split_from_article,
)
from reader.models import Link


def page(body: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(f"<html><body>{body}</body></html>")


def titles(groups: list[GroupDraft]) -> list[tuple[str, list[str]]]:
    return [(g.title, [link.text for link in g.links]) for g in groups]


@pytest.mark.parametrize(
    "text",
    [
        "Related",
        "Related Articles:",
        "More stories",
        "More from The Gazette",
        "Read next",
        "You may also like",
        "Recommended for you",
        "Recommendation",
        "Ranking",
        "Most read",
        "Trending now",
        "Editor's picks",
        "See also",
        "Lesen Sie auch",
    ],
)
def test_group_headings_are_recognised(text: str) -> None:
    assert group_title(text) == text.rstrip(":")


@pytest.mark.parametrize("text", ["Relatedness of species", "Reading the columns", "", "x" * 70])
def test_other_headings_are_not(text: str) -> None:
    assert group_title(text) is None


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("Walking safely when the sea fog rolls in", True),
        ("海霧の中を安全に歩くための注意", True),
        ("More", False),
        ("Read more", False),
        ("China", False),
        ("February 22, 2024", False),
        ("12 comments", False),
        ("Share on Facebook", False),
    ],
)
def test_link_text_filter(text: str, ok: bool) -> None:
    assert is_link_text(text) is ok


def test_a_heading_and_the_list_after_it_make_a_group() -> None:
    root = page(
        "<aside><h3>Related</h3><ul>"
        '<li><a href="/a?utm_source=x">Sandbanks you can cross at low water</a></li>'
        '<li><a href="/b">Walking safely when the sea fog rolls in</a></li>'
        '<li><a href="/more">More</a></li></ul></aside>'
    )
    groups = find_html_groups(root, "https://site.example/post", None)
    assert titles(groups) == [
        (
            "Related",
            ["Sandbanks you can cross at low water", "Walking safely when the sea fog rolls in"],
        )
    ]
    assert groups[0].links[0].href == "https://site.example/a"


def test_headings_wrapped_in_boxes_are_climbed_out_of() -> None:
    root = page(
        '<div class="box"><div class="hd"><span>Most read</span></div>'
        '<div class="bd"><a href="/1">First of the most read stories</a>'
        '<a href="/2">Second of the most read stories</a></div></div>'
    )
    assert titles(find_html_groups(root, None, None)) == [
        ("Most read", ["First of the most read stories", "Second of the most read stories"])
    ]


def test_a_label_inside_running_text_is_not_a_group_heading() -> None:
    root = page(
        '<p><b>Read more:</b> <a href="/1">The first related story</a> and '
        '<a href="/2">the second related story</a></p>'
    )
    assert find_html_groups(root, None, None) == []


def test_one_link_is_not_a_group_and_links_to_the_page_itself_are_dropped() -> None:
    root = page(
        '<h2>Related</h2><ul><li><a href="https://s.example/self">This very page, linked</a></li>'
        '<li><a href="/other">Another page about tides</a></li></ul>'
    )
    assert find_html_groups(root, "https://s.example/self", "https://s.example/self") == []


def test_groups_end_at_the_next_group_heading() -> None:
    root = page(
        '<div><h3>Related</h3><a href="/1">A first related story here</a>'
        '<a href="/2">A second related story here</a>'
        '<h3>Trending</h3><a href="/3">A first trending story here</a>'
        '<a href="/4">A second trending story here</a></div>'
    )
    assert [t for t, _ in titles(find_html_groups(root, None, None))] == ["Related", "Trending"]


def test_finish_dedupes_within_and_across_groups_and_merges_same_titles() -> None:
    groups = finish_groups(
        [
            GroupDraft("Related", [Link("Story one here", "/1"), Link("Story ONE here!", "/9")]),
            GroupDraft("Ranking", [Link("Story two here", "/2"), Link("Another for one", "/1")]),
            GroupDraft("related", [Link("Story three here", "/3")]),
            GroupDraft("Empty", [Link("Story two here", "/2")]),
        ],
        max_links=100,
    )
    assert [(g.id, g.title, [link.text for link in g.links]) for g in groups] == [
        ("g-related", "Related", ["Story one here", "Story three here"]),
        ("g-ranking", "Ranking", ["Story two here"]),
    ]


def test_finish_respects_the_link_limit() -> None:
    links = [Link(f"Linked story number {i}") for i in range(10)]
    (group,) = finish_groups([GroupDraft("Related", links)], max_links=3)
    assert len(group.links) == 3


def test_groups_readability_kept_are_taken_out_of_the_body_but_see_also_stays() -> None:
    root = page(
        '<div id="art"><p>Body.</p><h3>Related</h3><ul><li><a href="/1">A related story here</a>'
        '</li><li><a href="/2">Another related story</a></li></ul>'
        '<h3>See also</h3><ul><li><a href="/3">A see also link here</a></li>'
        '<li><a href="/4">Another see also link</a></li></ul></div>'
    )
    groups = find_html_groups(root, None, None)
    article = root.get_element_by_id("art")
    assert len(article.xpath(f"//*[@{GROUP_ATTRIBUTE}]")) == 4
    kept = split_from_article(article, groups)
    assert [g.title for g in kept] == ["Related"]
    remaining = [" ".join(e.text_content().split()) for e in article]
    assert remaining == ["Body.", "See also", "A see also link hereAnother see also link"]


PROSE = (
    "The council met on Tuesday evening to decide the future of the harbour wall, "
    "which has kept the winter storms out of the old town for two hundred years and "
    "now needs repairs that the town cannot pay for on its own. "
)


def test_a_read_more_button_never_starts_a_group() -> None:
    root = page(
        f"<article><p>{PROSE}</p><div><button>Read More</button></div>"
        f"<div><p>{PROSE}<a href='/a'>the minutes</a></p><p>{PROSE}</p>"
        "<p><a href='/b'>Harbour wall repairs begin next spring</a></p>"
        "<p><a href='/c'>Storm damage along the coast in pictures</a></p></div></article>"
    )
    assert find_html_groups(root, "https://news.example/", None) == []


def test_a_group_stops_where_article_text_starts() -> None:
    root = page(
        f"<article><p>{PROSE}</p><div><p><strong>More On:</strong></p></div>"
        "<ul><li><a href='/a'>Harbour wall repairs begin next spring</a></li>"
        "<li><a href='/b'>Storm damage along the coast in pictures</a></li></ul>"
        f"<p>{PROSE}<a href='/c'>the council minutes</a></p><p>{PROSE}</p>"
        "<p><a href='/d'>Fishing fleet returns to the old harbour</a></p></article>"
    )
    groups = find_html_groups(root, "https://news.example/", None)
    assert titles(groups) == [
        (
            "More On",
            [
                "Harbour wall repairs begin next spring",
                "Storm damage along the coast in pictures",
            ],
        )
    ]
    tagged = [p for p in root.iter("p") if p.get(GROUP_ATTRIBUTE) is not None]
    assert all(PROSE not in p.text_content() for p in tagged)


def test_article_prose_survives_a_more_on_label_in_the_whole_pipeline() -> None:
    from reader.config import Limits
    from reader.extract.pipeline import extract
    from reader.loaders.base import DocumentKind, RawDocument

    body = "".join(
        f"<p>{PROSE} <a href='/m{n}'>The minutes of meeting {n}</a>. Paragraph {n}.</p>"
        for n in range(6)
    )
    html = (
        "<html><head><title>Harbour wall</title></head><body><article>"
        f"<p>{PROSE}</p><p><b>More On:</b></p><div>{body}</div>"
        "</article></body></html>"
    )
    article = extract(RawDocument(source="t", kind=DocumentKind.HTML, text=html), Limits())
    assert all(f"Paragraph {n}." in article.text for n in range(6))
