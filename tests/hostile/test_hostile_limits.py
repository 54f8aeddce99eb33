"""The time and memory limits bind: a large page is extracted in a child process that
is killed at the deadline or past the memory bound, and the user is told in one line.

The pathological pages themselves (hundreds of thousands of blocks, 60 MB of noise)
are measured by ``bench/limits_bench.py``; here the bounds are driven with stand-ins
that misbehave on purpose, and with small pages under small limits."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from reader.config import Limits
from reader.errors import ExtractError, LimitExceeded
from reader.extract import bounded
from reader.service import read_article

from . import bounded_work
from .clirun import run_cli

MiB = 1024 * 1024
QUICK = Limits(extract_seconds=1.0, max_memory_bytes=256 * MiB)
PAGE = (
    "<html><head><title>Harbour tides</title></head><body><article>"
    + "".join(f"<p>The tide at pier {i} rose a metre before noon today.</p>" for i in range(60))
    + "</article></body></html>"
)


def test_a_child_that_hangs_is_killed_at_the_deadline() -> None:
    start = time.monotonic()
    with pytest.raises(LimitExceeded, match=r"took longer than 1 s and was stopped"):
        bounded.extract_bounded(QUICK, path="x", work=bounded_work.sleep_forever)
    # The deadline plus the allowance for starting the child; generous for a busy machine.
    bound = QUICK.extract_seconds * bounded.WALL_FACTOR + bounded.START_SECONDS
    assert time.monotonic() - start < bound + 5


def test_a_child_that_spins_is_killed_at_the_deadline() -> None:
    with pytest.raises(LimitExceeded, match=r"took longer than 1 s"):
        bounded.extract_bounded(QUICK, path="x", work=bounded_work.spin_forever)


def test_a_child_past_the_memory_bound_is_stopped() -> None:
    limits = Limits(extract_seconds=30.0, max_memory_bytes=128 * MiB)
    with pytest.raises(LimitExceeded, match=r"more than 128 MiB of memory"):
        bounded.extract_bounded(limits, path="x", work=bounded_work.eat_memory)


def test_a_child_that_dies_is_reported_in_one_line() -> None:
    with pytest.raises(LimitExceeded, match=r"the extraction process stopped \(SIGABRT\)"):
        bounded.extract_bounded(QUICK, path="x", work=bounded_work.die_at_once)


def test_errors_in_the_child_arrive_as_raised_there() -> None:
    with pytest.raises(ExtractError, match=r"^no article text found in page\.html$"):
        bounded.extract_bounded(QUICK, path="page.html", work=bounded_work.refuse)
    with pytest.raises(RuntimeError, match=r"KeyError: 'a bug'"):
        bounded.extract_bounded(QUICK, path="page.html", work=bounded_work.fail_unexpectedly)


def test_stop_all_ends_a_running_extraction_at_once() -> None:
    """What the app does on quit: the thread waiting for the child returns promptly."""
    limits = Limits(extract_seconds=60.0)
    errors: list[BaseException] = []

    def wait() -> None:
        try:
            bounded.extract_bounded(limits, path="x", work=bounded_work.sleep_forever)
        except BaseException as error:  # handed to the test thread
            errors.append(error)

    thread = threading.Thread(target=wait)
    thread.start()
    time.sleep(1.0)
    bounded.stop_all()
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert len(errors) == 1 and isinstance(errors[0], LimitExceeded)


def test_a_large_page_reads_the_same_in_the_child(tmp_path: Path) -> None:
    page = tmp_path / "tides.html"
    page.write_text(PAGE, encoding="utf-8")
    here = read_article(str(page), Limits())
    assert not bounded.needs_isolation_for_file(str(page), Limits())
    isolating = Limits(isolate_above_bytes=1024)
    assert bounded.needs_isolation_for_file(str(page), isolating)
    there = read_article(str(page), isolating)
    assert there == here


def test_a_large_text_read_from_a_pipe_goes_to_the_child(tmp_path: Path) -> None:
    from reader.loaders.base import DocumentKind, RawDocument

    doc = RawDocument("-", DocumentKind.HTML, PAGE)
    assert bounded.needs_isolation_for_text(doc, Limits(isolate_above_bytes=1024))
    article = bounded.extract_bounded(Limits(), doc=doc)
    assert article.metadata.title == "Harbour tides"


def test_gzip_pages_are_isolated_at_a_fraction_of_the_size(tmp_path: Path) -> None:
    page = tmp_path / "tides.html.gz"
    page.write_bytes(os.urandom(2048))
    limits = Limits(isolate_above_bytes=32 * 1024)
    assert bounded.needs_isolation_for_file(str(page), limits)
    assert not bounded.needs_isolation_for_file(str(page.with_suffix("")), limits)


def _env(tmp_path: Path, **limits: object) -> dict[str, str]:
    env = {"READER_DATA_DIR": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    env.update({f"READER_LIMITS__{k.upper()}": str(v) for k, v in limits.items()})
    return env


def _many_paragraphs(tmp_path: Path, count: int) -> Path:
    page = tmp_path / "many.html"
    body = "".join(f"<p>w{i}</p>" for i in range(count))
    page.write_text(f"<html><body><article>{body}</article></body></html>", encoding="utf-8")
    return page


def test_cli_memory_bound_binds_with_one_line(tmp_path: Path) -> None:
    page = _many_paragraphs(tmp_path, 200_000)
    env = _env(tmp_path, max_memory_bytes=96 * MiB, isolate_above_bytes=1024)
    result = run_cli(["extract", str(page)], cwd=tmp_path, env=env)
    assert result.status == 2, result.describe()
    assert result.err.count("\n") == 1, result.describe()
    assert "of memory and was stopped" in result.err or "of memory (limits" in result.err
    assert "Traceback" not in result.err
    # The whole tree: this process and the child stopped at the bound.
    assert result.max_rss_mb < 96 + 200, result.describe()


def test_cli_time_bound_binds_with_one_line(tmp_path: Path) -> None:
    page = _many_paragraphs(tmp_path, 200_000)
    env = _env(tmp_path, extract_seconds=1, isolate_above_bytes=1024)
    result = run_cli(["extract", str(page)], cwd=tmp_path, env=env)
    assert result.status == 2, result.describe()
    assert result.err.startswith("reader: ") and result.err.count("\n") == 1, result.describe()
    assert "extraction took longer than 1 s" in result.err, result.describe()
    assert result.seconds < bounded.WALL_FACTOR + bounded.START_SECONDS + 10, result.describe()


def test_tui_stays_responsive_and_quits_while_a_large_page_extracts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page is read in a worker thread waiting on the child process: keys keep
    working, and ``q`` ends the child at once instead of waiting for it."""
    import asyncio

    from reader.config import load_settings
    from reader.ui.app import make_app

    monkeypatch.setenv("READER_LIMITS__ISOLATE_ABOVE_BYTES", "1024")
    monkeypatch.setenv("READER_LIMITS__EXTRACT_SECONDS", "120")
    page = _many_paragraphs(tmp_path, 400_000)

    async def scenario() -> float:
        app = make_app(load_settings(), [str(page)])
        async with app.run_test(size=(100, 32)) as pilot:
            for _ in range(200):
                if bounded._running:
                    break
                await pilot.pause(0.05)
            assert bounded._running, "the page was not sent to a child process"
            await pilot.press("question_mark")  # the help screen still opens
            await pilot.pause()
            assert "Help" in type(app.screen).__name__, app.screen
            await pilot.press("escape")
            await pilot.press("q")
            await pilot.pause()
            assert not app.is_running
        return time.monotonic()

    quit_at = asyncio.run(scenario())
    while bounded._running and time.monotonic() - quit_at < 10:
        time.sleep(0.05)
    assert not bounded._running, "the extraction process outlived the app"
    assert time.monotonic() - quit_at < 10
