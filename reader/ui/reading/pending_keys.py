"""The line over the footer that says what a typed prefix waits for ("m…  a–z set a
mark"), shown while a key sequence is pending (``reader.ui.keyseq``)."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from reader.sanitize import clean_line


class PendingKeysLine(Widget):
    """Over the footer's row (its own layer), so showing it moves nothing else."""

    DEFAULT_CSS = """
    PendingKeysLine {
        dock: bottom;
        layer: overlay;
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $foreground;
        display: none;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = ""

    @property
    def text(self) -> str:
        """What the line says (empty while hidden)."""
        return self._text

    def show_pending(self, waiting_for: str) -> None:
        """Say ``waiting_for`` (``KeySequences.waiting_for``), or hide when empty."""
        self._text = clean_line(waiting_for)
        self.display = bool(self._text)
        self.refresh()

    def render(self) -> Content:
        keys, mark, rest = self._text.partition("…")
        return Content.assemble(
            (keys + mark, "bold $accent"),
            (rest, ""),
            ("   Esc cancels", "$text-muted"),
        )
