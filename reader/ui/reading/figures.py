"""Opening the article's figures full-screen from the reading screen (``i``, or Enter
on a figure): the figure under the passage cursor, else the first one on screen.
Closing the viewer brings the article to the figure shown last."""

from __future__ import annotations

from typing import Any, Protocol

from textual.app import App

from reader.images.figures import Figure, article_figures
from reader.models import Article
from reader.ui.article_view.view import ArticleView
from reader.ui.image_viewer.screen import ImageViewerScreen


class FigureHost(Protocol):
    article: Article | None
    view: ArticleView

    @property
    def app(self) -> App[Any]: ...

    def say(self, text: str, *, timeout: float = 3, severity: str = "information") -> None: ...


class FigureOpener:
    def __init__(self, screen: FigureHost) -> None:
        self.screen = screen

    def open_here(self) -> None:
        """The figure under the passage cursor, else the first one on screen."""
        view = self.screen.view
        at_cursor = view.figure_at_cursor()
        candidates = [at_cursor] if at_cursor is not None else view.figures_in_view()
        if not candidates:
            self.screen.say("No figure here (p and P step through the figures).")
            return
        self.open(candidates[0])

    def open(self, block: int) -> None:
        """Show figure block ``block`` full-screen, if its picture was saved."""
        article = self.screen.article
        if article is None:
            return
        figures = article_figures(article)
        drawable = [figure for figure in figures if figure.image]
        chosen = next((f for f in figures if f.block == block), None)
        if chosen is None:
            return
        if not chosen.image:
            self.screen.say(f"This picture was not saved with the page: {_name(chosen)}")
            return
        viewer = ImageViewerScreen(
            drawable, drawable.index(chosen), self.screen.view.pictures, article.title
        )
        self.screen.app.push_screen(viewer, self._closed)

    def _closed(self, block: int | None) -> None:
        view = self.screen.view
        if block is not None and block != view.figure_at_cursor():
            view.show_figure(block)


def _name(figure: Figure) -> str:
    return figure.alt or figure.src or f"figure {figure.number}"
