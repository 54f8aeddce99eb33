"""`reader extract` on every hostile page, in a child process: an article or one clear
line and exit 2, within 20 s and 1 GB, nothing a terminal would act on, no network."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .checks import (
    check_cli_outcome,
    check_json_article,
    check_limits,
    check_terminal_bytes,
)
from .clirun import run_cli
from .conftest import KIND_NAMES, LIGHT_NAMES
from .registry import Page

BOMB_MEMORY_MB = 300.0
"""Entity bombs must stay small, not merely under the general limit."""


def _extract(page: Page, fmt: str, *, tty: bool):
    return run_cli(
        ["extract", "--format", fmt, "--", os.path.basename(page.path)],
        cwd=page.path.parent,
        tty_output=tty,
    )


@pytest.mark.parametrize("name", KIND_NAMES)
def test_extract_json(name: str, hostile_pages: dict[str, Page]) -> None:
    page = hostile_pages[name]
    result = _extract(page, "json", tty=False)
    got_article = check_cli_outcome(result, page.kind)
    check_limits(result)
    check_terminal_bytes(result)
    assert not result.network, result.describe()
    if page.kind.forbid:
        assert result.max_rss_mb <= BOMB_MEMORY_MB, result.describe()
    if got_article:
        check_json_article(json.loads(result.stdout), page.kind, result.out)


@pytest.mark.parametrize("name", KIND_NAMES)
def test_extract_markdown_to_terminal(name: str, hostile_pages: dict[str, Page]) -> None:
    page = hostile_pages[name]
    result = _extract(page, "md", tty=True)
    check_cli_outcome(result, page.kind)
    check_limits(result)
    check_terminal_bytes(result)
    assert not result.network, result.describe()


@pytest.mark.parametrize("name", LIGHT_NAMES)
def test_extract_text_to_terminal(name: str, hostile_pages: dict[str, Page]) -> None:
    page = hostile_pages[name]
    result = _extract(page, "text", tty=True)
    if check_cli_outcome(result, page.kind):
        for literal in page.kind.literal:
            assert literal in result.out, f"{literal!r} not shown literally\n{result.out[:500]!r}"
    check_limits(result)
    check_terminal_bytes(result)


def test_batch_jsonl_to_terminal(hostile_dir: Path, hostile_pages: dict[str, Page]) -> None:
    """One run over every light page: the batch goes on past failures, one object per
    page in order, each an article or ``source`` + ``error``."""
    names = [os.path.basename(hostile_pages[n].path) for n in LIGHT_NAMES]
    result = run_cli(
        ["extract", "--format", "jsonl", "--", *names], cwd=hostile_dir, tty_output=True
    )
    assert not result.timed_out and "Traceback" not in result.err, result.describe()
    assert result.status in (0, 2), result.describe()
    check_terminal_bytes(result)
    records = [json.loads(line) for line in result.out.splitlines() if line.strip()]
    assert len(records) == len(names), result.describe()
    for name, record in zip(LIGHT_NAMES, records, strict=True):
        spec = hostile_pages[name].kind
        if "error" in record:
            assert spec.outcome != "article", f"{name}: {record['error']!r}"
            assert "\n" not in record["error"] and record["error"].strip()
        else:
            assert spec.outcome != "error", f"{name} should be refused"
            check_json_article(record, spec, json.dumps(record, ensure_ascii=False))
