"""Entity clean-up: titles, possessives, fragments, labels by majority, short names
folded into full names, abbreviations joined to their full names."""

from __future__ import annotations

from datetime import datetime

import pytest

from reader.analysis import analyse, names, nlp
from reader.analysis.entities import Mention, build
from reader.analysis.plaintext import article_from_paragraphs
from reader.models import Entity, EntityGroup


def entities_of(*paragraphs: str) -> tuple[Entity, ...]:
    article = article_from_paragraphs(paragraphs, published=datetime(2025, 4, 13))
    return analyse(article, use_cache=False).entities


def people(entities: tuple[Entity, ...]) -> dict[str, int]:
    return {e.name: e.count for e in entities if e.group is EntityGroup.PEOPLE}


# --- rules on hand-made mentions (no model) -------------------------------------------


def mentions(text: str, *spans: tuple[str, str]) -> list[Mention]:
    """Mentions of each (surface, label) in order of appearance in ``text``."""
    out: list[Mention] = []
    position = 0
    for surface, label in spans:
        start = text.index(surface, position)
        out.append(Mention(start, start + len(surface), surface, label))
        position = start + len(surface)
    return out


def test_a_spelling_takes_the_label_most_of_its_mentions_carry() -> None:
    text = "Antony Blinken went. Blinken spoke. Blinken left. Blinken ate. Blinken slept."
    found = build(
        text,
        mentions(
            text,
            ("Antony Blinken", "PERSON"),
            ("Blinken", "GPE"),
            ("Blinken", "PERSON"),
            ("Blinken", "GPE"),
            ("Blinken", "PERSON"),
        ),
    )
    assert [(e.name, e.group, e.count) for e in found] == [
        ("Antony Blinken", EntityGroup.PEOPLE, 5)
    ]


def test_a_word_of_a_full_name_outvotes_a_single_wrong_label() -> None:
    text = "Bill Gates met Xi. Xi said to Gates that it was fine."
    found = build(
        text,
        mentions(
            text, ("Bill Gates", "PERSON"), ("Xi", "PERSON"), ("Xi", "PERSON"), ("Gates", "ORG")
        ),
    )
    assert people(found) == {"Bill Gates": 2, "Xi": 2}
    assert not [e for e in found if e.group is EntityGroup.ORGANISATIONS]


def test_a_city_named_like_a_person_stays_a_place() -> None:
    text = "George Washington slept. Washington said no. Washington agreed. Washington paid."
    found = build(
        text,
        mentions(
            text,
            ("George Washington", "PERSON"),
            ("Washington", "GPE"),
            ("Washington", "GPE"),
            ("Washington", "GPE"),
        ),
    )
    assert people(found) == {"George Washington": 1}
    places = [e for e in found if e.group is EntityGroup.PLACES]
    assert [(e.name, e.count) for e in places] == [("Washington", 3)]


def test_short_names_join_the_nearest_full_name_before_them() -> None:
    text = "Jeb Bush spoke. Bush left. George Bush arrived. Bush sat. Later Bush stood."
    found = build(
        text,
        mentions(
            text,
            ("Jeb Bush", "PERSON"),
            ("Bush", "PERSON"),
            ("George Bush", "PERSON"),
            ("Bush", "PERSON"),
            ("Bush", "PERSON"),
        ),
    )
    assert people(found) == {"Jeb Bush": 2, "George Bush": 3}


def test_first_names_of_chinese_order_names_and_variants_with_initials_merge() -> None:
    text = "Wang Yi met Xi Jinping. Yi and Xi talked. Antony J. Blinken and Antony Blinken."
    found = build(
        text,
        mentions(
            text,
            ("Wang Yi", "PERSON"),
            ("Xi Jinping", "PERSON"),
            ("Yi", "PERSON"),
            ("Xi", "PERSON"),
            ("Antony J. Blinken", "PERSON"),
            ("Antony Blinken", "PERSON"),
        ),
    )
    assert people(found) == {"Wang Yi": 2, "Xi Jinping": 2, "Antony J. Blinken": 2}


def test_abbreviations_and_full_names_are_one_entity() -> None:
    text = "The U.S. and the United States and US and the EU and the European Union."
    found = build(
        text,
        mentions(
            text,
            ("U.S.", "GPE"),
            ("United States", "GPE"),
            ("US", "GPE"),
            ("EU", "ORG"),
            ("European Union", "ORG"),
        ),
    )
    assert {(e.name, e.count) for e in found} == {("United States", 3), ("European Union", 2)}


def test_nationality_singular_and_plural_are_one_group() -> None:
    text = "An American said Americans agree."
    found = build(text, mentions(text, ("American", "NORP"), ("Americans", "NORP")))
    assert [(e.group, e.count) for e in found] == [(EntityGroup.GROUPS, 2)]


def test_organisation_words_keep_companies_out_of_people() -> None:
    text = "Microsoft Corp. grew."
    found = build(text, mentions(text, ("Microsoft Corp.", "PERSON")))
    assert [(e.name, e.group) for e in found] == [("Microsoft Corp.", EntityGroup.ORGANISATIONS)]


def test_every_mention_keeps_its_offsets() -> None:
    text = "Kai Li spoke. Li left."
    found = build(text, mentions(text, ("Kai Li", "PERSON"), ("Li", "PERSON")))
    assert [text[s.start : s.end] for s in found[0].mentions] == ["Kai Li", "Li"]


