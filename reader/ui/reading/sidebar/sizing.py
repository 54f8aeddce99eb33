"""How wide the sidebar is, and how its tabs are labelled, for a terminal's width.

Pure arithmetic, so it is tested without a terminal: the sidebar follows the terminal
(about a third of it) unless the reader chose a width; under ``OVERLAY_BELOW`` columns
it floats over the article instead of squeezing it; tab labels shorten before they
would be cut.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

OVERLAY_BELOW = 80
"""Terminals narrower than this get the sidebar over the article, not beside it."""
MIN_WIDTH = 24
"""The narrowest the reader can make it."""
MIN_AUTO_WIDTH = 34
"""The narrowest it starts: its five tabs' short labels fit side by side."""
MAX_AUTO_WIDTH = 56
SHARE = 0.3
"""The automatic width: this share of the terminal, between MIN_AUTO_WIDTH and
MAX_AUTO_WIDTH."""
MIN_ARTICLE = 40
"""Beside the article, the sidebar leaves it at least this many columns."""
STEP = 4
"""Columns a key press widens or narrows the sidebar by."""
TAB_PADDING = 2
"""Cells around each tab label."""


@dataclass(frozen=True, slots=True)
class SidebarFit:
    width: int
    overlay: bool
    """Over the article (a narrow terminal), not beside it."""


def fit(total: int, chosen: int | None) -> SidebarFit:
    """The sidebar for a terminal ``total`` columns wide; ``chosen``: the width the
    reader set (by key, by dragging its edge, or in the config file), None for the
    automatic one."""
    total = max(total, 1)
    if total < OVERLAY_BELOW:
        wanted = chosen if chosen else max(MIN_WIDTH, min(40, total - 4))
        return SidebarFit(max(1, min(wanted, total - 2)), overlay=True)
    auto = max(MIN_AUTO_WIDTH, min(MAX_AUTO_WIDTH, round(total * SHARE)))
    wanted = chosen if chosen else auto
    return SidebarFit(max(MIN_WIDTH, min(wanted, total - MIN_ARTICLE)), overlay=False)


def tab_labels(width: int, labels: Sequence[tuple[str, str, str]]) -> list[str]:
    """The longest of each tab's (full, short, letter) labels that fit in ``width``
    side by side; every tab keeps the same form, so the row reads evenly."""
    for form in range(3):
        chosen = [label[form] for label in labels]
        if sum(len(text) + TAB_PADDING for text in chosen) <= width:
            return chosen
    return [label[2] for label in labels]
