"""What a screen's helpers may ask of the screen around them, and nothing more: say a
line, ask with a dialog, ring the bell. The screen builds one and hands it to them,
so no helper keeps (or imports) the screen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol


class Say(Protocol):
    def __call__(self, text: str, *, timeout: float = 3, severity: str = "information") -> None:
        """Show ``text`` for ``timeout`` seconds."""


@dataclass(frozen=True, slots=True)
class Feedback:
    say: Say
    """One line of plain text for the reader (never markup: page text goes in it)."""
    ask: Callable[[Any, Callable[[Any], None]], object]
    """Show a dialog; its answer goes to the callback (``App.push_screen``)."""
    bell: Callable[[], None]
