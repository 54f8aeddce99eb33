"""Assertions shared by the hostile tests: outcome of a run, article invariants, and
what the output may (not) contain."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields
from typing import Any

from reader.models import Article, Metadata

from .clirun import CliResult, forbidden_characters
from .registry import Kind

TIME_LIMIT_SECONDS = 20.0
MEMORY_LIMIT_MB = 1024.0
WALL_SLACK = 2.0
"""The hostile suite runs on two xdist workers on two cores, each child competing with
the other worker (and with extraction threads), so wall time there includes waiting for
a core. The 20 s guarantee is checked on the CPU time the child used (what it takes on
an idle machine); wall time may reach twice that, which still catches a child that
sleeps or waits on I/O instead of working."""


def check_cli_outcome(result: CliResult, spec: Kind) -> bool:
    """An article (exit 0) or exactly one clear line on stderr with exit 2; never a
    traceback. Returns True when an article came out."""
    assert not result.timed_out, result.describe()
    assert "Traceback (most recent call last)" not in result.err, result.describe()
    if result.status == 0:
        assert spec.outcome != "error", f"{spec.name} should be refused\n{result.describe()}"
        return True
    assert result.status == 2, result.describe()
    lines = result.err.splitlines()
    assert len(lines) == 1 and result.err.endswith("\n"), (
        f"want exactly one line on stderr\n{result.describe()}"
    )
    assert lines[0].startswith("reader: "), result.describe()
    assert "internal error" not in lines[0], f"an unexpected exception\n{result.describe()}"
    assert spec.outcome != "article", f"{spec.name} should give an article\n{result.describe()}"
    return False


def check_limits(result: CliResult) -> None:
    assert result.cpu_seconds <= TIME_LIMIT_SECONDS, result.describe()
    assert result.seconds <= TIME_LIMIT_SECONDS * WALL_SLACK, result.describe()
    assert result.max_rss_mb <= MEMORY_LIMIT_MB, result.describe()


def check_terminal_bytes(result: CliResult) -> None:
    """Nothing a terminal would act on, on stdout or stderr, as bytes or characters."""
    for stream, text in (("stdout", result.out), ("stderr", result.err)):
        bad = forbidden_characters(text)
        assert not bad, f"control characters on {stream}: {bad}\n{result.describe()}"


def strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string inside a JSON value, with where it sits."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, f"{path}[{index}]")


def check_json_strings(data: dict[str, Any]) -> None:
    """The decoded JSON strings are safe too (``jq -r .title`` prints them raw). The
    ``source`` is the path the user typed, kept exactly so it still names the file."""
    for where, text in strings({k: v for k, v in data.items() if k != "source"}):
        bad = forbidden_characters(text.replace("\r", ""))
        assert not bad, f"control characters in JSON {where}: {bad} in {text[:200]!r}"


def check_offsets(
    text: str, blocks: list[tuple[str, int, int]], sections: list[tuple[str, int, int]]
) -> None:
    previous_end = 0
    for block_id, start, end in blocks:
        assert 0 <= start <= end <= len(text), f"block {block_id} [{start}, {end}) outside text"
        assert start >= previous_end, f"block {block_id} overlaps the one before"
        previous_end = end
    for section_id, start, end in sections:
        assert 0 <= start <= end <= len(text), f"section {section_id} outside the text"


def check_content(spec: Kind, text: str, everything: str) -> None:
    """``text`` is the article body, ``everything`` all of the output."""
    # A page with nothing to read is an ExtractError, not an empty article.
    assert text.strip(), f"{spec.name}: an article with no text"
    for word in spec.expect_words:
        assert word in text, f"{spec.name}: {word!r} missing (wrong decoding?)\n{text[:600]!r}"
    for marker in spec.forbid:
        assert marker not in everything, f"{spec.name}: found {marker[:60]!r} in the output"
    for literal in spec.literal:
        assert literal in text, f"{spec.name}: {literal!r} not shown literally\n{text[:600]!r}"


def check_json_article(data: dict[str, Any], spec: Kind, raw: str) -> None:
    assert isinstance(data.get("text"), str) and isinstance(data.get("markdown"), str)
    check_offsets(
        data["text"],
        [(b["id"], b["start"], b["end"]) for b in data.get("blocks", [])],
        [(s["id"], s["start"], s["end"]) for s in data.get("sections", [])],
    )
    check_content(spec, data["text"], raw)
    check_json_strings(data)


def check_article(article: Article, spec: Kind) -> None:
    assert isinstance(article, Article)
    check_offsets(
        article.text,
        [(b.id, b.start, b.end) for b in article.blocks],
        [(s.id, s.start, s.end) for s in article.sections],
    )
    everything = "\n".join(
        (
            article.title,
            article.text,
            article.markdown,
            *(link.text for group in article.link_groups for link in group.links),
        )
    )
    check_content(spec, article.text, everything)


def article_from_record(record: dict[str, Any]) -> Article:
    """Rebuild the Article that ``reader extract --format json`` printed (metadata is
    spread over the top level there)."""
    meta_keys = {f.name for f in fields(Metadata)}
    data = {key: value for key, value in record.items() if key not in meta_keys}
    data["metadata"] = {key: record[key] for key in meta_keys if key in record}
    return Article.from_dict(data)
