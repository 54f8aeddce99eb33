"""When trafilatura's second opinion cannot change the article, so it is not asked.

The opinion changes our article in two ways (see ``second_opinion.judge``): it adds
text when its article is much longer than ours (the rescue), and it drops short blocks
of ours that it lacks outside the run of long blocks both of us have. Neither is
expected on a page where our article already holds most of the page's readable text
(no room for a much longer one), every short block of ours sits between two long ones
and the last block is too long to drop (nothing at the edges to drop: end-of-article
furniture, a bio or a "published on" note, is often a block long enough to anchor on
yet short enough to drop, so the last one must be longer). About one page in fourteen
of the development corpora reads like that, and the opinion is the dearest step of the
batch. A long first block that trafilatura lacks could still let it drop a short one
after it; on the development corpora that changed no page's score.
"""

from __future__ import annotations

from reader.extract.blocks import Draft
from reader.extract.second_opinion import ANCHOR_CHARS, DROP_MAX_CHARS, EXEMPT, reads_as_lead

SURE_SHARE = 0.8
"""Our article must hold at least this share of the page's readable text: the opinion's
text would have to be 1.3 to 1.6 times ours to add anything, and the page has no room
for that (link text aside, which it mostly leaves out)."""


def cannot_change(drafts: list[Draft], page_chars: int) -> bool:
    """True when asking trafilatura about these drafts of ours is a waste: see the
    module docstring. ``page_chars`` is the page's readable text (``readable_chars``)."""
    our_chars = sum(len(d.text) for d in drafts)
    if page_chars <= 0 or our_chars < page_chars * SURE_SHARE:
        return False
    long_blocks = [i for i, d in enumerate(drafts) if len(d.text) >= ANCHOR_CHARS]
    if not long_blocks:
        return False
    first, last = long_blocks[0], long_blocks[-1]
    # ``>= last``: the last long block must itself be too long to drop.
    lead = next(i for i, d in enumerate(drafts) if d.text)
    return not any(
        _droppable(d) and (i < first or i >= last) and not (i == lead and reads_as_lead(d))
        for i, d in enumerate(drafts)
    )


def _droppable(draft: Draft) -> bool:
    return bool(draft.text) and draft.kind not in EXEMPT and len(draft.text) <= DROP_MAX_CHARS
