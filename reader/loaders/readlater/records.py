"""What an export holds, whatever service wrote it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime


@dataclass(frozen=True, slots=True)
class ExportHighlight:
    quote: str
    note: str = ""
    prefix: str = ""
    suffix: str = ""
    created: datetime | None = None
    tags: tuple[str, ...] = ()
    color: str | None = None


@dataclass(frozen=True, slots=True)
class ExportItem:
    url: str
    title: str = ""
    tags: tuple[str, ...] = ()
    added_at: datetime | None = None
    is_read: bool = False
    archived: bool = False
    starred: bool = False
    content_html: str | None = None
    """The article as the service saved it; None when the export has only the link."""
    author: str = ""
    highlights: tuple[ExportHighlight, ...] = ()


@dataclass(slots=True)
class Export:
    kind: str
    items: list[ExportItem] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """Entries skipped, one line each (bounded)."""
    skipped: int = 0

    def skip(self, why: str) -> None:
        self.skipped += 1
        if len(self.problems) < 50:
            self.problems.append(why)


def parse_time(value: object) -> datetime | None:
    """ISO 8601 text, or Unix seconds (as a number or digits)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float) or (isinstance(value, str) and value.strip().isdigit()):
        try:
            return datetime.fromtimestamp(float(value), UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace(" ", "T", 1) if " " in value.strip()[:11] else value.strip()
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def as_text(value: object, limit: int = 100_000) -> str:
    return value[:limit] if isinstance(value, str) else ""


def web_url(value: object) -> str | None:
    """An http(s) URL, or None: other schemes from an export are never followed."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    if not url.lower().startswith(("http://", "https://")) or len(url) > 4000:
        return None
    if any(ord(c) < 33 for c in url):
        return None
    return url
