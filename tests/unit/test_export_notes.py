"""`reader export` (Markdown, W3C Web Annotation JSON-LD) and `reader import-notes`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.__main__ import main
from reader.anchoring import range_anchor
from reader.service import open_article
from reader.store import open_library
from reader.store.annotations import ANNO_CONTEXT, parse_annotations

PAGE = """<!doctype html><html><head><title>The bridge vote</title></head>
<body><article><h1>The bridge vote</h1>
<p>The committee met on Monday to review the proposal. Members raised concerns about
the cost of the new bridge and its effect on river traffic.</p>
<p>After a long discussion, the chair said the decision would be postponed until an
independent study of the river had been completed.</p>
<p>Local residents, who had waited two years for a crossing, were disappointed. One of
them wrote *this* in [brackets] and # a hash.</p>
</article></body></html>
"""


def cli(*argv: str) -> int:
    with pytest.raises(SystemExit) as done:
        main(list(argv))
    return int(done.value.code or 0)


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "bridge.html"
    path.write_text(PAGE)
    return path


def highlight(page: Path, passage: str, color: str = "yellow", note: str = "") -> None:
    with open_library() as store:
        article, article_id = open_article(str(page), store=store)
        start = article.text.index(passage)
        anchor = range_anchor(article.text, start, start + len(passage))
        store.highlights.add(article_id, anchor, color, note)


def test_markdown_export(page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    highlight(page, "the decision would be postponed", "green", "Again!\nSecond line.")
    highlight(page, "wrote *this* in [brackets]")
    assert cli("export", str(page)) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "# The bridge vote"
    assert lines[2] == f"Source: `{page}`"
    first = lines.index("> the decision would be postponed")
    # The note's line break is kept: a backslash at the end of a line is a hard break.
    assert lines[first + 1 : first + 4] == ["", "Again!\\", "Second line."]
    assert "> wrote \\*this\\* in \\[brackets\\]" in lines  # page text never becomes markup


def test_json_export_is_web_annotation(page: Path, tmp_path: Path) -> None:
    highlight(page, "the decision would be postponed", "blue", "Why wait?")
    target = tmp_path / "notes.json"
    assert cli("export", str(page), "-o", str(target)) == 0  # format from the suffix
    data = json.loads(target.read_text())
    assert isinstance(data, list) and len(data) == 1
    note = data[0]
    assert note["@context"] == ANNO_CONTEXT
    assert note["type"] == "Annotation"
    assert note["id"].startswith("urn:uuid:")
    assert note["created"] and note["modified"]
    comment = {"type": "TextualBody", "value": "Why wait?", "format": "text/plain"}
    assert {**comment, "purpose": "commenting"} in note["body"]
    assert {"type": "TextualBody", "value": "blue", "purpose": "tagging"} in note["body"]
    assert note["target"]["source"] == page.resolve().as_uri()
    quote, position = note["target"]["selector"]
    assert quote["type"] == "TextQuoteSelector"
    assert quote["exact"] == "the decision would be postponed"
    assert quote["prefix"].endswith("the chair said ") and quote["suffix"].startswith(" until")
    assert position["type"] == "TextPositionSelector"
    assert position["end"] - position["start"] == len(quote["exact"])


def test_round_trip_into_a_fresh_library(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    highlight(page, "the decision would be postponed", "pink", "first")
    highlight(page, "Local residents", "green")
    exported = tmp_path / "notes.json"
    assert cli("export", str(page), "--format", "json", "-o", str(exported)) == 0
    with open_library() as store:
        before = store.highlights.list(store.articles.get_by_source(str(page)).id)  # type: ignore[union-attr]

    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "another"))
    with open_library() as store:
        open_article(str(page), store=store)
    capsys.readouterr()
    assert cli("import-notes", str(exported)) == 0
    assert "2 anchored, 0 moved (fuzzy), 0 orphaned (2 new, 0 updated)" in capsys.readouterr().out
    assert cli("import-notes", str(exported)) == 0  # a second import updates, never doubles
    assert "(0 new, 2 updated)" in capsys.readouterr().out
    with open_library() as store:
        after = store.highlights.list(store.articles.get_by_source(str(page)).id)  # type: ignore[union-attr]

    def key(h):  # type: ignore[no-untyped-def]
        return (h.uid, h.color, h.note, h.anchor, h.orphaned, h.created_at)

    assert [key(h) for h in after] == [key(h) for h in before]


def test_import_re_anchors_on_an_edited_page(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    highlight(page, "the decision would be postponed", note="kept")
    highlight(page, "Members raised concerns about the cost", note="lost")
    exported = tmp_path / "notes.json"
    cli("export", str(page), "-f", "json", "-o", str(exported))
    edited = PAGE.replace("<p>The committee", "<p>A new first paragraph.</p><p>The committee")
    edited = edited.replace(
        "Members raised concerns about\nthe cost", "Nobody objected to the plan"
    )
    page.write_text(edited)
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "another"))
    with open_library() as store:
        article, article_id = open_article(str(page), store=store)
    capsys.readouterr()
    assert cli("import-notes", str(exported)) == 0
    assert "1 anchored, 0 moved (fuzzy), 1 orphaned" in capsys.readouterr().out
    with open_library() as store:
        placed, orphan = store.highlights.list(article_id)
    assert article.text[placed.anchor.start : placed.anchor.end] == (
        "the decision would be postponed"
    )
    assert orphan.orphaned and orphan.note == "lost"
    assert orphan.anchor.exact == "Members raised concerns about the cost"


def test_import_to_another_page_with_page_option(
    page: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    highlight(page, "Local residents")
    exported = tmp_path / "notes.json"
    cli("export", str(page), "-f", "json", "-o", str(exported))
    moved = tmp_path / "moved.html"
    moved.write_text(PAGE.replace("bridge vote", "bridge vote (copy)"))
    with open_library() as store:
        open_article(str(moved), store=store)
    assert cli("import-notes", str(exported), "--page", str(moved)) == 0
    with open_library() as store:
        entry = store.articles.get_by_source(str(moved))
        assert entry is not None
        assert [h.anchor.exact for h in store.highlights.list(entry.id)] == ["Local residents"]


def test_export_of_a_page_not_in_the_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("export", str(tmp_path / "never-opened.html")) == 2
    assert "not in the library" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"hello": "world"}', "not Web Annotation JSON"),
        (
            '[{"type": "Annotation", "target": {"selector": {"type": "TextQuoteSelector", '
            '"exact": 5}}}]',
            "not a string",
        ),
        ("[" * 100_000, "not valid JSON"),
    ],
)
def test_import_rejects_bad_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    assert cli("import-notes", str(bad)) == 2
    err = capsys.readouterr().err
    assert err.startswith("reader: ") and message in err
    assert "Traceback" not in err


def test_import_reports_pages_not_in_the_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.json"
    notes.write_text(
        json.dumps(
            {
                "@context": ANNO_CONTEXT,
                "type": "Annotation",
                "target": {
                    "source": "https://example.org/elsewhere",
                    "selector": {"type": "TextQuoteSelector", "exact": "some words"},
                },
            }
        )
    )
    assert cli("import-notes", str(notes)) == 2
    assert "https://example.org/elsewhere: not in the library" in capsys.readouterr().err


def test_parse_accepts_collections_and_other_tools_shapes() -> None:
    collection = {
        "@context": ANNO_CONTEXT,
        "type": "AnnotationCollection",
        "first": {
            "type": "AnnotationPage",
            "items": [
                {
                    "type": "Annotation",
                    "bodyValue": "short form note",
                    "target": {
                        "source": "https://example.org/a",
                        "selector": [
                            {"type": "TextPositionSelector", "start": 4, "end": 9},
                            {"type": "CssSelector", "value": "p"},
                        ],
                    },
                },
                {"type": "Annotation", "target": "https://example.org/whole-page"},
                {"type": "Annotation", "body": "x", "target": {"source": "y"}},
            ],
        },
    }
    result = parse_annotations(json.dumps(collection))
    parsed, ignored = result.annotations, result.ignored
    assert ignored == 2 and result.bad == []
    (one,) = parsed
    assert one.note == "short form note" and one.color == "yellow"
    assert (one.anchor.start, one.anchor.end, one.anchor.exact) == (4, 9, "")
    assert one.source == "https://example.org/a"
