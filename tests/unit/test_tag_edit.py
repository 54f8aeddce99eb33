"""The tag prompt's text: what to add and take off, and completing the last tag."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.store.library import clean_tag
from reader.tag_edit import complete_last, split_tags, tag_change


def test_the_typed_list_is_what_the_article_keeps() -> None:
    change = tag_change(["news", "Todo"], "news, long read, -todo")
    assert change.add == ("long read",) and change.remove == ("Todo",)
    assert tag_change(["a", "b"], "a, b, ").empty
    assert tag_change(["a", "b"], "").remove == ("a", "b")
    # A tag named twice, in another case, is one tag.
    assert tag_change([], "Sea, sea,  SEA ").add == ("Sea",)


def test_tags_are_cleaned_like_the_store_cleans_them() -> None:
    assert split_tags("#rust,\x1b[31mred\x1b[0m, , a  b ") == ["rust", "red", "a b"]


def test_completion_finishes_the_last_tag_only() -> None:
    known = ["harbour life", "history", "news"]
    assert complete_last("news, ha", known) == "news, harbour life"
    assert complete_last("news, -hi", known) == "news, -history"
    assert complete_last("ne", known) == "news"
    assert complete_last("news", known) is None  # already whole
    assert complete_last("news, ", known) is None
    assert complete_last("zz", known) is None
    # A tag already in the list is not offered again.
    assert complete_last("history, h", known) == "history, harbour life"
    assert complete_last("history, harbour life, h", known) is None


tag_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@given(
    current=st.lists(tag_text.map(clean_tag).filter(bool), max_size=6, unique_by=str.lower),
    typed=st.text(max_size=120),
)
def test_a_change_never_adds_what_is_there_nor_removes_what_is_not(
    current: list[str], typed: str
) -> None:
    change = tag_change(current, typed)
    have = {tag.lower() for tag in current}
    assert not {tag.lower() for tag in change.add} & have
    assert set(change.remove) <= set(current)
    assert all(tag == clean_tag(tag) and tag for tag in change.add)


@given(typed=st.text(max_size=60), known=st.lists(tag_text.map(clean_tag).filter(bool), max_size=5))
def test_a_completion_keeps_what_was_typed_before_the_last_tag(
    typed: str, known: list[str]
) -> None:
    done = complete_last(typed, known)
    if done is not None:
        head = typed.rpartition(",")[0]
        assert done.startswith(head) and len(done) > len(typed.rstrip()) - 1


def test_a_change_says_what_it_did() -> None:
    assert tag_change(["todo"], "news, long read").said == "Tagged news, long read; untagged todo."
    assert tag_change([], "news").said == "Tagged news."
    assert tag_change(["news"], "").said == "Untagged news."
