"""One analysis of one article: entities, dates and enumerated groups.

The entity recogniser reads every unit; only the units whose dates depend on tense,
or that may introduce or continue a counted group, are parsed. Without the model,
dates still come from the pattern finder and the notice says how to install it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from reader.analysis import cache, dates, enumerations, nlp
from reader.analysis.entities import find_entities
from reader.analysis.units import Unit, units_of
from reader.models import Analysis, Article


def reference_date(article: Article) -> date | None:
    published = article.metadata.published
    return published.date() if published is not None else None


def analyse(
    article: Article,
    *,
    model: str = nlp.DEFAULT_MODEL,
    cancelled: Callable[[], bool] | None = None,
    use_cache: bool = True,
) -> Analysis:
    """Analyse ``article`` (see the package docstring). Raises ``Cancelled`` when
    ``cancelled()`` turns True between batches."""
    if use_cache:
        hit = cache.load(article, model)
        if hit is not None:
            return hit
    text = article.text
    units = units_of(article)
    reference = reference_date(article)
    try:
        pipeline = nlp.load(model)
    except nlp.ModelUnavailable as error:
        return _without_model(text, units, reference, str(error), cancelled)
    with pipeline.lock:
        docs = pipeline.entities([_speakable(text[u.start : u.end]) for u in units], cancelled)
        found = dates.candidates(text, units, docs)
        to_parse = {c.unit for c in found if dates.needs_parse(c, text, reference)}
        to_parse |= enumerations.units_to_parse(docs)
        if pipeline.has_parser and to_parse:
            pipeline.syntax([docs[i] for i in sorted(to_parse)], cancelled)
    analysis = Analysis(
        entities=find_entities(text, units, docs),
        dates=tuple(dates.mentions(text, found, units, docs, reference)),
        enumerations=tuple(enumerations.find(text, units, docs)),
        reference_date=reference.isoformat() if reference else None,
        model=model,
    )
    if use_cache:
        cache.store(article, model, analysis)
    return analysis


_SURROGATE = re.compile("[\ud800-\udfff]")


def _speakable(text: str) -> str:
    """spaCy cannot encode lone surrogates (from undecodable bytes); one replacement
    character each keeps every offset where it was."""
    return _SURROGATE.sub("\ufffd", text)


def _without_model(
    text: str,
    units: list[Unit],
    reference: date | None,
    notice: str,
    cancelled: Callable[[], bool] | None,
) -> Analysis:
    if cancelled is not None and cancelled():
        raise nlp.Cancelled
    found = dates.candidates(text, units, None)
    return Analysis(
        dates=tuple(dates.mentions(text, found, units, None, reference)),
        reference_date=reference.isoformat() if reference else None,
        model=None,
        notice=notice,
    )
