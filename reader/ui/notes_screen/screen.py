"""AllNotesScreen: every highlight and note in the library, newest first, narrowed to
one article or one tag, searched (quotes and notes, full text); Enter reads the
article with the passage cursor on the highlight.

The store is asked from a thread worker (each new question cancels the last); the
answer comes back as a message.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.events import Key
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState, get_current_worker

from reader.config import Settings
from reader.crashlog import failure_reason
from reader.sanitize import clean_line
from reader.store.all_notes import NoteRow
from reader.store.library import clean_tag
from reader.ui.keyhelp import KeyHelp, node_key_help
from reader.ui.library.session import LibrarySession
from reader.ui.list_keys import list_keys
from reader.ui.messages import ReadFromLibrary
from reader.ui.notes_screen.keys import NOTES_BINDINGS
from reader.ui.notes_screen.rows import note_prompt

LIMIT = 500
"""Highlights listed at once (the newest; a search narrows them)."""


@dataclass(frozen=True, slots=True)
class NotesQuery:
    search: str = ""
    article_id: int | None = None
    article_title: str = ""
    tag: str | None = None


@dataclass
class NotesFound(Message):
    query: NotesQuery
    rows: list[NoteRow]
    total: int


class NotesList(OptionList):
    BINDING_GROUP_TITLE = "Notes"
    BINDINGS = list_keys("all-notes")


class AllNotesScreen(Screen[None]):
    BINDING_GROUP_TITLE = "All notes"
    AUTO_FOCUS = "NotesList"
    BINDINGS = NOTES_BINDINGS
    DEFAULT_CSS = """
    AllNotesScreen {
        #notes-header { height: 1; background: $panel; padding: 0 1; }
        #notes-search { border: none; height: 1; padding: 0 1; }
        NotesList, NotesList:focus { height: 1fr; border: none; background: $background; }
        NotesList > .option-list--option { padding: 0 1; }
        #notes-empty { color: $text-muted; padding: 1 2; display: none; }
        &.-empty #notes-empty { display: block; }
    }
    """

    def __init__(self, settings: Settings, session: LibrarySession) -> None:
        super().__init__()
        self.settings = settings
        self.session = session
        self.query_shown = NotesQuery()
        self.rows: list[NoteRow] = []
        self.total = 0
        self.header = Static("", id="notes-header", markup=False)
        self.search_input = Input(placeholder="search quotes and notes", id="notes-search")
        self.search_input.cursor_blink = settings.reading.cursor_blink
        self.list = NotesList(id="notes-list")

    def compose(self) -> ComposeResult:
        yield self.header
        yield self.search_input
        yield self.list
        yield Static("No highlights here.", id="notes-empty", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.header.update("Notes  loading …")
        self._ask(self.query_shown)

    # --- asking the store ----------------------------------------------------------------

    def _ask(self, query: NotesQuery) -> None:
        self.query_shown = query
        self._read(query)

    @work(thread=True, exclusive=True, exit_on_error=False, group="notes-list")
    def _read(self, query: NotesQuery) -> None:
        store = self.session.store
        if store is None:
            self.post_message(NotesFound(query, [], 0))
            return
        rows = store.notes.list(
            article_id=query.article_id, tag=query.tag, search=query.search or None, limit=LIMIT
        )
        total = store.notes.count()
        if not get_current_worker().is_cancelled:
            self.post_message(NotesFound(query, rows, total))

    @on(NotesFound)
    def _found(self, message: NotesFound) -> None:
        if message.query != self.query_shown:
            return  # asked something else since
        self.rows, self.total = message.rows, message.total
        self.list.set_options(
            Option(note_prompt(row), id=str(row.highlight.id)) for row in message.rows
        )
        if message.rows:
            self.list.highlighted = 0
        self.set_class(not message.rows, "-empty")
        self._show_header()

    def _show_header(self) -> None:
        query = self.query_shown
        shown = len(self.rows)
        parts = [f"{shown}{'+' if shown >= LIMIT else ''} of {self.total:,} highlights"]
        if query.article_id is not None:
            parts.append(f"in “{clean_line(query.article_title)}”")
        if query.tag:
            parts.append(f"#{clean_line(query.tag)}")
        if query.search.strip():
            parts.append(f"matching “{clean_line(query.search)}”")
        self.header.update("Notes  " + " · ".join(parts))

    @on(Worker.StateChanged)
    def _failed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and event.worker.group.startswith("notes"):
            reason = failure_reason(event.worker.error, ["notes"])
            self.notify(f"Notes: {reason}", severity="error", timeout=6, markup=False)

    # --- narrowing -----------------------------------------------------------------------

    @property
    def current(self) -> NoteRow | None:
        index = self.list.highlighted
        return self.rows[index] if index is not None and 0 <= index < len(self.rows) else None

    def action_search(self) -> None:
        self.add_class("-searching")
        self.set_focus(self.search_input)  # now: the keys typed next are for it

    @on(Input.Changed, "#notes-search")
    def _search_changed(self, event: Input.Changed) -> None:
        self._ask(NotesQuery(event.value, *self._narrowed()))

    def _narrowed(self) -> tuple[int | None, str, str | None]:
        query = self.query_shown
        return query.article_id, query.article_title, query.tag

    @on(Input.Submitted, "#notes-search")
    def _search_submitted(self) -> None:
        self.list.focus()

    def action_by_article(self) -> None:
        query = self.query_shown
        if query.article_id is not None:
            self._ask(NotesQuery(query.search, None, "", query.tag))
            return
        row = self.current
        if row is not None:
            title = row.article_title or row.article_source
            self._ask(NotesQuery(query.search, row.highlight.article_id, title, query.tag))

    def action_by_tag(self) -> None:
        self._tags()

    @work(thread=True, exit_on_error=False, group="notes-tags")
    def _tags(self) -> None:
        store = self.session.store
        known = [tag.name for tag in store.library.tags() if tag.count] if store else []
        self.app.call_from_thread(self._ask_tag, known)

    def _ask_tag(self, known: list[str]) -> None:
        from reader.ui.dialogs.tag_prompt import TagPrompt

        tag = self.query_shown.tag
        prompt = TagPrompt(
            "Notes of the articles tagged",
            [tag] if tag else [],
            known,
            help="One tag (empty: every article)",
            cursor_blink=self.settings.reading.cursor_blink,
        )

        def chosen(answer: str | None) -> None:
            if answer is not None:
                query = self.query_shown
                tag = clean_tag(answer.split(",")[0]) or None
                self._ask(NotesQuery(query.search, query.article_id, query.article_title, tag))

        self.app.push_screen(prompt, chosen)

    def action_close(self) -> None:
        query = self.query_shown
        if self.focused is self.search_input or query.search:
            self.search_input.value = ""  # asks again, without the search
            self.remove_class("-searching")
            self.list.focus()
        elif query.article_id is not None or query.tag:
            self._ask(NotesQuery())
        else:
            self.dismiss()

    # --- opening -------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#notes-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        row = self.current
        if row is None:
            return
        highlight = row.highlight
        if highlight.orphaned:
            self.notify(
                "This passage is not in the article's text any more.", timeout=4, markup=False
            )
        passage = None if highlight.orphaned else highlight.anchor.start
        self.post_message(ReadFromLibrary(row.article_source, passage=passage))

    async def on_key(self, event: Key) -> None:
        if self.focused is self.search_input and event.key == "down" and self.rows:
            event.stop()
            self.list.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("search", "by_article", "by_tag"):
            return self.focused is not self.search_input
        return True

    def palette_entries(self) -> list[KeyHelp]:
        keymap = dict(self.settings.keymap)
        return [
            *node_key_help(self.list, keymap),
            *node_key_help(self, keymap),
            *node_key_help(self.app, keymap),
        ]
