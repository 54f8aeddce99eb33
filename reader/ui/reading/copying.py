"""Copy from the keyboard (``y``, ``ctrl+c``): the selection, else the passage at the
cursor, or with link numbers shown a link's address.

Text goes through the terminal (OSC 52, Textual's ``App.copy_to_clipboard``) and the
system clipboard where there is one (``reader.clipboard``), with its control
characters removed; the reader is told what was copied.
"""

from __future__ import annotations

from collections.abc import Callable

from reader.clipboard import copy_in_background, copyable
from reader.models import Span
from reader.sanitize import clean_line

Notify = Callable[[str], None]
PREVIEW_CHARS = 40
"""How much of the copied text the notice quotes."""


def text_to_copy(
    text: str, mouse: str | None, selection: Span | None, passage: Span | None
) -> str | None:
    """What ``y`` copies: the text selected with the mouse, else the selection grown
    with ``v``, else the passage (sentence) at the cursor; None when there is none."""
    if mouse:
        return mouse
    for span in (selection, passage):
        if span is not None and span.end > span.start:
            return text[span.start : span.end]
    return None


def preview(text: str) -> str:
    line = " ".join(clean_line(text).split())
    return line if len(line) <= PREVIEW_CHARS else line[: PREVIEW_CHARS - 1] + "…"


class Copier:
    """Copies and says so; ``terminal`` is the app's OSC 52 copy, ``system`` hands the
    text to the system clipboard in the background (False: there is none)."""

    def __init__(
        self,
        terminal: Callable[[str], None],
        say: Notify,
        system: Callable[[str], bool] | None = None,
    ) -> None:
        self._terminal = terminal
        self._say = say
        self._system = system
        """None: ``copy_in_background``, looked up when copying (tests replace it)."""

    def copy(self, text: str, what: str = "") -> bool:
        """Copy ``text`` (``what`` names it in the notice, e.g. "the address of link
        3"); False when there is nothing to copy."""
        text = copyable(text)
        if not text.strip():
            self._say("Nothing to copy.")
            return False
        self._terminal(text)
        (self._system or copy_in_background)(text)
        count = len(text)
        unit = "character" if count == 1 else "characters"
        said = what or f"{count} {unit}"
        self._say(f"Copied {said}: {preview(text)}")
        return True
