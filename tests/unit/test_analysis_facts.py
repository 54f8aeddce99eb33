"""What the sidebar shows as facts: numbers that are no years, durations and ages
that are no points in time, photo credits and table headers that are no entities,
surnames that are people, run-on and joined names."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.analysis import analyse, credits, datefilter, names, nlp
from reader.analysis.entities import Mention, build
from reader.analysis.plaintext import article_from_paragraphs
from reader.analysis.units import units_of
from reader.models import Article, Block, BlockKind, DateKind, EntityGroup, Span


@pytest.fixture(scope="session")
def pipeline() -> nlp.Pipeline:
    try:
        return nlp.load()
    except nlp.ModelUnavailable as error:
        pytest.skip(str(error))


def mentions(text: str, *spans: tuple[str, str]) -> list[Mention]:
    """Mentions of each (surface, label) in order of appearance in ``text``."""
    out: list[Mention] = []
    position = 0
    for surface, label in spans:
        start = text.index(surface, position)
        out.append(Mention(start, start + len(surface), surface, label))
        position = start + len(surface)
    return out


def is_year(text: str, number: str) -> bool:
    at = text.index(number)
    return not datefilter.not_a_year(text, at, at + len(number))


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("It was founded in 1998 by volunteers.", "1998"),
        ("He has lived there since 2004.", "2004"),
        ("The plant closed in May 1987.", "1987"),
        ("Proceedings of the Academy (2019).", "2019"),
        ("The 2016 election was close.", "2016"),
        ("It has been managed since 1924, officials said.", "1924"),
    ],
)
def test_a_number_with_year_like_words_is_a_year(text: str, number: str) -> None:
    assert is_year(text, number)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("The family lives at 1600 Pennsylvania Avenue.", "1600"),
        ("Adults need about 2000 calories a day.", "2000"),
        ("A resolution of 1800 x 1920 per eye.", "1920"),
        ("Lift-off was at 8:51 p.m. (1451 GMT).", "1451"),
        ("The game renders in 1080p on the console.", "1080p"),
        ("Servers as of 1.8.3 are affected.", "1.8.3"),
        ("It runs on an Intel Core i7 4790k chip.", "4790k"),
        ("Room 1204 was locked.", "1204"),
    ],
)
def test_house_numbers_counts_and_versions_are_not_years(text: str, number: str) -> None:
    assert not is_year(text, number)


@given(st.text(max_size=40), st.integers(1600, 2099), st.text(max_size=40))
def test_a_year_after_in_is_always_a_year(before: str, year: int, after: str) -> None:
    text = f"{before} in {year}{(' ' + after) if after else ''}"
    at = text.rindex(f"in {year}") + 3
    assert not datefilter.not_a_year(text, at, at + 4)


@given(st.text(max_size=60), st.integers(0, 60), st.integers(0, 60))
def test_the_date_filters_never_fail(text: str, start: int, length: int) -> None:
    start = min(start, len(text))
    end = min(len(text), start + length)
    datefilter.not_a_year(text, start, end)
    datefilter.shape(text, start, end)


@pytest.mark.parametrize(
    ("phrase", "shape"),
    [
        ("six to seven minutes", "duration"),
        ("just over a month", "duration"),
        ("between the ages of 25", "age"),
        ("approximately 50,000 years old", "age"),
        ("roughly 30-minute", "none"),
        ("the season", "none"),
        ("four years ago", None),
        ("the next few months", None),
        ("last year", None),
        ("Thanksgiving week", None),
    ],
)
def test_durations_ages_and_vague_words_are_not_points(phrase: str, shape: str | None) -> None:
    assert datefilter.shape(phrase, 0, len(phrase)) == shape


def test_dates_in_an_article_keep_years_and_drop_numbers(pipeline: nlp.Pipeline) -> None:
    article = article_from_paragraphs(
        [
            "The museum opened in 1998 at 1600 Park Avenue.",
            "Visitors burn about 2000 calories a day, and the tour lasts six to seven minutes.",
        ],
        published=datetime(2025, 4, 13),
    )
    points = [d.text for d in analyse(article, use_cache=False).dates if d.kind is DateKind.POINT]
    assert "1998" in points
    assert not {"1600", "2000", "six to seven minutes"} & set(points)


@pytest.mark.parametrize(
    ("text", "credit"),
    [
        ("Protesters march. (AP Photo/Evan Vucci)", "(AP Photo/Evan Vucci)"),
        ("Crowds in Paris. Photo: Ana Ruiz / Reuters", "Photo: Ana Ruiz / Reuters"),
        ("Prices fell. (Ellen M. Banner / The Seattle Times)", "Ellen M. Banner"),
        ("Credit Ashraf Shazly/Agence France-Presse — Getty Images", "Ashraf Shazly"),
        ("Photo\nCredit Harry Campbell\nThe deal", "Harry Campbell"),
        ("At least 19 people died. (Reuters)", "(Reuters)"),
    ],
)
def test_photo_credits_are_found(text: str, credit: str) -> None:
    spans = credits.credit_spans(text, 0, len(text))
    at = text.index(credit)
    assert any(s <= at and at + len(credit) <= e for s, e in spans)


@pytest.mark.parametrize(
    "text",
    [
        "MOSCOW — A Russian cargo ship broke up, Reuters reported.",
        "Credit card debt rose, said John Smith.",
        "The photo shows Maria Lopez in Madrid.",
    ],
)
def test_prose_is_no_credit(text: str) -> None:
    assert credits.credit_spans(text, 0, len(text)) == []


def test_names_in_credits_are_not_entities(pipeline: nlp.Pipeline) -> None:
    article = article_from_paragraphs(
        [
            "Senator Maria Lopez spoke in Madrid on Tuesday.",
            "Lopez greets supporters. (AP Photo/Evan Vucci)",
        ],
        published=datetime(2025, 4, 13),
    )
    found = {e.name for e in analyse(article, use_cache=False).entities}
    assert "Maria Lopez" in found
    assert not any("Vucci" in name for name in found)


def test_table_header_rows_are_not_analysed() -> None:
    text = "Name\tFounded\tCalories\nApple Pie\t1998\t300"
    rows = (
        (Span(0, 4), Span(5, 12), Span(13, 21)),
        (Span(22, 31), Span(32, 36), Span(37, 40)),
    )
    block = Block("t0", BlockKind.TABLE, 0, len(text), rows=rows, header_rows=1)
    base = article_from_paragraphs(["x"])
    article = Article(source="t", metadata=base.metadata, text=text, blocks=(block,))
    assert [text[u.start : u.end] for u in units_of(article)] == ["Apple Pie\t1998\t300"]


def test_a_surname_of_a_person_is_not_an_organisation() -> None:
    text = "said Tyler Besecker, who runs it. Besecker said prices fell. Besecker agreed."
    found = build(
        text,
        mentions(text, ("Tyler Besecker", "PERSON"), ("Besecker", "ORG"), ("Besecker", "ORG")),
    )
    assert [(e.name, e.group, e.count) for e in found] == [
        ("Tyler Besecker", EntityGroup.PEOPLE, 3)
    ]


def test_joined_names_are_split_or_dropped() -> None:
    text = "Facebook grew. Facebook and Cambridge Analytica met. Verizon’s Yahoo fell. Verizon won."
    found = build(
        text,
        mentions(
            text,
            ("Facebook", "ORG"),
            ("Facebook and Cambridge Analytica", "ORG"),
            ("Verizon’s Yahoo", "ORG"),
            ("Verizon", "ORG"),
        ),
    )
    assert sorted(e.name for e in found) == ["Facebook", "Verizon", "Yahoo"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("games like Killer Instinct and more", "Killer Instinct"),
        ("just like the One S. The company said", "One S."),
        ("accuses Oculus and Facebook of theft", "Oculus and Facebook"),
        ("the Marine Stewardship Council said", "Marine Stewardship Council"),
    ],
)
def test_run_on_names_stop_where_the_name_does(text: str, name: str) -> None:
    start = text.index(name)
    # The recogniser's span ran on by a word ("and", "The company", "of").
    run_on = {"Killer Instinct": " and", "One S.": " The company", "Oculus and Facebook": " of"}
    end = start + len(name) + len(run_on.get(name, ""))
    assert text[start : names.cut_run_on(text, start, end)] == name
