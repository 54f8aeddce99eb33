"""The Dates tab: the article's dates on a calendar, oldest first, relative dates
resolved against the publication date. Selecting one asks to go to its sentence."""

from __future__ import annotations

from dataclasses import dataclass

from rich.padding import Padding
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.analysis.timeline import Timeline, TimelineEntry, build_timeline
from reader.models import Analysis
from reader.ui.reading.sidebar.analysis_pane import AnalysisPane
from reader.ui.reading.sidebar.analysis_status import AnalysisStatus


class DatesPane(AnalysisPane):
    DEFAULT_CSS = """
    DatesPane {
        padding: 0;
        #dates-list {
            height: 1fr;
            background: $panel;
            border: none;
            padding: 0;
            &:focus { border: none; }
        }
    }
    """

    @dataclass
    class DateSelected(Message):
        """The reader chose a date: go to its sentence and mark the phrase."""

        entry: TimelineEntry

    RUNNING = "Placing dates…"
    FAILED = "Dates could not be placed"

    def __init__(self) -> None:
        super().__init__("Dates", id="dates")
        self._timeline: Timeline | None = None
        self._entries: list[TimelineEntry] = []

    def compose(self) -> ComposeResult:
        yield AnalysisStatus(id="dates-status")
        yield Static(id="dates-reference", classes="pane-note", markup=False)
        yield OptionList(id="dates-list")

    @property
    def options(self) -> OptionList:
        return self.query_one("#dates-list", OptionList)

    @property
    def timeline(self) -> Timeline | None:
        return self._timeline

    @property
    def entries(self) -> list[TimelineEntry]:
        """The selectable entries, in the order listed."""
        return list(self._entries)

    def set_focus_within(self) -> None:
        options = self.options
        if options.option_count:
            if options.highlighted is None:
                options.action_first()
            options.focus()

    # --- rendering -------------------------------------------------------------------

    def show_analysis(self, analysis: Analysis, timeline: Timeline | None = None) -> None:
        """``timeline`` may come ready-made (built off the UI thread)."""
        self._timeline = timeline
        super().show_analysis(analysis)

    def new_article(self) -> None:
        self._timeline = None

    def fill(self, analysis: Analysis | None) -> None:
        article = self.article
        timeline = None
        if analysis is not None and article is not None:
            timeline = self._timeline or build_timeline(article, analysis)
            self._timeline = timeline
        reference = self.query_one("#dates-reference", Static)
        reference.set_class(timeline is not None, "-shown")
        if timeline is not None:
            reference.update(
                Content(
                    f"relative to {timeline.reference}"
                    if timeline.reference
                    else "no publication date: relative dates are left open"
                )
            )
        options = self.options
        options.clear_options()
        self._entries = []
        if timeline is None:
            return
        if not timeline:
            empty = Text("No dates in this article.", style="dim")
            options.add_option(Option(empty, disabled=True))
            return
        listed: list[Option | None] = []
        for group in timeline.points:
            listed.append(_heading(group.heading))
            listed.extend(self._option(entry, group.heading) for entry in group.entries)
        apart = (("Durations", timeline.durations), ("Unresolved", timeline.unresolved))
        for title, entries in apart:
            if entries:
                listed.append(None)
                listed.append(_heading(title, style="bold italic"))
                listed.extend(self._option(entry) for entry in entries)
        options.add_options(listed)

    def _option(self, entry: TimelineEntry, heading: str = "") -> Option:
        """The phrase (unless it only repeats the heading, like "2016") over the
        snippet with the phrase emphasised, indented under the heading."""
        index = len(self._entries)
        self._entries.append(entry)
        prompt = Text()
        if entry.phrase.casefold() != heading.casefold():
            prompt.append(entry.phrase, style="bold")
            prompt.append("\n")
        before, phrase, after = entry.parts
        prompt.append(before, style="dim")
        prompt.append(phrase, style="underline")
        prompt.append(after, style="dim")
        return Option(Padding(prompt, (0, 0, 0, 2)), id=f"date-{index}")

    # --- the reader's actions --------------------------------------------------------

    @on(OptionList.OptionSelected, "#dates-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith("date-"):
            self.post_message(self.DateSelected(self._entries[int(option_id[5:])]))


def _heading(title: str, style: str = "bold") -> Option:
    return Option(Text(title, style=style), disabled=True)
