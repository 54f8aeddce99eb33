"""Look at what a headless Textual app would send to the terminal."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from textual.app import App
from textual.pilot import Pilot
from textual.worker import WorkerState

from .clirun import forbidden_characters

# What Textual itself writes around the text of a full-screen update: SGR colours,
# cursor moves and OSC 8 hyperlinks (whose target is checked on its own).
_TEXTUAL_OWN = re.compile(r"\x1b\[[0-9;]*[mH]|\x1b\]8;id=[^;\x1b\x07]*;[^\x1b\x07]*\x1b\\")


@dataclass(frozen=True)
class ScreenShot:
    lines: list[str]
    """The text of each row, as the user sees it."""
    problems: list[str]
    """Every way the screen would put a control character on the terminal."""

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def find(self, needle: str) -> tuple[int, int] | None:
        """(x, y) of the first cell showing ``needle`` (cells, assuming narrow text)."""
        for y, line in enumerate(self.lines):
            x = line.find(needle)
            if x >= 0:
                return x, y
        return None


def capture(app: App) -> ScreenShot:
    """Render the current screen (with the screens behind a modal) as the driver would."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    lines: list[str] = []
    problems: list[str] = []
    for row, line in enumerate(update.strips):
        texts = []
        for strip in line:
            for segment in strip:
                if segment.control:
                    problems.append(f"row {row}: control segment {segment.control!r}")
                texts.append(segment.text)
                link = segment.style.link if segment.style else None
                if link and forbidden_characters(link):
                    problems.append(f"row {row}: control characters in link {link[:120]!r}")
        lines.append("".join(texts))
        bad = forbidden_characters(lines[-1])
        if bad:
            problems.append(f"row {row}: {bad} in {lines[-1][:120]!r}")
    terminal = _TEXTUAL_OWN.sub("", update.render_segments(app.console))
    bad = forbidden_characters(terminal.replace("\n", ""))
    if bad:
        problems.append(f"terminal bytes: {bad}")
    for label, value in (
        ("app title", app.title),
        ("app sub-title", app.sub_title),
        ("screen title", app.screen.title or ""),
        ("screen sub-title", app.screen.sub_title or ""),
    ):
        if forbidden_characters(value):
            problems.append(f"{label}: {value[:120]!r}")
    return ScreenShot(lines, problems)


ANALYSIS = "analysis"
"""The worker group that finds entities and dates after the article is shown."""


def busy(app: App, ignore: tuple[str, ...] = ()) -> bool:
    return any(
        w.state in (WorkerState.PENDING, WorkerState.RUNNING) and w.group not in ignore
        for w in app.workers
    )


async def settle(
    pilot: Pilot, until: float, quiet_checks: int = 2, ignore: tuple[str, ...] = ()
) -> bool:
    """Let the app work until no worker runs (``quiet_checks`` checks in a row), not
    counting the groups in ``ignore``; False when ``until`` (a perf_counter time) passed
    first."""
    quiet = 0
    while time.perf_counter() < until:
        await pilot.pause(0.05)
        quiet = 0 if busy(pilot.app, ignore) else quiet + 1
        if quiet >= quiet_checks:
            return True
    return False
