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

# A library that grew up: capture dates, reading state, tags, a reading queue of pages
# not fetched yet, highlights waiting for their article, a few remembered settings,
# and a full-text index over every highlight's quote and note.
_V4 = [
    "ALTER TABLE articles ADD COLUMN captured_at TEXT",
    "ALTER TABLE articles ADD COLUMN is_read INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE articles ADD COLUMN archived INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE articles ADD COLUMN starred INTEGER NOT NULL DEFAULT 0",
    "CREATE INDEX articles_state ON articles (archived, is_read, starred)",
    """CREATE TABLE tags (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE
    )""",
    """CREATE TABLE article_tags (
        article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
        PRIMARY KEY (article_id, tag_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX article_tags_tag ON article_tags (tag_id, article_id)",
    """CREATE TABLE queue (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT '',
        added_at TEXT NOT NULL,
        origin TEXT NOT NULL DEFAULT '',
        is_read INTEGER NOT NULL DEFAULT 0,
        archived INTEGER NOT NULL DEFAULT 0,
        starred INTEGER NOT NULL DEFAULT 0,
        article_id INTEGER REFERENCES articles (id) ON DELETE SET NULL,
        fetched_at TEXT,
        error TEXT
    )""",
    "CREATE INDEX queue_pending ON queue (article_id, added_at)",
    """CREATE TABLE loose_highlights (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        url TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        quote TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT '',
        origin TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX loose_highlights_url ON loose_highlights (url)",
    """CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    "CREATE INDEX highlights_created ON highlights (created_at)",
    # Its own copy of quote and note (the highlight's column is named anchor_exact, and
    # an external-content index needs the same names).
    """CREATE VIRTUAL TABLE notes_fts USING fts5 (
        quote, note, tokenize = 'unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER notes_fts_insert AFTER INSERT ON highlights BEGIN
        INSERT INTO notes_fts (rowid, quote, note) VALUES (new.id, new.anchor_exact, new.note);
    END""",
    """CREATE TRIGGER notes_fts_delete AFTER DELETE ON highlights BEGIN
        DELETE FROM notes_fts WHERE rowid = old.id;
    END""",
    """CREATE TRIGGER notes_fts_update AFTER UPDATE OF anchor_exact, note ON highlights BEGIN
        DELETE FROM notes_fts WHERE rowid = old.id;
        INSERT INTO notes_fts (rowid, quote, note) VALUES (new.id, new.anchor_exact, new.note);
    END""",
    "INSERT INTO notes_fts (rowid, quote, note) SELECT id, anchor_exact, note FROM highlights",
]

# The pictures each article uses, kept in the data folder by hash (reader.store.images).
_V5 = [
    """CREATE TABLE article_images (
        article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        reference TEXT NOT NULL,
        hash TEXT NOT NULL,
        size INTEGER NOT NULL,
        PRIMARY KEY (article_id, reference)
    )""",
    "CREATE INDEX article_images_hash ON article_images (hash)",
]

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    tuple(_V1),
    tuple(_V2),
    tuple(_V3),
    tuple(_V4),
    tuple(_V5),
)
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
