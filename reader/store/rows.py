"""Conversions between SQLite rows and records: times and anchors."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from reader.anchoring import TextAnchor

ANCHOR_COLUMNS = "anchor_start, anchor_end, anchor_exact, anchor_prefix, anchor_suffix"
ANCHOR_ASSIGN = (
    "anchor_start = ?, anchor_end = ?, anchor_exact = ?, anchor_prefix = ?, anchor_suffix = ?"
)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def to_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def to_time_required(value: str) -> datetime:
    parsed = to_time(value)
    return parsed if parsed is not None else datetime.fromtimestamp(0, UTC)


def anchor_values(anchor: TextAnchor) -> tuple[int, int, str, str, str]:
    return (anchor.start, anchor.end, anchor.exact, anchor.prefix, anchor.suffix)


def anchor_from(row: Sequence[Any], first: int) -> TextAnchor | None:
    """The anchor in the five columns starting at ``first`` (None when unset)."""
    start, end, exact, prefix, suffix = row[first : first + 5]
    if start is None:
        return None
    return TextAnchor(int(start), int(end), exact or "", prefix or "", suffix or "")
