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


def ferry_story(source: str = "ferry.html") -> Article:
    """A news feature as a saved page gives it: an opening without a heading, sections
    (one nested), inline links, a passage naming a counted group of people, a table, a
    code block and a quote, names, places and dates for the analysis (published on a
    Sunday), and three link groups at the end. The snapshots of the reading screen
    photograph it."""
    b = ArticleBuilder("Night ferry sails again")
    b.paragraph(
        "The night ferry across the Hollin estuary sailed again early Sunday, eleven years "
        "after its last crossing, carrying forty passengers, two bicycles and a brass band "
        "from the slipway at Kesby to the harbour wall at Marrow Point."
    )
    b.paragraph(
        "The service was restored by the ",
        ("Hollin Ferry Trust", "link", "https://hollinferry.example.org/"),
        ", a charity of volunteers that bought the old boat from Bristol City Council for one "
        "pound in 2021 and spent three winters replacing her engine, her wheelhouse and most "
        "of her deck.",
    )
    b.paragraph(
        "Tomas Quill, the harbour master, said the first crossing took nineteen minutes, four "
        "less than the timetable allows. Quill, who learned to pilot the estuary as a boy, "
        "will take the wheel on Friday and Saturday nights until the end of May."
    )
    b.paragraph(
        "The ferry stopped running in 2014, when the council could no longer pay for its "
        "insurance. Since then the only way across after dark has been a forty-mile drive "
        "round by the Severn bridge, which kept evening visitors away from the pubs and the "
        "theatre on the Marrow side."
    )
    b.heading("The crew", level=2)
    b.paragraph(
        "Every crossing needs a pilot, a deckhand and an engineer, and the trust is still "
        "short of all three. Volunteers train on Wednesday evenings from April to September."
    )
    b.paragraph(
        "There are three volunteers still training as pilots, including 48-year-old Peter "
        "Walsh, a retired coastguard from Cardiff who has sailed the estuary since 2012. The "
        "other two are 35-year-old Grace Okoye, a marine engineer, and 61-year-old Martin "
        "Hughes, who fished out of Kesby for thirty years."
    )
    b.paragraph(
        "Walsh said the hardest part was not the water but the mud: at the wrong moment of the "
        "tide the channel moves, and a pilot has to read it from the ripples. He expects to "
        "take his final test in June."
    )
    b.heading("A crossing timed by the tide", level=2)
    b.paragraph(
        "The estuary drains almost completely at low water, so the ferry cannot keep the same "
        "hours every night: it sails from two hours before high water until two hours after. "
        "The trust publishes the week's crossings every Monday on its ",
        ("timetable page", "link", "https://hollinferry.example.org/timetable"),
        ".",
    )
    b.table(
        [
            ["Night", "High water", "First crossing", "Last crossing"],
            ["Friday", "21:42", "19:40", "23:40"],
            ["Saturday", "22:18", "20:15", "00:15"],
            ["Sunday", "22:57", "20:55", "00:55"],
        ]
    )
    b.paragraph(
        "Edith Marsh, who chairs the trust, said the crossings would move by about forty "
        "minutes a day, and that passengers should check the times before they leave home."
    )
    b.heading("How the times are worked out", level=3)
    b.paragraph(
        "The times come from a short program written by one of the volunteers. It adds up the "
        "tidal constituents published by the ",
        ("National Oceanography Centre", "link", "https://noc.example.org/tides"),
        " for the nearest port and finds when the sum peaks:",
    )
    b.code(
        "def height(t, constituents):\n"
        "    # Sum of cosines: amplitude, speed (degrees an hour) and phase.\n"
        "    return sum(a * cos(radians(speed * t - phase))\n"
        "               for a, speed, phase in constituents)\n",
        "python",
    )
    b.quote(
        "People ask why we cannot just run a timetable like a bus. The river decides, not us. "
        "We only read what it has already written down."
    )
    b.paragraph(
        "The trust hopes to add a Thursday crossing next year if the ferry carries more than "
        "a thousand passengers by the end of the summer. A return ticket costs four pounds "
        "(see the trust's ",
        ("fares and passes", "link", "https://hollinferry.example.org/fares"),
        "); children, bicycles and dogs travel free.",
    )
    b.link_group(
        "Related",
        [
            ("How a charity saved the last chain ferry on the Fal", "https://example.org/fal"),
            ("Tide tables explained: why high water moves every day", "https://example.org/tides"),
            ("Kesby slipway reopens after the winter storms", "https://example.org/slipway"),
            ("Volunteers wanted: the boats that need a crew", "https://example.org/crews"),
            ("The brass band that plays on every first crossing", "https://example.org/band"),
        ],
    )
    b.link_group(
        "Most read",
        [
            ("Gull numbers fall for the third year running", "https://example.org/gulls"),
            ("Council agrees to light the harbour steps", "https://example.org/steps"),
            ("A lighthouse keeper's logbook, read aloud", "https://example.org/logbook"),
            ("What the mudflats hide: a walk at low water", "https://example.org/mudflats"),
        ],
    )
    b.link_group(
        "More from the coast",
        [
            ("Oyster beds return to Marrow Point", "https://example.org/oysters"),
            ("The fishermen's choir records its first album", "https://example.org/choir"),
            ("Why the estuary turns brown after rain", "https://example.org/silt"),
        ],
    )
    return with_source(
        b.build(),
        source,
        site="The Estuary Post",
        byline="Ada Penrose",
        published=datetime(2025, 4, 13, 9, 0),
    )
