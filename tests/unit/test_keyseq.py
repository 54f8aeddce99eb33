"""Multi-key sequences: the table and the typing state."""

from __future__ import annotations

import pytest

from reader.ui.article_view.keys import VIEW_SEQUENCES
from reader.ui.keyseq import KeySequence, KeySequences, Outcome


def test_view_sequences_match() -> None:
    keys = KeySequences(VIEW_SEQUENCES)
    step = keys.feed("z")
    assert step.outcome == Outcome.PENDING and step.pending == "z"
    step = keys.feed("R")
    assert step.outcome == Outcome.MATCHED and step.action == "open_all"
    assert keys.pending == ""
    for typed, action in [
        ("za", "toggle_section"),
        ("zo", "open_section"),
        ("zc", "close_section"),
        ("zM", "close_all"),
    ]:
        keys.feed(typed[0])
        assert keys.feed(typed[1]).action == action


def test_keys_that_start_nothing_are_ignored() -> None:
    keys = KeySequences(VIEW_SEQUENCES)
    assert keys.feed("j").outcome == Outcome.IGNORED
    assert keys.feed(None).outcome == Outcome.IGNORED
    assert not keys.starts("j") and keys.starts("z")


def test_a_wrong_second_key_drops_the_prefix() -> None:
    keys = KeySequences(VIEW_SEQUENCES)
    keys.feed("z")
    assert keys.feed("x").outcome == Outcome.UNMATCHED
    assert keys.pending == ""
    keys.feed("z")
    assert keys.feed(None).outcome == Outcome.UNMATCHED


def test_escape_cancels_without_a_timeout() -> None:
    keys = KeySequences(VIEW_SEQUENCES)
    keys.feed("z")
    assert keys.pending == "z"
    assert keys.cancel().outcome == Outcome.CANCELLED
    assert keys.pending == ""
    assert keys.cancel().outcome == Outcome.IGNORED


FUTURE = (
    KeySequence("m{letter}", "set_mark('{letter}')", "Set mark", "marks.set"),
    KeySequence("'{letter}", "goto_mark('{letter}')", "Go to mark", "marks.goto"),
    KeySequence("''", "goto_previous", "Back to where you were", "marks.back"),
    KeySequence("dd", "delete", "Delete", "items.delete"),
)


def test_letter_placeholders_and_later_sequences() -> None:
    keys = KeySequences(FUTURE)
    keys.feed("m")
    assert keys.feed("q").action == "set_mark('q')"
    keys.feed("'")
    assert keys.feed("Q").action == "goto_mark('Q')"
    keys.feed("'")
    assert keys.feed("'").action == "goto_previous"
    keys.feed("d")
    assert keys.feed("d").action == "delete"
    keys.feed("m")
    assert keys.feed("1").outcome == Outcome.UNMATCHED
    assert FUTURE[0].display == "m<letter>"


def test_conflicting_tables_are_refused() -> None:
    with pytest.raises(ValueError, match="prefix"):
        KeySequences([KeySequence("ma", "a", "A"), KeySequence("m{letter}", "b", "B")])
    with pytest.raises(ValueError, match="prefix"):
        KeySequences([KeySequence("zz", "a", "A"), KeySequence("zzz", "b", "B")])
    with pytest.raises(ValueError, match="two keys"):
        KeySequences([KeySequence("z", "a", "A")])
