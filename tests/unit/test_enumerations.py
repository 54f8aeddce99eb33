"""Counted groups whose members are named: found on hand-written articles, and never
on passages that merely mention several people."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from reader.analysis import analyse, enumeration_sections, nlp
from reader.analysis.plaintext import article_from_paragraphs
from reader.models import Analysis, Article, Section, SectionKind

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "analysis"
PUBLISHED = datetime(2025, 4, 13)


def read(name: str) -> Article:
    paragraphs = (FIXTURES / name).read_text(encoding="utf-8").split("\n\n")
    return article_from_paragraphs(paragraphs, published=PUBLISHED, source=name)


def analysed(article: Article) -> tuple[Analysis, list[Section]]:
    analysis = analyse(article, use_cache=False)
    return analysis, enumeration_sections(article, analysis)


@pytest.mark.parametrize(
    ("name", "title", "lines", "paragraphs"),
    [
        (
            "climbers.txt",
            "Climbers who went missing on the mountain (4)",
            (
                "Anna Berg, 31, of Portland",
                "Tom Reyes, 28",
                "Lisa Chang, 35, nurse",
                "Mark Olsen, 40, guided the group",
            ),
            ("p2",),
        ),
        (
            "journalists.txt",
            "Journalists arrested in Minsk (2)",
            ("Maria Lopez, of the Tribune", "Ahmed Karim, freelance photographer"),
            ("p2",),
        ),
        (
            "students.txt",
            "Students who won the awards (5)",
            (
                "Priya Natarajan, 17, built a water filter from recycled plastic",
                "Daniel Okafor, 16, robotics club captain from Leeds",
                "Emma Stein, designed a cheaper insulin pump",
                "Luis Ortega, 18, studied bird migration since 2019",
                "Hannah Berg, student in Bristol",
            ),
            ("p2", "p3"),
        ),
        (
            "hostages.txt",
            "Hostages freed (3)",
            ("Noa Cohen, 26, student", "Eli Mizrahi, 54, farmer", "Ruth Adler, 72, taken in 2023"),
            ("p1",),
        ),
        (
            "finalists.txt",
            "Finalists named for the city's architecture prize (2)",
            (
                "Jonas Weber, chemist turned designer from Leipzig",
                "Amara Osei, teaches engineering in Accra",
            ),
            ("p1", "p2"),
        ),
    ],
)
def test_enumerations_become_sections(
    pipeline: nlp.Pipeline, name: str, title: str, lines: tuple[str, ...], paragraphs: tuple
) -> None:
    article = read(name)
    analysis, sections = analysed(article)
    (enumeration,) = analysis.enumerations
    (section,) = sections
    assert section.kind is SectionKind.ENUMERATION
    assert section.title == title
    assert section.lines == lines
    assert section.block_ids == paragraphs
    assert enumeration.count == len(lines) == len(enumeration.members)
    first = article.block(paragraphs[0])
    last = article.block(paragraphs[-1])
    assert (section.start, section.end) == (first.start, last.end)
    assert section.summary == ", ".join(m.name for m in enumeration.members)
    for member in enumeration.members:
        assert article.text[member.start : member.end] == member.name
        assert enumeration.start <= member.start < member.end <= enumeration.end


NEGATIVE_PARAGRAPHS = (FIXTURES / "negatives.txt").read_text(encoding="utf-8").split("\n\n")


@pytest.mark.parametrize("paragraph", NEGATIVE_PARAGRAPHS, ids=lambda p: p[:40])
def test_mentions_of_several_people_are_not_enumerations(
    pipeline: nlp.Pipeline, paragraph: str
) -> None:
    analysis, sections = analysed(article_from_paragraphs([paragraph], published=PUBLISHED))
    assert analysis.enumerations == ()
    assert sections == []


@pytest.mark.parametrize(
    "paragraphs",
    [
        [
            "Two officials briefed reporters on the talks.",
            "Daniel Kritenbrink and Kurt Campbell later spoke separately to the press.",
        ],
        ["Three other men, including John Smith and Paul Jones, were released on Friday."],
        ["The three suspects were named as John Smith and Paul Jones."],
        [
            "Four teams reached the final round.",
            "The other teams are coached by Maria Lopez, Ahmed Karim and Tom Reyes.",
        ],
    ],
)
def test_near_misses_are_not_enumerations(pipeline: nlp.Pipeline, paragraphs: list[str]) -> None:
    analysis, _ = analysed(article_from_paragraphs(paragraphs, published=PUBLISHED))
    assert analysis.enumerations == ()


def test_the_negative_article_as_a_whole(pipeline: nlp.Pipeline) -> None:
    analysis, _ = analysed(read("negatives.txt"))
    assert analysis.enumerations == ()


def test_sections_nest_under_their_heading(pipeline: nlp.Pipeline) -> None:
    from dataclasses import replace

    from reader.models import Section as ArticleSection

    article = read("hostages.txt")
    heading = ArticleSection(
        id="s1", kind=SectionKind.HEADING, title="News", start=0, end=len(article.text), level=2
    )
    article = replace(article, sections=(heading,))
    (section,) = enumeration_sections(article, analyse(article, use_cache=False))
    assert section.parent_id == "s1"
    assert section.level == 3


def test_sections_of_a_bare_text_span_whole_lines(pipeline: nlp.Pipeline) -> None:
    text = (
        "Intro line.\nThree hostages were freed. They are Noa Cohen, 26; Eli Mizrahi, 54; "
        "and Ruth Adler, 72.\nClosing line."
    )
    article = Article(
        source="<t>", metadata=article_from_paragraphs(["x"]).metadata, text=text, blocks=()
    )
    (section,) = enumeration_sections(article, analyse(article, use_cache=False))
    assert article.text[section.start : section.end].startswith("Three hostages")
    assert article.text[section.start : section.end].endswith("72.")


@pytest.mark.parametrize(
    ("paragraphs", "title", "lines"),
    [
        (
            [
                "Police arrested three men — John Smith, 24, Paul Jones, 31, and Peter Brown, "
                "45 — on Tuesday in Leeds."
            ],
            "Men arrested (3)",
            ("John Smith, 24", "Paul Jones, 31", "Peter Brown, 45"),
        ),
        (
            ["Two Americans, Jane Doe and John Roe, were killed in the attack."],
            "Americans killed in the attack (2)",
            ("Jane Doe", "John Roe"),
        ),
        (
            ["The two men, identified as Omar Haddad and Peter Wu, were released on bail."],
            "Men released on bail (2)",
            ("Omar Haddad", "Peter Wu"),
        ),
        (
            [
                "Three board members resigned on Monday: chairwoman Susan Clarke, treasurer "
                "Raj Patel and secretary Maria Gomez."
            ],
            "Board members who resigned (3)",
            ("Susan Clarke, chairwoman", "Raj Patel, treasurer", "Maria Gomez, secretary"),
        ),
        (
            [
                "Four suspects appeared in court on Friday.",
                "They are Liam Walsh, 19, Connor Byrne, 22, Sean Murphy, 20, and Aidan Kelly, "
                "21, all from Dublin.",
            ],
            "Suspects who appeared in court (4)",
            (
                "Liam Walsh, 19",
                "Connor Byrne, 22",
                "Sean Murphy, 20",
                "Aidan Kelly, 21, all from Dublin",
            ),
        ),
    ],
)
def test_other_shapes_of_lists(
    pipeline: nlp.Pipeline, paragraphs: list[str], title: str, lines: tuple[str, ...]
) -> None:
    article = article_from_paragraphs(paragraphs, published=PUBLISHED)
    (section,) = enumeration_sections(article, analyse(article, use_cache=False))
    assert (section.title, section.lines) == (title, lines)


def test_a_count_that_the_names_do_not_match_is_no_list(pipeline: nlp.Pipeline) -> None:
    article = article_from_paragraphs(
        [
            "Five firefighters were injured, including Captain Tom Hardy and Lieutenant Sarah "
            "Klein, officials said."
        ],
        published=PUBLISHED,
    )
    assert analyse(article, use_cache=False).enumerations == ()


# --- groups in the common phrasings of news writing ----------------------------------

PASSAGES = json.loads((FIXTURES / "enumeration_passages.json").read_text(encoding="utf-8"))
RECALL_FLOOR = 0.9
"""bench/enumeration_recall.py measured 31 of 32 (0.97); 6 of 32 before groups named
after a role were read."""


def groups_in(text: str) -> list[list[str]]:
    article = article_from_paragraphs(text.split("\n\n"), published=PUBLISHED)
    return [[m.name for m in e.members] for e in analyse(article, use_cache=False).enumerations]


def test_groups_in_news_phrasings_are_found(pipeline: nlp.Pipeline) -> None:
    found = [groups_in(p["text"]) for p in PASSAGES["positive"]]
    right = [
        any(sorted(g) == sorted(p["names"]) for g in groups)
        for p, groups in zip(PASSAGES["positive"], found, strict=True)
    ]
    assert sum(right) / len(right) >= RECALL_FLOOR
    wrong = [
        g
        for p, groups in zip(PASSAGES["positive"], found, strict=True)
        for g in groups
        if sorted(g) != sorted(p["names"])
    ]
    assert wrong == []


def test_lists_of_things_places_money_and_dates_are_no_groups(pipeline: nlp.Pipeline) -> None:
    fired = [p["text"] for p in PASSAGES["negative"] if groups_in(p["text"])]
    assert fired == []


@pytest.mark.parametrize(
    ("paragraphs", "title", "lines"),
    [
        (
            [
                "A fire tore through a block of flats in Leeds early on Sunday.",
                "The victims were identified as Helen Marsh, 67; Robert Quinn, 45; and Amy "
                "Quinn, 12.",
            ],
            "Victims (3)",
            ("Helen Marsh, 67", "Robert Quinn, 45", "Amy Quinn, 12"),
        ),
        (
            [
                "Two soldiers were wounded when their patrol hit a roadside bomb. Sgt. John "
                "Smith, 34, and Cpl. David Rowe, 22, were flown to a field hospital."
            ],
            "Soldiers wounded (2)",
            ("John Smith, Sgt., 34", "David Rowe, Cpl., 22"),
        ),
        (
            [
                "Three Americans were detained at the border crossing on Friday, officials said.",
                "The State Department said it was aware of the case.",
                "They are Kevin Doyle, a software engineer from Austin; Sarah Lin, a nurse; and "
                "Marcus Webb, a retired teacher.",
            ],
            "Americans detained (3)",
            (
                "Kevin Doyle, software engineer from Austin",
                "Sarah Lin, nurse",
                "Marcus Webb, retired teacher",
            ),
        ),
        (
            [
                "Police said those arrested were Darren Holt, 31, and Kyle Benson, 27, who were "
                "held on suspicion of burglary."
            ],
            "Those arrested (2)",
            ("Darren Holt, 31", "Kyle Benson, 27, held on suspicion of burglary"),
        ),
    ],
)
def test_groups_named_after_a_role_or_an_earlier_count(
    pipeline: nlp.Pipeline, paragraphs: list[str], title: str, lines: tuple[str, ...]
) -> None:
    article = article_from_paragraphs(paragraphs, published=PUBLISHED)
    (section,) = enumeration_sections(article, analyse(article, use_cache=False))
    assert (section.title, section.lines) == (title, lines)


def test_two_people_after_a_count_need_their_attributes(pipeline: nlp.Pipeline) -> None:
    """A bare sentence naming two people after "two officials" need not be about them."""
    paragraphs = ["Two officials spoke.", "Anna Holm and Tom Lind later left the building."]
    assert groups_in("\n\n".join(paragraphs)) == []
    paragraphs = ["Two officials spoke.", "Sgt. Anna Holm, 41, and Cpl. Tom Lind, 39, later left."]
    assert groups_in("\n\n".join(paragraphs)) == [["Anna Holm", "Tom Lind"]]
