"""The archive picker's rows: two lines of known height, cut with "…", never wrapped;
the filter matches every word in title or URL, any case."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.style import Style
from textual.visual import RenderOptions

from reader.loaders.webarchive import Capture
from reader.ui.archive_picker.rows import capture_prompt, haystack, matching, matching_indexes


def _capture(title: str, url: str) -> Capture:
    when = datetime(2024, 5, 1, 9, 30, tzinfo=UTC)
    return Capture(key=url, url=url, title=title, captured_at=when, payload_key=url)


def test_a_long_row_is_cut_not_wrapped() -> None:
    row = capture_prompt(_capture("A very long title " * 10, "https://example.org/" + "x" * 200))
    assert row.get_height({}, 20) == 2
    strips = row.render_strips(20, None, Style(), RenderOptions(lambda _: Style(), {}))
    assert len(strips) == 2
    assert all(strip.cell_length == 20 for strip in strips)
    assert strips[0].text.endswith("…") and strips[0].text.startswith("A very long")
    assert "2024-05-01 09:30" in strips[1].text


def test_filter_words_in_title_or_url_any_case() -> None:
    pages = [
        _capture("Tide clock", "https://example.org/a"),
        _capture("Net loft", "https://example.org/b"),
    ]
    assert [c.title for c in matching(pages, "EXAMPLE tide")] == ["Tide clock"]
    assert matching_indexes([haystack(c) for c in pages], "org/b") == [1]
    assert matching_indexes([haystack(c) for c in pages], "  ") == [0, 1]
