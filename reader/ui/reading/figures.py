"""Opening the article's figures full-screen from the reading screen (``i``, or Enter
on a figure): the figure under the passage cursor, else the first one on screen.
Closing the viewer brings the article to the figure shown last."""

from __future__ import annotations

from typing import Any, Protocol

from textual.app import App

from reader.images.figures import Figure, article_figures
from reader.models import Article
from reader.sanitize import clean_line
from reader.ui.article_view.view import ArticleView
from reader.ui.dialogs.link_list import ImageLink
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

    def chosen_in_list(self, link: ImageLink) -> bool:
        """A picture chosen in the link list: a saved one opens here (True); for
        another, False (its address goes to the system's browser)."""
        if not link.local:
            return False
        self.open(link.block)
        return True

    def _closed(self, block: int | None) -> None:
        view = self.screen.view
        if block is not None and block != view.figure_at_cursor():
            view.show_figure(block)


def _name(figure: Figure) -> str:
    return figure.alt or figure.src or f"figure {figure.number}"


def image_links(article: Article) -> list[ImageLink]:
    """The article's pictures as entries of the link list."""
    return [
        ImageLink(
            number=figure.number,
            text=figure.label,
            href=_address(figure),
            block=figure.block,
            local=figure.image is not None,
        )
        for figure in article_figures(article)
    ]


def _address(figure: Figure) -> str | None:
    """What the list shows as the picture's address: the page's own, but not a whole
    ``data:`` URI (kilobytes of base64)."""
    src = figure.src
    if src is None:
        return None
    if src.strip().lower().startswith("data:"):
        return "(inlined in the page)"
    return clean_line(src)
