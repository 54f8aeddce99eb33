"""Keep the annotations a SingleFile page was saved with: its highlights become
library highlights anchored in the extracted text (same colour where the reader has
it); its notes, which SingleFile pins to the page rather than to a passage, are kept
as notes without a passage (listed with the loose highlights)."""

from __future__ import annotations

from pathlib import Path

from reader.config import Limits
from reader.errors import ReaderError
from reader.importing.highlights import Tally, highlight_uid, place_highlights
from reader.loaders.readlater.records import ExportHighlight
from reader.loaders.singlefile import has_annotations, saved_annotations, singlefile_page
from reader.store.all_notes import LooseHighlight
from reader.store.db import Store
from reader.store.rows import to_time_required

_PEEK = 256 * 1024


def attach_saved_annotations(
    store: Store, article_id: int, source: str, limits: Limits
) -> Tally | None:
    """Import the annotations saved inside the page file ``source`` into article
    ``article_id``; None when the page has none (or is not a readable file)."""
    from reader.loaders.files import read_path

    path = Path(source)
    try:
        with open(path, "rb") as handle:
            head = handle.read(_PEEK)
        if not has_annotations(head) and b"PK\x03\x04" not in head:
            return None
        data = read_path(str(path), limits)
        page = singlefile_page(data, path.name, limits) or data
    except (OSError, ReaderError):
        return None
    highlights, notes = saved_annotations(page.decode("utf-8", "replace"))
    if not highlights and not notes:
        return None
    text = store.articles.text(article_id) or ""
    wanted = tuple(ExportHighlight(h.quote, color=h.color) for h in highlights)
    placed, tally = place_highlights(source, text, wanted)
    if placed:
        store.highlights.merge(article_id, placed)
    if notes:
        store.notes.add_loose(
            [
                LooseHighlight(
                    id=0,
                    uid=highlight_uid(source, ExportHighlight(note)),
                    url=source,
                    title="",
                    quote="",
                    note=note,
                    tags=(),
                    origin="singlefile",
                    created_at=to_time_required(""),
                )
                for note in notes
            ]
        )
    return tally
