"""Figures on hostile pages: every picture a page names is located, probed, kept and
drawn (or shown as its placeholder) without a single connection or name lookup (the
``no_network`` guard of this folder fails the test on any attempt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.config import Settings
from reader.errors import ReaderError
from reader.images.halfblock import render
from reader.models import BlockKind
from reader.service import open_article, read_page
from reader.store import open_store
from tests.image_pages import lazy_page, mhtml_with_image, picture, saved_complete

from .registry import Page
from .test_hostile_network import REMOTE_KINDS


def _draw_all(source: str) -> int:
    try:
        article, sources = read_page(source)
    except ReaderError:
        return 0
    drawn = 0
    for block in article.blocks:
        if block.kind is BlockKind.FIGURE and block.image and sources is not None:
            data = sources.read(block.image)
            if data is not None:
                render(data, 40, 12)
                drawn += 1
    return drawn


@pytest.mark.parametrize("kind", REMOTE_KINDS)
def test_remote_pictures_are_never_fetched(kind: str, hostile_pages: dict[str, Page]) -> None:
    _draw_all(str(hostile_pages[kind].path))


def test_local_pictures_are_drawn_offline(tmp_path: Path) -> None:
    archive = tmp_path / "a.mhtml"
    archive.write_bytes(mhtml_with_image(picture((20, 20))))
    pages = [saved_complete(tmp_path / "one"), lazy_page(tmp_path / "two"), archive]
    assert [_draw_all(str(page)) for page in pages] == [2, 4, 2]
    with open_store(tmp_path / "data") as store:
        for page in pages:
            open_article(str(page), Settings(data_dir=tmp_path / "data"), store)
        # One row per picture an article uses: the lazy page shows wide.png twice.
        assert store.fetchone("SELECT count(*) FROM article_images") == (7,)
