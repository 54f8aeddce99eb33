"""The library screen: every saved article, full-text search, add, delete and undo.

The screen owns what is listed (sort order, search, the undo stack); the store is
asked from thread workers only, and answers come back as messages. Reading an article
is the App's business (``ReaderApp.show_library``, ``reader.ui.navigation``).
"""

from __future__ import annotations

import time
from dataclasses import replace

from textual import on, work
from textual.app import ComposeResult
from textual.events import Key
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList
from textual.worker import Worker, WorkerState, get_current_worker

from reader.app_state import load_state, save_state
from reader.config import Settings
from reader.crashlog import failure_reason
from reader.errors import ReaderError, StoreError
from reader.sanitize import clean_line
from reader.store.library import LibraryFilter, LibraryItem, StateFilter
from reader.store.records import LibraryEntry, SortOrder
from reader.ui.keyhelp import KeyHelp, node_key_help, sequence_key_help
from reader.ui.keymap import resolve_keymap
from reader.ui.keyseq import CANCEL_KEY, KeySequences, Outcome, key_char
from reader.ui.library.add_page import add_page_prompt, add_to_library
from reader.ui.library.collection import CollectionActions
from reader.ui.library.header import LibraryHeader
from reader.ui.library.keys import LIBRARY_BINDINGS, LIBRARY_SEQUENCES
from reader.ui.library.listing import list_rows, starting_filter
from reader.ui.library.messages import Found, LibraryChanged, Listed
from reader.ui.library.results import LibraryResults
from reader.ui.library.rows import SORT_LABELS, count_label
from reader.ui.library.session import LibrarySession
from reader.ui.library.table import LibraryTable
from reader.ui.messages import ReadFromLibrary, ShowAllNotes
from reader.ui.navigation import ScreenKind, reading_below
from reader.ui.widgets.search_bar import SearchBar

FIRST_ROWS = 200
"""Rows fetched first, so the list shows at once; the rest follows."""
CHUNK_ROWS = 2500
SEARCH_LIMIT = 100
NOTICE_SECONDS = 6
_SORTS = list(SortOrder)


