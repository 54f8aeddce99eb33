"""trafilatura's second opinion: what it drops and rescues, its size guard and the
time budget that covers it."""

from __future__ import annotations

import time

import lxml.html
import pytest

from reader.config import Limits
from reader.errors import LimitExceeded
from reader.extract import pipeline, second_opinion
from reader.extract.blocks import Draft
from reader.extract.second_opinion import Opinion, ask, judge, too_large
from reader.loaders.base import DocumentKind, RawDocument
from reader.models import BlockKind

P = BlockKind.PARAGRAPH
SENTENCES = [
    "The harbour wall was built stone by stone in 1801 with granite from the northern quarry.",
    "Fishermen paid for it through a tax on every barrel of herring landed at the quay.",
    "A winter storm in 1877 broke the eastern arm, and the repairs took eleven years.",
    "Children still walk along the top on summer evenings to watch the ferry come in.",
    "Engineers now say salt water has eaten into the mortar deeper than anyone thought.",
    "The council must decide by spring whether to patch the old stones or build anew.",
    "Residents packed the parish hall on Tuesday to argue for keeping the original line.",
    "Whatever is chosen, the work will close the lighthouse path for at least two seasons.",
]


def drafts(*items: tuple[BlockKind, str]) -> list[Draft]:
    return [Draft(kind, text) for kind, text in items]


def opinion(texts: list[str]) -> Opinion:
    return Opinion([Draft(P, t) for t in texts], "\n\n".join(texts))


def texts(items: list[Draft]) -> list[str]:
    return [d.text for d in items]


def test_blocks_at_the_edges_it_lacks_are_dropped_and_the_middle_stays() -> None:
    ours = drafts(
        (P, "Share this story"),
        (P, SENTENCES[0]),
        (P, "A caption in the middle"),
        *((P, s) for s in SENTENCES[1:]),
        (P, "Sign up for the harbour newsletter"),
    )
    verdict = judge(ours, opinion(SENTENCES))
    assert texts(verdict.drafts) == [SENTENCES[0], "A caption in the middle", *SENTENCES[1:]]
    assert verdict.dropped == 2 and not verdict.rescued


@pytest.mark.parametrize(
    "lead",
    [
        "The council met on Tuesday night and voted, after a long debate, to rebuild the wall.",
        "Der Gemeinderat hat am Dienstagabend nach langer Debatte beschlossen, die alte "
        "Hafenmauer Stein für Stein wieder aufzubauen.",
    ],
)
def test_the_lead_paragraph_stays_though_it_lacks_it(lead: str) -> None:
    # trafilatura often leaves out the standfirst, which sits in the page's header.
    ours = drafts((P, lead), *((P, s) for s in SENTENCES))
    assert texts(judge(ours, opinion(SENTENCES)).drafts) == [lead, *SENTENCES]
    # A first line that is no sentence is furniture as before.
    ours = drafts((P, "Harbour news: local, weather, sport"), *((P, s) for s in SENTENCES))
    assert texts(judge(ours, opinion(SENTENCES)).drafts) == SENTENCES


@pytest.mark.parametrize("label", ["Step 2", "Schritt 2", "Finished terrarium"])
def test_a_label_between_two_blocks_it_has_stays(label: str) -> None:
    # trafilatura drops labels that stand for headings; past the last long block,
    # nothing anchors them.
    long = [f"{a} {b}" for a, b in zip(SENTENCES[::2], SENTENCES[1::2], strict=True)]
    short = ["Insert your plant into the hole.", "Add more plants if you wish."]
    ours = drafts(*((P, s) for s in long), (P, label), (P, short[0]), (P, short[1]))
    ours.append(Draft(P, "Share this article"))
    kept = texts(judge(ours, opinion([*long, *short])).drafts)
    assert kept == [*long, label, *short]
    # A sentence in the same place is no label: it is dropped as before.
    ours[len(long)] = Draft(P, "Our newsletter has more, sign up.")
    assert texts(judge(ours, opinion([*long, *short])).drafts) == [*long, *short]


def test_quotes_code_and_a_heading_before_a_kept_block_are_exempt() -> None:
    ours = drafts(
        (BlockKind.HEADING, "The wall"),
        *((P, s) for s in SENTENCES),
        (BlockKind.QUOTE, "We will rebuild it."),
        (BlockKind.CODE, "print('wall')"),
        (BlockKind.HEADING, "More from the Gazette"),
    )
    verdict = judge(ours, opinion(SENTENCES))
    assert texts(verdict.drafts) == texts(ours)[:-1]


def test_a_short_or_foreign_opinion_drops_nothing() -> None:
    ours = drafts((P, "Share this story"), (P, SENTENCES[0]), (P, SENTENCES[1]))
    assert (
        judge(ours, opinion(["Something else entirely, about the weather today."])).drafts == ours
    )
    assert judge(ours, None).drafts == ours


def test_the_rescue_adds_its_blocks_in_document_order() -> None:
    ours = drafts((P, SENTENCES[0]), (P, SENTENCES[3]))
    verdict = judge(ours, opinion(SENTENCES[:6]))
    assert verdict.rescued
    assert texts(verdict.drafts) == SENTENCES[:6]


def test_the_rescue_adds_no_tail_after_a_long_article(monkeypatch: pytest.MonkeyPatch) -> None:
    # Past the last block both have, its blocks are teasers of other pages as often as
    # the article's end: added to a stub only.
    monkeypatch.setattr(second_opinion, "_STUB_CHARS", 100)
    ours = drafts((P, SENTENCES[0]), (P, SENTENCES[3]))
    assert texts(judge(ours, opinion(SENTENCES[:6])).drafts) == SENTENCES[:4]


