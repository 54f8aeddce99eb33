"""Local pictures: a page's folder, its archive parts and its data: URIs, nothing else."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.images.sources import (
    ArchivePart,
    ImageSources,
    decode_data_uri,
    is_file_reference,
)
from tests.image_pages import data_uri, picture


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    page = tmp_path / "page"
    (page / "page_files").mkdir(parents=True)
    (page / "page_files" / "a b.png").write_bytes(picture((4, 4)))
    (tmp_path / "secret.png").write_bytes(picture((4, 4)))
    return page


def test_relative_and_file_references_inside_the_folder(folder: Path) -> None:
    sources = ImageSources(folder)
    assert sources.locate("page_files/a%20b.png") == "page_files/a b.png"
    assert sources.locate("./page_files/a b.png") == "page_files/a b.png"
    as_uri = (folder / "page_files" / "a b.png").as_uri()
    assert sources.locate(as_uri) == "page_files/a b.png"
    assert sources.read("page_files/a b.png") == (folder / "page_files" / "a b.png").read_bytes()
    assert sources.local_path("page_files/a b.png") == "page_files/a b.png"


@pytest.mark.parametrize(
    "address",
    [
        "../secret.png",
        "page_files/../../secret.png",
        "/etc/passwd",
        "page_files/missing.png",
        "page_files",
        "https://remote.example/a.png",
        "//remote.example/a.png",
        "file://otherhost/page_files/a%20b.png",
        "javascript:alert(1)",
        "page_files/a b.png\0.txt",
        "",
    ],
)
def test_nothing_outside_the_folder_or_remote_is_local(folder: Path, address: str) -> None:
    assert ImageSources(folder).locate(address) is None


def test_outside_file_uri_is_refused(folder: Path) -> None:
    assert ImageSources(folder).locate((folder.parent / "secret.png").as_uri()) is None


def test_a_symlink_leading_out_of_the_folder_is_refused(folder: Path) -> None:
    link = folder / "page_files" / "link.png"
    os.symlink(folder.parent / "secret.png", link)
    sources = ImageSources(folder)
    assert sources.locate("page_files/link.png") is None
    assert sources.read("page_files/link.png") is None
    assert sources.read("../secret.png") is None


def test_file_reads_are_capped(folder: Path) -> None:
    sources = ImageSources(folder)
    size = (folder / "page_files" / "a b.png").stat().st_size
    assert sources.read("page_files/a b.png", limit=size - 1) is None
    assert sources.read("page_files/a b.png", limit=size) is not None


def test_data_uris_without_a_folder() -> None:
    image = picture((3, 3))
    sources = ImageSources()
    reference = sources.locate(data_uri(image))
    assert reference is not None and reference.startswith("inline:")
    assert not is_file_reference(reference)
    assert sources.read(reference) == image
    assert sources.locate(data_uri(image)) == reference  # the same picture, one entry
    assert sources.local_path(reference) is None
    assert sources.locate("data:text/html,<script>alert(1)</script>") is None
    assert sources.locate("page.png") is None  # no folder: nothing relative is local


def test_percent_encoded_data_uri() -> None:
    assert decode_data_uri("data:image/svg+xml,%3Csvg%2F%3E", 100) == b"<svg/>"
    assert decode_data_uri("data:image/png;base64,AAAA", 2) is None
    assert decode_data_uri("data:image/png;base64", 100) is None


def test_archive_parts_by_location_and_content_id() -> None:
    image = picture((2, 2))
    import base64

    part = ArchivePart(base64.b64encode(image), "base64", "image/png")
    sources = ImageSources(None, {"https://site.example/a.png": part, "cid:logo@site": part})
    assert sources.locate("https://site.example/a.png") == "part:https://site.example/a.png"
    assert sources.locate("a.png", base="https://site.example/x.html") == (
        "part:https://site.example/a.png"
    )
    assert sources.locate("cid:LOGO@site") == "part:cid:logo@site"
    assert sources.locate("https://site.example/b.png") is None
    assert sources.read("part:cid:logo@site") == image
    assert sources.read("part:cid:logo@site", limit=4) is None
    assert sources.read("part:nothing") is None
