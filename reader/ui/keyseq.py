"""Multi-key sequences (``za``, ``zR``, ``m<letter>``, ``'<letter>``, ``''``, ``dd``).

A widget declares a table of sequences (keys → action + description); the help
screen lists the same table. After a prefix key the widget waits for the next one,
shows what it waits for (``SequencePending`` bubbles to the screen: "m…  a–z set a
mark"), and Esc cancels. Like vim's ``timeoutlen``, a prefix expires after
``KeySequences.TIMEOUT`` seconds: an ``m`` typed long ago never turns the next ``j``
into a mark. ``{letter}`` in a sequence stands for any ASCII letter, passed to the
action as ``{letter}``. A key that starts a sequence cannot also be a single-key
binding of the same widget: the sequence always takes it.

The tables live with the keys of their widget (``reader.ui.article_view.keys``,
``reader.ui.library.keys``); their ids have the bindings' form, ``feature.what``.
"""

from __future__ import annotations

import string
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from textual import events
from textual.message import Message

LETTER = "{letter}"
_LETTERS = frozenset(string.ascii_letters)
CANCEL_KEY = "escape"


@dataclass(frozen=True, slots=True)
class KeySequence:
    keys: str
    """Characters to type; ``{letter}`` matches any letter."""
    action: str
    """Action string run on the widget; ``{letter}`` is replaced by the typed letter."""
    description: str
    id: str = ""
    hint: str = ""
    """A word or two for the line that says what a prefix waits for ("set a mark");
    the description when empty."""

    @property
    def tokens(self) -> tuple[str, ...]:
        out: list[str] = []
        rest = self.keys
        while rest:
            if rest.startswith(LETTER):
                out.append(LETTER)
                rest = rest[len(LETTER) :]
            else:
                out.append(rest[0])
                rest = rest[1:]
        return tuple(out)

    @property
    def display(self) -> str:
        """How help shows it: ``za``, ``m<letter>``."""
        return self.keys.replace(LETTER, "<letter>")


def _matches(token: str, char: str) -> bool:
    return char in _LETTERS if token == LETTER else token == char


class Outcome(StrEnum):
    PENDING = "pending"
    """A prefix: wait for more keys."""
    MATCHED = "matched"
    UNMATCHED = "unmatched"
    """The keys typed match no sequence; the pending prefix is dropped."""
    IGNORED = "ignored"
    """Nothing pending and the key starts no sequence: not ours."""
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class Step:
    outcome: Outcome
    pending: str = ""
    """The keys typed so far while PENDING (for display)."""
    sequence: KeySequence | None = None
    action: str | None = None
    """For MATCHED: the action with ``{letter}`` filled in."""


