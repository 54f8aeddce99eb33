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


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_prefix_typed_longer_ago_than_the_timeout_is_forgotten() -> None:
    clock = FakeClock()
    keys = KeySequences(VIEW_SEQUENCES, timeout=1.0, clock=clock)
    assert keys.feed("m").outcome == Outcome.PENDING
    clock.now += 5.0
    # vim's timeoutlen: the stale "m" does not make "j" a mark; j is not ours.
    assert keys.pending == ""
    assert keys.feed("j").outcome == Outcome.IGNORED
    keys.feed("m")
    clock.now += 0.5
    step = keys.feed("a")
    assert step.outcome == Outcome.MATCHED and step.action == "screen.set_mark('a')"


def test_expire_drops_only_the_prefix_its_timer_was_set_for() -> None:
    keys = KeySequences(VIEW_SEQUENCES, timeout=1.0, clock=FakeClock())
    keys.feed("z")
    first = keys.generation
    keys.cancel()
    keys.feed("m")
    assert not keys.expire(first), "an older prefix's timer leaves the new one alone"
    assert keys.pending == "m"
    assert keys.expire(keys.generation)
    assert keys.pending == ""


def test_the_timeout_is_a_class_attribute_tests_can_shorten(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(KeySequences, "TIMEOUT", 0.25)
    assert KeySequences(VIEW_SEQUENCES).timeout == 0.25
    assert KeySequences(VIEW_SEQUENCES, timeout=2.0).timeout == 2.0


def test_waiting_for_names_each_key_that_may_follow() -> None:
    keys = KeySequences(VIEW_SEQUENCES)
    assert keys.waiting_for() == ""
    keys.feed("m")
    assert keys.waiting_for() == "m…  a–z set a mark"
    keys.cancel()
    keys.feed("z")
    said = keys.waiting_for()
    assert said.startswith("z…  ")
    for key, hint in [("a", "toggle"), ("o", "open"), ("c", "close"), ("R", "open all")]:
        assert f"{key} {hint}" in said
    keys.cancel()
    keys.feed("'")
    assert keys.waiting_for() == "'…  ' back · a–z go to mark"
    table = KeySequences((KeySequence("dd", "delete", "Delete the article", "x.delete"),))
    table.feed("d")
    assert table.waiting_for() == "d…  d delete the article"
