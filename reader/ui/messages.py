"""Messages that cross widget boundaries (small dataclasses)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from reader.models import Article


@dataclass
class ArticleReady(Message):
    """A page finished loading in a worker; the screen shows it."""

    source: str
    article: Article
    remember: bool = True
    """Push the page being left onto the back history."""


@dataclass
class ShowLibrary(Message):
    """Show the library: the one under the current page, else a new one on top (the
    App moves the screens)."""


@dataclass
class ReadFromLibrary(Message):
    """Read a library article on a new reading screen above the library."""

    source: str
    query: str = ""
    """The library search that found it: searched for in the article."""
    passage: int | None = None
    """Put the passage cursor here (a highlight chosen among all the notes)."""


@dataclass
class ShowAllNotes(Message):
    """Show every highlight and note in the library."""


@dataclass
class ReadArticle(Message):
    """Read an article already extracted (a web archive's page the library could not
    keep) on a new reading screen."""

    article: Article


@dataclass
class GiveUp(Message):
    """Nothing could be shown: the app leaves with exit status 2, and the CLI prints
    ``reason``."""

    reason: str
