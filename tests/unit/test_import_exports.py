"""Exports into the library: articles with tags, state and anchored highlights; link
lists into the reading queue, fetched only on request (from a loopback server here)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_readlater_exports import EXPORTS, omnivore_zip

from reader.__main__ import main
from reader.config import Limits
from reader.importing.exports import import_export
from reader.importing.fetch_queue import fetch_queue
from reader.store import Store, open_library
from reader.store.library import LibraryFilter, StateFilter
from tests.local_site import Site, local_site


@pytest.fixture
def store() -> Iterator[Store]:
    with open_library() as opened:
        yield opened


def test_omnivore_import_anchors_highlights_and_reports(store: Store, tmp_path: Path) -> None:
    report = import_export(store, omnivore_zip(tmp_path / "o.zip"), jobs=1)
    assert (report.added, report.failed) == (2, [])
    # Three quotes are in the text (one across a line break), one never was.
    assert (report.highlights.anchored, report.highlights.orphaned) == (3, 1)
    assert report.highlights.moved == 0
    article = store.articles.get_by_source("https://coastline.example/tide-clock")
    assert article is not None
    item = store.library.item(article.id)
    assert item is not None
    assert item.tags == ("clocks", "harbours") and item.archived and item.is_read
    assert item.entry.added_at.isoformat().startswith("2024-03-16T08:12")
    highlights = store.highlights.list(article.id)
    text = store.articles.text(article.id) or ""
    for highlight in highlights:
        if not highlight.orphaned:
            assert text[highlight.anchor.start : highlight.anchor.end] == highlight.anchor.exact
    assert sum(h.orphaned for h in highlights) == 1
    assert any(h.note == "The storm of 2013, I think." for h in highlights)


def test_importing_the_same_export_again_duplicates_nothing(store: Store, tmp_path: Path) -> None:
    path = omnivore_zip(tmp_path / "o.zip")
    import_export(store, path, jobs=1)
    again = import_export(store, path, jobs=1)
    assert (again.added, again.unchanged) == (0, 2)
    assert store.notes.count() == 4


def test_wallabag_import_and_anchored_rate(store: Store) -> None:
    report = import_export(store, EXPORTS / "wallabag.json", jobs=1)
    assert report.added == 1 and report.queued == 1
    assert report.highlights.anchored == report.highlights.total == 2
    [item] = store.library.items(LibraryFilter(state=StateFilter.STARRED))
    assert item.entry.title == "Why the tide comes twice a day"
    assert [q.url for q in store.queue.pending()] == ["https://sea.example/later"]


def test_link_lists_become_the_reading_queue(store: Store) -> None:
    for name in ("pocket.csv", "instapaper.csv", "raindrop.csv"):
        import_export(store, EXPORTS / name)
    queued = {q.url: q for q in store.queue.all()}
    assert len(queued) == 8
    assert queued["https://sea.example/tide-tables"].tags == ("sea", "reference")
    assert queued["https://clock.example/pendulum"].archived
    assert queued["https://walls.example/harbour"].starred
    # Their highlights wait for the page, kept loose until then.
    waiting = store.notes.loose("https://walls.example/harbour")
    assert [w.quote for w in waiting] == ["The wall was built in 1820"]
    again = import_export(store, EXPORTS / "pocket.csv")
    assert (again.queued, again.already_queued) == (0, 2)


def test_readwise_attaches_by_url_and_keeps_orphans(store: Store, tmp_path: Path) -> None:
    import_export(store, omnivore_zip(tmp_path / "o.zip"), jobs=1)
    before = store.notes.count()
    report = import_export(store, EXPORTS / "readwise.csv")
    assert report.highlights.anchored == 2
    assert report.loose == 2
    assert store.notes.count() == before + 2
    loose = {w.title: w for w in store.notes.loose()}
    assert loose["Elsewhere"].note == "Keep me"
    assert "A Book" in loose


@pytest.fixture
def served() -> Iterator[Site]:
    with local_site() as site:
        yield site


@pytest.fixture
def site(served: Site) -> str:
    return served.url


def test_fetch_reads_the_queue_politely_and_lists_failures(
    store: Store, site: str, served: Site, tmp_path: Path
) -> None:
    csv = tmp_path / "raindrop.csv"
    csv.write_text(
        "id,title,note,excerpt,url,folder,tags,created,cover,highlights,favorite\n"
        f'1,Walls,,,{site}/walls,,"sea",2024-01-05T10:00:00Z,,"Highlight:The wall was '
        'built in 1820",true\n'
        f"2,Gone,,,{site}/missing,,,2024-01-06T10:00:00Z,,,false\n"
    )
    import_export(store, csv)
    assert served.hits == []  # importing never fetches
    waits: list[float] = []
    report = fetch_queue(store, Limits(fetch_timeout=5), interval=0.5, sleep=waits.append)
    assert report.fetched == 1 and [url for url, _ in report.failed] == [f"{site}/missing"]
    assert len(waits) == 1 and 0 < waits[0] <= 0.5
    stored = store.articles.get_by_source(f"{site}/walls")
    assert stored is not None
    assert store.library.tags_of(stored.id) == ["sea"]
    [highlight] = store.highlights.list(stored.id)
    assert highlight.anchor.exact == "The wall was built in 1820" and not highlight.orphaned
    assert store.notes.loose(f"{site}/walls") == []
    failed = store.queue.get(f"{site}/missing")
    assert failed is not None and failed.error and failed.article_id is None


def test_cli_import_fetch(site: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv = tmp_path / "pocket.csv"
    csv.write_text(f"title,url,time_added,tags,status\nWalls,{site}/walls,1709876543,,unread\n")
    with pytest.raises(SystemExit) as done:
        main(["import", str(csv), "--fetch", "--rate", "0"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "queued 1" in out and "fetched 1, failed 0" in out
    with pytest.raises(SystemExit) as done:
        main(["import"])
    assert done.value.code == 2
    assert "nothing to import" in capsys.readouterr().err


def test_a_queued_page_is_fetched_when_first_opened(store: Store, site: str, served: Site) -> None:
    from reader import service
    from reader.store.queue import QueueItem

    store.queue.add([QueueItem(f"{site}/walls", tags=("sea",), starred=True)])
    article, article_id = service.open_queued(f"{site}/walls", None, store)
    assert "granite" in article.text and served.hits == ["/walls"]
    again, same_id = service.open_queued(f"{site}/walls", None, store)
    assert again.text == article.text
    assert same_id == article_id and served.hits == ["/walls"]  # from the library now
    item = store.library.item(article_id)
    assert item is not None and item.starred and item.tags == ("sea",)
