"""`reader extract` on every hostile page, in a child process on a pseudo-terminal: an
article or one clear line and exit 2, within 20 s and 1 GB, nothing a terminal would
act on in any format, no network."""

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
from .clirun import extract_json_once, run_cli
from .conftest import KIND_NAMES, LIGHT_NAMES
from .known_defects import KNOWN_DEFECTS
from .registry import Page

JUDGED = [name for name in LIGHT_NAMES if name not in KNOWN_DEFECTS]
"""The light pages whose batch output is judged (see known_defects)."""
BOMB_MEMORY_MB = 300.0
"""Entity bombs must stay small, not merely under the general limit."""


@pytest.mark.parametrize("name", KIND_NAMES)
def test_extract_json(name: str, hostile_pages: dict[str, Page]) -> None:
    page = hostile_pages[name]
    result = extract_json_once(page.path, name)
    got_article = check_cli_outcome(result, page.kind)
    check_limits(result)
    check_terminal_bytes(result)
    assert not result.network, result.describe()
    if page.kind.forbid:
        assert result.max_rss_mb <= BOMB_MEMORY_MB, result.describe()
    if got_article:
        check_json_article(json.loads(result.stdout), page.kind, result.out)


def _batch(hostile_dir: Path, pages: dict[str, Page], fmt: str):
    names = [os.path.basename(pages[n].path) for n in LIGHT_NAMES]
    result = run_cli(["extract", "--format", fmt, "--", *names], cwd=hostile_dir, tty_output=True)
    assert not result.timed_out and "Traceback" not in result.err, result.describe()
    assert result.status in (0, 2), result.describe()
    check_terminal_bytes(result)
    for line in result.err.splitlines():
        assert line.startswith("reader: ") and "internal error" not in line, line
    return result


@pytest.mark.parametrize("fmt", ["md", "text"])
def test_batch_to_terminal(fmt: str, hostile_dir: Path, hostile_pages: dict[str, Page]) -> None:
    """Every light page in one run per format: the batch goes on past failures, one
    line on stderr per failed page, and markup comes out as written."""
    result = _batch(hostile_dir, hostile_pages, fmt)
    refused = [n for n in LIGHT_NAMES if hostile_pages[n].kind.outcome == "error"]
    assert len(result.err.splitlines()) >= len(refused), result.describe()
    for name in JUDGED:
        for literal in hostile_pages[name].kind.literal:
            assert literal in result.out, f"{name}: {literal!r} not shown literally"


def test_batch_jsonl_to_terminal(hostile_dir: Path, hostile_pages: dict[str, Page]) -> None:
    """One object per page in order, each an article or ``source`` + ``error``."""
    result = _batch(hostile_dir, hostile_pages, "jsonl")
    records = [json.loads(line) for line in result.out.splitlines() if line.strip()]
    assert len(records) == len(LIGHT_NAMES), result.describe()
    for name, record in zip(LIGHT_NAMES, records, strict=True):
        if name not in JUDGED:
            continue
        spec = hostile_pages[name].kind
        if "error" in record:
            assert spec.outcome != "article", f"{name}: {record['error']!r}"
            assert "\n" not in record["error"] and record["error"].strip()
        else:
            assert spec.outcome != "error", f"{name} should be refused"
            check_json_article(record, spec, json.dumps(record, ensure_ascii=False))