def test_the_rescue_leaves_out_a_run_outweighing_our_article(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Between two blocks of ours, a run with more text than our whole article is a
    # gallery or a list of teasers, not a gap in it; a shorter run is added.
    monkeypatch.setattr(second_opinion, "_STUB_CHARS", 100)
    kept = [SENTENCES[0], *SENTENCES[4:7]]
    ours = drafts(*((P, s) for s in kept))
    gallery = [f"{n}/9 {s}" for n, s in enumerate(reversed(SENTENCES[1:4]), 1)]
    gallery = [f"{g} Photo {n} of the harbour gallery." for n, g in enumerate(gallery * 2)]
    verdict = judge(ours, opinion([SENTENCES[0], *gallery, *SENTENCES[4:7]]))
    assert verdict.rescued and texts(verdict.drafts) == kept
    verdict = judge(ours, opinion([*SENTENCES[0:3], *SENTENCES[4:8]]))
    assert verdict.rescued and texts(verdict.drafts) == [*SENTENCES[0:3], *SENTENCES[4:7]]


def test_the_rescue_leaves_out_a_run_without_a_sentence_of_prose(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(second_opinion, "_STUB_CHARS", 100)
    ours = drafts(*((P, s) for s in [SENTENCES[0], *SENTENCES[4:7]]))
    theirs = [SENTENCES[0], "View photo", "Play video", SENTENCES[4], *SENTENCES[1:4]]
    verdict = judge(ours, opinion([*theirs, *SENTENCES[5:7]]))
    expected = [SENTENCES[0], SENTENCES[4], *SENTENCES[1:4], *SENTENCES[5:7]]
    assert verdict.rescued and texts(verdict.drafts) == expected


def test_when_readability_chose_another_smaller_part_the_opinion_replaces_it() -> None:
    ours = drafts((P, "Most read: the ten best harbour pubs, ranked by our readers this week"))
    verdict = judge(ours, opinion(SENTENCES[:4]))
    assert verdict.rescued and texts(verdict.drafts) == SENTENCES[:4]


def test_ask_reads_the_parsed_tree() -> None:
    body = "".join(f"<p>{s}</p>" for s in SENTENCES)
    root = lxml.html.document_fromstring(
        f"<html><body><nav><a href='/'>Home</a></nav><article><h2>The wall</h2>{body}"
        "</article></body></html>"
    )
    found = ask(root, "https://gazette.example/wall")
    assert found is not None
    assert all(s in found.text for s in SENTENCES)


def test_its_links_resolve_against_the_page_as_ours_do() -> None:
    body = "".join(f"<p>{s}</p>" for s in SENTENCES[:-1])
    links = (
        "<p>Read <a href='notes/tides.html'>the tide notes</a>, <a href='#'>the top</a> and "
        "<a href='javascript:void(0)'>nothing</a> before the council meets in spring.</p>"
    )
    root = lxml.html.document_fromstring(
        f"<html><body><article>{body}{links}</article></body></html>"
    )
    found = ask(root, "https://gazette.example/news/wall")
    assert found is not None
    hrefs = [m.href for d in found.drafts for m in d.marks if m.href]
    assert hrefs == ["https://gazette.example/news/notes/tides.html"]


def test_trafilatura_compares_with_our_readability_view_instead_of_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import trafilatura.readability_lxml

    body = "".join(f"<p>{s}</p>" for s in SENTENCES)
    html = f"<html><body><nav><a href='/'>Home</a></nav><article>{body}</article></body></html>"
    view = lxml.html.fromstring(f"<div>{body}</div>")
    runs: list[object] = []
    original = trafilatura.readability_lxml.Document.summary

    def counted(self: object, *args: object, **kwargs: object) -> str:
        runs.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(trafilatura.readability_lxml.Document, "summary", counted)
    found = ask(lxml.html.document_fromstring(html), None, view)
    assert found is not None and all(s in found.text for s in SENTENCES)
    assert runs == [] and len(view) == len(SENTENCES)  # its copy, not ours, was changed
    ask(lxml.html.document_fromstring(html), None)
    assert len(runs) == 1  # without a view, its own readability runs as before


def page() -> RawDocument:
    body = "".join(f"<p>{s}</p>" for s in SENTENCES)
    return RawDocument(
        "t.html", DocumentKind.HTML, f"<html><body><article>{body}</article></body></html>"
    )


def test_a_page_too_large_is_never_handed_over(monkeypatch: pytest.MonkeyPatch) -> None:
    assert too_large(second_opinion.MAX_INPUT_CHARS + 1, 10)
    assert too_large(10, second_opinion.MAX_INPUT_NODES + 1)
    assert not too_large(10, 10)
    calls: list[int] = []
    monkeypatch.setattr(pipeline, "ask", lambda root, base, view=None: calls.append(1))
    monkeypatch.setattr(second_opinion, "MAX_INPUT_CHARS", 100)
    monkeypatch.setattr(pipeline, "too_large", lambda chars, nodes: chars > 100)
    article = pipeline.extract(page(), Limits())
    assert calls == [] and SENTENCES[0] in article.text


def test_the_time_budget_covers_the_second_opinion(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(root: lxml.html.HtmlElement, base: str | None, view: object = None) -> None:
        time.sleep(0.3)

    monkeypatch.setattr(pipeline, "ask", slow)
    monkeypatch.setattr(pipeline, "MIN_SECONDS_LEFT", 0.0)
    with pytest.raises(LimitExceeded, match="second opinion"):
        pipeline.extract(page(), Limits(extract_seconds=0.25))


def test_it_is_not_asked_when_the_budget_runs_low(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(pipeline, "ask", lambda root, base, view=None: calls.append(1))
    pipeline.extract(page(), Limits(extract_seconds=pipeline.MIN_SECONDS_LEFT / 2))
    assert calls == []
