"""Articles for the entities-and-dates Pilot tests, and helpers to wait for the
analysis (the real spaCy model; it loads once per test process)."""

from __future__ import annotations

from datetime import datetime

from textual.pilot import Pilot

from reader.analysis.plaintext import article_from_paragraphs
from reader.models import Article
from reader.ui.app import ReaderApp
from reader.ui.article_view.view import ArticleView

from .shell_support import reading, wait_until

PUBLISHED = datetime(2025, 4, 13, 9, 0)
"""A Sunday."""
FILLER = (
    "The tide came in slowly, and the small boats rocked against the old stone quay "
    "while gulls circled overhead and nets dried in the wind."
)


def harbour_article(source: str = "harbour.html", gap: int = 5) -> Article:
    """Maria Lopez four times, far apart (``gap`` filler paragraphs between), Jonas
    Weber twice, two places, and dates of every kind on a Sunday page."""
    filler = [FILLER] * gap
    return article_from_paragraphs(
        [
            "Mayor Maria Lopez arrived in Geneva early Sunday to meet Jonas Weber, the head "
            "of the port authority.",
            *filler,
            "Lopez said Friday that the harbour would reopen in May, after two weeks of repairs.",
            *filler,
            "Weber will travel to Lisbon on Monday, and Lopez will join him there later this year.",
            *filler,
            "In 2016, Lopez had warned that the sea wall could fail within a decade.",
        ],
        title="A harbour reopens",
        published=PUBLISHED,
        source=source,
    )


def storm_article(source: str = "storm.html") -> Article:
    """A counted group whose members the text names: an enumeration section."""
    return article_from_paragraphs(
        [
            "The storm hit the coast on Friday and the harbour closed.",
            "There are three fishermen still missing at sea, including 48-year-old Tom "
            "Reyes, a skipper from Lisbon who has worked the boats since 2012. The other "
            "two men are 52-year-old Daniel Okafor, a deckhand, and 60-year-old Jonas "
            "Weber, who has fished there since 1990.",
            "Rescue boats will search again on Monday.",
        ],
        title="A storm",
        published=PUBLISHED,
        source=source,
    )


def long_article(words: int = 20_000, source: str = "long.html") -> Article:
    """Enough text to keep the analysis busy for seconds."""
    sentence = (
        "Officials from Lisbon and Geneva met Maria Lopez on Friday to discuss the "
        "harbour, the sea wall and the repairs planned for May."
    )
    per_paragraph = 6
    count = max(1, words // (len(sentence.split()) * per_paragraph))
    return article_from_paragraphs(
        [" ".join([sentence] * per_paragraph)] * count,
        title="A long report",
        published=PUBLISHED,
        source=source,
    )


async def analysed(pilot: Pilot, app: ReaderApp) -> None:
    """Wait until the analysis of the article shown is on screen."""
    panel = reading(app).analysis
    await wait_until(pilot, lambda: panel.analysis is not None, tries=1500)
    await pilot.pause()


def overlay(view: ArticleView, layer: str) -> list[tuple[int, int, str]]:
    found = view._overlays.layers.get(layer)
    return list(found.spans) if found is not None else []


def on_screen(view: ArticleView, offset: int) -> bool:
    top = view.top_offset()
    bottom = view.offset_at(view.scrollable_content_region.height - 1)
    return top <= offset <= bottom
