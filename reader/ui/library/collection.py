"""The library screen's collection keys: filters (read/archived/starred, the queue, a
tag), tagging, marking read/archived/starred, and fetching a queued page.

A mixin of :class:`reader.ui.library.screen.LibraryScreen`, as the reading screen's
annotation keys are of it: the store is asked from thread workers only, and the
answers come back as messages.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual import work

from reader.errors import ReaderError
from reader.sanitize import clean_line
from reader.store.library import (
    STATE_FIELDS,
    STATE_SAID,
    LibraryFilter,
    StateFilter,
    clean_tag,
)
from reader.tag_edit import tag_change
from reader.ui.library.listing import STATE_CYCLE, STATE_LABELS
from reader.ui.library.messages import Opened, StateChanged
from reader.ui.messages import ReadFromLibrary

if TYPE_CHECKING:
    from reader.config import Settings
    from reader.store.records import LibraryEntry
    from reader.ui.library.header import LibraryHeader
    from reader.ui.library.session import LibrarySession
    from reader.ui.library.table import LibraryTable


class CollectionActions:
    """Needs the screen's ``session``, ``settings``, ``table``, ``header``, ``filter``,
    ``sort``, ``reload`` and ``_show_summary``."""

    session: LibrarySession
    settings: Settings
    table: LibraryTable
    header: LibraryHeader
    filter: LibraryFilter | None

    if TYPE_CHECKING:
        app: Any

        def reload(self, keep: int | None = None) -> None: ...
        def _show_summary(self) -> None: ...
        def notify(self, message: str, **kwargs: Any) -> None: ...
        def post_message(self, message: Any) -> bool: ...

    # --- filters ---------------------------------------------------------------------

    def _filter_label(self) -> str:
        shown = self.filter or LibraryFilter()
        parts = []
        if shown.state is not StateFilter.ALL:
            parts.append(STATE_LABELS[shown.state])
        if shown.tag:
            parts.append(f"#{clean_line(shown.tag)}")
        return "".join(f"{part} · " for part in parts)

    def set_filter(self, filter: LibraryFilter) -> None:
        """List under ``filter`` now, and remember it for next time."""
        self.filter = filter
        self._show_summary()
        self.reload()
        self._save_filter(filter)

    @work(thread=True, exit_on_error=False, group="library-filter")
    def _save_filter(self, filter: LibraryFilter) -> None:
        store = self.session.store
        if store is not None and not store.read_only:
            store.library.save_filter(filter)

    def action_cycle_filter(self) -> None:
        shown = self.filter or LibraryFilter()
        following = STATE_CYCLE[(STATE_CYCLE.index(shown.state) + 1) % len(STATE_CYCLE)]
        self.set_filter(replace(shown, state=following))

    def action_filter_tag(self) -> None:
        self._ask_tags(None)

    # --- tags ------------------------------------------------------------------------

    def _target_entry(self) -> LibraryEntry | None:
        entry = self.table.current
        if entry is None:
            self.notify("No article here.", timeout=3, markup=False)
        elif entry.id < 0:
            self.notify("Open the queued page first (Enter fetches it).", timeout=4, markup=False)
            return None
        return entry

    def action_tags(self) -> None:
        entry = self._target_entry()
        if entry is not None:
            self._ask_tags(entry)

    @work(thread=True, exit_on_error=False, group="library-tags")
    def _ask_tags(self, entry: LibraryEntry | None) -> None:
        store = self.session.store
        if store is None:
            raise ReaderError(self.session.problem or "the library cannot be used")
        known = [tag.name for tag in store.library.tags() if tag.count]
        current = store.library.tags_of(entry.id) if entry is not None else []
        self.app.call_from_thread(self._show_tag_prompt, entry, current, known)

    def _show_tag_prompt(
        self, entry: LibraryEntry | None, current: list[str], known: list[str]
    ) -> None:
        from reader.ui.dialogs.tag_prompt import TagPrompt

        blink = self.settings.reading.cursor_blink
        if entry is None:
            shown = self.filter or LibraryFilter()
            prompt = TagPrompt(
                "Show the articles tagged",
                [shown.tag] if shown.tag else [],
                known,
                help="One tag (empty: every article)",
                cursor_blink=blink,
            )

            def chosen(answer: str | None) -> None:
                if answer is not None:
                    tag = clean_tag(answer.split(",")[0]) or None
                    self.set_filter(replace(self.filter or LibraryFilter(), tag=tag))

            self.app.push_screen(prompt, chosen)
            return
        prompt = TagPrompt(f"Tags of “{entry.display_title}”", current, known, cursor_blink=blink)

        def answered(answer: str | None) -> None:
            if answer is not None:
                self._retag(entry.id, current, answer)

        self.app.push_screen(prompt, answered)

    @work(thread=True, exit_on_error=False, group="library-tags")
    def _retag(self, article_id: int, current: list[str], typed: str) -> None:
        store = self.session.store
        change = tag_change(current, typed)
        if store is None or change.empty:
            return
        change.apply(store.library, article_id)
        self.post_message(StateChanged(article_id, change.said))

    # --- read / archived / starred -----------------------------------------------------

    def action_toggle(self, what: str) -> None:
        entry = self._target_entry()
        if entry is None:
            return
        item = self.table.item(entry.id)
        now = bool(getattr(item, STATE_FIELDS[what])) if item is not None else False
        self._set_state(entry.id, what, not now)

    @work(thread=True, exit_on_error=False, group="library-state")
    def _set_state(self, article_id: int, what: str, value: bool) -> None:
        store = self.session.store
        if store is None:
            raise ReaderError(self.session.problem or "the library cannot be used")
        store.library.set_state(article_id, **{STATE_FIELDS[what]: value})
        self.post_message(StateChanged(article_id, STATE_SAID[what, value]))

    # Handlers by name: ``@on`` is not seen in a mixin that is not a widget class.
    def on_state_changed(self, message: StateChanged) -> None:
        self.reload(keep=message.article_id)
        self.notify(message.said, timeout=3, markup=False)

    # --- the reading queue -------------------------------------------------------------

    def fetch_queued(self, url: str) -> None:
        self.header.set_status(f"Fetching {clean_line(url)} …")
        self._fetch(url)

    @work(thread=True, exclusive=True, exit_on_error=False, group="library-fetch")
    def _fetch(self, url: str) -> None:
        from reader import service

        store = self.session.store
        if store is None:
            raise ReaderError(self.session.problem or "the library cannot be used")
        service.open_queued(url, self.settings, store)
        self.post_message(Opened(url))

    def on_opened(self, message: Opened) -> None:
        self.header.set_status("")
        self.post_message(ReadFromLibrary(message.source))
