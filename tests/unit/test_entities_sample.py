"""The analysis of the shared sample page: its people, places and dated events.

The article is analysed twice: built from the page's paragraphs (lines 5-34) with
the published date of its header, and as the extractor reads it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from reader.analysis import analyse, enumeration_sections, nlp
from reader.analysis.plaintext import article_from_paragraphs
from reader.models import Analysis, Article, DateKind, EntityGroup, SectionKind

PUBLISHED = datetime(2025, 4, 13, 22, 32, 16)
SAMPLE_PAGE = Path(__file__).resolve().parents[2].parent / "shared/pages/000_a2600e6869feb62b.txt"
PEOPLE = {
    "Antony Blinken",
    "Biden",
    "Xi Jinping",
    "Qin Gang",
    "Wang Yi",
    "Bill Gates",
    "Jake Sullivan",
    "William Burns",
    "Lloyd Austin",
    "Daniel Kritenbrink",
    "Kurt Campbell",
    "Mark Swidan",
    "David Lin",
    "Kai Li",
}


def built(path: Path) -> Article:
    lines = path.read_text(encoding="utf-8").split("\n")[4:34]
    return article_from_paragraphs(lines, title=lines[0], published=PUBLISHED, source=str(path))


def extracted(path: Path) -> Article:
    try:
        from reader.service import read_article
    except ImportError as error:
        pytest.skip(f"extractor unavailable: {error}")
    return read_article(str(path))


@pytest.fixture(scope="module", params=["built", "extracted"])
def sample(request: pytest.FixtureRequest, pipeline: nlp.Pipeline) -> tuple[Article, Analysis]:
    if not SAMPLE_PAGE.exists():
        pytest.skip(f"{SAMPLE_PAGE} is absent")
    article = built(SAMPLE_PAGE) if request.param == "built" else extracted(SAMPLE_PAGE)
    return article, analyse(article, use_cache=False)


def test_people(sample: tuple[Article, Analysis]) -> None:
    _, analysis = sample
    people = [e for e in analysis.entities if e.group is EntityGroup.PEOPLE]
    names = [e.name for e in people]
    assert set(names) == PEOPLE
    assert len(names) == len(set(names))
    assert all(e.label == "PERSON" for e in people)
    assert max(people, key=lambda e: e.count).name == "Antony Blinken"


def test_short_names_are_counted_with_the_full_name(sample: tuple[Article, Analysis]) -> None:
    article, analysis = sample
    by_name = {e.name: e for e in analysis.entities}
    assert by_name["Antony Blinken"].count == 11
    assert by_name["Xi Jinping"].count == 6
    spellings = {article.text[s.start : s.end] for s in by_name["Wang Yi"].mentions}
    assert spellings == {"Wang Yi", "Yi"}
    for entity in analysis.entities:
        for span in entity.mentions:
            assert (
                article.text[span.start : span.end].strip() == article.text[span.start : span.end]
            )


def test_places_and_no_title_fragments(sample: tuple[Article, Analysis]) -> None:
    _, analysis = sample
    places = {e.name for e in analysis.entities if e.group is EntityGroup.PLACES}
    assert {"Beijing", "China", "Taiwan", "Hong Kong", "Ukraine"} <= places
    names = {e.name for e in analysis.entities}
    assert "State" not in names and "Defense" not in names and "Group" not in names
    assert "U.S." not in names and "United States" in places


@pytest.mark.parametrize(
    ("phrase", "occurrence", "value"),
    [
        ("early Sunday", 0, "2025-04-13"),
        ("Monday", 0, "2025-04-14"),
        ("Friday", 0, "2025-04-11"),
        ("Saturday", 0, "2025-04-12"),
        ("February", 0, "2025-02"),
        ("May", 0, "2024-05"),
        ("May", 1, "2024-05"),
        ("earlier this month", 0, "2025-04"),
        ("last year", 0, "2024"),
        ("September", 0, "2025-09"),
        ("November", 0, "2025-11"),
        ("2006", 0, "2006"),
        ("2012", 0, "2012"),
        ("2016", 0, "2016"),
    ],
)
def test_dates_relative_to_the_publication_date(
    sample: tuple[Article, Analysis], phrase: str, occurrence: int, value: str
) -> None:
    _, analysis = sample
    assert analysis.reference_date == "2025-04-13"
    matching = [d for d in analysis.dates if d.text == phrase]
    assert matching[occurrence].value == value


def test_every_friday_is_the_friday_before(sample: tuple[Article, Analysis]) -> None:
    _, analysis = sample
    fridays = [d.value for d in analysis.dates if d.text == "Friday"]
    assert len(fridays) == 6 and set(fridays) == {"2025-04-11"}


def test_ranges_durations_ages_and_unresolved(sample: tuple[Article, Analysis]) -> None:
    _, analysis = sample
    by_text = {d.text: d for d in analysis.dates}
    months = by_text["the next several months"]
    assert (months.value, months.range_end, months.granularity) == (
        "2025-04-13",
        "2025-10-13",
        "range",
    )
    for phrase in ("two days", "five years", "18-month-old"):
        assert by_text[phrase].kind is DateKind.DURATION
    for phrase in ("48-year-old", "67-year-old", "60-year-old"):
        assert by_text[phrase].kind is DateKind.AGE
    assert by_text["recent years"].kind is DateKind.POINT
    assert by_text["recent years"].value is None


def test_the_wrongfully_detained_americans(sample: tuple[Article, Analysis]) -> None:
    article, analysis = sample
    (enumeration,) = analysis.enumerations
    assert enumeration.title == "U.S. citizens wrongfully detained in China (3)"
    assert enumeration.count == 3
    (section,) = enumeration_sections(article, analysis)
    assert section.kind is SectionKind.ENUMERATION
    assert section.title == "U.S. citizens wrongfully detained in China (3)"
    assert section.lines == (
        "Mark Swidan, 48, Texas businessman, on death row, imprisoned since 2012",
        "David Lin, 67, pastor, imprisoned since 2006",
        "Kai Li, 60, imprisoned since 2016",
    )
    assert article.text[section.start : section.end].startswith("There are three U.S. citizens")
    assert article.text[section.start : section.end].endswith("imprisoned since 2016.")
    assert len(section.block_ids) == 2
