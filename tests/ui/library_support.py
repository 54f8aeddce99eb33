"""A small library for the library-screen tests: articles built by hand, stored through
the store's own API in the test's data directory (``READER_DATA_DIR``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from article_builder import ArticleBuilder

from reader.anchoring import point_anchor, range_anchor
from reader.config import Settings
from reader.models import Article
from reader.store import Store, open_library
from reader.store.sources import raw_hash
from reader.ui.library.screen import LibraryScreen
from reader.ui.library.table import LibraryTable

from .built_articles import with_source


@dataclass(frozen=True)
class Seed:
    title: str
    site: str | None
    published: datetime | None
    body: str
    progress: float = 0.0
    notes: Sequence[str] = ()
    """One highlight per entry; the non-empty ones carry that note."""


SEEDS: tuple[Seed, ...] = (
    Seed(
        "Lighthouse keepers of the north coast",
        "Coastal Notes",
        datetime(2021, 3, 14),
        "The keepers climbed the tower at dusk and lit the lamp; the harbour pilots "
        "trusted that beam more than any chart.",
        progress=0.42,
        notes=("the beam", ""),
    ),
    Seed(
        "A history of tide tables",
        "Sea Almanac",
        datetime(2019, 11, 2),
        "Tide tables were printed every winter; harbour masters checked them against "
        "the gauges on the quay.",
        progress=1.0,
    ),
    Seed(
        "Bread, by hand",
        None,
        None,
        "Flour, water, salt and time: a slow dough needs a cool kitchen and patience.",
    ),
    Seed(
        "Zebra crossings and the law",
        "Road Weekly",
        datetime(2023, 7, 30),
        "Pedestrians on a zebra crossing have priority; drivers must stop before the "
        "stripes, not on them.",
        notes=("priority",),
    ),
)


def seed_article(seed: Seed, source: str) -> Article:
    b = ArticleBuilder(seed.title)
    b.heading(seed.title, level=1)
    for number in range(12):
        b.paragraph(f"{seed.body} (Part {number + 1}.)")
    return with_source(b.build(), source, site=seed.site, published=seed.published)


def seed_library(
    folder: Path, seeds: Sequence[Seed] = SEEDS, settings: Settings | None = None
) -> dict[str, int]:
    """Store ``seeds`` (the last one is the most recently read); their library ids by
    title. Each page is also written to ``folder`` (with its hash stored, so opening
    it uses the stored article, as for any page read before)."""
    ids: dict[str, int] = {}
    with open_library(settings) as store:
        for number, seed in enumerate(seeds):
            path = folder / f"page-{number}.html"
            path.write_text(f"<html><body><p>{seed.title}</p></body></html>", "utf-8")
            article = seed_article(seed, str(path))
            digest = raw_hash(path, 1 << 20)
            article_id = store.articles.add(article, str(path), digest).article_id
            _annotate(store, article_id, article, seed)
            ids[seed.title] = article_id
    return ids


def _annotate(store: Store, article_id: int, article: Article, seed: Seed) -> None:
    if seed.progress:
        offset = int(len(article.text) * seed.progress * 0.9)
        store.articles.save_position(article_id, point_anchor(article.text, offset), seed.progress)
    else:
        store.articles.mark_opened(article_id)
    start = article.text.index(seed.body[:10])
    for number, note in enumerate(seed.notes):
        at = start + number * 12
        store.highlights.add(article_id, range_anchor(article.text, at, at + 10), note=note)


def library(app: object) -> LibraryScreen:
    screen = getattr(app, "screen", None)
    assert isinstance(screen, LibraryScreen), f"not the library: {screen!r}"
    return screen


def titles(app: object) -> list[str]:
    table = library(app).query_one(LibraryTable)
    return [entry.display_title for entry in table.entries]
