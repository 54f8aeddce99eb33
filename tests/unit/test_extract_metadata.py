"""Metadata: title choice and site suffix, site, byline, date, tags, language, canonical."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from reader.config import Limits
from reader.extract.html_clean import parse_html
from reader.extract.metadata import (
    html_metadata,
    normalise_language,
    normalise_tags,
    parse_date,
    strip_site,
)
from reader.models import Metadata


def meta_of(head: str, body: str = "", base: str | None = None) -> Metadata:
    page = parse_html(f"<html><head>{head}</head><body>{body}</body></html>", Limits())
    return html_metadata(page.root, page.jsonld, base)


def jsonld(data: str) -> str:
    return f'<script type="application/ld+json">{data}</script>'


def test_og_title_beats_the_title_element_and_loses_its_site_suffix() -> None:
    meta = meta_of(
        "<title>Something else</title>"
        '<meta property="og:title" content="Tides explained | Harbour Gazette">'
        '<meta property="og:site_name" content="Harbour Gazette">'
    )
    assert meta.title == "Tides explained"
    assert meta.site == "Harbour Gazette"


def test_jsonld_name_beats_meta_and_a_cdata_wrapper_is_no_obstacle() -> None:
    meta = meta_of(
        "<title>The real title - Site</title>"
        '<meta property="og:title" content="Meta title">'
        + jsonld('<![CDATA[{"@type": "NewsArticle", "name": "The real title"}]]>')
    )
    assert meta.title == "The real title"


def test_jsonld_headline_wins_when_only_it_matches_the_page_title() -> None:
    meta = meta_of(
        "<title>New Zealand - Wikipedia</title>"
        + jsonld('{"@type": "Article", "name": "New Zealand", "headline": "country in Oceania"}')
    )
    assert meta.title == "New Zealand"
    meta = meta_of(
        "<title>West Ham wins again | Sport</title>"
        + jsonld('{"@type": "Article", "name": "Sport", "headline": "West Ham wins again"}')
    )
    assert meta.title == "West Ham wins again"


def test_the_articles_h1_beats_a_title_element_that_wraps_it() -> None:
    meta = meta_of(
        "<title>Evolve: Shared history — the docs</title>",
        "<h1>Evolve: Shared history¶</h1><h1>The docs</h1>",
    )
    assert meta.title == "Evolve: Shared history"


def test_typographic_spaces_in_titles_are_kept_but_runs_of_spaces_collapse() -> None:
    meta = meta_of("<title>Screenshot\xa0:  «Vape»\n  et\u3000cie</title>")
    assert meta.title == "Screenshot\xa0: «Vape» et\u3000cie"


@pytest.mark.parametrize(
    ("title", "site", "host", "expected"),
    [
        ("Tides | Harbour Gazette", "Harbour Gazette", None, "Tides"),
        ("Harbour Gazette - Tides explained", "Harbour Gazette", None, "Tides explained"),
        ("Tides — gazette.example", None, "gazette.example", "Tides"),
        ("Tides | Gazette", None, "gazette.example", "Tides"),
        ("Tides - a guide", "Harbour Gazette", None, "Tides - a guide"),
        ("West Ham wins | Aktuálně.cz", "Aktuálně.cz - Víte, co se děje", None, "West Ham wins"),
    ],
)
def test_strip_site(title: str, site: str | None, host: str | None, expected: str) -> None:
    assert strip_site(title, site, host) == expected


def test_site_falls_back_to_publisher_then_title_suffix_then_host() -> None:
    assert meta_of(jsonld('{"@type": "Article", "publisher": {"name": "Pub"}}')).site == "Pub"
    assert meta_of("<title>A long article title here | Gazette</title>").site == "Gazette"
    meta = meta_of("<title>Plain</title>", base="https://www.gazette.example/a")
    assert meta.site == "gazette.example"


def test_byline_from_jsonld_authors_meta_or_the_page() -> None:
    data = '{"@type": "BlogPosting", "author": [{"name": "A. Writer"}, {"name": "B. Other"}]}'
    assert meta_of(jsonld(data)).byline == "A. Writer, B. Other"
    assert meta_of('<meta name="author" content="Meta Person">').byline == "Meta Person"
    assert meta_of("", '<p class="byline">By Page Person</p>').byline == "Page Person"
    assert meta_of('<meta name="author" content="https://x.example/me">').byline is None


def test_published_from_jsonld_then_meta_then_the_page() -> None:
    data = '{"@type": "NewsArticle", "datePublished": "2024-03-09T07:45:00Z"}'
    assert meta_of(jsonld(data)).published == datetime(2024, 3, 9, 7, 45, tzinfo=UTC)
    meta = meta_of('<meta property="article:published_time" content="2023-01-02T03:04:05+0100">')
    assert meta.published is not None and meta.published.isoformat() == "2023-01-02T03:04:05+01:00"
    found = meta_of("", '<p>Posted <time datetime="2021-06-05">June 5, 2021</time></p>')
    assert found.published is not None and found.published.date().isoformat() == "2021-06-05"


def test_published_prefers_the_articles_own_dates_to_an_infobox() -> None:
    modified = '{"@type": "Article", "dateModified": "2020-02-03"}'
    assert meta_of(jsonld(modified)).published == datetime(2020, 2, 3)
    meta = meta_of('<meta property="article:modified_time" content="2019-05-06T00:00:00">')
    assert meta.published == datetime(2019, 5, 6)
    infobox = (
        '<table class="infobox"><tr><th>Founded</th><td>February 28, 1998</td></tr></table>'
        "<p>A community of makers.</p>"
    )
    footer = (
        '<ul><li id="footer-info-lastmod">This page was last modified on 28 October 2016.</li></ul>'
    )
    assert meta_of("", infobox + footer).published == datetime(2016, 10, 28)
    assert meta_of("", infobox).published != datetime(1998, 2, 28)


def test_tags_from_article_tags_keywords_and_jsonld_without_duplicates() -> None:
    meta = meta_of(
        '<meta property="article:tag" content="Coast">'
        '<meta name="keywords" content="coast, walking, tides">'
        + jsonld('{"@type": "Article", "keywords": ["Walking", "Maps"]}')
    )
    assert meta.tags == ("Coast", "Walking", "Maps", "tides")


def test_language_canonical_and_description() -> None:
    meta = meta_of(
        '<link rel="canonical" href="/a/b?utm_medium=x&amp;p=1">'
        '<meta name="description" content="  About   tides. ">',
        base="https://gazette.example/a/b",
    )
    assert meta.canonical_url == "https://gazette.example/a/b?p=1"
    assert meta.description == "About tides."
    page = parse_html('<html lang="pt_br"><body><p>x</p></body></html>', Limits())
    assert html_metadata(page.root, page.jsonld, None).language == "pt-BR"


def test_broken_jsonld_is_ignored() -> None:
    meta = meta_of(
        "<title>Fine title</title>" + jsonld('{"@type": "Article", "name": ') + jsonld("[" * 5000)
    )
    assert meta.title == "Fine title"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-04-13 22:32:16", datetime(2025, 4, 13, 22, 32, 16)),
        ("2025-04-13", datetime(2025, 4, 13)),
        ("on 2025-04-13T10:00:00.5+0200 (local)", "2025-04-13T10:00:00.500000+02:00"),
        ("yesterday", None),
        ("2025-13-45", None),
        (None, None),
    ],
)
def test_parse_date(value: str | None, expected: object) -> None:
    found = parse_date(value)
    if isinstance(expected, str):
        assert found is not None and found.isoformat() == expected
    else:
        assert found == expected


def test_normalisers() -> None:
    assert normalise_language("EN_us") == "en-US"
    assert normalise_language("not a language!") is None
    assert normalise_tags([" China ", "china", "#News", "x" * 80, ""]) == ("China", "News")
