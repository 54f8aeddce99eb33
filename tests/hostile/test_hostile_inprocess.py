"""``read_article`` on every light hostile page, in this process (with the network cut
off): an Article or a ReaderError, nothing else; encodings decoded right; entities never
expanded. The heavy pages run in child processes (test_hostile_cli), where time and
memory are measured."""

from __future__ import annotations

import pytest

from reader.config import Limits
from reader.errors import ReaderError
from reader.service import read_article

from .checks import check_article
from .conftest import LIGHT_NAMES
from .generate import all_kinds
from .registry import Page

ENCODING_NAMES = [n for n, spec in all_kinds().items() if spec.expect_words]
ENTITY_NAMES = [n for n, spec in all_kinds().items() if spec.forbid]


@pytest.mark.parametrize("name", LIGHT_NAMES)
def test_read_article(name: str, hostile_pages: dict[str, Page]) -> None:
    page = hostile_pages[name]
    try:
        article = read_article(str(page.path), Limits())
    except ReaderError as error:
        message = str(error)
        assert message.strip() and "\n" not in message, repr(message)
        assert page.kind.outcome != "article", f"{name} refused: {message}"
        return
    assert page.kind.outcome != "error", f"{name} should be refused"
    check_article(article, page.kind)


@pytest.mark.parametrize("name", ENCODING_NAMES)
def test_encoding_comes_out_as_text(name: str, hostile_pages: dict[str, Page]) -> None:
    spec = hostile_pages[name].kind
    article = read_article(str(hostile_pages[name].path), Limits())
    for word in spec.expect_words:
        assert word in article.text, f"{word!r} missing from {article.text[:400]!r}"
    mojibake = [m for m in ("Ã", "Â€", "â€", "Ð¾", "ï»¿") if m in article.text]
    assert not mojibake, f"mojibake {mojibake} in {article.text[:400]!r}"


@pytest.mark.parametrize("name", ENTITY_NAMES)
def test_entities_never_expanded(name: str, hostile_pages: dict[str, Page]) -> None:
    spec = hostile_pages[name].kind
    try:
        article = read_article(str(hostile_pages[name].path), Limits())
    except ReaderError:
        return
    everything = article.text + article.markdown + article.title
    for marker in spec.forbid:
        assert marker not in everything
    assert len(everything) < 200_000, "far more text than the page holds: entities expanded"


def test_tight_limits_still_clean(hostile_pages: dict[str, Page]) -> None:
    """With every limit set low, the light pages still give an article (marked truncated
    when cut) or a ReaderError, never another exception."""
    tight = Limits(
        max_input_bytes=200_000,
        max_decompressed_bytes=300_000,
        max_depth=16,
        max_nodes=2_000,
        max_links=50,
        max_text_chars=5_000,
        extract_seconds=5.0,
    )
    for name in LIGHT_NAMES:
        try:
            article = read_article(str(hostile_pages[name].path), tight)
        except ReaderError:
            continue
        assert len(article.text) <= tight.max_text_chars, name
        assert sum(len(g.links) for g in article.link_groups) <= tight.max_links, name
