"""WARC and WACZ web archives: listing captures, reading one, importing all, extracting."""

from __future__ import annotations

import contextlib
import gzip
import io
import json
from pathlib import Path

import pytest
from archive_builder import Item, page_html, sample_items, write_wacz, write_warc
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.__main__ import main
from reader.config import Limits
from reader.errors import LoadError, ReaderError
from reader.importing.archives import import_archive
from reader.loaders.webarchive import archive_kind, list_pages, load_page, read_resource
from reader.store import open_library


@pytest.fixture
def warc(tmp_path: Path) -> Path:
    path = tmp_path / "site.warc.gz"
    write_warc(path, sample_items())
    return path


def test_lists_html_captures_with_title_url_and_date(warc: Path) -> None:
    listing = list_pages(warc)
    seen = [
        (c.url, c.title, c.captured_at.isoformat() if c.captured_at else None)
        for c in listing.pages
    ]
    assert seen == [
        ("https://example.org/a", "Tide clock", "2024-05-01T10:00:00+00:00"),
        ("https://example.org/b", "Net loft", "2024-05-02T11:30:00+00:00"),
        ("https://example.org/a", "Tide clock", "2024-06-01T09:00:00+00:00"),
    ]
    # The request, the 404, the redirect and the metadata record are not pages.
    assert listing.skipped == 4
    assert list(listing.resources) == ["https://example.org/c.png"]


def test_a_revisit_reads_its_original_payload(warc: Path) -> None:
    revisit = list_pages(warc).pages[2]
    assert revisit.revisit and revisit.payload_key == list_pages(warc).pages[0].key
    document = load_page(warc, revisit, Limits())
    assert document.source == "https://example.org/a"
    assert "Tide clock" in document.text


def test_load_page_by_key_gives_the_capture_url_as_source(warc: Path) -> None:
    capture = list_pages(warc).pages[1]
    document = load_page(warc, capture.key, Limits())
    assert document.source == document.base_url == "https://example.org/b"
    with pytest.raises(LoadError, match="no HTML capture"):
        load_page(warc, "@999999", Limits())


def test_resources_come_from_the_archive_only(warc: Path) -> None:
    assert read_resource(warc, "https://example.org/c.png", 1000) == b"\x89PNG\r\n\x1a\nimage"
    assert read_resource(warc, "https://example.org/not-captured.png", 1000) is None


def test_uncompressed_warc_and_wacz_are_recognised_by_content(tmp_path: Path) -> None:
    plain = tmp_path / "no-suffix"
    write_warc(plain, sample_items(), gzip=False)
    wacz = tmp_path / "site.zip"
    write_wacz(wacz, sample_items())
    assert archive_kind(plain) == "warc"
    assert archive_kind(wacz) == "wacz"
    assert [c.title for c in list_pages(wacz).pages] == ["Tide clock", "Net loft", "Tide clock"]
    assert "Net loft" in load_page(wacz, list_pages(wacz).pages[1], Limits()).text
    assert archive_kind(tmp_path / "missing") is None


