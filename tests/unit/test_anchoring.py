"""Re-anchoring highlights and positions after the article text changed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.anchoring import (
    AnchorMethod,
    TextAnchor,
    TextIndex,
    _normalize_plain,
    locate,
    point_anchor,
    range_anchor,
)
from reader.anchoring import _myers_scores as myers_scores

TEXT = (
    "The committee met on Monday to review the proposal. Members raised concerns "
    "about the cost of the new bridge and its effect on river traffic.\n\n"
    "After a long discussion, the chair said the decision would be postponed until "
    "an independent study of the river had been completed.\n\n"
    "Local residents, who had waited two years for a crossing, were disappointed. "
    "\u201cWe have been patient,\u201d said one shopkeeper, \u201cbut patience runs out.\u201d"
)


def anchor_of(text: str, passage: str) -> TextAnchor:
    start = text.index(passage)
    return range_anchor(text, start, start + len(passage))


def placed_text(anchor: TextAnchor, text: str) -> str | None:
    found = locate(anchor, text)
    return None if found is None else text[found.start : found.end]


def test_anchor_keeps_quote_and_context() -> None:
    anchor = anchor_of(TEXT, "the decision would be postponed")
    assert anchor.exact == "the decision would be postponed"
    assert len(anchor.prefix) == len(anchor.suffix) == 32
    assert TEXT[anchor.start - 32 : anchor.start] == anchor.prefix


def test_unchanged_text_is_placed_by_position() -> None:
    anchor = anchor_of(TEXT, "cost of the new bridge")
    found = locate(anchor, TEXT)
    assert found is not None
    assert (found.start, found.end, found.method) == (anchor.start, anchor.end, "position")


def test_inserted_paragraph_before() -> None:
    anchor = anchor_of(TEXT, "an independent study of the river")
    edited = "A short update was added at the top of the page.\n\n" + TEXT
    found = locate(anchor, edited)
    assert found is not None and found.method == AnchorMethod.EXACT_NEAR
    assert edited[found.start : found.end] == "an independent study of the river"


def test_whitespace_and_reflow() -> None:
    anchor = anchor_of(TEXT, "Members raised concerns about the cost")
    edited = TEXT.replace("concerns about", "concerns\nabout").replace(" ", "  ")
    found = locate(anchor, edited)
    assert found is not None and found.method == AnchorMethod.NORMALIZED
    assert edited[found.start : found.end] == "Members  raised  concerns\nabout  the  cost"


def test_typography_changed_by_a_new_extractor() -> None:
    anchor = anchor_of(TEXT, "\u201cWe have been patient,\u201d said one shopkeeper")
    edited = TEXT.replace("\u201c", '"').replace("\u201d", '"')
    assert placed_text(anchor, edited) == '"We have been patient," said one shopkeeper'


def test_words_edited_inside_a_long_quote_keep_its_ends() -> None:
    anchor = anchor_of(TEXT, "Local residents, who had waited two years for a crossing")
    edited = TEXT.replace("two years", "three long years")
    found = locate(anchor, edited)
    assert found is not None and found.method == AnchorMethod.ENDS
    assert edited[found.start : found.end] == (
        "Local residents, who had waited three long years for a crossing"
    )


def test_words_edited_at_the_ends_match_fuzzily() -> None:
    anchor = anchor_of(TEXT, "Local residents, who had waited two years for a crossing")
    edited = TEXT.replace("Local", "Many local").replace("a crossing", "the bridge")
    found = locate(anchor, edited)
    assert found is not None and found.method == AnchorMethod.FUZZY
    placed = edited[found.start : found.end]
    assert placed.startswith("local residents") or placed.startswith("Many local")
    assert placed.endswith("for the bridge")


def test_repeated_quote_is_told_apart_by_context() -> None:
    text = (
        "In March the river flooded the town. The council met again.\n\n"
        "In June the harvest was poor. The council met again.\n\n"
        "In October the new bridge opened. The council met again."
    )
    second = text.index("The council met again.", text.index("June"))
    anchor = range_anchor(text, second, second + len("The council met again."))
    edited = "Preface.\n\n" + text.replace("In March the river flooded the town. ", "")
    found = locate(anchor, edited)
    assert found is not None
    assert edited[found.start - 20 : found.start].endswith("harvest was poor. ")


def test_removed_passage_is_an_orphan() -> None:
    anchor = anchor_of(TEXT, "Members raised concerns about the cost of the new bridge")
    edited = TEXT.replace(
        "Members raised concerns about the cost of the new bridge and its effect on river traffic.",
        "",
    )
    assert locate(anchor, edited) is None


def test_short_repeated_quote_without_context_is_not_guessed() -> None:
    text = "the cat sat. the dog ran. the cat ate. the bird flew."
    anchor = TextAnchor(4, 7, "cat", "xxxxxxxx", "yyyyyyyy")
    assert locate(anchor, text.replace("the bird flew.", "")) is None


def test_empty_text_and_empty_anchor() -> None:
    assert locate(range_anchor(TEXT, 5, 20), "") is None
    end = point_anchor(TEXT, len(TEXT))
    found = locate(end, TEXT + "\n\nA new closing line.")
    assert found is not None and found.start == len(TEXT)
    assert locate(point_anchor("", 0), "anything").start == 0  # type: ignore[union-attr]


def test_point_resumes_at_the_same_passage() -> None:
    offset = TEXT.index("After a long discussion")
    anchor = point_anchor(TEXT, offset)
    edited = TEXT.replace(" ", " \n")  # rewrapped
    where = TextIndex(edited).locate_point(anchor)
    assert where is not None and edited[where:].startswith("After \na \nlong")


def test_point_whose_passage_was_removed_falls_after_its_context() -> None:
    offset = TEXT.index("After a long discussion")
    anchor = point_anchor(TEXT, offset)
    paragraph = TEXT[offset : TEXT.index("\n\nLocal")]
    edited = TEXT.replace(paragraph, "Something else entirely now stands here instead.")
    where = TextIndex(edited).locate_point(anchor)
    assert where is not None and edited[where:].startswith("Something else")


def _edit_distance_ending_at(pattern: str, text: str) -> list[int]:
    """Plain dynamic programming: the reference for the bit-parallel search."""
    previous = list(range(len(pattern) + 1))
    out = []
    for ch in text:
        current = [0]
        for i, p in enumerate(pattern, 1):
            current.append(min(previous[i] + 1, current[i - 1] + 1, previous[i - 1] + (p != ch)))
        out.append(current[-1])
        previous = current
    return out


@given(st.text("abc ", min_size=1, max_size=12), st.text("abc ", max_size=40))
def test_myers_matches_dynamic_programming(pattern: str, text: str) -> None:
    assert myers_scores(pattern, text) == _edit_distance_ending_at(pattern, text)


words = st.lists(
    st.sampled_from(
        ["river", "bridge", "town", "council", "harvest", "study", "the", "a", "of", "flood"]
    ),
    min_size=20,
    max_size=80,
).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(words, st.data())
def test_insertions_outside_a_highlight_never_misplace_it(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    anchor = range_anchor(text, start, end)
    cut = data.draw(st.sampled_from([0, start, end, len(text)]))
    insert = data.draw(st.sampled_from(["", "New sentence here. ", "\n\n", "x"]))
    edited = text[:cut] + insert + text[cut:]
    shift = len(insert) if cut <= start and not (cut == start == end) else 0
    found = locate(anchor, edited)
    if found is None:
        return  # ambiguous: an orphan is acceptable, a wrong place is not
    # A normalised match is equal to the quote once both are normalised (white space,
    # typography and case folded), which is what that method promises.
    same = _normalize_plain(edited[found.start : found.end]) == _normalize_plain(anchor.exact)
    assert (
        same
        if found.method == AnchorMethod.NORMALIZED
        else edited[found.start : found.end] == anchor.exact
    )
    if cut not in (start, end) or not insert:
        assert found.start == start + shift
