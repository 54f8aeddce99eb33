"""The Entities tab as data (groups, order, filter, overlay roles, mention stepping)
and the one place that decides what n/N step through."""

from __future__ import annotations

from reader.analysis.entity_list import EntityMentions, folded, grouped, overlay_role
from reader.models import Entity, EntityGroup, Span
from reader.ui.reading.stepping import StepChoice


def entity(name: str, group: EntityGroup, *starts: int) -> Entity:
    return Entity(name, group, tuple(Span(s, s + len(name)) for s in starts))


ENTITIES = [
    entity("China", EntityGroup.PLACES, 10, 50, 90),
    entity("Antony Blinken", EntityGroup.PEOPLE, 0, 100, 200, 300),
    entity("Biden", EntityGroup.PEOPLE, 20, 120),
    entity("Xi Jinping", EntityGroup.PEOPLE, 30, 130),
    entity("AUKUS", EntityGroup.OTHER, 400),
    entity("São Paulo", EntityGroup.PLACES, 500),
    entity("Chinese", EntityGroup.GROUPS, 5, 6, 7, 8, 9),
    entity("State Department", EntityGroup.ORGANISATIONS, 600),
]


def test_groups_come_in_a_fixed_order_most_mentioned_first_then_by_name() -> None:
    groups = grouped(ENTITIES)
    assert [g for g, _ in groups] == [
        EntityGroup.PEOPLE,
        EntityGroup.ORGANISATIONS,
        EntityGroup.PLACES,
        EntityGroup.GROUPS,
        EntityGroup.OTHER,
    ]
    people = dict(groups)[EntityGroup.PEOPLE]
    assert [e.name for e in people] == ["Antony Blinken", "Biden", "Xi Jinping"]
    assert [e.name for e in dict(groups)[EntityGroup.PLACES]] == ["China", "São Paulo"]


def test_the_filter_ignores_case_and_accents_and_drops_empty_groups() -> None:
    assert [(g, [e.name for e in es]) for g, es in grouped(ENTITIES, "CHIN")] == [
        (EntityGroup.PLACES, ["China"]),
        (EntityGroup.GROUPS, ["Chinese"]),
    ]
    assert [e.name for _, es in grouped(ENTITIES, "sao") for e in es] == ["São Paulo"]
    assert grouped(ENTITIES, "  ") == grouped(ENTITIES)
    assert grouped(ENTITIES, "nobody") == []
    assert folded("ÉCOLE") == "ecole"


def test_each_group_has_its_overlay_role() -> None:
    assert overlay_role(EntityGroup.PEOPLE) == "entity-person"
    assert overlay_role(EntityGroup.ORGANISATIONS) == "entity-org"
    assert overlay_role(EntityGroup.PLACES) == "entity-place"
    assert overlay_role(EntityGroup.GROUPS) == "entity-other"
    assert overlay_role(EntityGroup.OTHER) == "entity-other"


def test_mentions_start_at_the_first_and_wrap_both_ways() -> None:
    mentions = EntityMentions()
    blinken = ENTITIES[1]
    mentions.choose(blinken, text_length=1000)
    assert mentions.entity is blinken and mentions.current == 0
    overlay = mentions.overlay()
    assert overlay[:4] == [(s.start, s.end, "entity-person") for s in blinken.mentions]
    assert overlay[4:] == [(0, 14, "mention-current")]
    assert [mentions.step(True) for _ in range(4)] == [1, 2, 3, 0]
    assert mentions.step(False) == 3
    assert mentions.step(True, anchor=150) == 2  # the next after what is on screen
    mentions.clear()
    assert mentions.entity is None and mentions.overlay() == [] and not mentions


def test_mentions_past_the_end_of_the_text_are_ignored() -> None:
    mentions = EntityMentions()
    mentions.choose(entity("Ghost", EntityGroup.PEOPLE, 5, 990), text_length=100)
    assert [s.start for s in mentions.spans] == [5]


class Source:
    def __init__(self, name: str) -> None:
        self.name = name
        self.active = False
        self.steps: list[bool] = []

    def step(self, forward: bool) -> None:
        self.steps.append(forward)

    def reset(self) -> None:
        self.active = False


def test_n_steps_through_the_list_chosen_last_that_is_still_in_force() -> None:
    search, mentions = Source("search"), Source("mentions")
    choice = StepChoice(search)
    choice.step(True)
    assert search.steps == [True]  # nothing chosen: the search says what to do
    assert not choice.reset_current()
    search.active = True
    choice.choose(search)
    mentions.active = True
    choice.choose(mentions)
    choice.step(False)
    assert mentions.steps == [False]
    choice.choose(search)  # a new search
    choice.step(True)
    assert search.steps == [True, True]
    assert choice.reset_current() and not search.active
    choice.step(True)  # the entity's mentions are still highlighted
    assert mentions.steps == [False, True]
    assert choice.reset_current() and not mentions.active
    assert choice.current is search
