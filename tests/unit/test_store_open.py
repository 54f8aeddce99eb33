"""`service.open_article`: pages open through the library, reusing the cached Article."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader import service
from reader.anchoring import range_anchor
from reader.config import Settings
from reader.models import Article
from reader.store import Store, open_library

PAGE = """<html><head><title>River report</title></head><body><article>
<p>The river rose two metres overnight and closed the lower road to traffic.</p>
<p>Engineers expect the water to fall by Friday, weather permitting.</p>
</article></body></html>"""


@pytest.fixture
def store() -> Store:
    with open_library() as opened:
        yield opened


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "river.html"
    path.write_text(PAGE)
    return path


@pytest.fixture
def extractions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every real extraction, recorded."""
    calls: list[str] = []
    real = service.read_article

    def counting(source: str, limits: object = None, **options: object) -> Article:
        calls.append(source)
        return real(source, limits, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(service, "read_article", counting)
    return calls


def test_reopening_an_unchanged_file_skips_extraction(
    page: Path, store: Store, extractions: list[str]
) -> None:
    first, first_id = service.open_article(str(page), store=store)
    again, again_id = service.open_article(str(page), store=store)
    assert extractions == [str(page)]
    assert again_id == first_id
    assert again == first
    entry = store.articles.get(first_id)
    assert entry is not None and entry.entry.title == "River report"
    assert entry.entry.opened_at is not None


def test_an_edited_file_is_extracted_again_and_notes_follow(
    page: Path, store: Store, extractions: list[str]
) -> None:
    article, article_id = service.open_article(str(page), store=store)
    start = article.text.index("Engineers expect")
    store.highlights.add(article_id, range_anchor(article.text, start, start + 16))
    page.write_text(
        PAGE.replace("<p>The river", "<p>Update: the road has reopened.</p><p>The river")
    )
    edited, edited_id = service.open_article(str(page), store=store)
    assert len(extractions) == 2
    assert edited_id == article_id
    (moved,) = store.highlights.list(article_id)
    assert edited.text[moved.anchor.start : moved.anchor.end] == "Engineers expect"


def test_an_article_from_an_older_extractor_is_rebuilt(
    page: Path, store: Store, extractions: list[str]
) -> None:
    _, article_id = service.open_article(str(page), store=store)
    store.change("UPDATE articles SET model_version = 0 WHERE id = ?", (article_id,))
    _, again_id = service.open_article(str(page), store=store)
    assert len(extractions) == 2 and again_id == article_id
    service.open_article(str(page), store=store)
    assert len(extractions) == 2


def test_a_copy_of_a_known_file_opens_the_same_entry(
    page: Path, tmp_path: Path, store: Store, extractions: list[str]
) -> None:
    copy = tmp_path / "elsewhere" / "river-copy.html"
    copy.parent.mkdir()
    copy.write_text(PAGE)
    _, first_id = service.open_article(str(page), store=store)
    _, copy_id = service.open_article(str(copy), store=store)
    assert copy_id == first_id
    assert extractions == [str(page)]


def test_a_stored_url_is_not_fetched_again(
    page: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = service.read_article(str(page))
    url = "https://example.org/river"
    article_id = store.articles.add(article, source=url).article_id

    def no_network(source: str, limits: object = None, **options: object) -> Article:
        raise AssertionError("the network was used")

    monkeypatch.setattr(service, "read_article", no_network)
    opened, opened_id = service.open_article(url, store=store)
    assert (opened.text, opened_id) == (article.text, article_id)


def test_without_a_store_the_library_is_opened_here(page: Path) -> None:
    _, article_id = service.open_article(str(page))
    with open_library() as store:
        assert [e.id for e in store.articles.list()] == [article_id]


def test_in_a_read_only_session_pages_still_open(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("READER_DATA_DIR", str(blocker / "data"))
    with open_library() as store:
        assert store.read_only
        article, article_id = service.open_article(str(page), store=store)
        assert article.title == "River report" and article_id > 0


def test_reopen_article_gives_only_what_needs_no_extraction(
    page: Path, store: Store, extractions: list[str]
) -> None:
    settings = Settings()
    assert service.reopen_article(str(page), settings, store) is None  # not stored yet
    first, first_id = service.open_article(str(page), settings, store)
    assert service.reopen_article(str(page), settings, store) == (first, first_id)
    page.write_text(PAGE.replace("two metres", "three metres"))
    assert service.reopen_article(str(page), settings, store) is None  # changed: read again
    assert service.reopen_article(str(page.with_name("gone.html")), settings, store) is None
    assert extractions == [str(page)]


def test_a_page_preloaded_before_the_app_runs_is_not_read_again(
    page: Path, store: Store, extractions: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``reader PAGE`` reads a library page back before the TUI starts; the reading
    screen's loader then takes that article instead of opening the page again."""
    from reader.ui.library.session import LibrarySession

    settings = Settings()
    first, first_id = service.open_article(str(page), settings, store)
    session = LibrarySession(settings)
    try:
        session.preload(str(page))

        def forbidden(*_: object, **__: object) -> None:
            raise AssertionError("opened again although it was preloaded")

        monkeypatch.setattr(service, "open_article", forbidden)
        assert session.take_preloaded(str(page)) == (first, first_id)
        assert session.take_preloaded(str(page)) is None  # taken once
        session.preload(str(page.with_name("other.html")))  # not in the library
        assert session.take_preloaded(str(page.with_name("other.html"))) is None
    finally:
        session.close()
    assert extractions == [str(page)]
