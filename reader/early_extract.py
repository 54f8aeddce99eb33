"""A page named on the command line, extracted while the reader starts.

Opening a page the library has never seen costs the extractor's imports (lxml,
readability, trafilatura, htmldate: a few hundred milliseconds) and the extraction
itself, on top of Textual's start. In one process they take turns on one core; here
the page is read and extracted in a bounded child process (``extract.bounded``: the
same time and memory bounds as a large page's) started before Textual is imported,
so the two run side by side. The reading screen asks for the article through
``service.open_article``, which takes the child's answer (``take``) instead of
extracting again. The child is started first of all (``spawn_ahead``), before the
settings are read: its Python start and the extractor's imports overlap them, and it
gets its request (the page and its limits) once they are known.

The child is only a head start, started only for a page the library does not hold
unchanged: when it fails for any reason (or is cancelled), its work is dropped and the
ordinary path runs, which says what is wrong. Nothing here imports Textual.
"""

from __future__ import annotations

import contextlib
import os
import threading
from typing import TYPE_CHECKING

from reader.errors import ReaderError

if TYPE_CHECKING:
    import subprocess

    from reader.config import Limits
    from reader.loaders.base import RawDocument
    from reader.models import Article


class _Early:
    """One page's child extraction, waited for in a thread (which only waits)."""

    def __init__(
        self, source: str, limits: Limits, child: subprocess.Popen[bytes] | None = None
    ) -> None:
        self.source = source
        self.limits = limits
        self.article: Article | None = None
        self.cancelled = False
        self._child: subprocess.Popen[bytes] | None = child
        self._thread = threading.Thread(target=self._run, name="early-extract", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        from reader.extract.bounded import extract_bounded

        try:
            self.article = extract_bounded(
                self.limits,
                path=self.source,
                work=read_in_child,
                started=self._started,
                child=self._child,
            )
        except ReaderError:
            self.article = None  # the ordinary path reads the page again and says why

    def _started(self, child: subprocess.Popen[bytes]) -> None:
        self._child = child
        if self.cancelled:
            child.kill()

    def cancel(self) -> None:
        self.cancelled = True
        child = self._child
        if child is not None:
            with contextlib.suppress(OSError):  # gone already
                child.kill()

    def result(self) -> Article | None:
        self._thread.join()
        return None if self.cancelled else self.article


_pending: dict[str, _Early] = {}
_ahead: dict[str, subprocess.Popen[bytes]] = {}
"""Children started before the page's limits were known (``spawn_ahead``)."""
_lock = threading.Lock()


def _key(source: str) -> str:
    return os.path.realpath(os.path.expanduser(source))


def spawn_ahead(source: str) -> None:
    """Start the child for ``source`` now, before the settings (and so the limits) are
    read: it imports the extractor meanwhile. ``start`` hands it its request;
    ``cancel`` or ``drop_ahead`` stop it when it is not needed."""
    from reader.extract.bounded import spawn_child

    with _lock:
        key = _key(source)
        if key not in _ahead and key not in _pending:
            _ahead[key] = spawn_child()


def drop_ahead() -> None:
    """Stop the children started ahead that no ``start`` took."""
    with _lock:
        children = list(_ahead.values())
        _ahead.clear()
    from reader.extract.bounded import stop_child

    for child in children:
        stop_child(child)


def start(source: str, limits: Limits) -> None:
    """Begin reading the local page ``source`` in a child process now (the one
    started ahead for it, if any)."""
    with _lock:
        key = _key(source)
        if key not in _pending:
            _pending[key] = _Early(source, limits, _ahead.pop(key, None))


def started(source: str) -> bool:
    """Whether a head start for ``source`` is under way (and not taken yet)."""
    with _lock:
        return _key(source) in _pending


def take(source: str, limits: Limits) -> Article | None:
    """The article ``start`` read for ``source`` (waiting for it), once; None when there
    is none, it failed, or it was read under other limits."""
    if not _pending:
        return None
    with _lock:
        early = _pending.pop(_key(source), None)
    if early is None or early.limits != limits:
        return None
    return early.result()


def cancel(source: str) -> None:
    """Drop the head start for ``source`` (the library holds the page): its child is
    stopped at once."""
    with _lock:
        early = _pending.pop(_key(source), None)
        ahead = _ahead.pop(_key(source), None)
    if early is not None:
        early.cancel()
    if ahead is not None:
        from reader.extract.bounded import stop_child

        stop_child(ahead)


def read_in_child(limits: Limits, path: str | None, doc: RawDocument | None) -> Article:
    """What the child does: read the page as ``service.open_article`` would."""
    from reader import service

    if path is None:
        raise ReaderError("no page to read")
    return service.read_article(path, limits, whole_page_fallback=True)
