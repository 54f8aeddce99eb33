"""SingleFile's ZIP and self-extracting ZIP-in-HTML saves, and the annotations its
editor saves inside a page."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from reader import service
from reader.config import Limits
from reader.errors import LimitExceeded, LoadError
from reader.loaders import load
from reader.loaders.singlefile import saved_annotations
from reader.store import open_library

PAGE = (
    "<!DOCTYPE html><html><head><title>Quay Street</title></head><body><article>"
    "<h1>Quay Street</h1>"
    "<p>The old net loft on Quay Street has housed the Wren Makers since the spring, "
    '<span class="single-file-highlight single-file-highlight-green">a workshop of '
    "volunteers</span> who mend what the town throws away.</p>"
    "<p>On Thursdays the benches fill with clocks, radios and bicycles, and the tar smell "
    '<span class="single-file-highlight single-file-highlight-pink">never quite</span> '
    'leaves the beams.</p><img src="images/0.png" alt="the loft">'
    "</article>"
    '<single-file-note><template shadowrootmode="closed"><div class="note">'
    "<textarea>Visit on a Thursday</textarea></div></template></single-file-note>"
    "</body></html>"
)


def singlefile_zip(page: str = PAGE) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("index.html", page)
        archive.writestr("images/0.png", b"\x89PNG\r\n\x1a\n")
    return buffer.getvalue()


def self_extracting(page: str = PAGE) -> bytes:
    """A page that shows "Please wait" and carries the real page in a ZIP after it."""
    shell = (
        b"<!DOCTYPE html><html><head><meta charset=utf-8><title>Please wait...</title>"
        b"</head><body><p>Please wait...</p><!-- "
    )
    return shell + singlefile_zip(page) + b" --></body></html>"


def test_zip_save_reads_the_page_inside(tmp_path: Path) -> None:
    path = tmp_path / "page.zip"
    path.write_bytes(singlefile_zip())
    document = load(str(path), Limits())
    assert "Quay Street" in document.text and "images/0.png" in document.text


def test_self_extracting_save_reads_the_page_not_the_shell(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(self_extracting())
    article = service.read_article(str(path))
    assert article.metadata.title == "Quay Street"
    assert "Please wait" not in article.text


def test_a_zip_that_is_not_singlefile_is_still_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    path = tmp_path / "other.zip"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(LoadError, match="zip archive"):
        load(str(path), Limits())


def test_a_bomb_inside_a_singlefile_zip_is_one_line(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("index.html", b"<html>" + b" " * 40_000_000)
    path = tmp_path / "bomb.zip"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(LimitExceeded, match="ZIP bomb") as caught:
        load(str(path), Limits())
    assert "\n" not in str(caught.value)


def test_saved_annotations_are_found() -> None:
    highlights, notes = saved_annotations(PAGE)
    assert [(h.quote, h.color) for h in highlights] == [
        ("a workshop of volunteers", "green"),
        ("never quite", "pink"),
    ]
    assert notes == ["Visit on a Thursday"]
    assert saved_annotations("<html><body><p>plain</p></body></html>") == ([], [])


@pytest.mark.parametrize("packed", [False, True])
def test_opening_a_saved_page_keeps_its_annotations(tmp_path: Path, packed: bool) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(self_extracting() if packed else PAGE.encode())
    with open_library() as store:
        _, article_id = service.open_article(str(path), store=store)
        highlights = store.highlights.list(article_id)
        assert [(h.anchor.exact, h.color, h.orphaned) for h in highlights] == [
            ("a workshop of volunteers", "green", False),
            ("never quite", "pink", False),
        ]
        assert [n.note for n in store.notes.loose(str(path))] == ["Visit on a Thursday"]
        # Opening it again adds nothing.
        service.open_article(str(path), store=store)
        assert len(store.highlights.list(article_id)) == 2
