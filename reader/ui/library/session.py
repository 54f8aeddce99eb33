"""The app's one library (``reader.store``): opened on first use, from any thread, and
closed when the app ends. A library that cannot be written still works for the session
(the store says why); one that cannot be opened at all leaves the reader working
without it. Either way the reader is told once."""

from __future__ import annotations

import threading
from collections.abc import Callable

from reader.config import Settings
from reader.errors import ReaderError
from reader.models import Article
from reader.sanitize import clean_line
from reader.store import Store, open_library


class LibrarySession:
    def __init__(self, settings: Settings, notice: Callable[[str], None] | None = None) -> None:
        self._settings = settings
        self._notice = notice
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._tried = False
        self._preloaded: dict[str, tuple[Article, int]] = {}
        self.problem: str | None = None
        """Why the library is read-only or missing (None when all is well)."""

    def tell(self, notice: Callable[[str], None]) -> None:
        """Say the library's problems through ``notice`` (the app's, once it exists);
        one found before is said now."""
        with self._lock:
            self._notice = notice
            problem = self.problem if self._tried else None
        if problem:
            notice(problem)

    @property
    def store(self) -> Store | None:
        """The library, opened now if it was not yet; None when it cannot be used."""
        with self._lock:
            if self._tried:
                return self._store
            self._tried = True
            try:
                self._store = open_library(self._settings)
            except ReaderError as error:
                self.problem = f"The library cannot be used: {clean_line(str(error))}"
            else:
                if self._store.read_only:
                    reason = clean_line(self._store.read_only_reason or "unknown reason")
                    self.problem = f"The library is read-only ({reason}): nothing is saved."
            problem = self.problem
        if problem and self._notice is not None:
            self._notice(problem)
        return self._store

    def preload(self, source: str) -> bool:
        """Read ``source``'s article back from the library now, if it holds the page
        unchanged: called before the app runs, when nothing else wants the interpreter
        (in a worker beside the starting app, a long article took twice as long).
        True when it does."""
        from reader import service

        store = self.store
        if store is None:
            return False
        found = service.reopen_article(source, self._settings, store)
        if found is not None:
            self._preloaded[source] = found
        return found is not None

    def take_preloaded(self, source: str) -> tuple[Article, int] | None:
        """What ``preload`` read for ``source`` (once), if anything."""
        with self._lock:
            return self._preloaded.pop(source, None)

    @property
    def available(self) -> bool:
        return self.store is not None

    def close(self) -> None:
        with self._lock:
            store, self._store = self._store, None
            self._tried = True
        if store is not None:
            store.close()
