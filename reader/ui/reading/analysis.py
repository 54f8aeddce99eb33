"""Entities, dates and enumerated groups of the article being read.

The analysis runs in a thread worker after the first paint (a cached one is shown
at once; a new one waits until the view has laid the article out), reports
progress to the sidebar, then fills the Entities and Dates tabs and adds the
enumerated groups to the view as collapsible sections. Opening another page
cancels it. The reading screen delegates here.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message
from textual.worker import get_current_worker

from reader.analysis.timeline import Timeline, TimelineEntry, build_timeline
from reader.models import Analysis, Article, Entity, Section
from reader.sanitize import clean_line
from reader.ui.article_view.view import ArticleView
from reader.ui.reading.mentions import MentionController
from reader.ui.reading.sidebar.dates import DatesPane
from reader.ui.reading.sidebar.entities import EntitiesPane
from reader.ui.reading.sidebar.sidebar import SidebarPane

if TYPE_CHECKING:
    from reader.config import AnalysisSettings

GROUP = "analysis"
REST_SECONDS = 0.005
"""The worker sleeps this long between batches of spaCy's work (and between modules
while loading it), so a key press is not kept waiting for the interpreter."""
LAUNCH_FALLBACK_SECONDS = 10.0
"""Start a new analysis this long after the article is shown even if the view never
reports its layout done."""


@dataclass(frozen=True, slots=True)
class Findings:
    """The analysis and what the UI shows of it, prepared in the worker thread (for a
    long article the timeline alone is tens of milliseconds of work)."""

    analysis: Analysis
    timeline: Timeline
    sections: tuple[Section, ...]

    @classmethod
    def of(cls, article: Article, analysis: Analysis) -> Findings:
        from reader.analysis import enumeration_sections

        sections = tuple(enumeration_sections(article, analysis))
        return cls(analysis, build_timeline(article, analysis), sections)


class AnalysisUpdate(Message):
    """From the analysis worker: progress, or the result, or why it failed."""

    def __init__(
        self,
        article: Article,
        fraction: float = 0.0,
        findings: Findings | None = None,
        error: str | None = None,
    ) -> None:
        super().__init__()
        self.article = article
        self.fraction = fraction
        self.findings = findings
        self.error = error

    @property
    def analysis(self) -> Analysis | None:
        return self.findings.analysis if self.findings is not None else None

    @property
    def is_progress(self) -> bool:
        return self.analysis is None and self.error is None

    def can_replace(self, message: Message) -> bool:
        # A burst of progress reports collapses into the latest; the result never does.
        return (
            isinstance(message, AnalysisUpdate)
            and self.is_progress
            and message.is_progress
            and message.article is self.article
        )


class AnalysisPanel:
    def __init__(
        self,
        view: ArticleView,
        notify: Callable[[str], None],
        settings: AnalysisSettings,
        *,
        data_dir: Path | None = None,
        cursor_blink: bool = True,
    ) -> None:
        self.view = view
        """Where the analysis runs (its worker) and reports (its messages bubble up
        to the screen, which hands them back to :meth:`update`)."""
        self.data_dir = data_dir
        """Where analyses are cached (the settings' data folder)."""
        self.enabled = settings.enabled
        self.model = settings.model
        self.max_chars = settings.max_chars
        self.entities = EntitiesPane(cursor_blink=cursor_blink)
        self.dates = DatesPane()
        self.marks = MentionController(view, notify, self.entities.show_chosen)
        self.article: Article | None = None
        self.analysis: Analysis | None = None
        """The analysis of ``article``, once it is done."""
        self._laid_out = threading.Event()
        """Set once the view has laid out ``article``: a new analysis may start."""

    @property
    def panes(self) -> list[SidebarPane]:
        """The sidebar tabs to add (none when analysis is switched off)."""
        return [self.entities, self.dates] if self.enabled else []

    @property
    def running(self) -> bool:
        return self.enabled and self.article is not None and self.analysis is None

    # --- the article being read ------------------------------------------------------

    def start(self, article: Article) -> None:
        """``article`` is now shown (again, perhaps: the view has dropped what it was
        given, so it is analysed anew, from the cache)."""
        self.marks.forget()
        self.article, self.analysis = article, None
        if not self.enabled:
            return
        # The panes learn of the article here, before its analysis can reach them: a
        # cached analysis may arrive before the sidebar has mounted them.
        for pane in (self.entities, self.dates):
            pane.show_article(article, ())
        self.view.workers.cancel_group(self.view, GROUP)
        # A cached analysis is shown at once. A new one waits until the view has laid
        # the article out (``layout_ready``): three threads wanting the interpreter at
        # once (the event loop, the layout and the analysis) starve the event loop far
        # more than two. The timer is only a safety net.
        self._laid_out = threading.Event()
        self.view.set_timer(LAUNCH_FALLBACK_SECONDS, self._laid_out.set)
        self.view.call_after_refresh(self._launch, article, self._laid_out)

    def layout_ready(self) -> None:
        """The view has finished laying out the article (or a reflow of it)."""
        self._laid_out.set()

    def _launch(self, article: Article, laid_out: threading.Event) -> None:
        if article is not self.article or not self.view.is_attached:
            return
        self.view.run_worker(
            functools.partial(self._work, article, laid_out),
            name="analysis",
            group=GROUP,
            description=f"analyse {clean_line(article.title)[:60]}",
            exclusive=True,
            thread=True,
            exit_on_error=False,
        )

    def _work(self, article: Article, laid_out: threading.Event) -> None:
        """In the worker thread: messages are the only way back to the screen."""
        # The engine and its date patterns load here, after the first paint.
        from reader.analysis import Cancelled, analyse, cached

        worker = get_current_worker()
        view = self.view

        def progress(fraction: float) -> None:
            view.post_message(AnalysisUpdate(article, fraction))

        try:
            analysis = cached(
                article, model=self.model, max_chars=self.max_chars, data_dir=self.data_dir
            )
            if analysis is None:
                while not laid_out.wait(0.05):
                    if worker.is_cancelled:
                        return
                analysis = analyse(
                    article,
                    model=self.model,
                    cancelled=lambda: worker.is_cancelled,
                    progress=progress,
                    max_chars=self.max_chars,
                    rest=REST_SECONDS,
                    data_dir=self.data_dir,
                )
            findings = Findings.of(article, analysis)
        except Cancelled:
            return
        except Exception as error:  # never a traceback on the reading screen
            from reader.crashlog import log_crash

            where = log_crash(error, [article.source])
            reason = f"internal error ({type(error).__name__}); details in {where}"
            view.post_message(AnalysisUpdate(article, error=reason))
            return
        if not worker.is_cancelled:
            view.post_message(AnalysisUpdate(article, 1.0, findings=findings))

    def update(self, message: AnalysisUpdate) -> None:
        """On the UI thread: show what the worker reported (if still relevant)."""
        if message.article is not self.article or self.analysis is not None:
            return
        if message.error is not None:
            self.entities.show_failure(message.error)
            self.dates.show_failure(message.error)
        elif message.findings is None:
            self.entities.show_progress(message.fraction)
            self.dates.show_progress(message.fraction)
        else:
            self._show(message.findings)

    def _show(self, findings: Findings) -> None:
        self.analysis = findings.analysis
        self.entities.show_analysis(findings.analysis)
        self.dates.show_analysis(findings.analysis, findings.timeline)
        if findings.sections:
            self.view.add_sections(findings.sections)

    # --- what the reader chose in the sidebar -----------------------------------------

    def select_entity(self, entity: Entity) -> None:
        self.marks.choose(entity)

    def select_date(self, entry: TimelineEntry) -> None:
        self.marks.mark_date(entry)
