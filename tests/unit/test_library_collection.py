"""The library as a collection: tags, state, filters remembered, every note across it,
and the whole library's notes exported and read back."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_store_support import TEXT, make_article

from reader.__main__ import main
from reader.anchoring import range_anchor
from reader.errors import StoreError
from reader.store import SortOrder, Store, open_library
from reader.store.export_all import file_stem
from reader.store.library import LibraryFilter, StateFilter


@pytest.fixture
def store() -> Iterator[Store]:
    with open_library() as opened:
        yield opened


def _add(store: Store, name: str, text: str = TEXT) -> int:
    article = make_article(f"{text}\n\nAbout {name}.", title=name.title(), source=f"/{name}.html")
    return store.articles.add(article, source=f"/{name}.html").article_id


def _highlight(store: Store, article_id: int, word: str, note: str = "") -> None:
    text = store.articles.text(article_id) or ""
    start = text.index(word)
    store.highlights.add(article_id, range_anchor(text, start, start + len(word)), note=note)


def test_tags_add_remove_and_counts_for_completion(store: Store) -> None:
    one, two = _add(store, "one"), _add(store, "two")
    assert store.library.add_tags(one, ["Sea", "  clocks ", "sea", ""]) == 2
    store.library.add_tags(two, ["sea", "\x1b[31mred\x1b[0m"])
    assert store.library.tags_of(one) == ["clocks", "Sea"]
    counts = {t.name: t.count for t in store.library.tags()}
    assert counts["Sea"] == 2 and counts["clocks"] == 1
    assert all("\x1b" not in name for name in counts)
    assert [t.name for t in store.library.tags("cl")] == ["clocks"]
    assert [t.name for t in store.library.tags("%")] == []  # LIKE wildcards are literal
    store.library.remove_tags(one, ["clocks"])
    assert "clocks" not in {t.name for t in store.library.tags()}
    with pytest.raises(StoreError):
        store.library.add_tags(999, ["x"])


def test_state_filters_and_the_queue(store: Store) -> None:
    read, archived, starred, fresh = (
        _add(store, n) for n in ("read", "archived", "starred", "fresh")
    )
    store.library.set_state(read, is_read=True)
    store.library.set_state(archived, archived=True)
    store.library.set_state(starred, starred=True)
    store.library.add_tags(fresh, ["later"])

    def titles(**kwargs: object) -> set[str]:
        return {i.entry.title for i in store.library.items(LibraryFilter(**kwargs))}

    assert titles(state=StateFilter.QUEUE) == {"Starred", "Fresh"}
    assert titles(state=StateFilter.READ) == {"Read"}
    assert titles(state=StateFilter.ARCHIVED) == {"Archived"}
    assert titles(state=StateFilter.STARRED) == {"Starred"}
    assert titles(state=StateFilter.UNREAD) == {"Archived", "Starred", "Fresh"}
    assert titles(tag="LATER") == {"Fresh"}
    assert titles() == {"Read", "Archived", "Starred", "Fresh"}
    assert [i.entry.title for i in store.library.items(LibraryFilter(sort=SortOrder.TITLE))] == [
        "Archived",
        "Fresh",
        "Read",
        "Starred",
    ]
    assert store.library.queue_count() == 2


def test_sort_and_filter_are_remembered(store: Store, tmp_path: Path) -> None:
    assert store.library.saved_filter() == LibraryFilter()
    chosen = LibraryFilter(StateFilter.STARRED, "sea", SortOrder.TITLE)
    store.library.save_filter(chosen)
    with open_library() as again:
        assert again.library.saved_filter() == chosen
    store.library.set_setting("library.filter", "{not json")
    assert store.library.saved_filter() == LibraryFilter()


def test_all_notes_newest_first_by_article_by_tag_and_searched(store: Store) -> None:
    one, two = _add(store, "one"), _add(store, "two")
    store.library.add_tags(two, ["politics"])
    _highlight(store, one, "budget", "numbers again")
    _highlight(store, two, "pensions", "ask gran about inflation")
    _highlight(store, two, "reckless")
    rows = store.notes.list()
    assert [r.highlight.anchor.exact for r in rows] == ["reckless", "pensions", "budget"]
    assert rows[0].article_title == "Two"
    assert [r.highlight.anchor.exact for r in store.notes.list(article_id=one)] == ["budget"]
    assert len(store.notes.list(tag="politics")) == 2
    found = store.notes.list(search="inflation")
    assert [r.highlight.anchor.exact for r in found] == ["pensions"]
    assert found[0].note_spans and not found[0].quote_spans
    assert [r.highlight.anchor.exact for r in store.notes.list(search="budg")] == ["budget"]
    assert store.notes.list(search='NEAR( " OR *') == []  # user text is never FTS syntax
    assert store.notes.list(search="   ") == store.notes.list()


def test_notes_index_follows_edits_and_deletes(store: Store) -> None:
    one = _add(store, "one")
    _highlight(store, one, "budget", "first words")
    [row] = store.notes.list(search="first")
    store.highlights.set_note(row.highlight.id, "second thoughts")
    assert store.notes.list(search="first") == []
    assert len(store.notes.list(search="second")) == 1
    store.highlights.delete(row.highlight.id)
    assert store.notes.list(search="second") == []
    _highlight(store, one, "budget", "third")
    store.articles.delete(one)  # in the trash: its notes are out of sight
    assert store.notes.list(search="third") == []


def _cli(*argv: str) -> int:
    with pytest.raises(SystemExit) as done:
        main(list(argv))
    return int(done.value.code or 0)


def test_export_all_markdown_folder_and_json_read_back(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one, two = _add(store, "one"), _add(store, "two/../x")
    store.library.add_tags(one, ["sea"])
    _highlight(store, one, "budget", "a note")
    _highlight(store, two, "pensions")
    folder = tmp_path / "notes"
    assert _cli("export", "--all", "-o", str(folder)) == 0
    files = sorted(p.name for p in folder.iterdir())
    assert files == [f"One ({one}).md", f"Two .. X ({two}).md"]  # no folder in a name
    first = (folder / f"One ({one}).md").read_text()
    assert first.startswith('---\ntags: ["sea"]\n---') and "> budget" in first
    target = tmp_path / "all.json"
    assert _cli("export", "--all", "-o", str(target)) == 0
    data = json.loads(target.read_text())
    assert len(data) == 2 and {a["type"] for a in data} == {"Annotation"}
    for row in store.notes.list():
        store.highlights.delete(row.highlight.id)
    capsys.readouterr()
    assert _cli("import-notes", str(target)) == 0
    assert store.notes.count() == 2
    assert "1 anchored" in capsys.readouterr().out


def test_export_takes_a_library_id_url_or_path(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    one = _add(store, "one")
    _highlight(store, one, "budget")
    assert _cli("export", str(one)) == 0
    assert "> budget" in capsys.readouterr().out
    assert _cli("export", "/one.html") == 0
    assert "> budget" in capsys.readouterr().out
    assert _cli("export", "4242") == 2
    assert "not in the library" in capsys.readouterr().err
    assert _cli("export", "--all") == 2
    assert "name a folder" in capsys.readouterr().err
    assert _cli("export") == 2


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("A/B\\C:D", "A B C D (1)"),
        ("..", "Untitled (1)"),
        ("", "Untitled (1)"),
        ("\x1b[2Jclear", "2Jclear (1)"),
        ("x" * 300, "x" * 80 + " (1)"),
    ],
)
def test_export_file_names_are_safe(title: str, stem: str) -> None:
    assert file_stem(title, 1) == stem
