"""Articles built by hand for the app-shell tests (no extractor involved)."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from article_builder import ArticleBuilder

from reader.models import Article, Metadata


def with_source(article: Article, source: str, **metadata: object) -> Article:
    """``article`` as if read from ``source``, with the given metadata."""
    meta = dataclasses.replace(Metadata(title=article.title), **metadata)  # type: ignore[arg-type]
    return dataclasses.replace(article, source=source, metadata=meta)


def field_guide(source: str = "guide.html") -> Article:
    """A small article: nested sections, links of every kind, one link group."""
    b = ArticleBuilder("A Field Guide to Tidal Pools")
    b.heading("A Field Guide to Tidal Pools", level=1)
    b.paragraph(
        "Tidal pools are small worlds left behind by the falling tide. Each one holds "
        "anemones, crabs and snails that wait for the sea to return."
    )
    b.heading("Where to look", level=2)
    b.paragraph(
        "Rocky shores with a gentle slope hold the most pools. Check the ",
        ("tide tables", "link", "https://tides.example.org/today"),
        " before you go, and read the ",
        ("safety notes", "link", "#safety"),
        " first.",
    )
    b.heading("Anemones", level=3)
    b.paragraph(
        "Anemones close into jelly-like blobs when the water leaves. Touch them gently, "
        "if at all; see the ",
        ("local guide", "link", "other.html"),
        " for the species of this coast.",
    )
    b.heading("Safety", level=2)
    b.paragraph(
        "Never turn your back on the sea. Rogue waves reach far up the rocks, and wet "
        "weed is slippery. Report injured animals to the ",
        ("warden", "link", "mailto:warden@example.org"),
        ".",
    )
    b.paragraph(
        "Some pages try tricks: this link ",
        ("runs script", "link", "javascript:alert(1)"),
        " and this one is a ",
        ("local file", "link", "file:///etc/hostname"),
        ".",
    )
    b.link_group(
        "Related",
        [
            ("Rock pools of the north", "https://example.org/north"),
            ("Why crabs walk sideways", "https://example.org/crabs"),
            ("Seaweed, a cook's guide", "https://example.org/seaweed"),
        ],
    )
    return with_source(
        b.build(),
        source,
        site="Coastal Notes",
        byline="Mara Quint",
        published=datetime(2024, 5, 17),
    )


def long_article(paragraphs: int = 60, source: str = "long.html") -> Article:
    """Many sections of the same sentences, for scrolling and search."""
    b = ArticleBuilder("The Long Read")
    b.heading("The Long Read", level=1)
    for index in range(paragraphs):
        if index % 6 == 0:
            b.heading(f"Part {index // 6 + 1}", level=2)
        b.paragraph(
            f"Paragraph {index + 1}. The harbour lights came on one by one while the "
            "boats returned; every keeper logged the weather, the wind and the tide."
        )
    return with_source(b.build(), source, site="Example Site")


def page_article(title: str, source: str) -> Article:
    """A one-paragraph page (the target of a followed link)."""
    b = ArticleBuilder(title)
    b.heading(title, level=1)
    b.paragraph(f"This is {title}. ", ("back to the guide", "link", "guide.html"), ".")
    return with_source(b.build(), source)
