"""The library database: one SQLite file (WAL) in the data directory.

`Store` hands each thread its own connection (the UI calls from worker threads) and
runs every write as one ``BEGIN IMMEDIATE … COMMIT`` transaction, retried when another
process holds the lock. When the data directory cannot be written, the session runs on
an in-memory copy of the library (``store.read_only``): everything works, nothing is
saved, and ``store.read_only_reason`` says why.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from reader.errors import StoreError
from reader.store import schema

if TYPE_CHECKING:
    from reader.store.all_notes import NotesRepository
    from reader.store.articles import ArticleRepository
    from reader.store.highlights import HighlightRepository
    from reader.store.images import ImageRepository
    from reader.store.library import LibraryRepository
    from reader.store.notes import BookmarkRepository, MarkRepository
    from reader.store.queue import QueueRepository

T = TypeVar("T")

DB_NAME = "library.db"
BUSY_TIMEOUT_SECONDS = 5.0
"""How long SQLite itself waits for another process's lock before reporting busy."""
WRITE_ATTEMPTS = 6
"""Tries of a whole transaction that found the database busy."""

_BUSY_CODES = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
_UNWRITABLE_CODES = {sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM}


def _code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def _is_busy(error: sqlite3.Error) -> bool:
    if _code(error) in _BUSY_CODES:
        return True
    message = str(error).lower()
    return "locked" in message or "busy" in message


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    # FULL: a committed note survives a power cut, not only a killed process.
    conn.execute("PRAGMA synchronous = FULL")


