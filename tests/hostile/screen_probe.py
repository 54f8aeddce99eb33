"""Look at what a headless Textual app would send to the terminal."""

from __future__ import annotations

import os
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


class Budget:
    """The time an app may take for some work: ``cpu_seconds`` of this process's CPU
    time, and, so that a wait that burns no CPU still fails, a wall-clock limit of
    ``wall_slack`` times that.

    On a machine shared with other work the app gets a fraction of a core, and its wall
    time stretches while its CPU time does not: the CPU limit states what the work
    costs on an idle machine (the app's threads share one interpreter lock, so their
    CPU time together is about the wall time there). The wall limit is stretched by the
    machine's load per core (the highest seen while waiting), as waiting for a core is
    not the app hanging."""

    def __init__(self, cpu_seconds: float, wall_slack: float) -> None:
        self.cpu_seconds = cpu_seconds
        self.wall_slack = wall_slack
        self.cpu_start = time.process_time()
        self.wall_start = time.perf_counter()
        self.load = _load_per_core()

    def cpu(self) -> float:
        return time.process_time() - self.cpu_start

    def wall(self) -> float:
        return time.perf_counter() - self.wall_start

    def wall_limit(self) -> float:
        self.load = max(self.load, _load_per_core())
        return self.cpu_seconds * self.wall_slack * max(1.0, self.load)

    def spent(self) -> bool:
        return self.cpu() > self.cpu_seconds or self.wall() > self.wall_limit()

    def describe(self) -> str:
        return (
            f"{self.cpu():.1f} s CPU (limit {self.cpu_seconds:.0f} s), {self.wall():.1f} s "
            f"wall (limit {self.wall_limit():.0f} s at load {self.load:.1f} per core)"
        )


def _load_per_core() -> float:
    try:
        return os.getloadavg()[0] / (os.cpu_count() or 1)
    except OSError:
        return 1.0


async def settle(
    pilot: Pilot, until: float | Budget, quiet_checks: int = 2, ignore: tuple[str, ...] = ()
) -> bool:
    """Let the app work until no worker runs (``quiet_checks`` checks in a row), not
    counting the groups in ``ignore``; False when ``until`` (a perf_counter time, or a
    Budget) ran out first."""
    if isinstance(until, Budget):
        spent = until.spent
    else:
        deadline = until

        def spent() -> bool:
            return time.perf_counter() >= deadline

    quiet = 0
    while not spent():
        await pilot.pause(0.05)
        quiet = 0 if busy(pilot.app, ignore) else quiet + 1
        if quiet >= quiet_checks:
            return True
    return False


async def painted(pilot: Pilot, until: Budget, needle: str) -> ScreenShot:
    """The screen once it shows ``needle`` (a screen pushed is drawn a refresh or more
    later); fails when ``until`` runs out first."""
    while True:
        shot = capture(pilot.app)
        if needle in shot.text:
            return shot
        assert not until.spent(), (
            f"{needle!r} never painted ({until.describe()}); the screen:\n{shot.text}"
        )
        await pilot.pause(0.05)
