"""Plain-text dumps: header, body, trailer (tags, furniture, link groups) recovered."""

from __future__ import annotations

from datetime import datetime

from reader.config import Limits
from reader.errors import ExtractError
from reader.extract.invariants import violations
from reader.extract.pipeline import extract
from reader.loaders.base import DocumentKind, RawDocument
from reader.models import Article, BlockKind

PARAGRAPHS = [
    "The harbour wall was rebuilt in the spring, stone by stone, by a crew of six.",
    "Work started at dawn each day and stopped when the tide came over the lower steps.",
    "By the end of May the wall stood a metre higher than the one it replaced.",
]


def dump(text: str) -> Article:
    article = extract(RawDocument(source="dump.txt", kind=DocumentKind.TEXT, text=text), Limits())
    assert violations(article) == []
    return article


def test_header_gives_title_site_date_and_drops_breadcrumb_and_furniture() -> None:
    article = dump(
        "\n".join(
            [
                "Home > NewsThe harbour wall is finished - Harbour Gazette",
                "The harbour wall is finished",
                "View",
                "Published: 2024-06-01 09:15",
                "By Morwenna Tregear",
                *PARAGRAPHS,
            ]
        )
    )
    meta = article.metadata
    assert meta.title == "The harbour wall is finished"
    assert meta.site == "Harbour Gazette"
    assert meta.published == datetime(2024, 6, 1, 9, 15)
    assert meta.byline == "Morwenna Tregear"
    assert meta.language == "en"
    assert article.text == "\n\n".join(PARAGRAPHS)


def test_natural_language_dates_are_read_when_labelled() -> None:
    article = dump("The wall\nDate: 3 March 2024\n" + "\n".join(PARAGRAPHS))
    assert article.metadata.published == datetime(2024, 3, 3)


def test_trailer_gives_tags_groups_and_drops_ratings() -> None:
    article = dump(
        "\n".join(
            [
                "The harbour wall is finished",
                *PARAGRAPHS,
                "Tags: harbour, stone",
                "Great! (12)",
                "Related",
                "- A new slipway opens at the north beach",
                "- The lifeboat station turns one hundred",
                "- A new slipway opens at the north beach",
                "- Short",
                "Most read",
                "Winter ferry timetable is out now",
                "The lifeboat station turns one hundred",
                "Kayakers rescued off the point on Sunday",
            ]
        )
    )
    assert article.metadata.tags == ("harbour", "stone")
    groups = [(g.title, [link.text for link in g.links]) for g in article.link_groups]
    assert groups == [
        (
            "Related",
            ["A new slipway opens at the north beach", "The lifeboat station turns one hundred"],
        ),
        (
            "Most read",
            ["Winter ferry timetable is out now", "Kayakers rescued off the point on Sunday"],
        ),
    ]
    assert all(link.href is None for g in article.link_groups for link in g.links)
    assert "Great!" not in article.text and "Related" not in article.text


def test_an_unnamed_heading_over_a_list_in_the_trailer_is_a_group() -> None:
    article = dump(
        "Title line here\n"
        + "\n".join(PARAGRAPHS)
        + "\nElsewhere on the coast\n- Cliff path reopens after the storm\n"
        "- Seals return to the western cove"
    )
    assert [g.title for g in article.link_groups] == ["Elsewhere on the coast"]


def test_lists_and_headings_inside_the_body_are_kept() -> None:
    article = dump(
        "\n".join(
            [
                "The harbour wall is finished",
                PARAGRAPHS[0],
                "What the crew used",
                "- granite from the old quarry",
                "- lime mortar",
                PARAGRAPHS[1],
                "1. first step",
                "2. second step",
                PARAGRAPHS[2],
            ]
        )
    )
    kinds = [(b.kind, b.level) for b in article.blocks]
    assert kinds == [
        (BlockKind.PARAGRAPH, 0),
        (BlockKind.HEADING, 2),
        (BlockKind.LIST, 0),
        (BlockKind.PARAGRAPH, 0),
        (BlockKind.LIST, 0),
        (BlockKind.PARAGRAPH, 0),
    ]
    ordered = article.blocks[4]
    assert [(i.ordered, i.number) for i in ordered.items] == [(True, 1), (True, 2)]
    assert [s.title for s in article.sections] == ["What the crew used"]


def test_hard_wrapped_paragraphs_are_joined() -> None:
    article = dump(
        "A wrapped dump of a page\n\n"
        "The harbour wall was rebuilt in the spring, stone by\n"
        "stone, by a crew of six who worked every day.\n\n"
        "Work started at dawn each day and stopped when the\n"
        "tide came over the lower steps of the slipway.\n"
    )
    assert article.text == (
        "The harbour wall was rebuilt in the spring, stone by stone, by a crew of six who "
        "worked every day.\n\nWork started at dawn each day and stopped when the tide came "
        "over the lower steps of the slipway."
    )


def test_dumps_without_a_title_fall_back_to_the_first_line() -> None:
    article = dump("\n".join(PARAGRAPHS))
    assert article.metadata.title == PARAGRAPHS[0]


def test_empty_and_blank_dumps_hold_no_article() -> None:
    for text in ("", "  \n\n\t\n", "View\nShare"):
        try:
            dump(text)
        except ExtractError as error:
            assert "no article" in str(error)
        else:
            raise AssertionError(f"{text!r} gave an article")


def test_control_characters_and_surrogates_are_survived() -> None:
    article = dump("Title\x1b[31m here\n" + PARAGRAPHS[0] + "\ud800\x00 and more text here.")
    assert "\x1b" not in article.text and "\ud800" not in article.text


def test_a_byline_with_a_date_beside_it_and_an_unlabelled_date_line() -> None:
    article = dump("The wall\nBy Jane Doe | March 3, 2024\n" + "\n".join(PARAGRAPHS))
    assert (article.metadata.byline, article.metadata.published) == (
        "Jane Doe",
        datetime(2024, 3, 3),
    )
    article = dump("The wall\n3 March 2024\n" + "\n".join(PARAGRAPHS))
    assert article.metadata.published == datetime(2024, 3, 3)


def test_a_question_can_be_the_title() -> None:
    article = dump("Is the harbour wall finished at last?\n" + "\n".join(PARAGRAPHS))
    assert article.metadata.title == "Is the harbour wall finished at last?"
    assert article.text == "\n\n".join(PARAGRAPHS)
