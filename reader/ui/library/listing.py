"""What the library list shows under a filter: articles with their state and tags,
then (for the queue and "all") the queued pages not fetched yet. Called from the
screen's workers; no Textual here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.store.library import LibraryFilter, LibraryItem, StateFilter
from reader.store.queue import QueueItem
from reader.store.records import LibraryEntry

if TYPE_CHECKING:
    from reader.store import Store

STATE_LABELS: dict[StateFilter, str] = {
    StateFilter.QUEUE: "to read",
    StateFilter.ALL: "all",
    StateFilter.UNREAD: "unread",
    StateFilter.READ: "read",
    StateFilter.ARCHIVED: "archived",
    StateFilter.STARRED: "starred",
}
"""The filters the library steps through (f), in order."""
STATE_CYCLE: tuple[StateFilter, ...] = tuple(STATE_LABELS)


def queued_entry(item: QueueItem) -> LibraryEntry:
    """A queued page as a list row: its id negated (no article has one yet)."""
    added = item.added_at
    return LibraryEntry(
        id=-item.id,
        source=item.url,
        title=item.display_title,
        site=None,
        byline=None,
        published=None,
        language=None,
        word_count=0,
        added_at=added,  # type: ignore[arg-type]
        opened_at=None,
        progress=0.0,
        highlight_count=0,
        note_count=0,
    )


def lists_queued(filter: LibraryFilter) -> bool:
    return filter.state in (StateFilter.QUEUE, StateFilter.ALL, StateFilter.UNREAD) and not (
        filter.tag
    )


def list_rows(
    store: Store, filter: LibraryFilter, limit: int | None = None, offset: int = 0
) -> tuple[list[LibraryEntry], dict[int, LibraryItem]]:
    """The rows under ``filter``: ``limit`` articles from ``offset`` (else all), and
    after the last article the queued pages."""
    items = store.library.items(filter, limit=limit, offset=offset)
    entries = [item.entry for item in items]
    if (limit is None or len(items) < limit) and lists_queued(filter):
        entries.extend(
            queued_entry(q) for q in store.queue.pending() if not (q.is_read or q.archived)
        )
    return entries, {item.entry.id: item for item in items}


def starting_filter(store: Store, sort: object) -> LibraryFilter:
    """The filter the library opens with: the one last used, but the queue when it
    holds something to read."""
    saved = store.library.saved_filter()
    state = StateFilter.QUEUE if store.library.queue_count() else saved.state
    return LibraryFilter(state=state, tag=saved.tag, sort=saved.sort if sort is None else sort)  # type: ignore[arg-type]
