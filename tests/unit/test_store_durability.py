"""The library survives what users do to it: two readers at once, a killed process,
old and new schema versions, an unwritable data directory, a damaged file."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from test_store_support import TEXT, make_article

from reader.anchoring import point_anchor, range_anchor
from reader.errors import StoreError
from reader.store import db as store_db
from reader.store import open_store, schema
from reader.store.library import LibraryFilter
from reader.store.queue import QueueItem

ROOT = Path(__file__).resolve().parents[2]
WRITES_PER_PROCESS = 60


def _writer(data_dir: str, name: str, ready: object, start: object) -> None:
    """One of two processes hammering the same fresh library."""
    with open_store(Path(data_dir)) as store:
        article = make_article(f"{TEXT}\n\nWritten by {name}.", source=f"/{name}.html")
        article_id = store.articles.add(article, source=f"/{name}.html").article_id
        ready.set()  # type: ignore[attr-defined]
        start.wait(10)  # type: ignore[attr-defined]
        for i in range(WRITES_PER_PROCESS):
            store.bookmarks.add(article_id, f"{name}-{i}", point_anchor(article.text, i))
            store.highlights.add(article_id, range_anchor(article.text, i, i + 5), note=name)
            store.marks.set(article_id, "a", point_anchor(article.text, i))
            # The tables of a grown-up library, shared by both processes.
            store.library.add_tags(article_id, [f"shared-{i % 7}", f"{name}-{i}"])
            store.library.set_state(article_id, starred=bool(i % 2))
            store.queue.add([QueueItem(f"https://queue.example/{name}/{i}", tags=("q",))])
            store.library.save_filter(LibraryFilter(tag=f"{name}-{i}"))


def test_two_processes_write_at_once(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    ready = [context.Event(), context.Event()]
    start = context.Event()
    workers = [
        context.Process(target=_writer, args=(str(tmp_path), name, ready[n], start))
        for n, name in enumerate(("one", "two"))
    ]
    for worker in workers:
        worker.start()
    for event in ready:
        assert event.wait(60)
    start.set()
    for worker in workers:
        worker.join(120)
    assert [w.exitcode for w in workers] == [0, 0]
    with open_store(tmp_path) as store:
        assert store.integrity_check() == "ok"
        assert store.articles.count() == 2
        for entry in store.articles.list():
            assert len(store.bookmarks.list(entry.id)) == WRITES_PER_PROCESS
            assert len(store.highlights.list(entry.id)) == WRITES_PER_PROCESS
            assert entry.highlight_count == entry.note_count == WRITES_PER_PROCESS
            assert len(store.library.tags_of(entry.id)) == 7 + WRITES_PER_PROCESS
        counts = {tag.name: tag.count for tag in store.library.tags("shared-")}
        assert counts == {f"shared-{n}": 2 for n in range(7)}
        assert len(store.queue.all()) == 2 * WRITES_PER_PROCESS
        assert len(store.notes.list(search="one", limit=1000)) == WRITES_PER_PROCESS
        assert store.library.saved_filter().tag in (
            f"one-{WRITES_PER_PROCESS - 1}",
            f"two-{WRITES_PER_PROCESS - 1}",
        )


RACE_ROUNDS = int(os.environ.get("STORE_RACE_ROUNDS", "12"))
RACE_OPENERS = 4


def _open_fresh(data_dir: str, start: object, results: object) -> None:
    start.wait(10)  # type: ignore[attr-defined]
    try:
        with open_store(Path(data_dir)) as store:
            store.articles.count()
            results.put("ok")  # type: ignore[attr-defined]
    except Exception as error:  # reported to the test, whatever it is
        results.put(f"{type(error).__name__}: {error}")  # type: ignore[attr-defined]


def _burn(stop: object) -> None:
    while not stop.is_set():  # type: ignore[attr-defined]
        sum(i * i for i in range(10_000))


def test_several_processes_open_a_new_library_at_once(tmp_path: Path) -> None:
    """Each round, several processes open the same new library at the same moment
    while others keep the CPU busy: every one opens it (no "no such table" from one
    that read the schema while another was creating it). ``STORE_RACE_ROUNDS=300``
    runs it longer by hand."""
    context = multiprocessing.get_context("fork")
    stop = context.Event()
    burners = [context.Process(target=_burn, args=(stop,)) for _ in range(2)]
    for burner in burners:
        burner.start()
    outcomes: list[str] = []
    try:
        for round_number in range(RACE_ROUNDS):
            folder = tmp_path / f"library-{round_number}"
            start = context.Event()
            results = context.Queue()
            openers = [
                context.Process(target=_open_fresh, args=(str(folder), start, results))
                for _ in range(RACE_OPENERS)
            ]
            for opener in openers:
                opener.start()
            start.set()
            for opener in openers:
                opener.join(60)
            outcomes += [results.get(timeout=10) for _ in openers]
    finally:
        stop.set()
        for burner in burners:
            burner.join(10)
    assert len(outcomes) == RACE_ROUNDS * RACE_OPENERS
    assert [o for o in outcomes if o != "ok"] == []


def test_migration_is_one_step_for_a_second_opener(tmp_path: Path) -> None:
    """Another connection never sees a version between 0 and the current one."""
    path = tmp_path / store_db.DB_NAME
    creator = sqlite3.connect(path, isolation_level=None)
    observer = sqlite3.connect(path, isolation_level=None, timeout=0)
    seen: list[int] = []
    original = creator.execute

    class Watching:
        def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
            cursor = original(sql, *args)
            if "CREATE" in sql.upper():
                seen.append(schema.schema_version(observer))
            return cursor

        def __getattr__(self, name: str) -> object:
            return getattr(creator, name)

    creator.execute("PRAGMA journal_mode = WAL")
    assert schema.migrate(Watching(), "test") == 0  # type: ignore[arg-type]
    assert set(seen) == {0}
    assert schema.schema_version(observer) == schema.SCHEMA_VERSION
    creator.close()
    observer.close()


_CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from reader.anchoring import point_anchor, range_anchor
    from reader.store import open_store
    from reader.store.queue import QueueItem

    store = open_store(Path(sys.argv[1]))
    article_id = int(sys.argv[2])
    text = store.articles.text(article_id)
    i = 0
    while True:
        i += 1
        if i % 4 == 1:
            done = store.bookmarks.add(article_id, f"b{i}", point_anchor(text, i % 100))
            print("b", done.id, flush=True)
        elif i % 4 == 2:
            done = store.highlights.add(
                article_id, range_anchor(text, i % 100, i % 100 + 9), note=f"kill{i}"
            )
            print("h", done.id, flush=True)
        elif i % 4 == 3:
            store.library.add_tags(article_id, [f"t{i}"])
            print("t", i, flush=True)
        else:
            store.queue.add([QueueItem(f"https://queue.example/{i}")])
            print("q", i, flush=True)
    """
)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sigkill_loses_no_acknowledged_write(tmp_path: Path, seed: int) -> None:
    with open_store(tmp_path) as store:
        article_id = store.articles.add(make_article(TEXT), source="/a.html").article_id
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(tmp_path), str(article_id)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.stdout is not None
    acknowledged: dict[str, set[int]] = {"b": set(), "h": set(), "t": set(), "q": set()}
    first = child.stdout.readline().split()  # wait until writing has begun
    acknowledged[first[0]].add(int(first[1]))
    deadline = time.monotonic() + random.Random(seed).uniform(0.05, 0.6)
    while time.monotonic() < deadline:
        kind, number = child.stdout.readline().split()
        acknowledged[kind].add(int(number))
    child.send_signal(signal.SIGKILL)
    for line in child.stdout:  # acknowledged before the kill landed
        parts = line.split()
        if len(parts) == 2:
            acknowledged[parts[0]].add(int(parts[1]))
    child.wait()
    assert child.returncode == -signal.SIGKILL
    assert sum(len(ids) for ids in acknowledged.values()) > 2
    with open_store(tmp_path) as store:
        assert store.integrity_check() == "ok"
        bookmarks = {b.id for b in store.bookmarks.list(article_id)}
        highlights = {h.id for h in store.highlights.list(article_id)}
        tags = {int(name[1:]) for name in store.library.tags_of(article_id)}
        queued = {int(q.url.rsplit("/", 1)[1]) for q in store.queue.all()}
        # Every highlight is in the notes index too (a trigger, same transaction).
        indexed = {r.highlight.id for r in store.notes.list(search="kill", limit=100_000)}
    assert acknowledged["b"] <= bookmarks
    assert acknowledged["h"] <= highlights
    assert acknowledged["t"] <= tags
    assert acknowledged["q"] <= queued
    assert highlights == indexed