class KeySequences:
    """A validated table of sequences and the state of one partly typed one."""

    TIMEOUT = 1.0
    """Seconds a typed prefix waits for the next key (vim's ``timeoutlen``); tests
    shorten it."""

    def __init__(
        self,
        sequences: Iterable[KeySequence],
        *,
        timeout: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.table: tuple[KeySequence, ...] = tuple(sequences)
        self._tokens = _validated(self.table)
        self._typed: list[str] = []
        self._timeout = timeout
        self._clock = clock
        self._typed_at = 0.0
        self.generation = 0
        """Counts prefixes typed: a timer set for one can tell it is still the one
        pending."""

    @property
    def timeout(self) -> float:
        return self.TIMEOUT if self._timeout is None else self._timeout

    @property
    def pending(self) -> str:
        if self._typed and self._stale():
            self._typed.clear()
        return "".join(self._typed)

    def _stale(self) -> bool:
        return self._clock() - self._typed_at >= self.timeout

    def expire(self, generation: int) -> bool:
        """The timer of prefix ``generation`` ran out: drop it if it is still the one
        pending (True when it was dropped)."""
        if not self._typed or generation != self.generation:
            return False
        self._typed.clear()
        return True

    def waiting_for(self) -> str:
        """What the pending prefix waits for, one line: "z…  a toggle · o open"."""
        typed = self._typed
        if not typed:
            return ""
        choices: dict[str, str] = {}
        for sequence, tokens in zip(self.table, self._tokens, strict=True):
            if len(tokens) > len(typed) and all(
                _matches(t, c) for t, c in zip(tokens, typed, strict=False)
            ):
                following = tokens[len(typed)]
                key = "a–z" if following == LETTER else following
                choices.setdefault(key, sequence.hint or sequence.description.lower())
        listed = " · ".join(f"{key} {hint}" for key, hint in choices.items())
        return f"{''.join(typed)}…  {listed}"

    def starts(self, char: str) -> bool:
        return any(_matches(tokens[0], char) for tokens in self._tokens)

    def cancel(self) -> Step:
        had = bool(self._typed)
        self._typed.clear()
        return Step(Outcome.CANCELLED if had else Outcome.IGNORED)

    def feed(self, char: str | None) -> Step:
        """Advance with one typed character (None: a non-printing key). A prefix
        typed longer than ``timeout`` ago is forgotten first."""
        if self._typed and self._stale():
            self._typed.clear()
        if char is None or (not self._typed and not self.starts(char)):
            if self._typed:
                self._typed.clear()
                return Step(Outcome.UNMATCHED)
            return Step(Outcome.IGNORED)
        typed = [*self._typed, char]
        candidates = [
            (sequence, tokens)
            for sequence, tokens in zip(self.table, self._tokens, strict=True)
            if len(tokens) >= len(typed)
            and all(_matches(t, c) for t, c in zip(tokens, typed, strict=False))
        ]
        if not candidates:
            self._typed.clear()
            return Step(Outcome.UNMATCHED)
        done = [(s, tokens) for s, tokens in candidates if len(tokens) == len(typed)]
        if done:
            self._typed.clear()
            sequence, tokens = done[0]
            letters = [c for t, c in zip(tokens, typed, strict=True) if t == LETTER]
            action = sequence.action.replace(LETTER, letters[0]) if letters else sequence.action
            return Step(Outcome.MATCHED, "", sequence, action)
        self._typed = typed
        self._typed_at = self._clock()
        self.generation += 1
        return Step(Outcome.PENDING, "".join(typed))


@lru_cache(maxsize=32)
def _validated(table: tuple[KeySequence, ...]) -> tuple[tuple[str, ...], ...]:
    """Each sequence's tokens, once the table is known to be unambiguous."""
    tokens = tuple(sequence.tokens for sequence in table)
    for sequence, keys in zip(table, tokens, strict=True):
        if len(keys) < 2:
            raise ValueError(f"{sequence.keys!r}: a sequence needs two keys or more")
    for a, a_keys in zip(table, tokens, strict=True):
        for b, b_keys in zip(table, tokens, strict=True):
            if a is not b and _is_prefix(a_keys, b_keys):
                raise ValueError(f"{a.keys!r} is a prefix of {b.keys!r}")
    return tokens


def _compatible(a: str, b: str) -> bool:
    """Could one typed key match both tokens?"""
    if a == b:
        return True
    return (a == LETTER and b in _LETTERS) or (b == LETTER and a in _LETTERS)


def _is_prefix(short: Sequence[str], long: Sequence[str]) -> bool:
    return len(short) <= len(long) and all(
        _compatible(a, b) for a, b in zip(short, long, strict=False)
    )


class SequencePending(Message):
    """Keys typed so far of a sequence (``keys == ""`` once it ends, is cancelled or
    expires) and what they wait for, for the screen to show."""

    def __init__(self, keys: str, waiting_for: str = "") -> None:
        self.keys = keys
        self.waiting_for = waiting_for
        super().__init__()


def key_char(event: events.Key) -> str | None:
    return event.character if event.is_printable and event.character else None
