"""How one highlight shows in the all-notes list: the quote (search matches
emphasised), its note, and the article it is in. Page text as Content, never markup."""

from __future__ import annotations

from textual.content import Content

from reader.sanitize import clean_line
from reader.store.all_notes import NoteRow
from reader.ui.library.results import DETAIL_STYLE, emphasised

QUOTE_CHARS = 240
"""A longer quote is cut (the whole passage is one Enter away)."""


def _cut(text: str, spans: tuple, limit: int) -> tuple[str, tuple]:
    if len(text) <= limit:
        return text, spans
    return text[: limit - 1] + "…", tuple(s for s in spans if s.start < limit - 1)


def note_prompt(row: NoteRow) -> Content:
    highlight = row.highlight
    # clean_line keeps offsets for ordinary text; the spans index the stored quote.
    quote, spans = _cut(clean_line(highlight.anchor.exact), row.quote_spans, QUOTE_CHARS)
    lines = [Content.assemble(("▌ ", f"$text-{_pen(highlight.color)}"), emphasised(quote, spans))]
    if highlight.has_note:
        note, note_spans = _cut(clean_line(highlight.note), row.note_spans, QUOTE_CHARS)
        lines.append(Content.assemble(("  ✎ ", DETAIL_STYLE), emphasised(note, note_spans)))
    title = clean_line(row.article_title).strip() or clean_line(row.article_source)
    when = highlight.created_at
    where = f"  {title} · {when.day} {when:%b %Y}"
    if highlight.orphaned:
        where += " · not found in the current text"
    lines.append(Content.styled(where, DETAIL_STYLE))
    return Content("\n").join(lines)


def _pen(color: str) -> str:
    # Textual's theme has these text colours; the others fall back to the accent.
    return {"yellow": "warning", "green": "success", "blue": "primary", "pink": "error"}.get(
        color, "accent"
    )
