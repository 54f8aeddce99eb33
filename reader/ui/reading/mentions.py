"""Highlights from the sidebar: the chosen entity's mentions (stepped with ``n``/``N``)
in the view's "entities" layer, and the chosen date's phrase in the "dates" layer."""

from __future__ import annotations

from collections.abc import Callable

from reader.analysis.entity_list import CURRENT, EntityMentions
from reader.analysis.timeline import TimelineEntry
from reader.models import Entity
from reader.sanitize import clean_line
from reader.ui.article_view.view import ArticleView
from reader.ui.reading.stepping import step_anchor

ENTITY_LAYER = "entities"
DATE_LAYER = "dates"


class MentionController:
    """``on_change`` hears what is highlighted ("Antony Blinken: 3 of 11", or "")."""

    def __init__(
        self, view: ArticleView, notify: Callable[[str], None], on_change: Callable[[str], None]
    ) -> None:
        self.view = view
        self.notify = notify
        self.mentions = EntityMentions()
        self.date: TimelineEntry | None = None
        self._on_change = on_change

    @property
    def active(self) -> bool:
        """An entity is chosen (``n``/``N`` step through its mentions)."""
        return self.mentions.entity is not None

    @property
    def description(self) -> str:
        entity = self.mentions.entity
        if entity is None:
            return ""
        count = len(self.mentions)
        return f"{clean_line(entity.name)}  {self.mentions.current + 1}/{count}  n/N Esc"

    def choose(self, entity: Entity) -> None:
        """Highlight every mention of ``entity`` and go to the first."""
        article = self.view.article
        if article is None:
            return
        self.mentions.choose(entity, len(article.text))
        self._show(jump=True)

    def step(self, forward: bool) -> None:
        if not self.active:
            return
        if not self.mentions:
            self.notify("No mention to go to.")
            return
        anchor = step_anchor(self.view, self.mentions.current_span, forward)
        self.mentions.step(forward, anchor=anchor)
        self._show(jump=True)

    def mark_date(self, entry: TimelineEntry) -> None:
        """Go to the sentence of ``entry`` and mark its phrase."""
        self.date = entry
        view = self.view
        mention = entry.mention
        view.set_overlay(
            DATE_LAYER,
            [(mention.start, mention.end, "date"), (mention.start, mention.end, CURRENT)],
        )
        view.scroll_to_offset(entry.sentence[0], center=True)

    def reset(self) -> None:
        """Forget the chosen entity and clear its highlights."""
        self.mentions.clear()
        if self.view.is_mounted:
            self.view.clear_overlay(ENTITY_LAYER)
        self._on_change("")

    def clear_date(self) -> bool:
        """Unmark the chosen date; False when none was marked."""
        if self.date is None:
            return False
        self.date = None
        if self.view.is_mounted:
            self.view.clear_overlay(DATE_LAYER)
        return True

    def forget(self) -> None:
        """A new article is shown (the view has dropped its overlays already)."""
        self.mentions.clear()
        self.date = None
        self._on_change("")

    def _show(self, *, jump: bool) -> None:
        view = self.view
        view.set_overlay(ENTITY_LAYER, self.mentions.overlay())
        current = self.mentions.current_span
        if jump and current is not None:
            view.scroll_to_offset(current.start, center=True)
        self._on_change(self.description)
