"""The library repository: articles, list, search, delete/undo, position, notes."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from test_store_support import TEXT, make_article

from reader.anchoring import point_anchor, range_anchor
from reader.errors import StoreError
from reader.models import Span
from reader.store import AddStatus, SortOrder, Store, open_store
from reader.store.search import build_match, split_marked


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with open_store(tmp_path / "data") as opened:
        yield opened


def add(store: Store, text: str = TEXT, **kwargs: object) -> int:
    source = str(kwargs.pop("source", "/pages/page.html"))
    article = make_article(text, source=source, **kwargs)  # type: ignore[arg-type]
    return store.articles.add(article, source=source).article_id


def test_store_is_wal_with_foreign_keys(store: Store) -> None:
    mode = store.fetchone("PRAGMA journal_mode")
    keys = store.fetchone("PRAGMA foreign_keys")
    assert mode == ("wal",)
    assert keys == (1,)
    assert store.path.name == "library.db"
    assert not store.read_only


def test_add_then_get_by_source_hash_and_id(store: Store) -> None:
    article = make_article(TEXT, title="Budget passed", source="page.html")
    result = store.articles.add(article, source="/pages/budget.html", raw_hash="abc")
    assert result.status == AddStatus.ADDED
    by_source = store.articles.get_by_source("/pages/budget.html")
    by_hash = store.articles.get_by_hash(article.content_hash)
    by_raw = store.articles.get_by_raw_hash("abc")
    assert by_source is not None and by_hash is not None and by_raw is not None
    assert by_source.id == by_hash.id == by_raw.id == result.article_id
    assert by_source.entry.title == "Budget passed"
    assert by_source.entry.word_count == article.word_count()
    assert store.articles.get(result.article_id) == by_source


def test_relative_and_absolute_paths_are_one_source(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    store.articles.add(make_article(TEXT), source="page.html")
    found = store.articles.get_by_source(str(tmp_path / "page.html"))
    assert found is not None
    assert found.entry.source == str(tmp_path / "page.html")


def test_cached_article_round_trips(store: Store) -> None:
    article = make_article(TEXT + " \ud800 broken", title="Ünïcode ☃ title", source="x")
    article_id = store.articles.add(article, source="/x.html").article_id
    loaded = store.articles.load(article_id)
    assert loaded is not None
    assert loaded.blocks == article.blocks
    assert loaded.metadata == article.metadata
    # A lone surrogate cannot be stored as UTF-8: it becomes U+FFFD, offsets unchanged.
    assert len(loaded.text) == len(article.text)
    assert loaded.text.endswith(" \ufffd broken")


def test_stale_model_version_is_not_served(store: Store) -> None:
    article_id = add(store)
    store.change("UPDATE articles SET model_version = 0 WHERE id = ?", (article_id,))
    assert store.articles.load(article_id) is None


def test_same_source_same_text_is_unchanged(store: Store) -> None:
    first = store.articles.add(make_article(TEXT), source="/a.html")
    again = store.articles.add(make_article(TEXT, title="New title"), source="/a.html")
    assert again.status == AddStatus.UNCHANGED
    assert again.article_id == first.article_id
    stored = store.articles.get(first.article_id)
    assert stored is not None and stored.entry.title == "New title"
    assert [hit.title for hit in store.articles.search("new title")] == ["New title"]


def test_same_text_elsewhere_is_a_duplicate(store: Store) -> None:
    first = store.articles.add(make_article(TEXT), source="/a.html")
    copy = store.articles.add(make_article(TEXT), source="/copy-of-a.html")
    assert copy.status == AddStatus.DUPLICATE
    assert copy.article_id == first.article_id
    assert store.articles.count() == 1
    # The copy now leads to the same entry (and its notes).
    found = store.articles.get_by_source("/copy-of-a.html")
    assert found is not None and found.id == first.article_id
    store.articles.add(make_article(TEXT), source="/copy-2.html", raw_hash="bytes-of-copy-2")
    by_bytes = store.articles.get_by_raw_hash("bytes-of-copy-2")
    assert by_bytes is not None and by_bytes.id == first.article_id
    # Once the copy holds other text, it is a page of its own.
    changed = store.articles.add(make_article("Different words."), source="/copy-of-a.html")
    assert changed.status == AddStatus.ADDED
    found = store.articles.get_by_source("/copy-of-a.html")
    assert found is not None and found.id == changed.article_id


def test_changed_text_updates_and_reanchors(store: Store) -> None:
    article_id = add(store, source="/a.html")
    start = TEXT.index("reform of income tax")
    highlight = store.highlights.add(
        article_id, range_anchor(TEXT, start, start + len("reform of income tax")), "blue", "!"
    )
    gone = TEXT.index("Opposition")
    doomed = store.highlights.add(article_id, range_anchor(TEXT, gone, gone + 30))
    bookmark = store.bookmarks.add(article_id, "minister", point_anchor(TEXT, TEXT.index("The")))
    store.marks.set(article_id, "a", point_anchor(TEXT, start))
    store.articles.save_position(article_id, point_anchor(TEXT, start), 0.5)

    edited = "A new lead paragraph.\n\n" + TEXT[: TEXT.index("\n\nOpposition")]
    result = store.articles.add(make_article(edited), source="/a.html")
    assert result.status == AddStatus.UPDATED
    assert result.reanchored is not None
    assert (result.reanchored.placed, result.reanchored.orphaned) == (2, 1)

    moved = store.highlights.get(highlight.id)
    assert moved is not None and not moved.orphaned
    assert edited[moved.anchor.start : moved.anchor.end] == "reform of income tax"
    assert (moved.color, moved.note, moved.uid) == ("blue", "!", highlight.uid)
    lost = store.highlights.get(doomed.id)
    assert lost is not None and lost.orphaned
    assert lost.anchor.exact == doomed.anchor.exact  # kept with its quote, never dropped
    assert [h.id for h in store.highlights.list(article_id)] == [highlight.id, doomed.id]
    placed = store.bookmarks.get(bookmark.id)
    assert placed is not None and edited[placed.anchor.start :].startswith("The finance")
    mark = store.marks.get(article_id, "a")
    assert mark is not None and edited[mark.anchor.start :].startswith("reform of income")
    stored = store.articles.get(article_id)
    assert stored is not None and stored.position is not None
    assert edited[stored.position.start :].startswith("reform of income")
    assert [hit.article_id for hit in store.articles.search("lead paragraph")] == [article_id]
    assert store.articles.search("reckless") == []


def test_list_sorts_and_counts_notes(store: Store) -> None:
    older = datetime(2020, 5, 1, tzinfo=UTC)
    newer = datetime(2024, 1, 1, tzinfo=UTC)
    a = add(store, "alpha text here", title="beta", source="/a", published=older)
    b = add(store, "bravo text here", title="Alpha", source="/b", published=newer)
    c = add(store, "charlie text here", title="gamma", source="/c")
    store.highlights.add(a, range_anchor("alpha text here", 0, 5), note="a note")
    store.highlights.add(a, range_anchor("alpha text here", 6, 10))
    time.sleep(0.002)  # times are kept to the millisecond: opened after c was added
    store.articles.save_position(b, None, 0.25)
    assert [e.id for e in store.articles.list(SortOrder.TITLE)] == [b, a, c]
    assert [e.id for e in store.articles.list(SortOrder.DATE)] == [b, a, c]
    assert store.articles.list(SortOrder.RECENT)[0].id == b  # opened most recently
    entries = {e.id: e for e in store.articles.list()}
    assert (entries[a].highlight_count, entries[a].note_count) == (2, 1)
    assert entries[b].progress == 0.25
    assert entries[b].published == newer
    assert len(store.articles.list(limit=2)) == 2
    assert len(store.articles.list(limit=2, offset=2)) == 1


def test_delete_is_undoable_then_purged(store: Store) -> None:
    article_id = add(store)
    store.highlights.add(article_id, range_anchor(TEXT, 0, 10))
    assert store.articles.delete(article_id)
    assert store.articles.list() == []
    assert store.articles.search("budget") == []
    assert [e.id for e in store.articles.deleted()] == [article_id]
    assert store.articles.restore(article_id)
    assert [e.id for e in store.articles.list()] == [article_id]
    assert len(store.highlights.list(article_id)) == 1  # undo brings the notes back
    store.articles.delete(article_id)
    assert store.articles.purge_deleted(older_than=timedelta(0)) == 1
    assert store.articles.get(article_id) is None
    assert store.fetchone("SELECT count(*) FROM highlights") == (0,)


def test_re_adding_a_deleted_page_starts_afresh(store: Store) -> None:
    article_id = add(store)
    store.highlights.add(article_id, range_anchor(TEXT, 0, 10))
    store.articles.delete(article_id)
    result = store.articles.add(make_article(TEXT), source="/pages/page.html")
    assert result.status == AddStatus.ADDED
    assert store.highlights.list(result.article_id) == []


def test_search_ranks_title_first_with_plain_snippets(store: Store) -> None:
    body = add(store, "Nothing here.\n\nBut the budget is discussed at length.", source="/1")
    title = add(store, "Some other words entirely.", title="Budget day", source="/2")
    add(store, "Unrelated page about gardening.", source="/3")
    hits = store.articles.search("budget")
    assert [h.article_id for h in hits] == [title, body]
    assert hits[0].title_spans == (Span(0, 6),)
    snippet = hits[1]
    assert "\x02" not in snippet.snippet and "\x03" not in snippet.snippet
    assert [snippet.snippet[s.start : s.end] for s in snippet.snippet_spans] == ["budget"]


def test_search_prefix_phrase_and_hostile_queries(store: Store) -> None:
    article_id = add(store)
    assert [h.article_id for h in store.articles.search("parlia")] == [article_id]
    assert [h.article_id for h in store.articles.search('"income tax"')] == [article_id]
    assert store.articles.search('"tax income"') == []
    for hostile in ['budget" OR "x', "NEAR(a b)", "title:budget", "*", '"', "-", "a AND", ")("]:
        store.articles.search(hostile)  # never an FTS5 syntax error
    assert [h.article_id for h in store.articles.search("budget OR nothing")] == []


def test_build_match_quotes_everything() -> None:
    assert build_match("") is None
    assert build_match("  ,;  ") is None
    assert build_match("tax reform") == '"tax" AND "reform"*'
    assert build_match("tax reform ") == '"tax" AND "reform"'
    assert build_match('"income tax" ok') == '"income tax" AND "ok"'
    assert build_match("NOT x") == '"NOT" AND "x"'


def test_split_marked_sanitises() -> None:
    text, spans = split_marked("a \x02b\x1b[31mc\x03 d\n")
    assert text == "a bc d "
    assert spans == (Span(2, 4),)


def test_position_saved_as_anchor(store: Store) -> None:
    article_id = add(store)
    offset = TEXT.index("pensions")
    store.articles.save_position(article_id, point_anchor(TEXT, offset), 1.7)
    stored = store.articles.get(article_id)
    assert stored is not None and stored.position is not None
    assert stored.position.start == offset
    assert stored.position.exact.startswith("pensions")
    assert stored.entry.progress == 1.0
    with pytest.raises(StoreError):
        store.articles.save_position(9999, None, 0.0)


def test_marks(store: Store) -> None:
    article_id = add(store)
    store.marks.set(article_id, "a", point_anchor(TEXT, 10))
    store.marks.set(article_id, "a", point_anchor(TEXT, 20))
    store.marks.set(article_id, "B", point_anchor(TEXT, 30))
    mark = store.marks.get(article_id, "a")
    assert mark is not None and mark.anchor.start == 20
    assert [m.letter for m in store.marks.list(article_id)] == ["B", "a"]
    assert store.marks.delete(article_id, "a")
    assert store.marks.get(article_id, "a") is None
    with pytest.raises(ValueError):
        store.marks.set(article_id, "ab", point_anchor(TEXT, 0))
    with pytest.raises(StoreError):
        store.marks.set(12345, "a", point_anchor(TEXT, 0))


def test_bookmarks(store: Store) -> None:
    article_id = add(store)
    late = store.bookmarks.add(article_id, "late\x1b[2J", point_anchor(TEXT, 100))
    early = store.bookmarks.add(article_id, "  ", point_anchor(TEXT, 0))
    assert late.name == "late"
    assert early.name.startswith("Parliament passed")
    assert [b.id for b in store.bookmarks.list(article_id)] == [early.id, late.id]
    renamed = store.bookmarks.rename(late.id, "Pensions")
    assert renamed is not None and renamed.name == "Pensions"
    assert store.bookmarks.rename(9999, "x") is None
    assert store.bookmarks.delete(early.id)
    assert not store.bookmarks.delete(early.id)
    assert [b.name for b in store.bookmarks.list(article_id)] == ["Pensions"]


def test_highlights(store: Store) -> None:
    article_id = add(store)
    anchor = range_anchor(TEXT, 0, 10)
    highlight = store.highlights.add(article_id, anchor)
    assert highlight.color == "yellow" and highlight.note == ""
    assert highlight.uid.startswith("urn:uuid:")
    noted = store.highlights.set_note(highlight.id, "line one\r\nline two")
    assert noted is not None and noted.note == "line one\nline two" and noted.has_note
    recoloured = store.highlights.recolor(highlight.id, "green")
    assert recoloured is not None and recoloured.color == "green"
    assert recoloured.updated_at >= highlight.created_at
    with pytest.raises(ValueError):
        store.highlights.recolor(highlight.id, "chartreuse")
    with pytest.raises(StoreError):  # an anchor that does not match the stored text
        store.highlights.add(article_id, range_anchor("something else entirely", 0, 10))
    with pytest.raises(ValueError):
        store.highlights.add(article_id, range_anchor(TEXT, 5, 5))
    assert store.highlights.delete(highlight.id)
    assert store.highlights.list(article_id) == []
    assert store.highlights.set_note(highlight.id, "gone") is None


def test_failed_write_changes_nothing(store: Store) -> None:
    article_id = add(store)

    def half_done(conn) -> None:  # type: ignore[no-untyped-def]
        conn.execute("UPDATE articles SET title = 'changed' WHERE id = ?", (article_id,))
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        store.write(half_done)
    stored = store.articles.get(article_id)
    assert stored is not None and stored.entry.title == "A page"


def test_threads_get_their_own_connections(store: Store) -> None:
    article_id = add(store)
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for i in range(20):
                store.bookmarks.add(article_id, f"t{n}-{i}", point_anchor(TEXT, i))
                store.articles.list()
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(store.bookmarks.list(article_id)) == 80
    assert store.integrity_check() == "ok"


def test_closed_store_refuses(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.close()
    with pytest.raises(StoreError):
        store.articles.count()


def test_finished_threads_give_their_connections_back(store: Store) -> None:
    article_id = add(store)
    for _ in range(30):  # UI workers: a new thread for each task
        worker = threading.Thread(target=store.articles.get, args=(article_id,))
        worker.start()
        worker.join()
    store.articles.count()
    assert len(store._connections) <= 2


def test_display_title_is_safe_to_show(store: Store) -> None:
    add(store, title="Evil\x1b]0;pwned\x07 title\nsecond line", source="/evil.html")
    add(store, "Other text.", title="  ", source="/pages/untitled-page.html")
    titles = sorted(e.display_title for e in store.articles.list())
    assert titles == ["Evil title second line", "untitled-page.html"]


def test_whole_page_entry_is_told_from_its_article(store: Store) -> None:
    add(store, title="Harbour news", source="/pages/harbour.html")
    add(
        store,
        "The whole page's text.",
        title="Harbour news",
        source="/pages/harbour.html#whole-page",
    )
    add(store, "Nothing else.", title="", source="/pages/bare.html#whole-page")
    titles = sorted(e.display_title for e in store.articles.list())
    assert titles == ["Harbour news", "Harbour news (whole page)", "bare.html (whole page)"]
