"""The intrinsic size of each figure's local picture, read from its header.

The view reserves a picture's room before it is decoded, so the size is part of the
Article. Only headers are read (no pixel is decoded here), within a byte budget per
article and the extraction's deadline; a picture past either simply has no size.
"""

from __future__ import annotations

import time

from reader.extract.blocks import Draft
from reader.images.sources import ImageSources
from reader.models import BlockKind

MAX_BYTES_READ = 256 * 1024 * 1024
"""Most picture bytes read per article to learn sizes."""


def measure_figures(drafts: list[Draft], sources: ImageSources, deadline: float) -> None:
    """Fill ``width``/``height`` of the figures whose picture is local; a picture
    whose header cannot be read (markup, a damaged file, a decompression bomb) loses
    its local reference, so it shows as the placeholder everywhere and is never kept
    by the library."""
    figures = [d for d in drafts if d.kind is BlockKind.FIGURE and d.image]
    if not figures:
        return
    from reader.images.decode import Failure, probe

    budget = MAX_BYTES_READ
    for draft in figures:
        if budget <= 0 or time.perf_counter() > deadline:
            break
        data = sources.read(draft.image or "")
        if data is None:
            draft.image = None
            continue
        budget -= len(data)
        info = probe(data)
        if isinstance(info, Failure):
            draft.image = None
        else:
            draft.width, draft.height = info.width, info.height