class LibraryScreen(CollectionActions, Screen[None]):
    KIND = ScreenKind.LIBRARY
    BINDING_GROUP_TITLE = "Library"
    AUTO_FOCUS = "LibraryTable"
    BINDINGS = LIBRARY_BINDINGS
    DEFAULT_CSS = """
    LibraryScreen {
        #library-results { display: none; }
        &.-searching #library-results { display: block; }
        &.-searching #library-table { display: none; }
    }
    """

    def __init__(self, settings: Settings, session: LibrarySession) -> None:
        super().__init__()
        self.settings = settings
        self.session = session
        remembered = load_state(settings.resolved_data_dir()).get("library_sort")
        self.sort = SortOrder(remembered) if remembered in set(SortOrder) else SortOrder.RECENT
        self.filter: LibraryFilter | None = None
        """What is listed (read/archived/starred, tag, sort); None until the store says
        which was used last."""
        self.total: int | None = 0
        """Articles in the library (None while they are being counted)."""
        self._first: list[LibraryEntry] = []
        self._first_items: dict[int, LibraryItem] = {}
        self.deleted: list[tuple[int, str]] = []
        """The undo stack: (article id, title), newest last."""
        self._keys = KeySequences(LIBRARY_SEQUENCES)
        self._open_when_found: str | None = None
        """A query whose Enter came before its results: open its top hit on arrival."""
        self._found_query: str | None = None
        """The query whose results are shown."""
        """A query whose Enter came before its results: open its top hit on arrival."""
        self.table = LibraryTable(id="library-table")
        self.results = LibraryResults(id="library-results")
        self.search_bar = SearchBar(cursor_blink=settings.reading.cursor_blink, id="library-search")
        self.header = LibraryHeader(id="library-header")

    def compose(self) -> ComposeResult:
        yield self.header
        yield self.search_bar
        yield self.table
        yield self.results
        yield Footer(compact=True)

    @classmethod
    def opening(cls, settings: Settings, session: LibrarySession) -> LibraryScreen | None:
        """The library as the app's first screen, its first rows read at once (a
        single small query) so they are in the first frame; None when it is empty or
        cannot be used."""
        store = session.store
        if store is None:
            return None
        screen = cls(settings, session)
        try:
            if not store.articles.count() and not store.queue.pending(limit=1):
                return None
            screen.filter = starting_filter(store, screen.sort)
            screen._first, screen._first_items = list_rows(store, screen.filter, FIRST_ROWS)
        except StoreError:
            return None
        return screen

    def on_mount(self) -> None:
        self.search_bar.input.placeholder = 'search every article (words, "a phrase")'
        self.table.set_empty_text("Loading the library …")
        if self.filter is not None:
            first, self._first = self._first, []
            self.total = len(first) if len(first) < FIRST_ROWS else None
            self.table.set_entries(first, items=self._first_items)
            self._show_summary()
            self._list(self.filter, None, (first, self._first_items))
        else:
            self.reload()

    def on_screen_resume(self) -> None:
        # Back from reading: progress and notes may have changed.
        if self.table.entries:
            self.reload()

    # --- listing ---------------------------------------------------------------------

    def _refresh_from_store(self, keep: int | None) -> None:
        """After a change: the list, the count and any search shown are read again,
        so they always say what the library holds."""
        self.reload(keep=keep)
        query = self.search_bar.query_text
        if self.has_class("-searching") and query.strip():
            self._search(query)

    def reload(self, keep: int | None = None) -> None:
        current = self.table.current
        self._list(self.filter, keep if keep is not None else (current.id if current else None))

    @work(thread=True, exclusive=True, exit_on_error=False, group="library-list")
    def _list(
        self,
        filter: LibraryFilter | None,
        keep: int | None,
        first: tuple[list[LibraryEntry], dict[int, LibraryItem]] | None = None,
    ) -> None:
        """The first screenful of rows (unless read already), at once; the rest is
        asked for once they show."""
        store = self.session.store
        if store is None:
            self.post_message(Listed([], 0, filter or LibraryFilter(), keep, True, {}))
            return
        if filter is None:
            filter = starting_filter(store, self.sort)
        entries, items = first or list_rows(store, filter, FIRST_ROWS)
        complete = len(items) < FIRST_ROWS
        if not get_current_worker().is_cancelled:
            total = len(entries) if complete else None
            self.post_message(Listed(entries, total, filter, keep, complete, items))

    @work(thread=True, exclusive=True, exit_on_error=False, group="library-list")
    def _list_all(self, filter: LibraryFilter) -> None:
        store = self.session.store
        worker = get_current_worker()
        if store is None or worker.is_cancelled:
            return
        entries: list[LibraryEntry] = []
        items: dict[int, LibraryItem] = {}
        while not worker.is_cancelled:
            chunk, chunk_items = list_rows(store, filter, CHUNK_ROWS, offset=len(items))
            entries.extend(chunk)
            items.update(chunk_items)
            if len(chunk_items) < CHUNK_ROWS:
                break
            # Building rows is Python work that holds the interpreter lock: let the
            # event loop have it between chunks, so keys are answered meanwhile.
            time.sleep(0.002)
        if not worker.is_cancelled:
            self.post_message(Listed(entries, len(entries), filter, None, True, items))

    @on(Listed)
    def _listed(self, message: Listed) -> None:
        if self.filter is None:
            self.filter = message.filter
        elif message.filter != self.filter:
            return
        self.total = message.total
        self.table.set_entries(message.entries, keep=message.keep, items=message.items)
        if not message.complete:
            # Once the first rows are on screen (not before: both want the interpreter).
            self.call_after_refresh(self._list_all, message.filter)
        self._show_summary()
        narrowed = message.filter.state is not StateFilter.ALL or message.filter.tag
        if not message.entries and narrowed and self.session.store is not None:
            self.table.set_empty_text(
                f"Nothing here ({self._filter_label().rstrip(' ·')}).",
                "Press f for the other lists, # for another tag.",
            )
        elif not message.entries:
            problem = self.session.problem if self.session.store is None else None
            self.table.set_empty_text(
                *(
                    [problem]
                    if problem
                    else [
                        "The library is empty.",
                        "Press a to add a saved page or a URL,",
                        "or add many at once with: reader import DIR",
                    ]
                )
            )

    def _show_summary(self) -> None:
        counted = f"{count_label(self.total)} · " if self.total is not None else ""
        if self.has_class("-searching") and self.search_bar.query_text.strip():
            found = len(self.results.hits)
            more = "+" if found >= SEARCH_LIMIT else ""
            text = f"{found}{more} match{'es' if found != 1 else ''}"
            if self.total is not None:
                text += f" in {count_label(self.total)}"
        else:
            text = f"{counted}{self._filter_label()}by {SORT_LABELS[self.sort]}"
        self.header.set_summary(text)
        problem = self.session.problem
        self.header.set_warning("read-only" if problem and self.session.store else "")

    # --- sorting ---------------------------------------------------------------------

    def action_sort(self, order: str) -> None:
        self.sort = SortOrder(order)
        save_state(self.settings.resolved_data_dir(), library_sort=self.sort.value)
        if self.filter is not None:
            self.set_filter(replace(self.filter, sort=self.sort))
            return
        self._show_summary()
        self.reload()

    def action_cycle_sort(self) -> None:
        self.action_sort(_SORTS[(_SORTS.index(self.sort) + 1) % len(_SORTS)].value)

    # --- search ----------------------------------------------------------------------

    def action_search(self) -> None:
        self.add_class("-searching")
        self.search_bar.open()
        self._search_changed(SearchBar.Changed(self.search_bar.query_text))

    @on(SearchBar.Changed)
    def _search_changed(self, event: SearchBar.Changed) -> None:
        if not event.query.strip():
            self.results.show_hits([])
            self._show_summary()
            return
        self._search(event.query)

    @work(thread=True, exclusive=True, exit_on_error=False, group="library-search")
    def _search(self, query: str) -> None:
        store = self.session.store
        hits = store.articles.search(query, limit=SEARCH_LIMIT) if store else []
        if not get_current_worker().is_cancelled:
            self.post_message(Found(query, hits))

    @on(Found)
    def _found(self, message: Found) -> None:
        if message.query != self.search_bar.query_text:
            return  # typed on since
        self.results.show_hits(message.hits, message.query)
        self._found_query = message.query
        count = len(message.hits)
        self.search_bar.set_count(0, count)
        self._show_summary()
        if self._open_when_found == message.query:
            self._open_when_found = None
            self._open_top_hit()

    @on(SearchBar.Submitted)
    def _search_submitted(self, event: SearchBar.Submitted) -> None:
        """Enter opens the top hit (once the search for what was typed is in, when
        Enter came first)."""
        query = event.query
        if not query.strip():
            return
        if self._found_query == query:
            self._open_top_hit()
        else:
            self._open_when_found = query

    def _open_top_hit(self) -> None:
        hit = self.results.current or (self.results.hits[0] if self.results.hits else None)
        if hit is None:
            self.notify("Nothing found.", timeout=3, markup=False)
            return
        self.open_entry(hit.source, self.results.query)

    @on(SearchBar.Cancelled)
    def _search_cancelled(self) -> None:
        self.close_search()

    def close_search(self) -> None:
        self.search_bar.close()
        self.remove_class("-searching")
        self.results.show_hits([])
        self._show_summary()
        self.table.focus()

    def action_escape(self) -> None:
        if self._keys.pending:
            self._keys.cancel()
            self.header.set_status("")
        elif self.has_class("-searching"):
            self.close_search()

    def _sequence_expired(self, generation: int) -> None:
        if self._keys.expire(generation):
            self.header.set_status("")

    # --- opening ---------------------------------------------------------------------

    @on(LibraryTable.Chosen)
    def _chosen(self, event: LibraryTable.Chosen) -> None:
        if event.entry.id < 0:
            self.fetch_queued(event.entry.source)
        else:
            self.open_entry(event.entry.source)

    @on(OptionList.OptionSelected, "#library-results")
    def _hit_chosen(self, event: OptionList.OptionSelected) -> None:
        hit = self.results.current
        if hit is not None:
            self.open_entry(hit.source, self.results.query)

    def open_entry(self, source: str, query: str = "") -> None:
        """Read ``source``; ``query`` (the library search that found it) is searched
        for in the article, so its matches are highlighted and ``n`` steps through
        them."""
        self.post_message(ReadFromLibrary(source, query))

    def action_all_notes(self) -> None:
        self.post_message(ShowAllNotes())

    def action_back(self) -> None:
        if reading_below(self.app, self):
            self.app.pop_screen()

    # --- deleting and undoing ----------------------------------------------------------

    def _target(self) -> tuple[int, str] | None:
        """The article the delete keys act on: the hit or row under the cursor."""
        if self.has_class("-searching") and self.results.hits:
            hit = self.results.current
            return (hit.article_id, hit.title or clean_line(hit.source)) if hit else None
        entry = self.table.current
        return (entry.id, entry.display_title) if entry else None

    def action_delete(self) -> None:
        target = self._target()
        if target is None or target[0] < 0:  # a queued page is not in the library yet
            self.notify("Nothing to delete.", timeout=3, markup=False)
            return
        self._change("delete", *target)

    def action_undo(self) -> None:
        if not self.deleted:
            self.notify("Nothing to undo.", timeout=3, markup=False)
            return
        self._change("restore", *self.deleted.pop())

    @work(thread=True, exit_on_error=False, group="library-change")
    def _change(self, action: str, article_id: int, title: str) -> None:
        store = self.session.store
        if store is None:
            raise ReaderError(self.session.problem or "the library cannot be used")
        done = (
            store.articles.delete(article_id)
            if action == "delete"
            else store.articles.restore(article_id)
        )
        self.post_message(LibraryChanged(action, article_id, title, already=not done))

    @on(LibraryChanged)
    def _changed(self, message: LibraryChanged) -> None:
        title = message.title
        if message.action == "delete":
            if not message.already:
                self.deleted.append((message.article_id, title))
            self.results.drop(message.article_id)
            entries = [e for e in self.table.entries if e.id != message.article_id]
            if self.total is not None:
                self.total = max(0, self.total - (len(self.table.entries) - len(entries)))
            self.table.set_entries(entries)
            self._show_summary()
            self._refresh_from_store(keep=None)
            self.notify(
                f"Deleted “{title}”. Press u to undo.", timeout=NOTICE_SECONDS, markup=False
            )
        elif message.action == "restore":
            self._refresh_from_store(keep=message.article_id)
            self.notify(f"Restored “{title}”.", timeout=NOTICE_SECONDS, markup=False)
        else:
            self.header.set_status("")
            self.reload(keep=message.article_id)
            said = "Already in the library" if message.already else "Added"
            self.notify(f"{said}: “{title}”.", timeout=NOTICE_SECONDS, markup=False)

    # --- adding ----------------------------------------------------------------------

    def action_add(self) -> None:
        def chosen(source: str | None) -> None:
            if source:
                self.header.set_status(f"Adding {source} …")
                self._add(source)

        self.app.push_screen(
            add_page_prompt(cursor_blink=self.settings.reading.cursor_blink), chosen
        )

    @work(thread=True, exit_on_error=False, group="library-add")
    def _add(self, source: str) -> None:
        article_id, title, already = add_to_library(self.session, self.settings, source)
        self.post_message(LibraryChanged("add", article_id, title, already=already))

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state is not WorkerState.ERROR or not event.worker.group.startswith("library"):
            return
        error = event.worker.error
        if event.worker.group == "library-add":
            self.header.set_status("")
        reason = failure_reason(error, ["library"])
        if event.worker.group == "library-fetch":
            self.header.set_status("")
        whats = {"library-add": "Cannot add the page", "library-fetch": "Cannot fetch the page"}
        what = whats.get(event.worker.group, "Library")
        self.notify(f"{what}: {reason}", severity="error", timeout=NOTICE_SECONDS, markup=False)

    # --- keys ------------------------------------------------------------------------

    async def on_key(self, event: Key) -> None:
        if isinstance(self.focused, Input):
            if event.key == "down" and self.results.hits:
                # Down from the search field into the results (Enter opens the top hit).
                event.stop()
                self.results.focus()
            return
        if event.key == CANCEL_KEY:
            return
        step = self._keys.feed(key_char(event))
        if step.outcome is Outcome.IGNORED:
            return
        event.stop()
        event.prevent_default()
        self.header.set_status(self._keys.waiting_for())
        if step.outcome is Outcome.PENDING:
            generation = self._keys.generation
            self.set_timer(self._keys.timeout, lambda: self._sequence_expired(generation))
        if step.outcome is Outcome.MATCHED and step.action:
            await self.run_action(step.action)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "search":
            return not isinstance(self.focused, Input)
        if action == "back":
            return reading_below(self.app, self)
        return True

    def extra_key_help(self) -> list[KeyHelp]:
        return sequence_key_help(self, LIBRARY_SEQUENCES)

    def palette_entries(self) -> list[KeyHelp]:
        keymap = resolve_keymap(self.settings.keymap).bindings
        return [
            *node_key_help(self.table, keymap),
            *node_key_help(self, keymap),
            *sequence_key_help(self, LIBRARY_SEQUENCES),
            *node_key_help(self.app, keymap),
        ]
