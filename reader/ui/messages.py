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
