"""An extraction that looks cut says so, and the whole page is there as text."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader import service
from reader.config import Limits
from reader.errors import ExtractError
from reader.extract.pipeline import extract, extract_whole_page, incompleteness
from reader.loaders.base import DocumentKind, RawDocument
from reader.models import Article, BlockKind, Incomplete

PROSE = (
    "The council met on Tuesday evening to decide the future of the harbour wall, which "
    "has kept the winter storms out of the old town for two hundred years. "
)
NOTHING = (
    "<html><head><title>Harbour</title></head><body><p>Share</p><p>Advertisement</p></body></html>"
)


def html_doc(html: str) -> RawDocument:
    return RawDocument(source="page.html", kind=DocumentKind.HTML, text=html)


def test_a_whole_article_is_not_marked_incomplete() -> None:
    html = f"<html><body><article><p>{PROSE}</p><p>{PROSE}</p></article></body></html>"
    article = extract(html_doc(html), Limits())
    assert article.incomplete is None
    assert not article.whole_page


@pytest.mark.parametrize(
    ("rescued", "article", "page", "expected"),
    [
        (True, 5000, 6000, Incomplete.RESCUED),
        (False, 500, 6000, Incomplete.SMALL_SHARE),
        (False, 3000, 6000, None),
        # A short page: its menus and footers weigh too much to judge by share.
        (False, 300, 2000, None),
    ],
)
def test_incompleteness(
    rescued: bool, article: int, page: int, expected: Incomplete | None
) -> None:
    assert incompleteness(rescued, article, page) is expected


def test_the_whole_page_is_every_block_of_the_body() -> None:
    html = (
        "<html><head><title>Harbour</title></head><body><nav><ul><li><a href='/a'>Home</a>"
        f"</li><li><a href='/b'>News</a></li></ul></nav><article><h1>Harbour</h1><p>{PROSE}</p>"
        "</article><footer><p>Share</p></footer></body></html>"
    )
    whole = extract_whole_page(html_doc(html), Limits())
    assert whole.whole_page
    assert [b.kind for b in whole.blocks] == [
        BlockKind.LIST,
        BlockKind.PARAGRAPH,
        BlockKind.PARAGRAPH,
    ]
    assert whole.text.startswith("Home\nNews") and whole.text.endswith("Share")
    assert Article.from_dict(whole.to_dict()) == whole


def test_no_article_text_is_an_error_for_extract_and_the_whole_page_for_the_reader(
    tmp_path: Path,
) -> None:
    page = tmp_path / "page.html"
    page.write_text(NOTHING, encoding="utf-8")
    with pytest.raises(ExtractError):
        service.read_article(str(page))
    article = service.read_article(str(page), whole_page_fallback=True)
    assert article.whole_page and article.incomplete is Incomplete.NOTHING_FOUND
    assert article.text == "Share\n\nAdvertisement"
    assert Article.from_dict(article.to_dict()) == article


def test_a_page_with_no_text_at_all_stays_an_error(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><div> </div></body></html>", encoding="utf-8")
    with pytest.raises(ExtractError):
        service.read_article(str(page), whole_page_fallback=True)


def test_read_whole_page_reads_the_source_again(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(NOTHING, encoding="utf-8")
    assert service.read_whole_page(str(page)).text == "Share\n\nAdvertisement"
