"""The reading screen: header, sidebar, the article view, search and link-hint lines.

The screen owns what is being read (the article, the page list, the back history);
widgets below it report what the reader asked for with messages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual import events, on, work
from textual.app import ComposeResult
from textual.css.query import NoMatches
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import MountError
from textual.widgets import Footer, Input
from textual.worker import Worker, WorkerState, get_current_worker

from reader.app_state import load_state, save_state
from reader.config import Settings
from reader.errors import ReaderError
from reader.history import History, Visit
from reader.images.terminal import figure_rows
from reader.models import Article
from reader.sanitize import clean_line
from reader.ui.article_view.keys import VIEW_SEQUENCES
from reader.ui.article_view.view import ArticleView
from reader.ui.dialogs.link_list import ImageLink, LinkLike, LinkListScreen
from reader.ui.dialogs.message import MessageScreen
from reader.ui.feedback import Feedback
from reader.ui.image_viewer.graphics import prepared
from reader.ui.keyhelp import KeyHelp, node_key_help, sequence_key_help
from reader.ui.keymap import resolve_keymap
from reader.ui.keyseq import SequencePending
from reader.ui.library.session import LibrarySession
from reader.ui.messages import ArticleReady, GiveUp, ShowLibrary
from reader.ui.navigation import ScreenKind, library_below, picker_below
from reader.ui.reading.analysis import AnalysisPanel, AnalysisUpdate
from reader.ui.reading.collection import PageCollection
from reader.ui.reading.copying import Copier, text_to_copy
from reader.ui.reading.figures import FigureOpener, image_links
from reader.ui.reading.header import ArticleHeader
from reader.ui.reading.hint_bar import LinkHintBar
from reader.ui.reading.keys import ANNOTATION_ACTIONS, READING_BINDINGS
from reader.ui.reading.links import LinkOpener
from reader.ui.reading.notes.actions import AnnotationActions
from reader.ui.reading.notes.controller import Annotations
from reader.ui.reading.pending_keys import PendingKeysLine
from reader.ui.reading.position import LibraryControl
from reader.ui.reading.search import SearchController
from reader.ui.reading.sidebar.contents import ContentsPane
from reader.ui.reading.sidebar.dates import DatesPane
from reader.ui.reading.sidebar.entities import EntitiesPane
from reader.ui.reading.sidebar.sidebar import Sidebar, SidebarPane
from reader.ui.reading.sidebar.sizing import MIN_WIDTH, STEP, fit
from reader.ui.reading.stepping import StepChoice
from reader.ui.reading.whole_page import WholePageSwitch, opening_notice
from reader.ui.widgets.search_bar import SearchBar

PageSource = str | Article
"""A page to read: a path or URL, or an article already read (e.g. from stdin)."""


def source_name(source: PageSource) -> str:
    return source.source if isinstance(source, Article) else source


class ReadingScreen(AnnotationActions, Screen[None]):
    KIND = ScreenKind.READING
    BINDING_GROUP_TITLE = "Reading"
    AUTO_FOCUS = "ArticleView"

    BINDINGS = READING_BINDINGS

    sidebar_open: reactive[bool] = reactive(False, init=False)

    def __init__(
        self,
        pages: Sequence[PageSource],
        settings: Settings,
        session: LibrarySession | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.pages: list[PageSource] = list(pages)
        self.page_index = 0
        self.source = ""
        """The page being read (path or URL); empty before the first one is shown."""
        self.article: Article | None = None
        self.history = History()
        self.search_on_open = ""
        """A search to go on with in the first page shown (the library's, when the
        page was opened from its results)."""
        self.passage_on_open: int | None = None
        """Where to put the passage cursor in the first page shown (a highlight chosen
        among all the library's notes)."""
        self._loading: tuple[str, bool] | None = None
        self.fully_mounted = False
        """True once the parts mounted after the first paint are in place."""
        reading = settings.reading
        self.view = ArticleView(id="article")
        self.view.measure = reading.measure
        self.view.figure_rows = figure_rows(reading.images)
        self.view.graphics = prepared()
        self.view.title_block = True
        self.view.link_numbers = reading.link_numbers
        self.search_bar = SearchBar(cursor_blink=reading.cursor_blink, id="search-bar")
        self.hint_bar = LinkHintBar(cursor_blink=reading.cursor_blink, id="hint-bar")
        self.pending_keys = PendingKeysLine(id="pending-keys")
        feedback = Feedback(say=self.say, ask=self._ask, bell=self._bell)
        self.search = SearchController(self.view, self.search_bar, self.say)
        self.links = LinkOpener(self)
        self.figures = FigureOpener(self)
        self.copier = Copier(lambda text: self.app.copy_to_clipboard(text), self.say)
        self.library = LibraryControl(self.view, session, settings)
        """Pages open through the library, which keeps their reading position."""
        self.analysis = AnalysisPanel(
            self.view,
            self.say,
            settings.analysis,
            data_dir=settings.resolved_data_dir(),
            cursor_blink=reading.cursor_blink,
        )
        self.steps = StepChoice(self.search)
        """What n/N step through: search matches or an entity's mentions."""
        self.whole_page = WholePageSwitch(self.history, self.open_page, self.action_back, self.say)
        """``W``: the whole page as text, and back to the article."""
        self.annotations = Annotations(self.view, feedback, session, settings)
        """Marks, bookmarks, the passage cursor, highlights and notes."""
        self.collection = PageCollection(
            self.annotations.queue, feedback, session, reading.cursor_blink
        )
        """The page's tags and read/archived/starred state."""
        panes = (*self.analysis.panes, *self.annotations.panes)
        self.sidebar = Sidebar(ContentsPane(), *panes, id="sidebar")
        remembered = load_state(settings.resolved_data_dir()).get("sidebar_width")
        self.sidebar_choice: int | None = (
            remembered if isinstance(remembered, int) and remembered > 0 else None
        ) or (reading.sidebar_width or None)
        """The width the reader chose (None: the sidebar follows the terminal)."""

    def say(self, text: str, *, timeout: float = 3, severity: str = "information") -> None:
        """One line of plain text for the reader (page text is never markup)."""
        self.notify(text, timeout=timeout, severity=severity, markup=False)  # type: ignore[arg-type]

    def _ask(self, dialog: Screen[Any], answered: Callable[[Any], None]) -> None:
        self.app.push_screen(dialog, answered)

    def _bell(self) -> None:
        self.app.bell()

    # --- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # No container around the view: one with a horizontal layout made the first
        # paint ~2 ms (15%) slower. The sidebar docks beside the view instead.
        yield ArticleHeader(id="header")
        yield self.view

    async def _mount_the_rest(self) -> None:
        """The article paints first; what starts hidden (sidebar, search and link-number
        lines) and the footer are mounted just after, off the first-paint path."""
        try:
            await self.mount(self.sidebar, before=self.view)
            await self.mount_all(
                [self.search_bar, self.hint_bar, Footer(compact=True), self.pending_keys]
            )
        except (MountError, NoMatches):
            return  # the app is already leaving (a first page that failed at once)
        self.fully_mounted = True
        self.refresh_bindings()  # a footer mounted late waits for this to list the keys

    def on_mount(self) -> None:
        self.call_after_refresh(self._mount_the_rest)
        self.sidebar_open = self.settings.reading.sidebar
        if not self.pages:
            return
        first = self.pages[0]
        if isinstance(first, Article):
            self.show_article(first.source, first)
        else:
            self.open_page(first, remember=False)

    def on_resize(self, event: events.Resize) -> None:
        self._fit_sidebar()

    def _fit_sidebar(self) -> None:
        """Size the sidebar for the terminal: beside the article, or over it when the
        terminal is narrow."""
        sidebar_fit = fit(self.size.width, self.sidebar_choice)
        self.sidebar.styles.width = sidebar_fit.width
        # Over the article it spans the rows between the header and the footer.
        self.sidebar.styles.height = max(1, self.size.height - 2) if sidebar_fit.overlay else None
        self.set_class(sidebar_fit.overlay, "-sidebar-over")

    def resize_sidebar(self, width: int) -> None:
        """The reader chose a width (by key or by dragging the edge): kept, remembered."""
        self.sidebar_choice = max(MIN_WIDTH, width)
        self._fit_sidebar()
        save_state(self.settings.resolved_data_dir(), sidebar_width=self.sidebar_choice)

    @on(Sidebar.Resized)
    def _sidebar_dragged(self, event: Sidebar.Resized) -> None:
        self.resize_sidebar(event.width)

    def action_entities_tab(self) -> None:
        self._analysis_tab(self.analysis.entities)

    def action_dates_tab(self) -> None:
        self._analysis_tab(self.analysis.dates)

    def _analysis_tab(self, pane: SidebarPane) -> None:
        if not self.analysis.enabled:
            self.say("Entities and dates are switched off ([analysis] enabled = false).")
            return
        self._tab(pane)

    def action_sidebar_wider(self) -> None:
        self.sidebar_open = True
        self.resize_sidebar(self.sidebar.outer_size.width + STEP)

    def action_sidebar_narrower(self) -> None:
        self.sidebar_open = True
        self.resize_sidebar(self.sidebar.outer_size.width - STEP)

    def watch_sidebar_open(self, open_: bool) -> None:
        self._fit_sidebar()
        self.set_class(open_, "-sidebar")
        if open_:
            self.sidebar.show_position(self.top_offset())
        elif self.focused is not None and self.sidebar in self.focused.ancestors:
            self.view.focus()

    # --- loading ---------------------------------------------------------------------

    def open_page(
        self, page: PageSource, *, remember: bool = True, public_only: bool = False
    ) -> None:
        """Show ``page``; reading a file or URL happens in a worker thread.
        ``public_only``: a link the page chose, fetched from public addresses only."""
        if isinstance(page, Article):
            self.post_message(ArticleReady(page.source, page, remember))
            return
        self._loading = (page, remember)
        if self.article is None:
            self.query_one(ArticleHeader).show_status(f"Loading {page} …")
        self.view.loading = True
        self._load(page, remember, public_only)

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def _load(self, source: str, remember: bool, public_only: bool) -> None:
        from reader.loaders.fetch_guard import public_only as only_public_addresses

        with only_public_addresses(public_only):
            article = self.library.read(source)
        if not get_current_worker().is_cancelled:
            self.post_message(ArticleReady(source, article, remember))

    @on(ArticleReady)
    def _article_ready(self, message: ArticleReady) -> None:
        self._loading = None
        self.view.loading = False
        if message.remember and self.article is not None:
            self.history.push(Visit(self.source, self.article, self.top_offset()))
        self.show_article(message.source, message.article)

    @on(Worker.StateChanged)
    def _worker_state(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "load" or event.state is not WorkerState.ERROR:
            return
        source = self._loading[0] if self._loading else ""
        self._loading = None
        self.view.loading = False
        self.load_failed(source, event.worker.error)

    def load_failed(self, source: str, error: BaseException | None) -> None:
        if isinstance(error, ReaderError):
            reason = clean_line(str(error))
        else:
            from reader.crashlog import log_crash

            where = log_crash(error or RuntimeError("unknown"), [source])
            reason = f"internal error ({type(error).__name__}); details in {where}"
        self.app.log.error(f"cannot open {source}: {reason}")
        if self.article is None:
            self.query_one(ArticleHeader).show_status("")
        self.app.push_screen(
            MessageScreen("Cannot open page", reason, clean_line(source)),
            callback=lambda _: self._after_failure(reason),
        )

    def _after_failure(self, reason: str) -> None:
        if self.article is not None:
            return
        # Nothing is shown yet: try the next page named, or give up like the CLI would.
        if self.page_index + 1 < len(self.pages):
            self.page_index += 1
            self.open_page(self.pages[self.page_index], remember=False)
        else:
            self.post_message(GiveUp(reason))

    def show_article(self, source: str, article: Article, offset: int | None = None) -> None:
        passage, self.passage_on_open = self.passage_on_open, None
        if passage is not None and offset is None:
            offset = passage
        self.library.leave()
        self.source, self.article = source, article
        self.search.reset()
        self._close_hints()
        listed = len(self.pages) > 1 and source_name(self.pages[self.page_index]) == source
        page = f"{self.page_index + 1}/{len(self.pages)}" if listed else ""
        self.query_one(ArticleHeader).show_article(article, page)
        self.view.show(article, self.library.pictures(source))
        # After show(): resuming scrolls the view (kept by it until it is laid out).
        self.library.enter(source, article, resume=offset is None)
        self.annotations.show(article, self.library.article_id)
        self.sidebar.show_article(article, self.view.sections())
        self.analysis.start(article)
        if offset:
            self.view.scroll_to_offset(offset)
        if self.search_on_open:
            query, self.search_on_open = self.search_on_open, ""
            if self.search.carry(query):
                self.steps.choose(self.search)
        if passage is not None:
            self.view.cursor = passage
            self.annotations.cursor.show_at(passage)
        if notice := opening_notice(article):
            self.say(notice, timeout=6)
        self.refresh_bindings()

    def top_offset(self) -> int:
        return self.view.top_offset() if self.article is not None else 0

    # --- view events -----------------------------------------------------------------

    @on(ArticleView.PositionChanged)
    def _position(self, event: ArticleView.PositionChanged) -> None:
        self._show_progress()
        self.library.moved()
        if self.sidebar_open:
            self.sidebar.show_position(event.top_offset)

    @on(ArticleView.LayoutReady)
    def _layout_ready(self) -> None:
        self._show_progress()
        self.library.layout_ready()
        self.analysis.layout_ready()

    def _show_progress(self) -> None:
        view = self.view
        fraction = 1.0 if view.max_scroll_y <= 0 else view.scroll_y / view.max_scroll_y
        self.query_one(ArticleHeader).set_progress(fraction)

    @on(SequencePending)
    def _sequence_pending(self, event: SequencePending) -> None:
        self.query_one(ArticleHeader).set_pending(clean_line(event.keys))
        if self.pending_keys.is_mounted:
            self.pending_keys.show_pending(event.waiting_for)

    @on(ArticleView.FigureChosen)
    def _figure_chosen(self, event: ArticleView.FigureChosen) -> None:
        self.figures.open(event.block)

    def action_open_figure(self) -> None:
        self.figures.open_here()

    @on(ArticleView.LinkActivated)
    def _link_clicked(self, event: ArticleView.LinkActivated) -> None:
        self.links.open(event.href)

    @on(ContentsPane.SectionSelected)
    def _section_selected(self, event: ContentsPane.SectionSelected) -> None:
        self.view.scroll_to_section(event.section.id, expand=True)
        self.view.focus()

    # --- sidebar ---------------------------------------------------------------------

    def action_toggle_sidebar(self) -> None:
        self.sidebar_open = not self.sidebar_open

    def action_contents(self) -> None:
        if not self.sidebar.is_mounted:
            self.sidebar_open = True
            return
        contents = self.sidebar.pane(ContentsPane)
        if self.sidebar_open and self.focused is not None and contents in self.focused.ancestors:
            self.sidebar_open = False
            return
        self.sidebar_open = True
        contents.activate()
        contents.show_position(self.top_offset())
        contents.set_focus_within()

    def action_escape(self) -> None:
        """Esc: the first layer with something to undo takes it (the order is
        documented in ``reader.ui.reading.keys``): selection, passage cursor, link
        numbers, search or name highlights, chosen date, focus in the sidebar."""
        for layer in (
            self._escape_selection,
            self._escape_passage,
            self._escape_link_hints,
            self._escape_highlights,
            self._escape_date,
            self._escape_sidebar,
        ):
            if layer():
                return

    def _passage_has_keys(self) -> bool:
        return self.annotations.article is not None and self.focused is self.view

    def _escape_selection(self) -> bool:
        cursor = self.annotations.cursor
        if not (cursor.selecting and self._passage_has_keys()):
            return False
        cursor.toggle_selection()
        return True

    def _escape_passage(self) -> bool:
        cursor = self.annotations.cursor
        if not (cursor.shown and self._passage_has_keys()):
            return False
        cursor.leave()
        return True

    def _escape_link_hints(self) -> bool:
        if not self.view.hints:
            return False
        self._close_hints()
        return True

    def _escape_highlights(self) -> bool:
        return self.steps.reset_current()

    def _escape_date(self) -> bool:
        return self.analysis.marks.clear_date()

    def _escape_sidebar(self) -> bool:
        if self.focused is None or self.sidebar not in self.focused.ancestors:
            return False
        self.view.focus()
        return True

    # --- search ----------------------------------------------------------------------

    def action_search(self) -> None:
        self.search.start()

    @on(SearchBar.Changed)
    def _search_changed(self, event: SearchBar.Changed) -> None:
        query = event.query
        if query != self.search_bar.query_text or query == self.search.matches.query:
            return  # stale (typing went on) or in force already (taken at Enter)
        self._search_for(query)

    def _search_for(self, query: str) -> None:
        self.search.changed(query)
        self.steps.choose(self.search)

    @on(SearchBar.Submitted)
    def _search_submitted(self, event: SearchBar.Submitted) -> None:
        if event.query and event.query != self.search.matches.query:
            self._search_for(event.query)  # its last Changed may still be on the way
        self.search.submitted(event.query)

    @on(SearchBar.Cancelled)
    def _search_cancelled(self) -> None:
        self.search.cancelled()

    def action_next_match(self) -> None:
        self._step(forward=True)

    def action_previous_match(self) -> None:
        self._step(forward=False)

    def _step(self, forward: bool) -> None:
        if not self.search.hold(forward):
            self.steps.step(forward)

    # --- entities and dates (reader.ui.reading.analysis) --------------------------------

    @on(AnalysisUpdate)
    def _analysis_update(self, message: AnalysisUpdate) -> None:
        self.analysis.update(message)

    @on(EntitiesPane.EntitySelected)
    def _entity_selected(self, event: EntitiesPane.EntitySelected) -> None:
        self.analysis.select_entity(event.entity)
        self.steps.choose(self.analysis.marks)

    @on(DatesPane.DateSelected)
    def _date_selected(self, event: DatesPane.DateSelected) -> None:
        self.analysis.select_date(event.entry)

    # --- links -----------------------------------------------------------------------

    def action_link_hints(self, in_browser: bool = False) -> None:
        links = self.view.links() if self.article is not None else []
        if not links:
            self.notify("This page has no links.", timeout=3, markup=False)
            return
        if self.hint_bar.open(len(links), in_browser=in_browser):
            self.view.hints = True

    @on(LinkHintBar.Chosen)
    def _hint_chosen(self, event: LinkHintBar.Chosen) -> None:
        links = {link.number: link for link in self.view.links()}
        link = links.get(event.number)
        if link is None:
            self.notify(
                f"There is no link {event.number}.", severity="warning", timeout=3, markup=False
            )
            self.hint_bar.ask_again()
            return
        in_browser = self.hint_bar.in_browser
        self._close_hints()
        if not event.copy:
            self.links.open(link.href, in_browser=in_browser)
        elif link.href:
            self.copier.copy(link.href, f"the address of link {link.number}")
        else:
            self.say(f"Link {link.number} has no address.")

    @on(LinkHintBar.Cancelled)
    def _hints_cancelled(self) -> None:
        self._close_hints()

    def _close_hints(self) -> None:
        if not self.is_mounted:
            return
        self.view.hints = False
        bar = self.hint_bar
        if bar.has_class("-open"):
            bar.close()
            self.view.focus()

    def action_link_list(self) -> None:
        article = self.article
        links: list[LinkLike] = [*self.view.links(), *image_links(article)] if article else []
        if not links:
            self.notify("This page has no links.", timeout=3, markup=False)
            return

        dialog = LinkListScreen(links, cursor_blink=self.settings.reading.cursor_blink)

        def chosen(link: object) -> None:
            if isinstance(link, ImageLink):
                if not self.figures.chosen_in_list(link):
                    # The reader shows saved pictures only; one never saved is the
                    # browser's to fetch.
                    self.links.open(link.href, in_browser=True)
                return
            if link is not None:
                self.links.open(getattr(link, "href", None), in_browser=dialog.in_browser)

        self.app.push_screen(dialog, chosen)

    # --- copying (reader.ui.reading.copying) -----------------------------------------

    def action_copy(self) -> None:
        if self.hint_bar.has_class("-open"):
            self.hint_bar.action_copy()
            return
        cursor = self.annotations.cursor
        text = self.article.text if self.article is not None else ""
        chosen = text_to_copy(text, self.get_selected_text(), cursor.selection, cursor.current())
        self.copier.copy(chosen or "")

    def action_copy_text(self) -> None:
        # Textual's own ctrl+c (copy the mouse selection, else offer to quit) copies
        # here as y does.
        self.action_copy()

    # --- the page in the library (reader.ui.reading.collection) -------------------------

    def action_tags(self) -> None:
        title = self.article.title if self.article is not None else ""
        self.collection.ask_tags(self.library.article_id, title or self.source)

    def action_toggle_state(self, what: str) -> None:
        self.collection.toggle(self.library.article_id, what)

    # --- history and pages -----------------------------------------------------------

    def action_back(self) -> None:
        if self._loading is not None:
            self.workers.cancel_group(self, "load")
            self._loading = None
            self.view.loading = False
            self.notify("Stopped loading.", timeout=2, markup=False)
            return
        visit = self.history.pop()
        if visit is None:
            if library_below(self.app, self):
                # Back from the first page read here to the library it was opened from.
                self.library.leave()
                self.post_message(ShowLibrary())
            elif picker_below(self.app, self):
                self.app.pop_screen()  # back to the archive's list of pages
            else:
                self.notify("No earlier page.", timeout=2, markup=False)
            return
        self.show_article(visit.source, visit.article, visit.offset)

    def on_screen_suspend(self) -> None:
        self.library.save_now()

    def on_unmount(self) -> None:
        self.library.leave()
        self.annotations.wait()

    def action_whole_page(self) -> None:
        self.whole_page.toggle(self.source, self.article)

    def action_next_page(self) -> None:
        self._go_to_page(self.page_index + 1)

    def action_previous_page(self) -> None:
        self._go_to_page(self.page_index - 1)

    def _go_to_page(self, index: int) -> None:
        if not 0 <= index < len(self.pages):
            self.notify("No more pages.", timeout=2, markup=False)
            return
        self.page_index = index
        self.open_page(self.pages[index])

    # --- keys for help and the palette ------------------------------------------------

    def extra_key_help(self) -> list[KeyHelp]:
        """For the help screen: the view's key sequences, when the view has focus."""
        if self.focused is not self.view:
            return []
        return sequence_key_help(self.view, getattr(self.view, "KEY_SEQUENCES", VIEW_SEQUENCES))

    def palette_entries(self) -> list[KeyHelp]:
        """Everything the palette offers: the view's actions, this screen's, the app's."""
        keymap = resolve_keymap(self.settings.keymap).bindings
        view = self.view
        return [
            *node_key_help(view, keymap),
            *sequence_key_help(view, getattr(view, "KEY_SEQUENCES", VIEW_SEQUENCES)),
            *node_key_help(self, keymap),
            *node_key_help(self.app, keymap),
        ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ANNOTATION_ACTIONS:
            return self.check_annotation_action(action)
        if action in ("next_page", "previous_page"):
            return len(self.pages) > 1
        if action == "whole_page":
            return self.article is not None
        # Priority bindings: inside an input these keys are text. (Textual's own filter
        # misses "slash", whose character it cannot name.)
        return not (action in ("search", "link_hints") and isinstance(self.focused, Input))
