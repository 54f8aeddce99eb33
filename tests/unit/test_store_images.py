"""The library keeps a stored page's pictures: copied into the data folder by hash,
capped per article and in all, gone with the last article that used them."""

from __future__ import annotations

import hashlib
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from reader.config import Settings
from reader.models import BlockKind
from reader.service import open_article
from reader.store import Store, open_store
from reader.store.images import ImageRepository, figure_references
from tests.image_pages import mhtml_with_image, picture, saved_complete, singlefile_page


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with open_store(tmp_path / "data") as opened:
        yield opened


def settings_for(store: Store) -> Settings:
    return Settings(data_dir=store.path.parent)


def kept_files(store: Store) -> list[Path]:
    return sorted(p for p in (store.path.parent / "images").rglob("*") if p.is_file())


def test_opening_a_page_keeps_its_pictures(store: Store, tmp_path: Path) -> None:
    page = saved_complete(tmp_path / "site")
    originals = {
        ref: (page.parent / ref).read_bytes()
        for ref in ("The tide clock_files/clock face.jpg", "The tide clock_files/harbour.png")
    }
    article, article_id = open_article(str(page), settings_for(store), store)
    assert figure_references(article) == tuple(originals)
    assert store.images.count(article_id) == 2
    files = kept_files(store)
    assert [f.name for f in files] == sorted(
        hashlib.sha256(d).hexdigest() for d in originals.values()
    )
    # The saved page can go: the library still has what it needs.
    shutil.rmtree(page.parent)
    pictures = store.images.sources(article_id)
    for reference, data in originals.items():
        assert pictures.read(reference) == data
    assert pictures.read("The tide clock_files/missing.png") is None


def test_a_picture_used_twice_is_kept_once(store: Store, tmp_path: Path) -> None:
    first = saved_complete(tmp_path / "one", "First page")
    second = saved_complete(tmp_path / "two", "Second page")
    _, a = open_article(str(first), settings_for(store), store)
    _, b = open_article(str(second), settings_for(store), store)
    assert a != b
    assert store.images.count(a) == store.images.count(b) == 2
    assert len(kept_files(store)) == 2  # the same two pictures, saved with both pages


def test_purging_removes_pictures_no_other_article_uses(store: Store, tmp_path: Path) -> None:
    _, a = open_article(
        str(saved_complete(tmp_path / "one", "First page")), settings_for(store), store
    )
    assert store.articles.delete(a)
    assert len(kept_files(store)) == 2  # in the trash: restorable, pictures and all
    _, b = open_article(
        str(saved_complete(tmp_path / "two", "Second page")), settings_for(store), store
    )
    assert store.articles.purge(a)
    assert len(kept_files(store)) == 2  # the second page still uses them
    assert store.articles.delete(b)
    assert store.articles.purge_deleted(older_than=timedelta(0)) == 1
    assert kept_files(store) == []
    assert store.fetchone("SELECT count(*) FROM article_images") == (0,)


def test_per_article_cap(store: Store, tmp_path: Path) -> None:
    page = saved_complete(tmp_path / "site")
    article, article_id = open_article(str(page), settings_for(store), store)
    from reader.service import read_page

    _, sources = read_page(str(page))
    assert sources is not None
    smallest = min((page.parent / ref).stat().st_size for ref in figure_references(article))
    capped = ImageRepository(store, max_article_bytes=smallest)
    assert capped.keep(article_id, figure_references(article), sources) == 1
    assert store.images.count(article_id) == 1


def test_total_cap(store: Store, tmp_path: Path) -> None:
    page = saved_complete(tmp_path / "site")
    article, article_id = open_article(str(page), settings_for(store), store)
    from reader.service import read_page

    _, sources = read_page(str(page))
    assert sources is not None
    for path in kept_files(store):
        path.unlink()
    store.change("DELETE FROM article_images")
    capped = ImageRepository(store, max_total_bytes=10)
    assert capped.keep(article_id, figure_references(article), sources) == 0
    assert kept_files(store) == []


def test_a_changed_file_is_not_the_kept_picture(store: Store, tmp_path: Path) -> None:
    page = saved_complete(tmp_path / "site")
    article, article_id = open_article(str(page), settings_for(store), store)
    reference = figure_references(article)[0]
    for path in kept_files(store):
        path.write_bytes(b"changed")
    assert store.images.sources(article_id).read(reference) is None


def test_remote_and_placeholder_figures_keep_nothing(store: Store, tmp_path: Path) -> None:
    page = saved_complete(tmp_path / "site")
    article, _ = open_article(str(page), settings_for(store), store)
    remote = [b for b in article.blocks if b.kind is BlockKind.FIGURE and b.image is None]
    assert len(remote) == 1
    assert len(kept_files(store)) == 2


def test_a_read_only_library_keeps_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    data = blocker / "data"  # cannot be created: the session's library lives in memory
    with open_store(data) as store:
        assert store.read_only
        page = saved_complete(tmp_path / "site")
        _, article_id = open_article(str(page), Settings(data_dir=data), store)
        assert store.images.count(article_id) == 0
    assert not data.exists()


def test_data_uri_pictures_are_kept_from_the_page_read_again(store: Store, tmp_path: Path) -> None:
    page = tmp_path / "single.html"
    image = picture((30, 20))
    page.write_text(singlefile_page(image), encoding="utf-8")
    article, article_id = open_article(str(page), settings_for(store), store)
    (reference,) = figure_references(article)
    assert store.images.sources(article_id).read(reference) == image


def test_archive_pictures_are_kept(store: Store, tmp_path: Path) -> None:
    page = tmp_path / "archived.mhtml"
    image = picture((30, 20))
    page.write_bytes(mhtml_with_image(image))
    article, article_id = open_article(str(page), settings_for(store), store)
    references = figure_references(article)
    assert len(references) == 2
    pictures = store.images.sources(article_id)
    assert [pictures.read(r) for r in references] == [image, image]
    assert len(kept_files(store)) == 1


def test_reader_import_keeps_pictures(store: Store, tmp_path: Path) -> None:
    from reader.store.importer import import_pages

    page = saved_complete(tmp_path / "site")
    report = import_pages(store, [str(page)], jobs=1)
    (result,) = report.results
    assert result.article_id is not None
    assert store.images.count(result.article_id) == 2
