"""Plain-substring search with smart case."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.models import Span
from reader.search import find, fold, is_case_sensitive


def test_lowercase_query_ignores_case() -> None:
    text = "Rivers, rivers and RIVERS."
    assert find(text, "rivers") == [Span(0, 6), Span(8, 14), Span(19, 25)]


def test_a_capital_makes_the_search_case_sensitive() -> None:
    text = "Rivers, rivers and RIVERS."
    assert find(text, "Rivers") == [Span(0, 6)]
    assert find(text, "RIVERS") == [Span(19, 25)]
    assert is_case_sensitive("aB") and not is_case_sensitive("ab1 ")


def test_query_is_literal_not_a_pattern() -> None:
    text = "a.b a*b (x) [y] a\\b"
    assert find(text, ".") == [Span(1, 2)]
    assert find(text, "a*b") == [Span(4, 7)]
    assert find(text, "(x)") == [Span(8, 11)]
    assert find(text, "[y]") == [Span(12, 15)]
    assert find(text, "a\\b") == [Span(16, 19)]


def test_empty_query_finds_nothing() -> None:
    assert find("anything", "") == []


def test_matches_do_not_overlap() -> None:
    assert find("aaaa", "aa") == [Span(0, 2), Span(2, 4)]


def test_offsets_survive_characters_whose_case_changes_length() -> None:
    text = "İstanbul and straße and ǅ then target"
    [span] = find(text, "target")
    assert text[span.start : span.end] == "target"
    assert find(text, "STRASSE") == []  # no full case folding: offsets stay exact


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="abcABC .İıßẞ日本\n", max_size=200),
    st.text(alphabet="abcABC .ß日", min_size=1, max_size=4),
)
def test_every_hit_is_a_real_match_and_none_overlap(text: str, query: str) -> None:
    hits = find(text, query)
    sensitive = is_case_sensitive(query)
    previous_end = 0
    for span in hits:
        found = text[span.start : span.end]
        assert len(found) == len(query)
        if sensitive:
            assert found == query
        else:
            assert all(
                a == b or a.lower() == b.lower() or a.upper() == b.upper()
                for a, b in zip(found, query, strict=True)
            )
        assert span.start >= previous_end
        previous_end = span.end
    if sensitive:
        # Same count as a greedy left-to-right scan with str.find.
        count, position = 0, 0
        while (position := text.find(query, position)) != -1:
            count += 1
            position += len(query)
        assert len(hits) == count


def test_accents_and_marks_are_ignored() -> None:
    text = "Le café de Müller, straße, ﬁle, e\u0301te\u0301."
    assert [text[s.start : s.end] for s in find(text, "cafe")] == ["café"]
    assert [text[s.start : s.end] for s in find(text, "muller")] == ["Müller"]
    assert [text[s.start : s.end] for s in find(text, "Muller")] == ["Müller"]
    assert [text[s.start : s.end] for s in find(text, "strasse")] == ["straße"]
    assert [text[s.start : s.end] for s in find(text, "file")] == ["ﬁle"]
    # A decomposed accent stays with its letter: the span ends after the mark.
    assert [text[s.start : s.end] for s in find(text, "ete")] == ["e\u0301te\u0301"]


def test_a_capital_still_makes_case_matter_with_accents_ignored() -> None:
    text = "Émile met emile"
    assert [text[s.start : s.end] for s in find(text, "Emile")] == ["Émile"]
    assert len(find(text, "emile")) == 2


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="aeAEéÉèe\u0301ßsS ﬁfi.", max_size=120),
    st.text(alphabet="aeAEéses", min_size=1, max_size=3),
)
def test_every_accent_blind_hit_folds_to_the_query(text: str, query: str) -> None:
    casefold = not is_case_sensitive(query)
    previous_end = 0
    for span in find(text, query):
        assert 0 <= span.start < span.end <= len(text)
        assert span.start >= previous_end
        previous_end = span.end
        assert fold(query, casefold) in fold(text[span.start : span.end], casefold)
