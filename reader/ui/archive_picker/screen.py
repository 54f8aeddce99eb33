"""ArchivePicker: the HTML pages of a WARC/WACZ archive (title, URL, capture date), a
filter box, and Enter to read one. The archive is listed in a worker, with progress
(a large one takes a while); a page is extracted from the archive only (its images
and other resources too), never fetched, and kept in the library under its URL.
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
from reader.errors import ReaderError
from reader.loaders.names import display_name
from reader.loaders.webarchive import Capture, ListingStopped
from reader.sanitize import clean_line
from reader.ui.archive_picker.keys import PICKER_BINDINGS
from reader.ui.archive_picker.rows import capture_prompt, haystack, matching_indexes
from reader.ui.keyhelp import KeyHelp, node_key_help
from reader.ui.library.session import LibrarySession
from reader.ui.list_keys import list_keys
from reader.ui.messages import GiveUp, ReadArticle, ReadFromLibrary
from reader.ui.navigation import ScreenKind


@dataclass
class ListingProgress(Message):
    records: int
    pages: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, ListingProgress)


@dataclass
class Listed(Message):
    pages: list[Capture]


class CaptureList(OptionList):
    BINDING_GROUP_TITLE = "Pages"
    BINDINGS = list_keys("archive")


class ArchivePicker(Screen[None]):
    KIND = ScreenKind.ARCHIVE
    BINDING_GROUP_TITLE = "Web archive"
    AUTO_FOCUS = "CaptureList"
    BINDINGS = PICKER_BINDINGS
    DEFAULT_CSS = """
    ArchivePicker {
        #archive-header { height: 1; background: $panel; padding: 0 1; }
        #archive-filter { border: none; height: 1; padding: 0 1; }
        CaptureList, CaptureList:focus { height: 1fr; border: none; background: $background; }
        CaptureList > .option-list--option { padding: 0 1; }
    }
    """

    def __init__(self, archive: str, settings: Settings, session: LibrarySession) -> None:
        super().__init__()
        self.archive = archive
        self.settings = settings
        self.session = session
        self.pages: list[Capture] | None = None
        """Every HTML capture (None while the archive is being read)."""
        self.shown: list[Capture] = []
        self._options: list[Option] = []
        """One option per page, made once: the filter only chooses among them."""
        self._haystacks: list[str] = []
        self.header = Static("", id="archive-header", markup=False)
        self.filter_input = Input(placeholder="filter by title or URL", id="archive-filter")
        self.filter_input.cursor_blink = settings.reading.cursor_blink
        self.list = CaptureList(id="archive-pages")

    def compose(self) -> ComposeResult:
        yield self.header
        yield self.filter_input
        yield self.list
        yield Footer(compact=True)

    @property
    def name_shown(self) -> str:
        return clean_line(display_name(self.archive))

    def on_mount(self) -> None:
        self.header.update(f"{self.name_shown}  reading the archive …")
        self._list()

    # --- listing -------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="archive-list")
    def _list(self) -> None:
        from reader import service

        worker = get_current_worker()

        def progress(records: int, pages: int) -> None:
            if worker.is_cancelled:
                raise ListingStopped
            self.post_message(ListingProgress(records, pages))

        try:
            pages = service.list_pages(self.archive, progress)
        except ListingStopped:
            return
        self.post_message(Listed(pages))

    @on(ListingProgress)
    def _progress(self, message: ListingProgress) -> None:
        if self.pages is None:
            self.header.update(
                f"{self.name_shown}  reading the archive … "
                f"{message.records:,} records, {message.pages:,} pages"
            )

    @on(Listed)
    def _listed(self, message: Listed) -> None:
        self.pages = message.pages
        self._options = [
            Option(capture_prompt(capture), id=str(number))
            for number, capture in enumerate(self.pages)
        ]
        self._haystacks = [haystack(capture) for capture in self.pages]
        self._show()

    def _show(self) -> None:
        pages = self.pages or []
        chosen = matching_indexes(self._haystacks, self.filter_input.value)
        self.shown = [pages[index] for index in chosen]
        self.list.set_options(self._options[index] for index in chosen)
        if self.shown:
            self.list.highlighted = 0
        count = f"{len(pages):,} page{'s' if len(pages) != 1 else ''}"
        if self.filter_input.value.strip():
            count = f"{len(self.shown):,} of {count}"
        empty = "" if pages else " · no HTML pages in this archive"
        self.header.update(f"{self.name_shown}  {count}{empty}")

    @on(Worker.StateChanged)
    def _failed(self, event: Worker.StateChanged) -> None:
        if event.state is not WorkerState.ERROR or not event.worker.group.startswith("archive"):
            return
        error = event.worker.error
        reason = (
            clean_line(str(error))
            if isinstance(error, ReaderError)
            else failure_reason(error, [self.archive])
        )
        if event.worker.group == "archive-list" and self._first_screen:
            self.post_message(GiveUp(reason))
            return
        self.header.update(f"{self.name_shown}  {reason}")
        self.notify(reason, severity="error", timeout=6, markup=False)

    # --- filtering -----------------------------------------------------------------------

    def action_filter(self) -> None:
        self.add_class("-filtering")
        self.set_focus(self.filter_input)  # now: the keys typed next are for it

    @on(Input.Changed, "#archive-filter")
    def _filter_changed(self) -> None:
        if self.pages is not None:
            self._show()

    @on(Input.Submitted, "#archive-filter")
    def _filter_submitted(self) -> None:
        if self.shown:
            self.list.focus()
            self._open(self.shown[0])

    async def on_key(self, event: Key) -> None:
        if self.focused is self.filter_input and event.key == "down" and self.shown:
            event.stop()
            self.list.focus()

    def action_close(self) -> None:
        if self.filter_input.value or self.focused is self.filter_input:
            self.filter_input.value = ""
            self.remove_class("-filtering")
            self.list.focus()
        elif self._first_screen:
            self.app.exit()
        else:
            self.dismiss()

    @property
    def _first_screen(self) -> bool:
        return self.app.screen_stack[:1] == [self]

    # --- opening -------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#archive-pages")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        index = event.option_index
        if 0 <= index < len(self.shown):
            self._open(self.shown[index])

    def _open(self, capture: Capture) -> None:
        self.header.update(f"{self.name_shown}  opening {clean_line(capture.url)} …")
        self._read(capture)

    @work(thread=True, exclusive=True, exit_on_error=False, group="archive-open")
    def _read(self, capture: Capture) -> None:
        from reader import service

        store = self.session.store
        if store is not None and not store.read_only:
            service.open_capture(self.archive, capture, self.settings, store)
            if store.articles.get_by_source(capture.url) is not None:
                # The reading screen reads it back from the library (never fetched).
                self.post_message(ReadFromLibrary(capture.url))
                self.app.call_from_thread(self._show)
                return
        article = service.load_page(self.archive, capture, self.settings)
        self.post_message(ReadArticle(article))
        self.app.call_from_thread(self._show)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "filter":
            return self.focused is not self.filter_input
        return True

    def palette_entries(self) -> list[KeyHelp]:
        keymap = dict(self.settings.keymap)
        return [
            *node_key_help(self.list, keymap),
            *node_key_help(self, keymap),
            *node_key_help(self.app, keymap),
        ]
