"""Read-later exports: each format recognised by content and read into records; broken,
hostile and huge ones give one clear line."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.config import Limits
from reader.errors import LimitExceeded, LoadError, ReaderError
from reader.loaders.readlater import export_kind, read_export
from reader.loaders.readlater.csv_lists import csv_kind, rows
from reader.loaders.readlater.omnivore import parse_highlights
from reader.loaders.safezip import safe_name

EXPORTS = FIXTURES / "readlater"


def omnivore_zip(target: Path, extra: dict[str, bytes] | None = None) -> Path:
    """The hand-written Omnivore fixture folder, zipped as Omnivore ships it."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted((EXPORTS / "omnivore").rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(EXPORTS / "omnivore").as_posix())
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return target


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("wallabag.json", "wallabag"),
        ("pocket.csv", "pocket"),
        ("instapaper.csv", "instapaper"),
        ("raindrop.csv", "raindrop"),
        ("readwise.csv", "readwise"),
    ],
)
def test_each_export_is_recognised_by_content(tmp_path: Path, name: str, kind: str) -> None:
    renamed = tmp_path / "export.dat"  # the name says nothing
    renamed.write_bytes((EXPORTS / name).read_bytes())
    assert export_kind(renamed) == kind


def test_pages_and_other_files_are_not_exports(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("<html><body><p>a, b, c</p></body></html>")
    (tmp_path / "list.csv").write_text("name,age\nann,3\n")
    (tmp_path / "data.json").write_text('[{"name": "x"}]')
    for name in ("page.html", "list.csv", "data.json"):
        assert export_kind(tmp_path / name) is None
    with pytest.raises(LoadError, match="not a read-later export"):
        read_export(tmp_path / "list.csv", Limits())


def test_omnivore_items_content_labels_state_and_highlights(tmp_path: Path) -> None:
    export = read_export(omnivore_zip(tmp_path / "omnivore.zip"), Limits())
    assert export.kind == "omnivore"
    first, second = export.items
    assert first.url == "https://coastline.example/tide-clock"
    assert first.tags == ("harbours", "clocks")
    assert first.archived and first.is_read and not second.archived
    assert first.added_at is not None and first.added_at.isoformat().startswith("2024-03-16T08:12")
    assert "Port Wren" in (first.content_html or "")
    quotes = [h.quote for h in first.highlights]
    assert quotes[0] == "its hands stopped at twenty past four in a winter storm"
    assert first.highlights[0].note == "The storm of 2013, I think."
    assert first.highlights[0].tags == ("storms",)
    assert "straight down means low water." in quotes[2]
    assert first.highlights[2].note == "Worth a diagram."
    assert second.highlights == ()


def test_omnivore_unsafe_names_are_skipped_and_reported(tmp_path: Path) -> None:
    path = omnivore_zip(
        tmp_path / "evil.zip",
        {"../../escape.json": b"[]", "/abs/metadata_0_to_1.json": b"[]", "C:/x.html": b"x"},
    )
    export = read_export(path, Limits())
    assert len(export.items) == 2
    assert any("3 entries with unsafe names" in p for p in export.problems)
    assert not (tmp_path.parent / "escape.json").exists()


def test_zip_bomb_is_refused_in_one_line(tmp_path: Path) -> None:
    path = omnivore_zip(tmp_path / "bomb.zip", {"content/bomb.html": b"\0" * 50_000_000})
    metadata = json.dumps([{"url": "https://x.example/", "slug": "bomb"}]).encode()
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("metadata_9_to_10.json", metadata)
    with pytest.raises(LimitExceeded) as caught:
        read_export(path, Limits())
    assert "ZIP bomb" in str(caught.value) and "\n" not in str(caught.value)


def test_member_over_the_input_limit_is_refused(tmp_path: Path) -> None:
    path = omnivore_zip(tmp_path / "big.zip")
    with pytest.raises(LimitExceeded, match="larger than"):
        read_export(path, Limits(max_input_bytes=500))


def test_truncated_zip_is_one_line(tmp_path: Path) -> None:
    data = omnivore_zip(tmp_path / "whole.zip").read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(data[: len(data) // 2])
    try:
        read_export(cut, Limits())
    except ReaderError as error:
        assert "\n" not in str(error)


def test_wallabag_entries_tags_flags_and_annotations() -> None:
    export = read_export(EXPORTS / "wallabag.json", Limits())
    first, second = export.items
    assert (first.archived, first.starred, first.tags) == (True, True, ("science", "sea"))
    assert first.author == "Ines Aalto"
    assert [h.note for h in first.highlights] == ["The far side!", ""]
    assert second.content_html is None  # an empty content is a link only
    assert export.skipped == 1 and "no http(s) URL" in export.problems[0]


@pytest.mark.parametrize(
    "text",
    [
        '[{"url": "https://a.example/", "is_archived": 1, "tags": 7, "annotations": "x"}]',
        '[{"url": "https://a.example/", "is_archived": 1, "content": ["no"], "title": 3}]',
        '[7, "x", null, {"url": 5, "is_archived": 0}]',
    ],
)
def test_wallabag_wrong_types_are_skipped_not_fatal(tmp_path: Path, text: str) -> None:
    path = tmp_path / "w.json"
    path.write_text(text)
    export = read_export(path, Limits())
    assert all(item.url.startswith("https://") for item in export.items)
    assert len(export.items) + export.skipped == len(json.loads(text))


def test_truncated_wallabag_json_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    path.write_text((EXPORTS / "wallabag.json").read_text()[:900])
    with pytest.raises(LoadError, match="not valid JSON") as caught:
        read_export(path, Limits())
    assert "\n" not in str(caught.value)


def test_pocket_instapaper_raindrop_rows() -> None:
    pocket = read_export(EXPORTS / "pocket.csv", Limits())
    assert [i.tags for i in pocket.items] == [("sea", "reference"), ()]
    assert [i.archived for i in pocket.items] == [False, True]
    assert pocket.items[0].added_at is not None and pocket.items[0].added_at.year == 2024
    assert pocket.skipped == 1  # an ftp: link is never queued
    insta = read_export(EXPORTS / "instapaper.csv", Limits())
    assert [(i.archived, i.starred) for i in insta.items] == [
        (False, False),
        (True, False),
        (False, True),
        (False, False),
    ]
    assert insta.items[0].tags == ("clocks",) and insta.items[3].tags == ("Horology",)
    assert insta.items[0].highlights[0].quote.startswith("the escapement releases")
    drop = read_export(EXPORTS / "raindrop.csv", Limits())
    assert drop.items[0].tags == ("sea", "stone") and drop.items[0].starred
    assert drop.items[0].highlights[0].quote == "The wall was built in 1820"


def test_readwise_rows_become_highlights() -> None:
    export = read_export(EXPORTS / "readwise.csv", Limits())
    assert len(export.items) == 4
    first = export.items[0]
    assert first.url == "https://coastline.example/tide-clock"
    assert first.highlights[0].note == "Useful!" and first.highlights[0].tags == ("favorite",)
    assert export.items[3].url == "" and export.items[3].title == "A Book"


def test_huge_csv_is_refused_by_the_input_cap(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("w") as handle:
        handle.write("title,url,time_added,tags,status\n")
        for n in range(20_000):
            handle.write(f"Page {n},https://x.example/{n},1709876543,,unread\n")
    with pytest.raises(LimitExceeded, match="input limit"):
        read_export(path, Limits(max_input_bytes=100_000))
    assert len(read_export(path, Limits()).items) == 20_000


def test_csv_with_a_giant_field_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "giant.csv"
    path.write_text('title,url,time_added\n"' + "x" * 1_200_000 + '",https://x.example/,1\n')
    with pytest.raises(LoadError, match="damaged CSV"):
        read_export(path, Limits())


@pytest.mark.parametrize(
    "name", ["../x", "/etc/passwd", "a/../../b", "C:\\win", "ok\x00.html", "", "\\\\server\\x"]
)
def test_unsafe_zip_names(name: str) -> None:
    assert not safe_name(name)


def test_safe_zip_names() -> None:
    assert safe_name("content/a-b.html") and safe_name("metadata_0_to_20.json")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from("> #ab\n\t."), max_size=200))
def test_omnivore_highlight_markdown_never_fails(text: str) -> None:
    for highlight in parse_highlights(text):
        assert highlight.quote.strip() and highlight.quote == highlight.quote.strip()
        assert highlight.quote in text.replace("\n>", "\n").replace("\n ", "\n") or ">" in text


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_csv_parsing_never_fails(text: str) -> None:
    header, table = rows(text)
    csv_kind(header)
    assert all(isinstance(row, dict) for row in table)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_as_a_zip_export_are_one_line(data: bytes) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("metadata_0_to_1.json", data)
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".zip") as handle:
        handle.write(buffer.getvalue())
        handle.flush()
        export = read_export(handle.name, Limits())
    assert export.items == [] or all(i.url for i in export.items)
