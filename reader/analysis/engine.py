"""One analysis of one article: entities, dates and enumerated groups.

The entity recogniser reads every unit; only the units whose dates depend on tense,
or that may introduce or continue a counted group, are parsed. Without the model,
dates still come from the pattern finder and the notice says how to install it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from reader.analysis import cache, dates, enumerations, nlp
from reader.analysis.entities import find_entities
from reader.analysis.units import Unit, sentence_around, units_of
from reader.models import Analysis, Article

if TYPE_CHECKING:
    from spacy.tokens import Doc


def reference_date(article: Article) -> date | None:
    published = article.metadata.published
    return published.date() if published is not None else None


def analyse(
    article: Article,
    *,
    model: str = nlp.DEFAULT_MODEL,
    cancelled: Callable[[], bool] | None = None,
    use_cache: bool = True,
    progress: Callable[[float], None] | None = None,
) -> Analysis:
    """Analyse ``article`` (see the package docstring). Raises ``Cancelled`` when
    ``cancelled()`` turns True between batches; ``progress`` hears the fraction done
    (0 to 1) after each batch."""
    monitor = nlp.Monitor(cancelled, progress)
    if use_cache:
        hit = cache.load(article, model)
        if hit is not None:
            monitor.report(1.0)
            return hit
    text = article.text
    units = units_of(article)
    reference = reference_date(article)
    language = (article.metadata.language or "en").lower()
    if not language.startswith("en"):
        notice = f"names are found in English text only (this article is marked {language!r})"
        return _without_model(text, units, reference, notice, monitor)
    try:
        pipeline = nlp.load(model)
    except nlp.ModelUnavailable as error:
        return _without_model(text, units, reference, str(error), monitor)
    # Docs share the pipeline's string store: read them under the same lock.
    with pipeline.lock:
        texts = [_speakable(text[u.start : u.end]) for u in units]
        monitor.expect("entities", sum(t.count(" ") + 1 for t in texts))
        docs = pipeline.entities(texts, monitor)
        found = dates.candidates(text, units, docs)
        if pipeline.has_parser:
            _parse_where_needed(pipeline, text, units, docs, found, reference, monitor)
        analysis = Analysis(
            entities=find_entities(text, units, docs),
            dates=tuple(dates.mentions(text, found, units, docs, reference)),
            enumerations=tuple(enumerations.find(text, units, docs)),
            reference_date=reference.isoformat() if reference else None,
            model=model,
        )
    if use_cache:
        cache.store(article, model, analysis)
    monitor.report(1.0)
    return analysis


def _parse_where_needed(
    pipeline: nlp.Pipeline,
    text: str,
    units: list[Unit],
    docs: list[Doc],
    found: list[dates.Candidate],
    reference: date | None,
    monitor: nlp.Monitor,
) -> None:
    """Parse whole units that may hold a counted group, and only the sentences of
    other units whose dates need a tense."""
    whole = enumerations.units_to_parse(text, units, docs)
    sentences: dict[tuple[int, int], list[dates.Candidate]] = {}
    for candidate in found:
        if candidate.unit in whole or not dates.needs_parse(candidate, text, reference):
            continue
        unit = units[candidate.unit]
        bounds = sentence_around(text, candidate.start, candidate.end, unit.start, unit.end)
        sentences.setdefault(bounds, []).append(candidate)
    pieces = [_speakable(text[s:e]) for s, e in sentences]
    wholes = [docs[i] for i in sorted(whole)]
    monitor.expect("syntax", sum(len(d) for d in wholes) + sum(t.count(" ") + 1 for t in pieces))
    if wholes:
        pipeline.syntax(wholes, monitor)
    parsed = pipeline.parse(pieces, monitor)
    for (start, _), doc, waiting in zip(sentences, parsed, sentences.values(), strict=True):
        for candidate in waiting:
            candidate.parsed = (doc, start)


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
    monitor: nlp.Monitor,
) -> Analysis:
    monitor.check()
    found = dates.candidates(text, units, None)
    monitor.report(1.0)
    return Analysis(
        dates=tuple(dates.mentions(text, found, units, None, reference)),
        reference_date=reference.isoformat() if reference else None,
        model=None,
        notice=notice,
    )
