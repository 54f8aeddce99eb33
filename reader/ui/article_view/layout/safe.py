"""Page strings made safe to paint.

Offsets must survive, so control characters in the page's text are not removed but
replaced one for one by visible symbols (ESC shows as ␛); one-line strings that no
offset points into (URLs, titles, link texts) go through ``sanitize.clean_line``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from reader.models import Section
from reader.sanitize import BIDI_RANGES, KITTY_PLACEHOLDER, clean_line
from reader.ui.article_view.layout.lines import NO_OFFSET, Run

# C0 controls (but tab and newline), DEL, C1 controls, bidi embeddings/isolates, and
# kitty's image placeholder (shown as U+FFFD).
_UNSAFE = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{BIDI_RANGES}{KITTY_PLACEHOLDER}]")


def _symbol(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def visible(text: str) -> str:
    """``text`` with every control character replaced by a visible symbol, keeping
    its length (tabs and newlines stay: the layout handles them)."""
    if text.isprintable() or _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(_symbol, text)


def _unsafe(*values: str | None) -> bool:
    return not all(value is None or value.isprintable() for value in values)


def safe_section(section: Section) -> Section:
    """``section`` with its one-line strings cleaned (itself when they are clean)."""
    if not _unsafe(section.title, section.summary, *section.lines):
        return section
    return replace(
        section,
        title=clean_line(section.title),
        summary=clean_line(section.summary),
        lines=tuple(clean_line(line) for line in section.lines),
    )


def safe_runs(runs: Sequence[Run]) -> tuple[Run, ...]:
    """``runs`` with the page's text in them made visible (same lengths)."""
    return tuple(
        run if run[2] == NO_OFFSET or run[0].isprintable() else (visible(run[0]), run[1], run[2])
        for run in runs
    )