_KILLED_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from reader.anchoring import range_anchor
    from reader.store import open_store
    from test_store_support import TEXT, make_article

    store = open_store(Path(sys.argv[1]))
    article_id = store.articles.add(make_article(TEXT), source="/page.html").article_id
    store.highlights.add(article_id, range_anchor(TEXT, 0, 12), note="left in the WAL")
    print("committed", flush=True)
    time.sleep(60)
    """
)


def _write_and_get_killed(data_dir: Path) -> None:
    """A process commits a highlight with a note and is killed before any checkpoint:
    the note is only in the WAL."""
    child = subprocess.Popen(
        [sys.executable, "-c", _KILLED_WRITER, str(data_dir)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'tests' / 'unit'}"},
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "committed"
    child.send_signal(signal.SIGKILL)
    child.wait()
    wal = data_dir / f"{store_db.DB_NAME}-wal"
    assert wal.exists() and wal.stat().st_size > 0


@pytest.mark.parametrize("shm", ["usable", "unusable"])
def test_a_read_only_session_sees_writes_left_in_the_wal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shm: str
) -> None:
    """On a read-only mount the library cannot be checkpointed; the session reads the
    WAL in place, or (when SQLite cannot use its -shm index there) from a copy."""
    _write_and_get_killed(tmp_path)
    files_before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    # Tests run as root: the unwritable folder is simulated the way open_store checks it.
    monkeypatch.setattr(store_db, "unwritable_reason", lambda _: "read-only file system")
    if shm == "unusable":

        def refuse(path: Path) -> sqlite3.Connection:
            raise sqlite3.OperationalError("unable to open database file")

        monkeypatch.setattr(store_db, "_open_in_place", refuse)
    with open_store(tmp_path) as store:
        assert store.read_only
        (entry,) = store.articles.list()
        assert [h.note for h in store.highlights.list(entry.id)] == ["left in the WAL"]
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    for name in (store_db.DB_NAME, f"{store_db.DB_NAME}-wal"):
        assert after[name] == files_before[name]  # read, never checkpointed or changed


def test_export_in_a_read_only_session_includes_the_note_in_the_wal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.__main__ import main

    data_dir = Path(os.environ["READER_DATA_DIR"])
    data_dir.mkdir(parents=True, exist_ok=True)
    _write_and_get_killed(data_dir)
    monkeypatch.setattr(store_db, "unwritable_reason", lambda _: "read-only file system")
    with pytest.raises(SystemExit) as done:
        main(["export", "/page.html"])
    assert done.value.code in (0, None)
    assert "left in the WAL" in capsys.readouterr().out


def test_migrates_from_version_0(tmp_path: Path) -> None:
    sqlite3.connect(tmp_path / store_db.DB_NAME).close()  # an empty file: version 0
    with open_store(tmp_path) as store:
        assert store.fetchone("PRAGMA user_version") == (schema.SCHEMA_VERSION,)
        store.articles.add(make_article(TEXT), source="/a.html")
        assert len(store.articles.search("budget")) == 1


@pytest.mark.parametrize("version", range(1, schema.SCHEMA_VERSION))
def test_migrates_from_older_versions_keeping_data(tmp_path: Path, version: int) -> None:
    conn = sqlite3.connect(tmp_path / store_db.DB_NAME, isolation_level=None)
    schema.migrate(conn, "test", target=version)
    article = make_article(TEXT, title="Old entry")
    conn.execute(
        "INSERT INTO articles (source, content_hash, title, text, article, model_version, "
        "added_at) VALUES ('/old.html', ?, 'Old entry', ?, x'00', 1, '2024-01-01T00:00:00')",
        (article.content_hash, TEXT),
    )
    conn.execute(
        "INSERT INTO highlights (uid, article_id, color, note, anchor_start, anchor_end, "
        "anchor_exact, anchor_prefix, anchor_suffix, created_at, updated_at) "
        "VALUES ('urn:x', 1, 'yellow', 'kept', 0, 10, ?, '', '', '2024', '2024')",
        (TEXT[:10],),
    )
    assert conn.execute("PRAGMA user_version").fetchone() == (version,)
    conn.close()
    with open_store(tmp_path) as store:
        assert store.fetchone("PRAGMA user_version") == (schema.SCHEMA_VERSION,)
        hits = store.articles.search("pensions")
        assert [h.title for h in hits] == ["Old entry"]  # the new index covers old rows
        assert [h.note for h in store.highlights.list(1)] == ["kept"]
        assert [r.highlight.note for r in store.notes.list(search="kept")] == ["kept"]
        [item] = store.library.items()  # old rows: unread, untagged, in the queue
        assert (item.is_read, item.archived, item.starred, item.tags) == (False, False, False, ())
        assert store.articles.load(1) is None  # an unreadable cache means re-extract


def test_newer_database_is_refused(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / store_db.DB_NAME)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer reader"):
        open_store(tmp_path)


def test_newer_database_is_refused_in_a_read_only_session_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = sqlite3.connect(tmp_path / store_db.DB_NAME)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 5}")
    conn.close()
    monkeypatch.setattr(store_db, "unwritable_reason", lambda _: "cannot write")
    with pytest.raises(StoreError, match="newer reader"):
        open_store(tmp_path)


def test_damaged_database_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / store_db.DB_NAME).write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match="damaged"):
        open_store(tmp_path)


def test_unwritable_data_dir_gives_read_only_session(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a regular file where a folder should be")
    with open_store(blocker / "data") as store:
        assert store.read_only
        assert store.read_only_reason and "cannot create" in store.read_only_reason
        article_id = store.articles.add(make_article(TEXT), source="/a.html").article_id
        store.bookmarks.add(article_id, "works for the session", point_anchor(TEXT, 0))
        assert len(store.bookmarks.list(article_id)) == 1
        with pytest.raises(StoreError, match="read-only"):
            store.require_writable()


def test_read_only_session_shows_the_existing_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(tmp_path) as store:
        store.articles.add(make_article(TEXT, title="Saved before"), source="/a.html")
    before = (tmp_path / store_db.DB_NAME).read_bytes()
    # Tests run as root, so an unwritable directory is simulated.
    monkeypatch.setattr(store_db, "unwritable_reason", lambda _: "cannot write to the disk")
    with open_store(tmp_path) as store:
        assert store.read_only
        assert [e.title for e in store.articles.list()] == ["Saved before"]
        store.articles.add(make_article("Another page."), source="/b.html")
        assert store.articles.count() == 2
    assert (tmp_path / store_db.DB_NAME).read_bytes() == before


def test_sqlite_refusing_to_write_gives_read_only_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(tmp_path) as store:
        store.articles.add(make_article(TEXT), source="/a.html")

    def read_only_connect(path: Path) -> sqlite3.Connection:
        # What SQLite does on a read-only mount: it opens, then refuses to write.
        return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None)

    monkeypatch.setattr(store_db, "_connect_file", read_only_connect)
    with open_store(tmp_path) as store:
        assert store.read_only
        assert "readonly" in (store.read_only_reason or "")
        assert store.articles.count() == 1


def test_busy_database_is_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_SECONDS", 0.05)
    with open_store(tmp_path) as store:
        article_id = store.articles.add(make_article(TEXT), source="/a.html").article_id
        blocker = sqlite3.connect(
            tmp_path / store_db.DB_NAME, isolation_level=None, check_same_thread=False
        )
        blocker.execute("BEGIN IMMEDIATE")  # another process holds the write lock

        import threading

        threading.Timer(0.3, lambda: blocker.execute("COMMIT")).start()
        started = time.monotonic()
        store.bookmarks.add(article_id, "after the lock", point_anchor(TEXT, 0))
        assert time.monotonic() - started >= 0.2
        blocker.close()
        assert [b.name for b in store.bookmarks.list(article_id)] == ["after the lock"]
