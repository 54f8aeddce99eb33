"""Pilot test: opening a saved page whose text changed says how its notes were placed
again, a highlight that lost words counted as moved, not anchored."""

from __future__ import annotations

from pathlib import Path

from reader.anchoring import range_anchor
from reader.service import open_article
from reader.store import open_library

from .shell_support import SIZE, app_for, pilot_test, reading, record_notifications, settle

BEFORE = (
    "<html><head><title>The pier</title></head><body><article><h1>The pier</h1>"
    "<p>After a long debate the members agreed to repair the wooden deck before winter "
    "and to close the pier to cars for good. The harbour board will meet again in the "
    "spring to choose a builder for the work.</p><p>The work starts in March.</p>"
    "</article></body></html>"
)
QUOTE = "agreed to repair the wooden deck before winter"


@pilot_test
async def test_a_changed_page_says_its_highlight_moved(tmp_path: Path) -> None:
    page = tmp_path / "pier.html"
    page.write_text(BEFORE, encoding="utf-8")
    with open_library() as store:
        article, article_id = open_article(str(page), store=store)
        start = article.text.index(QUOTE)
        store.highlights.add(article_id, range_anchor(article.text, start, start + len(QUOTE)))
    page.write_text(BEFORE.replace("the wooden deck", "the deck"), encoding="utf-8")
    app = app_for(str(page))
    shown = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert reading(app).article is not None
        notices = [line for line in shown if "its notes:" in line]
        assert notices == [
            "The page changed since it was saved; its notes: "
            "0 anchored, 1 moved (fuzzy), 0 orphaned."
        ]
