"""The base of the sidebar tabs that show the analysis of the article (Entities,
Dates): a status line with progress while it runs, then the pane's own list.

The screen may tell a pane about the article and the analysis before the sidebar is
mounted (it mounts after the first paint); the pane keeps what it was told and shows
it when it mounts.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.models import Analysis, Article, Section
from reader.ui.reading.sidebar.analysis_status import AnalysisStatus
from reader.ui.reading.sidebar.sidebar import SidebarPane


class AnalysisPane(SidebarPane):
    DEFAULT_CSS = """
    AnalysisPane .pane-note {
        padding: 0 1;
        color: $text-muted;
        display: none;
        &.-shown { display: block; }
    }
    """
    RUNNING = "Analysing…"
    """What the status line says while the analysis runs."""
    FAILED = "Analysis failed"

    def __init__(self, title: str, *, id: str) -> None:
        super().__init__(title, id=id)
        self.article: Article | None = None
        self.analysis: Analysis | None = None
        """The analysis of ``article``, once it is done."""
        self._progress = 0.0
        self._failure: str | None = None
        self._composed = False
        """The pane's widgets exist. (``is_mounted`` turns True only after the Mount
        handlers ran: checking it there dropped what the pane was told before it
        mounted, and a cached analysis often arrives that early.)"""

    def on_mount(self) -> None:
        self._composed = True
        self.refresh_pane()

    @property
    def status(self) -> AnalysisStatus:
        return self.query_one(AnalysisStatus)

    def show_article(self, article: Article | None, sections: Sequence[Section]) -> None:
        if article is self.article:
            return  # the same article, told again (e.g. when the sidebar mounts)
        self.article, self.analysis = article, None
        self._progress, self._failure = 0.0, None
        self.new_article()
        self.refresh_pane()

    def show_progress(self, fraction: float) -> None:
        self._progress = fraction
        if self._composed and self.analysis is None and self._failure is None:
            self.status.running(self.RUNNING, fraction)

    def show_analysis(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.refresh_pane()

    def show_failure(self, reason: str) -> None:
        self._failure = reason
        self.refresh_pane()

    def refresh_pane(self) -> None:
        if not self._composed:
            return
        status = self.status
        if self._failure is not None:
            status.show(f"{self.FAILED}: {self._failure}")
        elif self.analysis is not None:
            analysis = self.analysis
            # With the model, the analysis's own notice is about what it left out (the
            # end of a very long article): every pane says so.
            message = self.notice(analysis) or (analysis.notice if analysis.model else "") or ""
            if message:
                status.show(message)
            else:
                status.hide()
        elif self.article is not None:
            status.running(self.RUNNING, self._progress)
        else:
            status.hide()
        self.fill(self.analysis if self._failure is None else None)

    # --- for subclasses --------------------------------------------------------------

    def new_article(self) -> None:
        """Forget anything kept about the previous article."""

    def notice(self, analysis: Analysis) -> str:
        """What the status line says once the analysis is done ("" hides it)."""
        return ""

    def fill(self, analysis: Analysis | None) -> None:
        """Show ``analysis`` in the pane's list (None: nothing to show yet)."""
