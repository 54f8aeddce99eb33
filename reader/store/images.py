"""The pictures of stored pages, kept in the data folder so a page reopened from the
library shows them even when the saved page has moved or gone.

Each picture is one file named by the SHA-256 of its bytes (``images/ab/abcd…``), so
a picture used by several pages, or saved twice, is kept once. ``article_images`` says
which article uses which picture under which local reference (the figure block's
``image``). Every article's pictures are capped, and so is the whole collection; a
picture past a cap is simply not kept (its figure shows the placeholder). A picture
goes when the last article using it is purged from the library.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from reader.images.sources import MAX_IMAGE_BYTES, read_file

__all__ = ["ImageRepository", "StoredPictures", "figure_references"]
from reader.store.packed import figure_references

if TYPE_CHECKING:
    from reader.store.db import Store

MAX_ARTICLE_BYTES = 64 * 1024 * 1024
"""Most picture bytes kept for one article."""
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024
"""Most picture bytes kept for the whole library."""
FOLDER = "images"


class PictureSource(Protocol):
    def read(self, reference: str, limit: int = MAX_IMAGE_BYTES) -> bytes | None: ...


class ImageRepository:
    def __init__(
        self,
        store: Store,
        max_article_bytes: int = MAX_ARTICLE_BYTES,
        max_total_bytes: int = MAX_TOTAL_BYTES,
    ) -> None:
        self._store = store
        self.folder = store.path.parent / FOLDER
        self.max_article_bytes = max_article_bytes
        self.max_total_bytes = max_total_bytes

    def _path(self, digest: str) -> Path:
        return self.folder / digest[:2] / digest

    def keep(self, article_id: int, references: Sequence[str], sources: PictureSource) -> int:
        """Copy the pictures of an article (its figures' local ``references``, see
        ``figure_references``) from ``sources`` (the loaded page) into the library,
        replacing what it kept before; the number of pictures kept. A read-only
        library keeps nothing."""
        if self._store.read_only:
            return 0
        total = self.total_bytes()
        room = self.max_article_bytes
        rows: list[tuple[str, str, int]] = []
        for reference in references:
            data = sources.read(reference, min(MAX_IMAGE_BYTES, room))
            if data is None or not data:
                continue
            digest = hashlib.sha256(data).hexdigest()
            path = self._path(digest)
            if not path.is_file():
                if total + len(data) > self.max_total_bytes:
                    continue
                if not _write(path, data):
                    continue
                total += len(data)
            room -= len(data)
            rows.append((reference, digest, len(data)))
            if room <= 0:
                break

        def work(conn: sqlite3.Connection) -> list[str]:
            before = _hashes(conn, article_id)
            conn.execute("DELETE FROM article_images WHERE article_id = ?", (article_id,))
            conn.executemany(
                "INSERT OR REPLACE INTO article_images (article_id, reference, hash, size) "
                "VALUES (?, ?, ?, ?)",
                [(article_id, *row) for row in rows],
            )
            return unused(conn, before)

        remove_files(self._store.path.parent, self._store.write(work))
        return len(rows)

    def read(self, article_id: int, reference: str, limit: int = MAX_IMAGE_BYTES) -> bytes | None:
        row = self._store.fetchone(
            "SELECT hash FROM article_images WHERE article_id = ? AND reference = ?",
            (article_id, reference),
        )
        if row is None:
            return None
        data = read_file(self._path(row[0]), limit)
        # A file changed behind the library's back is not the picture it kept.
        if data is None or hashlib.sha256(data).hexdigest() != row[0]:
            return None
        return data

    def sources(self, article_id: int) -> StoredPictures:
        """The kept pictures of one article, read like a loaded page's."""
        return StoredPictures(self, article_id)

    def count(self, article_id: int) -> int:
        row = self._store.fetchone(
            "SELECT count(*) FROM article_images WHERE article_id = ?", (article_id,)
        )
        return int(row[0]) if row else 0

    def total_bytes(self) -> int:
        row = self._store.fetchone(
            "SELECT coalesce(sum(size), 0) FROM "
            "(SELECT max(size) AS size FROM article_images GROUP BY hash)"
        )
        return int(row[0]) if row else 0

    def remove_files(self, digests: Iterable[str]) -> None:
        remove_files(self._store.path.parent, digests)


class StoredPictures:
    """One stored article's pictures, by the references its figures hold."""

    def __init__(self, repository: ImageRepository, article_id: int) -> None:
        self._repository = repository
        self._article_id = article_id

    def read(self, reference: str, limit: int = MAX_IMAGE_BYTES) -> bytes | None:
        return self._repository.read(self._article_id, reference, limit)


def _hashes(conn: sqlite3.Connection, article_id: int) -> set[str]:
    rows = conn.execute("SELECT hash FROM article_images WHERE article_id = ?", (article_id,))
    return {row[0] for row in rows}


def hashes_of(conn: sqlite3.Connection, where: str, params: tuple[object, ...]) -> set[str]:
    """The picture hashes of the articles matching ``where`` (about to be purged)."""
    sql = (
        "SELECT DISTINCT i.hash FROM article_images AS i JOIN articles AS a "
        f"ON a.id = i.article_id WHERE {where}"
    )
    return {row[0] for row in conn.execute(sql, params)}


def unused(conn: sqlite3.Connection, digests: set[str]) -> list[str]:
    """Those of ``digests`` no article uses any more (their files can go)."""
    return [
        digest
        for digest in digests
        if conn.execute("SELECT 1 FROM article_images WHERE hash = ? LIMIT 1", (digest,)).fetchone()
        is None
    ]


def remove_files(data_dir: Path, digests: Iterable[str]) -> None:
    """Delete the kept pictures ``digests`` (that no article uses any more)."""
    for digest in digests:
        if len(digest) == 64 and all(c in "0123456789abcdef" for c in digest):
            # A file that cannot be removed stays behind, unused: never an error.
            with contextlib.suppress(OSError):
                (data_dir / FOLDER / digest[:2] / digest).unlink(missing_ok=True)


def _write(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` whole or not at all."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".", delete=False) as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except OSError:
        return False
    return True
