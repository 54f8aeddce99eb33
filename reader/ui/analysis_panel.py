"""Entities, dates and enumerated groups of the article being read.

The analysis runs in a thread worker once the article is on screen (so it never
delays the first paint), reports progress to the sidebar, then fills the Entities
and Dates tabs and adds the enumerated groups to the view as collapsible sections.
Opening another page cancels it. The reading screen delegates here.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from textual.message import Message
from textual.worker import get_current_worker

from reader.analysis import Cancelled, analyse, enumeration_sections
from reader.config import AnalysisSettings
from reader.models import Analysis, Article, Entity
from reader.sanitize import clean_line
from reader.ui.mention_control import MentionController
from reader.ui.timeline import TimelineEntry
from reader.ui.widgets.dates_pane import DatesPane
from reader.ui.widgets.entities_pane import EntitiesPane
from reader.ui.widgets.sidebar import SidebarPane

if TYPE_CHECKING:
    from reader.ui.screens.reading import ReadingScreen

GROUP = "analysis"


class AnalysisUpdate(Message):
    """From the analysis worker: progress, or the result, or why it failed."""

    def __init__(
        self,
        article: Article,
        fraction: float = 0.0,
        analysis: Analysis | None = None,
        error: str | None = None,
    ) -> None:
        super().__init__()
        self.article = article
        self.fraction = fraction
        self.analysis = analysis
        self.error = error

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
        self, screen: ReadingScreen, settings: AnalysisSettings, *, cursor_blink: bool = True
    ) -> None:
        self.screen = screen
        self.enabled = settings.enabled
        self.model = settings.model
        self.entities = EntitiesPane(cursor_blink=cursor_blink)
        self.dates = DatesPane()
        self.marks = MentionController(screen, self.entities.show_chosen)
        self.article: Article | None = None
        self.analysis: Analysis | None = None
        """The analysis of ``article``, once it is done."""

    @property
    def panes(self) -> list[SidebarPane]:
        """The sidebar tabs to add (none when analysis is switched off)."""
        return [self.entities, self.dates] if self.enabled else []

    @property
    def running(self) -> bool:
        return self.enabled and self.article is not None and self.analysis is None

    # --- the article being read ------------------------------------------------------

    def start(self, article: Article) -> None:
        """``article`` is now shown: analyse it once it is painted."""
        if article is self.article:
            return
        self.marks.forget()
        self.article, self.analysis = article, None
        if not self.enabled:
            return
        self.screen.workers.cancel_group(self.screen, GROUP)
        # After the next refresh: the first frame of the article goes out first.
        self.screen.call_after_refresh(self._launch, article)

    def _launch(self, article: Article) -> None:
        if article is not self.article or not self.screen.is_attached:
            return
        self.screen.run_worker(
            functools.partial(self._work, article),
            name="analysis",
            group=GROUP,
            description=f"analyse {clean_line(article.title)[:60]}",
            exclusive=True,
            thread=True,
            exit_on_error=False,
        )

    def _work(self, article: Article) -> None:
        """In the worker thread: messages are the only way back to the screen."""
        worker = get_current_worker()
        screen = self.screen

        def progress(fraction: float) -> None:
            screen.post_message(AnalysisUpdate(article, fraction))

        try:
            analysis = analyse(
                article, model=self.model, cancelled=lambda: worker.is_cancelled, progress=progress
            )
        except Cancelled:
            return
        except Exception as error:  # never a traceback on the reading screen
            from reader.crashlog import log_crash

            where = log_crash(error, [article.source])
            reason = f"internal error ({type(error).__name__}); details in {where}"
            screen.post_message(AnalysisUpdate(article, error=reason))
            return
        if not worker.is_cancelled:
            screen.post_message(AnalysisUpdate(article, 1.0, analysis=analysis))

    def update(self, message: AnalysisUpdate) -> None:
        """On the UI thread: show what the worker reported (if still relevant)."""
        if message.article is not self.article or self.analysis is not None:
            return
        if message.error is not None:
            self.entities.show_failure(message.error)
            self.dates.show_failure(message.error)
        elif message.analysis is None:
            self.entities.show_progress(message.fraction)
            self.dates.show_progress(message.fraction)
        else:
            self._show(message.article, message.analysis)

    def _show(self, article: Article, analysis: Analysis) -> None:
        self.analysis = analysis
        self.entities.show_analysis(analysis)
        self.dates.show_analysis(analysis)
        sections = enumeration_sections(article, analysis)
        if sections:
            self.screen.view.add_sections(sections)

    # --- what the reader chose in the sidebar -----------------------------------------

    def select_entity(self, entity: Entity) -> None:
        self.marks.choose(entity)

    def select_date(self, entry: TimelineEntry) -> None:
        self.marks.mark_date(entry)