def unwritable_reason(data_dir: Path) -> str | None:
    """Why the library cannot be written in ``data_dir``, or None when it can."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return f"cannot create {data_dir}: {error.strerror or error}"
    if not data_dir.is_dir():
        return f"{data_dir} is not a directory"
    if not os.access(data_dir, os.W_OK | os.X_OK):
        return f"cannot write to {data_dir}"
    db = data_dir / DB_NAME
    if db.exists() and not os.access(db, os.W_OK):
        return f"cannot write to {db}"
    return None


class Store:
    """The library. Use :func:`open_store`; share one per process, across threads."""

    def __init__(self, path: Path, memory: sqlite3.Connection | None, reason: str | None):
        self.path = path
        self.read_only_reason = reason
        self._memory = memory
        self._memory_lock = threading.RLock()
        self._local = threading.local()
        # Each connection with the thread that uses it; a finished thread's connection
        # is closed when the next one is opened (UI workers come and go).
        self._connections: list[tuple[threading.Thread, sqlite3.Connection]] = []
        self._connections_lock = threading.Lock()
        self._closed = False

    @property
    def read_only(self) -> bool:
        """True when changes last only for this session (see ``read_only_reason``)."""
        return self._memory is not None

    def require_writable(self) -> None:
        """Raise StoreError for commands whose whole point is to save something."""
        if self.read_only:
            raise StoreError(f"the library is read-only: {self.read_only_reason}")

    # --- repositories ---------------------------------------------------------------

    @cached_property
    def articles(self) -> ArticleRepository:
        from reader.store.articles import ArticleRepository

        return ArticleRepository(self)

    @cached_property
    def marks(self) -> MarkRepository:
        from reader.store.notes import MarkRepository

        return MarkRepository(self)

    @cached_property
    def bookmarks(self) -> BookmarkRepository:
        from reader.store.notes import BookmarkRepository

        return BookmarkRepository(self)

    @cached_property
    def images(self) -> ImageRepository:
        """The pictures of stored pages (files in the data folder, by hash)."""
        from reader.store.images import ImageRepository

        return ImageRepository(self)

    @cached_property
    def highlights(self) -> HighlightRepository:
        from reader.store.highlights import HighlightRepository

        return HighlightRepository(self)

    @cached_property
    def library(self) -> LibraryRepository:
        """Tags, read/archived/starred state, filtered listing, settings."""
        from reader.store.library import LibraryRepository

        return LibraryRepository(self)

    @cached_property
    def notes(self) -> NotesRepository:
        """Every highlight across the library, with full-text search."""
        from reader.store.all_notes import NotesRepository

        return NotesRepository(self)

    @cached_property
    def queue(self) -> QueueRepository:
        """Pages to read that are not fetched yet (from read-later exports)."""
        from reader.store.queue import QueueRepository

        return QueueRepository(self)

    # --- connections ------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        if self._closed:
            raise StoreError("the library is closed")
        if self._memory is not None:
            return self._memory
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = _connect_file(self.path)
            self._local.conn = conn
            with self._connections_lock:
                finished = [c for t, c in self._connections if not t.is_alive()]
                self._connections = [(t, c) for t, c in self._connections if t.is_alive()]
                self._connections.append((threading.current_thread(), conn))
            for old in finished:
                old.close()
        return conn

    @contextmanager
    def _guard(self) -> Iterator[sqlite3.Connection]:
        """The calling thread's connection; the in-memory one is shared under a lock."""
        conn = self._connection()
        if self._memory is None:
            yield conn
            return
        with self._memory_lock:
            yield conn

    def write(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``work`` in one write transaction: all of it is committed or none.

        ``work`` may run again when another process held the lock, so it must only
        touch the database."""
        for attempt in range(WRITE_ATTEMPTS):
            with self._guard() as conn:
                try:
                    conn.execute("BEGIN IMMEDIATE")
                    result = work(conn)
                    conn.execute("COMMIT")
                    return result
                except sqlite3.Error as error:
                    _rollback(conn)
                    if _is_busy(error) and attempt + 1 < WRITE_ATTEMPTS:
                        time.sleep(0.05 * 2**attempt * (1 + random.random()))
                        continue
                    raise self._error(error) from None
                except BaseException:
                    _rollback(conn)
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def read(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``work`` on one consistent snapshot."""
        for attempt in range(WRITE_ATTEMPTS):
            with self._guard() as conn:
                try:
                    conn.execute("BEGIN")
                    try:
                        return work(conn)
                    finally:
                        _rollback(conn)
                except sqlite3.Error as error:
                    if _is_busy(error) and attempt + 1 < WRITE_ATTEMPTS:
                        time.sleep(0.05 * 2**attempt * (1 + random.random()))
                        continue
                    raise self._error(error) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def change(self, sql: str, params: Sequence[object] = ()) -> int:
        """One statement as its own write transaction; the number of rows it changed."""
        return self.write(lambda conn: conn.execute(sql, params).rowcount)

    def fetchone(self, sql: str, params: Sequence[object] = ()) -> tuple[Any, ...] | None:
        return self.read(lambda conn: conn.execute(sql, params).fetchone())

    def fetchall(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        return self.read(lambda conn: conn.execute(sql, params).fetchall())

    def _error(self, error: sqlite3.Error) -> StoreError:
        return StoreError(f"library {self.path}: {_describe(error)}")

    def integrity_check(self) -> str:
        """``"ok"``, or SQLite's first complaint."""
        return self.read(lambda conn: str(conn.execute("PRAGMA integrity_check").fetchone()[0]))

    def close(self) -> None:
        """Close every connection (call once, at exit, when no thread is using them)."""
        self._closed = True
        with self._connections_lock:
            connections, self._connections = self._connections, []
        for _, conn in connections:
            conn.close()
        if self._memory is not None:
            self._memory.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        with suppress(sqlite3.Error):
            conn.execute("ROLLBACK")


def _describe(error: sqlite3.Error) -> str:
    code = _code(error)
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return f"the database is damaged ({error}); move it aside to start a new library"
    if code == sqlite3.SQLITE_FULL:
        return "the disk is full"
    if code in _BUSY_CODES or _is_busy(error):
        return "another reader kept the library locked; try again"
    return str(error)


def _connect_file(path: Path) -> sqlite3.Connection:
    # check_same_thread=False only so close() can run from the main thread at exit;
    # each connection is otherwise used by the thread that opened it.
    conn = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
    )
    _configure(conn)
    return conn


def open_store(data_dir: Path) -> Store:
    """Open (creating or migrating) the library in ``data_dir``.

    Raises StoreError for a damaged database or one from a newer reader; an unwritable
    directory gives a read-only session instead."""
    path = data_dir / DB_NAME
    reason = unwritable_reason(data_dir)
    if reason is None:
        try:
            _prepare_file(path)
            return Store(path, None, None)
        except sqlite3.Error as error:
            if _code(error) not in _UNWRITABLE_CODES:
                raise StoreError(f"library {path}: {_describe(error)}") from None
            reason = f"cannot write to {path}: {error}"
    return Store(path, _memory_copy(path), reason)


def _prepare_file(path: Path) -> None:
    """WAL mode, migrations and the trash, retried like any write: several readers
    starting together on a new library all get here, and switching the journal mode can
    report busy at once instead of waiting.

    The schema is created in one transaction that reads the version under the write
    lock (``schema.migrate``). The trash is then emptied on a new connection: one that
    read the schema while another process was creating it could keep that old copy and
    report "no such table" (seen under load with several openers of a new library)."""
    for attempt in range(WRITE_ATTEMPTS):
        conn = _connect_file(path)
        try:
            if str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            schema.migrate(conn, str(path))
            break
        except sqlite3.Error as error:
            if not _is_busy(error) or attempt + 1 == WRITE_ATTEMPTS:
                raise
            time.sleep(0.05 * 2**attempt * (1 + random.random()))
        finally:
            conn.close()
    conn = _connect_file(path)
    try:
        # Also proves the file is writable (a read-only mount opens fine).
        _retry_busy(lambda: _empty_trash(conn, path.parent))
    finally:
        conn.close()


def _retry_busy(work: Callable[[], T]) -> T:
    for attempt in range(WRITE_ATTEMPTS):
        try:
            return work()
        except sqlite3.Error as error:
            if not _is_busy(error) or attempt + 1 == WRITE_ATTEMPTS:
                raise
            time.sleep(0.05 * 2**attempt * (1 + random.random()))
    raise AssertionError("unreachable")  # pragma: no cover


def _empty_trash(conn: sqlite3.Connection, data_dir: Path) -> None:
    """Purge articles deleted more than ``TRASH_DAYS`` ago (past their undo)."""
    from reader.store.articles import purge_deleted
    from reader.store.images import remove_files

    conn.execute("BEGIN IMMEDIATE")
    try:
        _, unused = purge_deleted(conn)
        conn.execute("COMMIT")
    except BaseException:
        _rollback(conn)
        raise
    remove_files(data_dir, unused)


def _memory_copy(path: Path) -> sqlite3.Connection:
    """An in-memory library seeded from ``path`` when it can be read, committed writes
    still in its WAL included (a reader killed before it checkpointed leaves them there)."""
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    _configure(memory)
    if path.is_file() and os.access(path, os.R_OK):
        try:
            with _read_only_source(path) as source:
                schema.check_version(schema.schema_version(source), str(path))
                source.backup(memory)
        except (sqlite3.Error, OSError) as error:
            memory.close()
            detail = _describe(error) if isinstance(error, sqlite3.Error) else error.strerror
            raise StoreError(f"library {path}: {detail}") from None
    schema.migrate(memory, str(path))
    return memory


@contextmanager
def _read_only_source(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection that reads every committed write of the library without writing it.

    Without a WAL, ``immutable`` reads the file alone (no lock, no -shm). With one,
    SQLite must read it too: ``mode=ro`` does when it can use or create the -shm index;
    when it cannot (a read-only folder), the file and its WAL are copied to a temporary
    folder and read there."""
    wal = path.with_name(path.name + "-wal")
    if not wal.exists() or wal.stat().st_size == 0:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            yield conn
        finally:
            conn.close()
        return
    try:
        conn = _open_in_place(path)
    except sqlite3.Error:
        conn = None
    if conn is not None:
        try:
            yield conn
        finally:
            conn.close()
        return
    with tempfile.TemporaryDirectory(prefix="reader-library-") as folder:
        copy = Path(folder) / path.name
        shutil.copyfile(path, copy)
        shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        conn = sqlite3.connect(copy)
        try:
            yield conn
        finally:
            conn.close()


def _open_in_place(path: Path) -> sqlite3.Connection:
    """``mode=ro`` on the library itself; sqlite3.Error when its WAL cannot be read so."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        conn.close()
        raise
    return conn
