"""One analysis of one article: entities, dates and enumerated groups.

The entity recogniser reads every unit; only the units whose dates depend on tense,
or that may introduce or continue a counted group, are parsed. Without the model,
dates still come from the pattern finder and the notice says how to install it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from reader.analysis import cache, dates, enumerations, nlp, rolegroups
from reader.analysis.entities import find_entities
from reader.analysis.units import (
    Unit,
    analysed_end,
    bound_notice,
    sentence_around,
    units_of,
)
from reader.models import Analysis, Article, Enumeration

if TYPE_CHECKING:
    from spacy.tokens import Doc

MAX_CHARS = 400_000
"""The default size bound (as ``AnalysisSettings.max_chars``): three times a
20,000-word article, about 15 s of analysis."""


def reference_date(article: Article) -> date | None:
    published = article.metadata.published
    return published.date() if published is not None else None


def cached(
    article: Article,
    *,
    model: str = nlp.DEFAULT_MODEL,
    max_chars: int | None = MAX_CHARS,
    data_dir: Path | None = None,
) -> Analysis | None:
    """The stored result of ``analyse(article, model=model, max_chars=max_chars,
    data_dir=data_dir)``."""
    return cache.load(article, model, analysed_end(article.text, max_chars), data_dir)


def analyse(
    article: Article,
    *,
    model: str = nlp.DEFAULT_MODEL,
    cancelled: Callable[[], bool] | None = None,
    use_cache: bool = True,
    progress: Callable[[float], None] | None = None,
    max_chars: int | None = MAX_CHARS,
    rest: float = 0.0,
    data_dir: Path | None = None,
) -> Analysis:
    """Analyse ``article`` (see the package docstring). Raises ``Cancelled`` when
    ``cancelled()`` turns True between batches; ``progress`` hears the fraction done
    (0 to 1) after each batch. A text longer than ``max_chars`` (None: no bound) is
    analysed up to the last paragraph end within it, and ``Analysis.notice`` says
    how much was read. ``rest`` seconds of sleep between batches hand the
    interpreter to other threads (the UI's event loop). Results are cached in
    ``data_dir`` (the settings' data folder; None: the default one)."""
    monitor = nlp.Monitor(cancelled, progress, rest)
    text = article.text
    end = analysed_end(text, max_chars)
    if use_cache:
        hit = cache.load(article, model, end, data_dir)
        if hit is not None:
            monitor.report(1.0)
            return hit
    units = units_of(article, end)
    bound = bound_notice(end, len(text))
    reference = reference_date(article)
    language = (article.metadata.language or "en").lower()
    if not language.startswith("en"):
        notice = f"names are found in English text only (this article is marked {language!r})"
        return _without_model(
            text, units, reference, _joined(notice, bound), monitor, english=False
        )
    try:
        pipeline = nlp.load(model, monitor)
    except nlp.ModelUnavailable as error:
        return _without_model(text, units, reference, _joined(str(error), bound), monitor)
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
            enumerations=_groups(text, units, docs),
            reference_date=reference.isoformat() if reference else None,
            model=model,
            notice=bound,
        )
    if use_cache:
        cache.store(article, model, analysis, end, data_dir)
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
    whole |= rolegroups.units_to_parse(text, units, docs)
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


def _groups(text: str, units: list[Unit], docs: list[Doc]) -> tuple[Enumeration, ...]:
    """Counted groups, then groups named after a role where no counted group is."""
    counted = enumerations.find(text, units, docs)
    taken = [(e.start, e.end) for e in counted]
    named = rolegroups.find(text, units, docs, taken)
    return tuple(sorted(counted + named, key=lambda e: e.start))


def _joined(notice: str, bound: str | None) -> str:
    return notice if bound is None else f"{notice}. {bound}"


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
    *,
    english: bool = True,
) -> Analysis:
    monitor.check()
    found = dates.candidates(text, units, None)
    monitor.report(1.0)
    return Analysis(
        dates=tuple(dates.mentions(text, found, units, None, reference, english=english)),
        reference_date=reference.isoformat() if reference else None,
        model=None,
        notice=notice,
    )
