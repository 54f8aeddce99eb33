"""The Entities tab's content as plain data: groups in a fixed order, the most
mentioned first, narrowed by the filter box; and the overlay role of each group.
No Textual here."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from reader.models import Entity, EntityGroup, Span
from reader.search_matches import SearchMatches

GROUP_TITLES: dict[EntityGroup, str] = {
    EntityGroup.PEOPLE: "People",
    EntityGroup.ORGANISATIONS: "Organisations",
    EntityGroup.PLACES: "Places",
    EntityGroup.GROUPS: "Groups",
    EntityGroup.OTHER: "Other",
}
"""Every group, in the order the tab lists them."""

_ROLES: dict[EntityGroup, str] = {
    EntityGroup.PEOPLE: "entity-person",
    EntityGroup.ORGANISATIONS: "entity-org",
    EntityGroup.PLACES: "entity-place",
}
CURRENT = "mention-current"


def overlay_role(group: EntityGroup) -> str:
    """The view's overlay role for mentions of an entity of ``group``."""
    return _ROLES.get(group, "entity-other")


def folded(text: str) -> str:
    """Case and accents folded away, so "sao" finds "São Paulo"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def grouped(entities: Iterable[Entity], query: str = "") -> list[tuple[EntityGroup, list[Entity]]]:
    """Non-empty groups in ``GROUP_TITLES`` order, each sorted by mention count (then
    name), keeping only names that contain ``query`` (case and accents ignored)."""
    needle = folded(query.strip())
    members: dict[EntityGroup, list[Entity]] = {group: [] for group in GROUP_TITLES}
    for entity in entities:
        if needle and needle not in folded(entity.name):
            continue
        members.setdefault(entity.group, []).append(entity)
    out = []
    for group, found in members.items():
        if found:
            found.sort(key=lambda e: (-e.count, folded(e.name)))
            out.append((group, found))
    return out


class EntityMentions(SearchMatches):
    """The chosen entity's mentions, in text order, and which one is current."""

    def __init__(self) -> None:
        super().__init__()
        self.entity: Entity | None = None

    def choose(self, entity: Entity, text_length: int) -> None:
        """Step through ``entity``'s mentions (those inside the text), from the first."""
        spans: Sequence[Span] = [s for s in entity.mentions if 0 <= s.start < s.end <= text_length]
        self.entity = entity
        self.use(entity.name, spans)
        self.current = 0 if self.spans else -1

    def clear(self) -> None:
        self.entity = None
        self.use("", ())

    def overlay(self) -> list[tuple[int, int, str]]:
        """Spans for the view's "entities" layer: every mention in its group's colour,
        the current one marked on top."""
        if self.entity is None:
            return []
        role = overlay_role(self.entity.group)
        spans = [(span.start, span.end, role) for span in self.spans]
        current = self.current_span
        if current is not None:
            spans.append((current.start, current.end, CURRENT))
        return spans
