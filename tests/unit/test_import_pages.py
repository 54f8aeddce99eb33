"""`reader import`: many pages into the library, in worker processes, never stopping."""

from __future__ import annotations

import gzip
import io
import os
import time
from pathlib import Path

import pytest

from reader.__main__ import main
from reader.commands.import_pages import ProgressLine, summary
from reader.config import Limits
from reader.store import Store, open_library
from reader.store.importer import (
    Outcome,
    PageResult,
    collect_pages,
    extract_page,
    import_pages,
)
from reader.store.packed import PackedArticle


def html(title: str, body: str) -> str:
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{body}</p><p>{body} A second paragraph follows, saying a little more.</p>"
        "</article></body></html>"
    )


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    (folder / "one.html").write_text(html("One", "The first page is about apples and pears."))
    (folder / "two.htm").write_text(html("Two", "The second page is about boats on rivers."))
    (folder / "sub" / "three.md").write_text(
        "# Three\n\nThe third page is Markdown, about mountains and the weather on them.\n"
    )
    (folder / "sub" / "four.html.gz").write_bytes(
        gzip.compress(html("Four", "The fourth page came compressed, about trains.").encode())
    )
    (folder / "notes.json").write_text("{}")  # not a page: not taken from a folder
    (folder / ".hidden.html").write_text(html("Hidden", "Never imported."))
    return folder


@pytest.fixture
def store() -> Store:
    with open_library() as opened:
        yield opened


def cli(*argv: str) -> int:
    with pytest.raises(SystemExit) as done:
        main(list(argv))
    return int(done.value.code or 0)


def test_collect_walks_folders_for_pages(pages: Path, tmp_path: Path) -> None:
    found, missing = collect_pages([str(pages), str(pages / "one.html"), str(tmp_path / "nope")])
    names = sorted(Path(p).name for p in found)
    assert names == ["four.html.gz", "one.html", "three.md", "two.htm"]  # each page once
    assert [(m.source, m.outcome) for m in missing] == [(str(tmp_path / "nope"), Outcome.FAILED)]


