"""ReaderApp: themes, keymap and the first screen. Screens do the rest."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Sequence

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import BUILTIN_THEMES

from reader.app_state import load_state, save_state
from reader.config import Settings
from reader.config_warnings import config_warnings
from reader.locations import demo_page
from reader.sanitize import clean_line
from reader.ui.dialogs.help import HelpScreen
from reader.ui.keyhelp import active_key_help
from reader.ui.keymap import resolve_keymap
from reader.ui.library.session import LibrarySession
from reader.ui.messages import GiveUp, ReadArticle, ReadFromLibrary, ShowAllNotes, ShowLibrary
from reader.ui.navigation import library_hidden, library_index
from reader.ui.palette import ReaderCommands
from reader.ui.reading.screen import PageSource, ReadingScreen
from reader.ui.themes.loader import (
    ReaderTheme,
    ThemeFailure,
    choose_theme,
    complete_variables,
    load_themes,
    theme_directories,
)


class ReaderApp(App[None]):
    CSS_PATH = ["global.tcss", "app.tcss"]
    TITLE = "reader"
    BINDING_GROUP_TITLE = "Application"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit reader"),
        Binding(
            "question_mark,f1", "help", "Help", id="app.help", tooltip="Every key, where you are"
        ),
        Binding(
            "L",
            "library",
            "Library",
            show=False,
            id="app.library",
            tooltip="Every saved article",
        ),
    ]
    COMMANDS = App.COMMANDS | {ReaderCommands}

    def __init__(
        self,
        settings: Settings,
        pages: Sequence[PageSource] = (),
        theme: str | None = None,
        archive: str | None = None,
        library: LibrarySession | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.pages = list(pages)
        self.archive = archive
        """A web archive to pick a page from (``reader ARCHIVE``)."""
        self.failure: str | None = None
        """Why the app gave up (shown by the CLI on stderr after the screen is restored)."""
        self._startup_notices: list[str] = []
        keymap = resolve_keymap(settings.keymap)
        self.keymap = keymap.bindings
        """The user's key overrides by binding id, old ids translated."""
        self.keymap_notices = keymap.notices
        """One line per old binding id in the user's keymap (the CLI also prints them)."""
        self.config_notices = [clean_line(line) for line in config_warnings()]
        """One line per mistake in the config file (unknown keys and sections, keymap
        ids and clashes): shown once as a notice, printed by the CLI at exit."""
        self.library = library or LibrarySession(settings)
        """The library, opened on first use and closed at exit (or opened by the CLI
        before the app, to read the first page back before Textual loads)."""
        self.library.tell(self._library_notice)
        self._load_themes(theme)
        # Everything alive now (modules, settings, themes, an article read before the
        # start) lives as long as the app: out of the cyclic collector's sight, a full
        # collection during the first paint costs milliseconds instead of tens.
        gc.freeze()

    # --- themes ----------------------------------------------------------------------

    def _load_themes(self, requested: str | None) -> None:
        reading = self.settings.reading
        loaded, failed = load_themes(theme_directories(reading.user_themes))
        for theme in loaded.values():
            self.register_theme(theme)
        # Only the reader's themes are offered: Textual's own have none of its colours.
        for name in BUILTIN_THEMES:
            if name not in loaded:
                self.unregister_theme(name)
        state = load_state(self.settings.resolved_data_dir())
        # A choice made in the app holds until the config file names another theme.
        remembered = state.get("theme") if state.get("configured") == reading.theme else None
        name, warning = choose_theme(requested, remembered, reading.theme, loaded)
        if name:
            self._start_with_theme(name)
        self._startup_notices.extend(self._theme_notices(failed, warning))

    def _start_with_theme(self, name: str) -> None:
        # Assigning ``self.theme`` here would make Textual parse every stylesheet twice
        # before the first paint (once with its default theme's colours, again on the
        # change); the first parse gets the right colours instead.
        self.set_reactive(ReaderApp.theme, name)
        self.stylesheet.set_variables(self.get_css_variables())
        dark = self.current_theme.dark
        self.set_class(dark, "-dark-mode")
        self.set_class(not dark, "-light-mode")
        self.add_class(f"-theme-{name}")

    @staticmethod
    def _theme_notices(failed: list[ThemeFailure], warning: str | None) -> list[str]:
        notices = [f"Theme file skipped: {failure}" for failure in failed]
        if warning:
            notices.append(warning[0].upper() + warning[1:] + ".")
        return [clean_line(notice) for notice in notices]

    def get_theme_variable_defaults(self) -> dict[str, str]:
        theme = self.current_theme
        # A theme file's variables were completed when it was loaded.
        return {} if isinstance(theme, ReaderTheme) else complete_variables(theme)

    def choose_theme(self, name: str) -> None:
        """Switch theme from the palette, and remember the choice."""
        if name not in self.available_themes:
            self.notify(f"No theme named {name!r}.", severity="error", markup=False)
            return
        self.theme = name

    def _theme_changed(self, theme: object) -> None:
        name = getattr(theme, "name", None)
        if name:
            save_state(
                self.settings.resolved_data_dir(),
                theme=name,
                configured=self.settings.reading.theme,
            )

    # --- start -----------------------------------------------------------------------

    def on_mount(self) -> None:
        self.set_keymap(self.keymap)
        self._warn("Keymap", self.keymap_notices)
        if self.settings.keymap:
            # Reading every key table imports every screen: not before the first paint.
            self.run_worker(self._check_keymap, thread=True, group="config")
        else:
            self._show_config_notices()
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self._warn("Themes", self._startup_notices)

    def _check_keymap(self) -> None:
        from reader.config_warnings import keymap_source
        from reader.ui.key_catalog import keymap_warnings

        found = keymap_warnings(self.settings.keymap, keymap_source())
        self.call_from_thread(self._show_config_notices, found)

    def _show_config_notices(self, more: Sequence[str] = ()) -> None:
        self.config_notices.extend(clean_line(line) for line in more)
        self._warn("Config", self.config_notices, timeout=15)

    def get_default_screen(self) -> Screen[None]:
        # The first screen is the app's base screen: no blank screen painted before it.
        return self.first_screen()

    def first_screen(self) -> Screen[None]:
        if self.archive is not None:
            from reader.ui.archive_picker.screen import ArchivePicker

            return ArchivePicker(self.archive, self.settings, self.library)
        if self.pages:
            return ReadingScreen(self.pages, self.settings, self.library)
        return self.home_screen()

    def home_screen(self) -> Screen[None]:
        """What ``reader`` with no page opens: the library, or the built-in demo page
        while the library is empty (or cannot be used)."""
        from reader.ui.library.screen import LibraryScreen

        library = LibraryScreen.opening(self.settings, self.library)
        if library is not None:
            return library
        return ReadingScreen([str(demo_page())], self.settings, self.library)

    def _library_notice(self, text: str) -> None:
        self._warn("Library", [text])

    def _warn(self, title: str, lines: Sequence[str], timeout: float = 10) -> None:
        """One warning notice of ``lines`` (page and file text: never markup); none
        when there are no lines."""
        if lines:
            self.notify(
                "\n".join(lines), title=title, severity="warning", timeout=timeout, markup=False
            )

    # --- moving between the library and the pages --------------------------------------

    def action_library(self) -> None:
        self.show_library()

    @on(ShowLibrary)
    def _show_library(self) -> None:
        self.show_library()

    def show_library(self) -> None:
        """The library: the one under the current page, else a new one on top."""
        from reader.ui.library.screen import LibraryScreen

        leaving = self.screen
        if isinstance(leaving, ReadingScreen):
            # Written now, so the library lists this page's progress as it is.
            leaving.library.save_now()
        index = library_index(self)
        if index is not None:
            while len(self.screen_stack) > index + 1:
                self.pop_screen()
            return
        self.push_screen(LibraryScreen(self.settings, self.library))

    @on(ReadFromLibrary)
    def _read_from_library(self, message: ReadFromLibrary) -> None:
        screen = ReadingScreen([message.source], self.settings, self.library)
        screen.search_on_open = message.query
        screen.passage_on_open = message.passage
        self.push_screen(screen)

    @on(ReadArticle)
    def _read_article(self, message: ReadArticle) -> None:
        self.push_screen(ReadingScreen([message.article], self.settings, self.library))

    @on(ShowAllNotes)
    def _show_all_notes(self) -> None:
        from reader.ui.notes_screen.screen import AllNotesScreen

        self.push_screen(AllNotesScreen(self.settings, self.library))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "library" and library_hidden(self))

    def on_unmount(self) -> None:
        from reader.extract.bounded import stop_all

        # A page still extracting in its own process would keep the reader open
        # until it finished: end it now.
        stop_all()
        self.library.close()

    @on(GiveUp)
    def _give_up(self, message: GiveUp) -> None:
        self.give_up(message.reason)

    def give_up(self, reason: str) -> None:
        """Leave with exit status 2; the CLI prints ``reason``."""
        self.failure = clean_line(reason)
        self.exit(return_code=2)

    # --- keys ------------------------------------------------------------------------

    def action_help(self) -> None:
        screen = self.screen
        rows = active_key_help(screen)
        extra = getattr(screen, "extra_key_help", None)
        if callable(extra):
            rows.extend(extra())
        self.push_screen(HelpScreen(rows))

    def action_help_quit(self) -> None:
        # Textual's ctrl+c with nothing selected offers to quit; here ctrl+c copies
        # (the reading screen always has a passage to copy) and q quits.
        self.notify("Nothing selected to copy.", timeout=2, markup=False)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            # Quit is offered by ReaderCommands, with its key.
            if command.title != "Quit":
                yield command


def make_app(
    settings: Settings,
    sources: Sequence[PageSource] = (),
    theme: str | None = None,
    archive: str | None = None,
    library: LibrarySession | None = None,
) -> ReaderApp:
    """Build the app; the CLI and the tests both start here (``archive``: a web
    archive whose pages are offered to pick from; ``library``: the session the CLI
    opened already)."""
    return ReaderApp(settings, sources, theme=theme, archive=archive, library=library)