def test_not_an_archive_and_a_truncated_one_are_one_clear_line(tmp_path: Path, warc: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body>hello</body></html>")
    with pytest.raises(LoadError, match="not a WARC or WACZ"):
        list_pages(page)
    raw = gzip.decompress(warc.read_bytes())
    cut = tmp_path / "cut.warc"
    cut.write_bytes(raw[: len(raw) // 2 + 7])
    try:
        listing = list_pages(cut)
    except LoadError as error:
        assert "\n" not in str(error) and "cut.warc" in str(error)
    else:  # warcio may stop quietly at a cut record: what was whole is listed
        assert len(listing.pages) >= 1


def test_a_capture_over_the_input_limit_is_refused(warc: Path) -> None:
    with pytest.raises(LoadError, match="larger than the input limit"):
        load_page(warc, list_pages(warc).pages[0], Limits(max_input_bytes=100))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(junk=st.binary(max_size=400))
def test_damaged_records_never_escape_as_tracebacks(tmp_path: Path, junk: bytes) -> None:
    path = tmp_path / "junk.warc"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\n" + junk)
    try:
        listing = list_pages(path)
    except ReaderError as error:
        assert "\n" not in str(error)
        return
    for capture in listing.pages:
        with contextlib.suppress(ReaderError):
            load_page(path, capture, Limits())


def test_import_adds_each_html_capture_with_url_and_capture_date(warc: Path) -> None:
    with open_library() as store:
        done = import_archive(store, warc, jobs=1)
        outcomes = sorted(r.outcome.value for r in done.report.results)
        # The revisit holds the same payload as its original: extracted once.
        assert outcomes == ["added", "added"]
        items = {i.entry.source: i for i in store.library.items()}
    assert set(items) == {"https://example.org/a", "https://example.org/b"}
    assert items["https://example.org/a"].captured_at.isoformat() == "2024-05-01T10:00:00+00:00"
    assert items["https://example.org/b"].entry.title == "Net loft"


def test_a_later_capture_with_new_text_updates_the_page(tmp_path: Path) -> None:
    path = tmp_path / "two.warc.gz"
    write_warc(
        path,
        [
            Item("https://example.org/p", page_html("Old", 4), date="2024-01-01T00:00:00Z"),
            Item("https://example.org/p", page_html("New", 5), date="2024-02-01T00:00:00Z"),
        ],
    )
    with open_library() as store:
        import_archive(store, path, jobs=1)
        [item] = store.library.items()
    assert item.entry.title == "New"
    assert item.captured_at.isoformat() == "2024-02-01T00:00:00+00:00"


def _cli(*argv: str) -> int:
    with pytest.raises(SystemExit) as done:
        main(list(argv))
    return int(done.value.code or 0)


def test_cli_import_and_extract_jsonl(warc: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli("import", str(warc), "--jobs", "1") == 0
    out = capsys.readouterr().out
    assert "added 2" in out and "1 resources and 4 other records" in out
    assert _cli("extract", "--format", "jsonl", str(warc)) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["url"], r["captured_at"][:10]) for r in lines] == [
        ("https://example.org/a", "2024-05-01"),
        ("https://example.org/b", "2024-05-02"),
        ("https://example.org/a", "2024-06-01"),
    ]
    assert all(r["text"] for r in lines)


def test_cli_extract_of_a_broken_archive_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.warc"
    path.write_bytes(b"WARC/1.0\r\n" + b"\xff" * 200)
    code = _cli("extract", "--format", "jsonl", str(path))
    err = capsys.readouterr().err
    assert code in (0, 2)
    assert "Traceback" not in err and len(err.splitlines()) <= 1


def test_listing_streams_large_payloads(tmp_path: Path) -> None:
    """Big non-HTML records are skipped by reading through, never held whole."""
    path = tmp_path / "big.warc"
    big = io.BytesIO()
    write_warc(
        big,
        [
            Item("https://example.org/video", b"\x00" * 3_000_000, "video/mp4"),
            Item("https://example.org/page", page_html("After the video")),
        ],
        gzip=False,
    )
    path.write_bytes(big.getvalue())
    assert [c.title for c in list_pages(path).pages] == ["After the video"]


def test_service_picker_api_opens_a_capture_through_the_library(warc: Path) -> None:
    from reader import service

    captures = service.list_pages(str(warc))
    assert [c.title for c in captures] == ["Tide clock", "Net loft", "Tide clock"]
    assert service.load_page(str(warc), captures[1].key).metadata.title == "Net loft"
    with open_library() as store:
        article, article_id = service.open_capture(str(warc), captures[0], None, store)
        again, same_id = service.open_capture(str(warc), captures[2], None, store)
        assert same_id == article_id and again.text == article.text
        item = store.library.item(article_id)
        assert item is not None and item.entry.source == "https://example.org/a"
        assert item.captured_at is not None and item.captured_at.month == 5


def test_an_archive_read_as_a_page_says_what_it_is(warc: Path) -> None:
    from reader.loaders import load

    with pytest.raises(LoadError, match="is a WARC web archive"):
        load(str(warc), Limits())


def test_archives_inside_an_imported_folder_are_archives(
    warc: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (warc.parent / "page.html").write_text(page_html("Loose page").decode())
    assert _cli("import", str(warc.parent), "--jobs", "1") == 0
    out = capsys.readouterr().out
    assert "1 page: added 1" in out and "site.warc.gz: 2 pages: added 2" in out