@pytest.mark.parametrize(
    ("text", "person", "expected"),
    [
        ("Secretary of State Antony Blinken", True, "Antony Blinken"),
        ("President Xi Jinping", True, "Xi Jinping"),
        ("U.S. Defense Secretary Lloyd Austin", True, "Lloyd Austin"),
        ("Foreign Minister Qin Gang", True, "Qin Gang"),
        ("Dr. Ada Lovelace", True, "Ada Lovelace"),
        ("Blinken's", True, "Blinken"),
        ("Xi’s", True, "Xi"),
        ("the United States", False, "United States"),
        ("the U.S.", False, "U.S."),
        ("The Hague", False, "The Hague"),
        ("The United Nations", False, "United Nations"),
        ("Microsoft Corp.", False, "Microsoft Corp."),
        ("Stephen King", True, "Stephen King"),
        ("John Major", True, "John Major"),
        ("\u201cBiden", True, "Biden"),
    ],
)
def test_trimming_names(text: str, person: bool, expected: str) -> None:
    start, end = names.trim(text, 0, len(text), person=person)
    assert text[start:end] == expected


def test_alias_keys() -> None:
    assert names.key_of("U.S.") == names.key_of("the United States") == "united states"
    assert names.key_of("Beijing") == "beijing"
    assert names.alias_key("Beijing") is None


# --- the recogniser's output on hand-written text --------------------------------------


def test_fragments_of_titles_are_dropped(pipeline: nlp.Pipeline) -> None:
    found = entities_of(
        "Secretary of State Antony Blinken met U.S. Defense Secretary Lloyd Austin "
        "before the Group of 20 summit."
    )
    names_found = {e.name for e in found}
    assert "State" not in names_found
    assert "Defense" not in names_found
    assert "Group" not in names_found
    assert {"Antony Blinken", "Lloyd Austin"} <= set(people(found))


def test_short_names_and_possessives_fold_into_full_names(pipeline: nlp.Pipeline) -> None:
    found = entities_of(
        "President Xi Jinping received Foreign Minister Wang Yi and Antony Blinken.",
        "Xi's aides said Blinken's visit went well. Yi agreed, and Xi smiled.",
    )
    counts = people(found)
    assert counts["Xi Jinping"] == 3
    assert counts["Antony Blinken"] == 2
    assert counts["Wang Yi"] == 2
    assert "Xi" not in counts and "Blinken" not in counts and "Yi" not in counts


def test_people_hold_no_places_or_organisations(pipeline: nlp.Pipeline) -> None:
    found = entities_of(
        "Officials from Microsoft Corp. and the State Department met in Washington and Paris "
        "with Maria Lopez, who works for Reuters."
    )
    assert set(people(found)) == {"Maria Lopez"}
    for entity in found:
        if entity.group is EntityGroup.PEOPLE:
            assert entity.label == "PERSON"


def test_a_name_followed_by_an_age_is_a_person(pipeline: nlp.Pipeline) -> None:
    found = entities_of("They are Noa Cohen, 26, a student; and Eli Mizrahi, 54, a farmer.")
    assert {"Noa Cohen", "Eli Mizrahi"} <= set(people(found))


def test_code_blocks_are_not_read(pipeline: nlp.Pipeline) -> None:
    from reader.models import Article, Block, BlockKind, Metadata

    text = "Ada Lovelace wrote it.\n\nprint('Charles Babbage')"
    article = Article(
        source="<test>",
        metadata=Metadata(),
        text=text,
        blocks=(
            Block("p1", BlockKind.PARAGRAPH, 0, 22),
            Block("c1", BlockKind.CODE, 24, len(text)),
        ),
    )
    found = analyse(article, use_cache=False).entities
    assert set(people(found)) == {"Ada Lovelace"}


def test_people_hold_no_photo_credits_handles_or_brands(pipeline: nlp.Pipeline) -> None:
    found = entities_of(
        "Photo: JIM WATSON/AFP/Getty Images. Follow Lucas Nolan22 on Twitter.",
        "Maria Lopez said a David Moyes fan wrote on Twitter that Firefox was slow.",
    )
    assert set(people(found)) <= {"Maria Lopez", "David Moyes"}
    assert "Maria Lopez" in people(found)


def test_a_lone_capitalised_common_noun_is_not_a_person(pipeline: nlp.Pipeline) -> None:
    found = entities_of(
        "Promise, said the guide, is a promise kept. Glass is made from sand and glass."
    )
    assert "Promise" not in people(found) and "Glass" not in people(found)


def test_articles_in_other_languages_get_no_entities(pipeline: nlp.Pipeline) -> None:
    from dataclasses import replace

    article = article_from_paragraphs(
        ["Tomáš Souček hrál za West Ham v roce 2023."], published=datetime(2025, 4, 13)
    )
    article = replace(article, metadata=replace(article.metadata, language="cs"))
    analysis = analyse(article, use_cache=False)
    assert analysis.entities == ()
    assert analysis.model is None
    assert analysis.notice is not None and "English" in analysis.notice
    assert [d.value for d in analysis.dates] == ["2023"]


def test_single_common_words_are_not_organisations() -> None:
    text = "The Budget passed. The budget was large. Turkey and turkey. Apple grew."
    found = build(
        text,
        mentions(text, ("Budget", "ORG"), ("Turkey", "GPE"), ("Apple", "ORG")),
    )
    assert {e.name for e in found} == {"Turkey", "Apple"}
