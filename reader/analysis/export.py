"""The analysis as plain JSON data (``reader extract --analyze --format json``)."""

from __future__ import annotations

from typing import Any

from reader.models import Analysis, DateMention


def analysis_to_json(analysis: Analysis) -> dict[str, Any]:
    """``entities`` (name, group, label, count, mentions with start/end), ``dates``
    (text, start/end, value: an ISO date, a ``[from, to]`` range or null, granularity,
    kind: point|duration|age) and ``enumerations``, plus how dates were resolved."""
    return {
        "model": analysis.model,
        "notice": analysis.notice,
        "reference_date": analysis.reference_date,
        "entities": [
            {
                "name": e.name,
                "group": str(e.group),
                "label": e.label,
                "count": e.count,
                "mentions": [{"start": s.start, "end": s.end} for s in e.mentions],
            }
            for e in analysis.entities
        ],
        "dates": [_date(d) for d in analysis.dates],
        "enumerations": [
            {
                "title": n.title,
                "start": n.start,
                "end": n.end,
                "count": n.count,
                "members": [
                    {"name": m.name, "start": m.start, "end": m.end, "facts": list(m.facts)}
                    for m in n.members
                ],
            }
            for n in analysis.enumerations
        ],
    }


def _date(mention: DateMention) -> dict[str, Any]:
    value: str | list[str] | None = mention.value
    if mention.value is not None and mention.range_end is not None:
        value = [mention.value, mention.range_end]
    return {
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "value": value,
        "granularity": mention.granularity,
        "kind": str(mention.kind),
    }
