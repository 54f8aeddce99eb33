"""A page named on the command line is extracted in a child process while the TUI
starts; the reading screen's ``service.read_article`` takes that answer once."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from reader import early_extract, service
from reader.config import Limits
from reader.errors import ExtractError
from reader.models import Incomplete

PAGE = (
    "<html><head><title>Harbour notes</title></head><body><article>"
    + "".join(
        f"<p>Paragraph {n} of the harbour story: the tide came in at dawn and the "
        "boats went out past the lighthouse before the fog rolled back.</p>"
        for n in range(8)
    )
    + "</article></body></html>"
)


@pytest.fixture(autouse=True)
def nothing_pending() -> None:
    yield
    for source in list(early_extract._pending):
        early_extract.cancel(source)
    early_extract.drop_ahead()


def test_the_child_reads_what_the_process_would(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    limits = Limits()
    early_extract.start(str(page), limits)
    early = early_extract.take(str(page), limits)
    assert early is not None
    here = service.read_article(str(page), limits)
    assert (early.text, early.title, early.blocks) == (here.text, here.title, here.blocks)
    # Taken once: the next read is the ordinary one.
    assert early_extract.take(str(page), limits) is None


def test_read_article_takes_the_early_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    limits = Limits()
    early_extract.start(str(page), limits)

    def no_second_read(*_: object, **__: object) -> None:
        raise AssertionError("the page was read again")

    monkeypatch.setattr(service, "read_page", no_second_read)
    article = service.read_article(str(page), limits, whole_page_fallback=True)
    assert "lighthouse" in article.text


def test_cancelled_or_other_limits_leave_the_ordinary_path(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    limits = Limits()
    early_extract.start(str(page), limits)
    early_extract.cancel(str(page))
    assert early_extract.take(str(page), limits) is None
    early_extract.start(str(page), limits)
    assert early_extract.take(str(page), replace(limits, extract_seconds=1.0)) is None


def test_a_failed_child_leaves_the_error_to_the_ordinary_path(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><body></body></html>", encoding="utf-8")
    limits = Limits()
    early_extract.start(str(page), limits)
    assert early_extract.take(str(page), limits) is None
    with pytest.raises(ExtractError):
        service.read_article(str(page), limits)


def test_a_whole_page_answer_is_not_given_to_a_caller_without_the_fallback(
    tmp_path: Path,
) -> None:
    page = tmp_path / "menu.html"
    # Only furniture: no article, the whole page as text for the reader.
    page.write_text("<html><body><p>Share</p><p>Advertisement</p></body></html>")
    limits = Limits()
    early_extract.start(str(page), limits)
    with pytest.raises(ExtractError):
        service.read_article(str(page), limits)
    early_extract.start(str(page), limits)
    article = service.read_article(str(page), limits, whole_page_fallback=True)
    assert article.whole_page and article.incomplete is Incomplete.NOTHING_FOUND


def test_a_child_started_ahead_does_the_work_once_the_limits_are_known(tmp_path: Path) -> None:
    from reader.extract import bounded

    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    early_extract.spawn_ahead(str(page))
    (child,) = early_extract._ahead.values()
    limits = Limits()
    early_extract.start(str(page), limits)
    assert not early_extract._ahead  # taken by the start, not a second child
    early = early_extract.take(str(page), limits)
    assert early is not None and "lighthouse" in early.text
    assert child.returncode is not None and child not in bounded._running


def test_children_started_ahead_and_not_needed_are_stopped(tmp_path: Path) -> None:
    from reader.extract import bounded

    kept, other = tmp_path / "kept.html", tmp_path / "other.html"
    for page in (kept, other):
        page.write_text(PAGE, encoding="utf-8")
        early_extract.spawn_ahead(str(page))
    children = list(early_extract._ahead.values())
    early_extract.cancel(str(kept))  # the library holds it
    early_extract.drop_ahead()  # the reader ended without starting the other
    assert not early_extract._ahead
    assert all(c.returncode is not None and c not in bounded._running for c in children)
