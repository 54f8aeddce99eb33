"""The library schema and its forward migrations (``PRAGMA user_version``).

Each migration moves the database from version ``n`` to ``n + 1``; all the steps a
database needs run in one transaction, so a crash mid-migration leaves the old version
intact. Never edit a
released migration: append a new one.
"""

from __future__ import annotations

import sqlite3

from reader.errors import StoreError

_ANCHOR_COLUMNS = """
    anchor_start INTEGER{null},
    anchor_end INTEGER{null},
    anchor_exact TEXT{null},
    anchor_prefix TEXT{null},
    anchor_suffix TEXT{null}"""


def _anchor(nullable: bool) -> str:
    return _ANCHOR_COLUMNS.format(null="" if nullable else " NOT NULL")


_V1 = [
    f"""CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        raw_hash TEXT,
        content_hash TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL DEFAULT '',
        site TEXT,
        byline TEXT,
        published TEXT,
        language TEXT,
        word_count INTEGER NOT NULL DEFAULT 0,
        text TEXT NOT NULL,
        article BLOB NOT NULL,
        model_version INTEGER NOT NULL,
        added_at TEXT NOT NULL,
        opened_at TEXT,
        progress REAL NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
        {_anchor(nullable=True)},
        deleted_at TEXT
    )""",
    "CREATE INDEX articles_source ON articles (source)",
    "CREATE INDEX articles_raw_hash ON articles (raw_hash)",
    "CREATE INDEX articles_recent ON articles (coalesce(opened_at, added_at))",
    "CREATE INDEX articles_title ON articles (title COLLATE NOCASE)",
    "CREATE INDEX articles_published ON articles (published)",
    f"""CREATE TABLE marks (
        article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        letter TEXT NOT NULL,
        {_anchor(nullable=False)},
        set_at TEXT NOT NULL,
        PRIMARY KEY (article_id, letter)
    )""",
    f"""CREATE TABLE bookmarks (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        {_anchor(nullable=False)},
        created_at TEXT NOT NULL,
        orphaned INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX bookmarks_article ON bookmarks (article_id, anchor_start)",
    f"""CREATE TABLE highlights (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        color TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        {_anchor(nullable=False)},
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        orphaned INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX highlights_article ON highlights (article_id, anchor_start)",
]

# Full-text index over title and text, kept in step with `articles` by triggers.
# External content: the text is stored once, in `articles`; snippet() reads it there.
_V2 = [
    """CREATE VIRTUAL TABLE articles_fts USING fts5 (
        title, text,
        content = 'articles', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
    """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    END""",
    """CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
    # A title match outweighs a body match.
    "INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)')",
    "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')",
]

# Other files holding the same article text (the same page saved twice, a copy moved
# elsewhere): they open the same library entry, with its notes, without re-extraction.
_V3 = [
    """CREATE TABLE article_sources (
        source TEXT PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        raw_hash TEXT,
        added_at TEXT NOT NULL
    )""",
    "CREATE INDEX article_sources_article ON article_sources (article_id)",
    "CREATE INDEX article_sources_raw_hash ON article_sources (raw_hash)",
]

MIGRATIONS: tuple[tuple[str, ...], ...] = (tuple(_V1), tuple(_V2), tuple(_V3))
"""``MIGRATIONS[n]`` takes a database from version ``n`` to ``n + 1``."""
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def check_version(version: int, where: str) -> None:
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"the library {where} was written by a newer reader (schema {version}, "
            f"this reader knows {SCHEMA_VERSION}); upgrade reader or use another --data-dir"
        )


def migrate(conn: sqlite3.Connection, where: str, target: int = SCHEMA_VERSION) -> int:
    """Bring the database up to ``target`` in one transaction; return the version it was at.

    ``conn`` must be in autocommit mode (``isolation_level=None``). The version is read
    only under the write lock, and every step is applied before the lock is let go: a
    second process opening the library at the same moment waits, then finds the whole
    schema, never a version in between."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        start = schema_version(conn)
        check_version(start, where)
        for version in range(start, target):
            for statement in MIGRATIONS[version]:
                conn.execute(statement)
        if start < target:
            conn.execute(f"PRAGMA user_version = {target}")
        conn.execute("COMMIT")
        return start
    except BaseException:
        conn.execute("ROLLBACK")
        raise
