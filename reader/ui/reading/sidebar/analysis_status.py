"""A line saying how the analysis of the article is going, with a progress bar."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import ProgressBar, Static

from reader.sanitize import clean


class AnalysisStatus(Vertical):
    """Shown above a pane's list while the analysis runs, or when it has something
    to say (the model is missing, it failed); hidden otherwise."""

    DEFAULT_CSS = """
    AnalysisStatus {
        height: auto;
        padding: 0 1;
        display: none;
        &.-shown { display: block; }
        #analysis-message { color: $text-muted; width: 1fr; }
        ProgressBar { display: none; height: 1; }
        &.-running ProgressBar { display: block; }
        Bar { width: 1fr; }
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="analysis-message", markup=False)
        yield ProgressBar(total=100, show_eta=False, id="analysis-progress")

    @property
    def message(self) -> str:
        return str(self.query_one("#analysis-message", Static).content)

    def running(self, message: str, fraction: float = 0.0) -> None:
        """The analysis is under way: ``fraction`` (0 to 1) of it done."""
        self._say(message)
        self.add_class("-running")
        self.query_one(ProgressBar).update(progress=round(max(0.0, min(1.0, fraction)) * 100))

    def show(self, message: str) -> None:
        """A lasting message (no progress bar); page text in it stays plain text."""
        self._say(message)
        self.remove_class("-running")

    def hide(self) -> None:
        self.remove_class("-shown", "-running")

    def _say(self, message: str) -> None:
        self.query_one("#analysis-message", Static).update(Content(clean(message)))
        self.add_class("-shown")