def test_collect_refuses_pipes_that_would_block(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.html")
    found, refused = collect_pages([str(tmp_path), str(tmp_path / "pipe.html")])
    assert found == []
    assert [r.reason for r in refused] == ["a named pipe (FIFO), not a regular file"]


def test_collect_takes_only_source_pages_from_test_cases(tmp_path: Path) -> None:
    case = tmp_path / "corpus" / "001"
    case.mkdir(parents=True)
    for name in ("source.html", "expected.html", "expected-metadata.json"):
        (case / name).write_text("x")
    found, _ = collect_pages([str(tmp_path / "corpus")])
    assert found == [str(case / "source.html")]


def test_import_in_parallel_then_skip_known_pages(pages: Path, store: Store) -> None:
    seen: list[tuple[int, int, PageResult]] = []
    report = import_pages(store, [str(pages)], jobs=2, progress=lambda *a: seen.append(a))
    assert sorted(r.title for r in report.of(Outcome.ADDED)) == ["Four", "One", "Three", "Two"]
    assert [done for done, _, _ in seen] == [1, 2, 3, 4] and {t for _, t, _ in seen} == {4}
    assert store.articles.count() == 4
    titles = {h.title for h in store.articles.search("rivers")}
    assert titles == {"Two"}

    again = import_pages(store, [str(pages)], jobs=2)
    assert [r.outcome for r in again.results] == [Outcome.SKIPPED] * 4
    assert {r.reason for r in again.results} == {"already in the library"}

    copy = pages.parent / "copy.html"
    copy.write_text((pages / "one.html").read_text().replace("<html>", "<html >"))
    (dup,) = import_pages(store, [str(copy)], jobs=1).results
    assert dup.outcome == Outcome.SKIPPED
    assert dup.reason == "same text as a page already in the library"


def test_one_process_gives_the_same_library(pages: Path, store: Store) -> None:
    report = import_pages(store, [str(pages)], jobs=1)
    assert len(report.of(Outcome.ADDED)) == 4


def test_failures_are_listed_and_never_stop_the_batch(
    pages: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (pages / "empty.html").write_text("")
    (pages / "binary.txt").write_bytes(bytes(range(256)) * 50)
    code = cli("import", "--jobs", "2", str(pages), str(tmp_path / "missing.html"))
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out.startswith("7 pages: added 4, skipped 0")
    assert "failed 3" in captured.out
    failed = captured.err.splitlines()
    assert failed[0] == "failed:"
    assert sorted(line.split(":")[0].strip().rsplit("/", 1)[-1] for line in failed[1:]) == [
        "binary.txt",
        "empty.html",
        "missing.html",
    ]
    assert "Traceback" not in captured.err
    with open_library() as store:
        assert store.articles.count() == 4


def test_cli_success_and_rejected_jobs(pages: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("import", str(pages / "one.html")) == 0
    assert capsys.readouterr().out == (
        "1 page: added 1, skipped 0 (already in the library), failed 0\n"
    )
    assert cli("import", "--jobs", "0", str(pages)) == 2


def test_read_only_library_refuses_to_import(
    pages: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("READER_DATA_DIR", str(blocker / "data"))
    assert cli("import", str(pages)) == 2
    assert "read-only" in capsys.readouterr().err


def crash_or_extract(source: str, limits: Limits) -> tuple[PackedArticle | None, str]:
    """Kills its worker process on one page: what a segfault in a parser looks like."""
    if Path(source).name == "crash.html":
        os._exit(1)
    return extract_page(source, limits)


def hang_or_extract(source: str, limits: Limits) -> tuple[PackedArticle | None, str]:
    if Path(source).name == "hang.html":
        time.sleep(600)
    return extract_page(source, limits)


def test_a_page_that_crashes_its_worker_fails_alone(pages: Path, store: Store) -> None:
    (pages / "crash.html").write_text(html("Crash", "This page takes its worker down."))
    report = import_pages(store, [str(pages)], jobs=2, extract=crash_or_extract)
    assert [Path(r.source).name for r in report.failed] == ["crash.html"]
    assert report.failed[0].reason == "the extractor crashed"
    assert len(report.of(Outcome.ADDED)) == 4


def test_a_page_that_hangs_is_stopped(pages: Path, store: Store) -> None:
    (pages / "hang.html").write_text(html("Hang", "This page never finishes."))
    started = time.monotonic()
    report = import_pages(store, [str(pages)], jobs=2, extract=hang_or_extract, timeout=2)
    assert time.monotonic() - started < 30
    assert [Path(r.source).name for r in report.failed] == ["hang.html"]
    assert report.failed[0].reason == "took over 2 s"
    assert len(report.of(Outcome.ADDED)) == 4


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_line_only_on_a_terminal() -> None:
    result = PageResult("/x/pages/001/source.html", Outcome.ADDED, 1, "T")
    plain = io.StringIO()
    line = ProgressLine(plain)
    line(1, 2, result)
    line.close()
    assert plain.getvalue() == ""

    terminal = FakeTerminal()
    line = ProgressLine(terminal)
    line(1, 2, result)
    line(2, 2, PageResult("/x/evil\x1b[2J.html", Outcome.FAILED, reason="bad"))
    line.close()
    drawn = terminal.getvalue()
    assert drawn.startswith("\r[##########----------] 1/2  added 1  001/source.html\x1b[K")
    assert "[####################] 2/2  added 1 · failed 1  evil.html" in drawn
    assert "\x1b[2J" not in drawn
    assert drawn.endswith("\r\x1b[K")


def test_summary_wording() -> None:
    results = [
        PageResult("a", Outcome.ADDED),
        PageResult("b", Outcome.UPDATED),
        PageResult("c", Outcome.SKIPPED),
    ]
    assert summary(results) == (
        "3 pages: added 1, updated 1, skipped 1 (already in the library), failed 0"
    )


def test_a_path_that_does_not_exist_is_said_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nonexistent_dir"
    assert cli("import", str(missing)) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [f"reader: no such file or folder: {missing}"]
