"""``reader extract``: formats, batches with failures, sanitised output, --analyze."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from reader.__main__ import run
from reader.config import load_settings
from reader.models import Analysis, Article, DateKind, DateMention
from reader.sanitize import has_control

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "extract"
ARTICLE = str(FIXTURES / "article.html")


def extract(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(["extract", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_for_one_page(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = extract(capsys, "--format", "json", ARTICLE)
    assert (code, err) == (0, "")
    record = json.loads(out)
    for key in (
        "source",
        "title",
        "site",
        "byline",
        "published",
        "tags",
        "language",
        "text",
        "markdown",
        "blocks",
        "sections",
        "link_groups",
    ):
        assert key in record
    assert record["source"] == ARTICLE
    assert record["title"] == "Tide tables for the curious walker"
    assert record["published"] == "2024-03-09T07:45:00+00:00"
    assert record["tags"] == ["Coast", "Walking", "tides"]
    block = record["blocks"][0]
    assert record["text"][block["start"] : block["end"]].startswith("Every coastal path")
    assert {"id", "kind", "start", "end"} <= set(block)
    group = record["link_groups"][0]
    assert group["title"] == "Related stories"
    assert group["links"][0] == {
        "text": "Sandbanks you can cross at low water",
        "href": "https://gazette.example/walks/sandbanks",
    }


def test_jsonl_batch_keeps_order_reports_failures_and_goes_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><script>x()</script></body></html>")
    missing = str(tmp_path / "missing.html")
    code, out, err = extract(capsys, "--format", "jsonl", ARTICLE, missing, str(empty), ARTICLE)
    assert code == 2
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["source"] for line in lines] == [ARTICLE, missing, str(empty), ARTICLE]
    assert "error" in lines[1] and "error" in lines[2] and "title" in lines[3]
    assert set(lines[1]) == {"source", "error"}
    assert str(empty) in lines[2]["error"]
    stderr = err.splitlines()
    assert len(stderr) == 2 and all(line.startswith("reader: ") for line in stderr)


def test_json_for_several_pages_is_an_array(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = extract(capsys, "--format", "json", ARTICLE, ARTICLE)
    records = json.loads(out)
    assert code == 0 and len(records) == 2 and records[0] == records[1]


def test_text_is_the_body_only(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = extract(capsys, "--format", "text", ARTICLE)
    assert code == 0
    assert out.startswith("Every coastal path")
    assert "\n\nReading the columns\n\n" in out
    assert "Tide tables for the curious walker" not in out and "Related stories" not in out


def test_markdown_is_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = extract(capsys, ARTICLE)
    assert code == 0 and out.startswith("---\ntitle: Tide tables for the curious walker\n")
    assert "\n---\n\n# Tide tables for the curious walker\n" in out


def test_output_never_carries_control_characters(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = tmp_path / "evil.html"
    page.write_text(
        "<html><head><title>Evil\x1b]0;owned\x07 \u202etitle\x9b2J</title></head><body><article>"
        + "<p>Text \x1b[31mred\x1b[0m and \u2066isolated\u2069 words in a long paragraph.</p>" * 5
        + "</article></body></html>",
        encoding="utf-8",
    )
    for fmt in ("md", "text", "json", "jsonl"):
        code, out, _ = extract(capsys, "--format", fmt, str(page))
        assert code == 0
        assert not has_control(out.replace("\n", " ").replace("\t", " ")), fmt


def test_analyze_adds_entities_dates_and_enumerations(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.analysis

    found = Analysis(dates=(DateMention("9 March", 0, 7, DateKind.POINT, "2024-03-09"),))
    asked: list[dict[str, object]] = []

    def analyse(article: Article, **options: object) -> Analysis:
        asked.append(options)
        return found

    monkeypatch.setattr(reader.analysis, "analyse", analyse)
    code, out, _ = extract(capsys, "--format", "json", "--analyze", ARTICLE)
    record = json.loads(out)
    assert code == 0
    # The settings' model, size bound and data folder (its analysis cache).
    settings = load_settings()
    assert asked == [
        {
            "model": settings.analysis.model,
            "max_chars": settings.analysis.max_chars,
            "data_dir": settings.resolved_data_dir(),
        }
    ]
    assert record["entities"] == [] and record["enumerations"] == []
    assert record["dates"][0]["value"] == "2024-03-09"


def test_analyze_without_analysis_is_skipped_with_a_note(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "reader.analysis", None)
    code, out, err = extract(capsys, "--format", "jsonl", "--analyze", ARTICLE)
    assert code == 0
    assert "entities" not in json.loads(out)
    assert len(err.splitlines()) == 1 and "--analyze" in err


def test_analyze_with_a_plain_format_says_it_does_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = extract(capsys, "--format", "text", "--analyze", ARTICLE)
    assert code == 0 and out.startswith("Every coastal path")
    assert "json" in err


def test_the_sample_page_through_the_command(
    capsys: pytest.CaptureFixture[str], sample_page: Path
) -> None:
    code, out, _ = extract(capsys, "--format", "json", str(sample_page))
    record = json.loads(out)
    assert code == 0
    assert record["published"] == "2025-04-13T22:32:16"
    assert [(g["title"], len(g["links"])) for g in record["link_groups"]] == [
        ("Related", 9),
        ("Ranking", 8),
        ("Recommendation", 6),
    ]
