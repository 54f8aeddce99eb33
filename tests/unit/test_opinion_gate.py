"""The gate before trafilatura's second opinion: skipped only where it cannot change
the article (ours holds most of the page's text, nothing short at its edges)."""

from __future__ import annotations

import lxml.html
import pytest

from reader.config import Limits
from reader.extract import pipeline
from reader.extract.blocks import Draft
from reader.extract.opinion_gate import SURE_SHARE, cannot_change
from reader.extract.second_opinion import Opinion, judge
from reader.loaders.base import DocumentKind, RawDocument
from reader.models import BlockKind

P = BlockKind.PARAGRAPH
LONG = [
    "The harbour wall was built stone by stone in 1801 with granite from the northern "
    "quarry, and fishermen paid for it through a tax on every barrel of herring landed.",
    "A winter storm in 1877 broke the eastern arm, and the repairs took eleven years; "
    "children still walk along the top on summer evenings to watch the ferry come in.",
    "Engineers now say salt water has eaten into the mortar deeper than anyone thought, "
    "and the council must decide by spring whether to patch the old stones or build anew.",
]
CAPTION = "The eastern arm after the storm"
CLOSING = " ".join(LONG[::-1])
"""A closing paragraph too long for the opinion to drop."""


def chars(drafts: list[Draft]) -> int:
    return sum(len(d.text) for d in drafts)


def test_an_article_that_is_the_page_with_short_blocks_only_inside_is_skipped() -> None:
    ours = [Draft(P, LONG[0]), Draft(P, CAPTION), Draft(P, LONG[1]), Draft(P, CLOSING)]
    assert cannot_change(ours, chars(ours) + 40)
    # Whatever trafilatura says, the drop spares the middle and there is no room to add.
    for theirs in ([LONG[0], CLOSING], [LONG[0], LONG[1], CLOSING], [LONG[1], CLOSING]):
        opinion = Opinion([Draft(P, t) for t in theirs], "\n\n".join(theirs))
        assert judge(ours, opinion).drafts == ours


@pytest.mark.parametrize(
    "ours",
    [
        [Draft(P, "Share this story"), Draft(P, LONG[0]), Draft(P, CLOSING)],
        [Draft(P, LONG[0]), Draft(P, CLOSING), Draft(P, "Sign up for our newsletter")],
        [Draft(P, LONG[0][:120]), Draft(P, LONG[1][:120])],  # no long block to anchor on
        [Draft(BlockKind.HEADING, "Harbour"), Draft(P, LONG[0]), Draft(P, CLOSING)],
        # The last block, though long enough to anchor on, is short enough to drop (a
        # bio, a "published on" note).
        [Draft(P, LONG[0]), Draft(P, CLOSING), Draft(P, LONG[2])],
    ],
)
def test_a_short_block_at_an_edge_is_asked_about(ours: list[Draft]) -> None:
    assert not cannot_change(ours, chars(ours))


def test_an_article_that_is_a_small_part_of_the_page_is_asked_about() -> None:
    ours = [Draft(P, LONG[0]), Draft(P, CLOSING)]
    assert cannot_change(ours, int(chars(ours) / SURE_SHARE))
    assert not cannot_change(ours, int(chars(ours) / SURE_SHARE) + 50)
    assert not cannot_change(ours, 0)


def test_a_lead_written_as_a_sentence_counts_as_kept() -> None:
    lead = "The council met on Tuesday night and voted, after a long debate, to rebuild it."
    ours = [Draft(P, lead), Draft(P, LONG[0]), Draft(P, CLOSING)]
    assert cannot_change(ours, chars(ours))


def html_page(article: str, aside: str = "") -> RawDocument:
    html = f"<html><body><article>{article}</article>{aside}</body></html>"
    return RawDocument("t.html", DocumentKind.HTML, html)


def asked_on(doc: RawDocument, monkeypatch: pytest.MonkeyPatch) -> int:
    calls: list[int] = []

    def counted(root: lxml.html.HtmlElement, base: str | None, view: object = None) -> None:
        calls.append(1)

    monkeypatch.setattr(pipeline, "ask", counted)
    pipeline.extract(doc, Limits())
    return len(calls)


def test_the_pipeline_skips_trafilatura_only_where_it_cannot_change_anything(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    body = "".join(f"<p>{t}</p>" for t in [*LONG, CLOSING])
    assert asked_on(html_page(body), monkeypatch) == 0
    teasers = "".join(f"<div><h3>Elsewhere</h3><p>{t} Again.</p></div>" for t in LONG)
    assert asked_on(html_page(body, f"<aside>{teasers}</aside>"), monkeypatch) == 1
    assert asked_on(html_page(f"<p>Share this story</p>{body}"), monkeypatch) == 1
