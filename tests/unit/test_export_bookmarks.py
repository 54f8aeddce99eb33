"""Bookmarks are exported with the highlights (Markdown and W3C JSON, one page or the
whole library) and read back by ``reader import-notes`` as bookmarks, never twice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_export_notes import PAGE, cli, highlight

from reader.anchoring import point_anchor
from reader.service import open_article
from reader.store import open_library


def bookmark(page: Path, name: str, passage: str) -> None:
    with open_library() as store:
        article, article_id = open_article(str(page), store=store)
        store.bookmarks.add(
            article_id, name, point_anchor(article.text, article.text.index(passage))
        )


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "bridge.html"
    path.write_text(PAGE)
    return path


def test_markdown_export_lists_the_bookmarks(
    page: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    highlight(page, "the decision would be postponed")
    bookmark(page, "The *vote*", "After a long discussion")
    assert cli("export", str(page)) == 0
    lines = capsys.readouterr().out.splitlines()
    at = lines.index("## Bookmarks")
    assert lines[at + 2] == "- **The \\*vote\\***: After a long discussion, the…"
    assert lines.index("> the decision would be postponed") < at


def test_cli_says_what_it_wrote_and_when_there_is_nothing(
    page: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_library() as store:
        open_article(str(page), store=store)
    assert cli("export", str(page)) == 0
    err = capsys.readouterr().err
    assert "no highlights or bookmarks on this page yet" in err
    bookmark(page, "Here", "Local residents")
    target = tmp_path / "out.md"
    assert cli("export", str(page), "-o", str(target)) == 0
    assert capsys.readouterr().err == f"0 highlights and 1 bookmark written to {target}\n"


def test_json_bookmarks_come_back_as_bookmarks_once(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    highlight(page, "Local residents", "green")
    bookmark(page, "Vote", "After a long discussion")
    exported = tmp_path / "notes.json"
    assert cli("export", str(page), "-o", str(exported)) == 0
    data = json.loads(exported.read_text())
    assert [item["motivation"] for item in data] == ["highlighting", "bookmarking"]
    assert data[1]["body"] == [{"type": "TextualBody", "value": "Vote", "purpose": "describing"}]

    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "another"))
    with open_library() as store:
        article, article_id = open_article(str(page), store=store)
    capsys.readouterr()
    assert cli("import-notes", str(exported)) == 0
    out = capsys.readouterr().out
    assert "1 anchored, 0 moved (fuzzy), 0 orphaned (1 new, 0 updated)" in out
    assert "bookmarks: 1 read, 1 new" in out
    assert cli("import-notes", str(exported)) == 0
    assert "bookmarks: 1 read, 0 new" in capsys.readouterr().out
    with open_library() as store:
        marks = store.bookmarks.list(article_id)
        highlights = store.highlights.list(article_id)
    assert [(m.name, m.anchor.start) for m in marks] == [
        ("Vote", article.text.index("After a long discussion"))
    ]
    assert [h.anchor.exact for h in highlights] == ["Local residents"]


def test_export_all_includes_pages_with_only_bookmarks(
    page: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bookmark(page, "Vote", "After a long discussion")
    folder = tmp_path / "notes"
    assert cli("export", "--all", "-o", str(folder)) == 0
    (written,) = folder.iterdir()
    assert "- **Vote**: After a long discussion, the…" in written.read_text()
    target = tmp_path / "all.json"
    assert cli("export", "--all", "-o", str(target)) == 0
    assert [item["motivation"] for item in json.loads(target.read_text())] == ["bookmarking"]
