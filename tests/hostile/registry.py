"""The registry of hostile page kinds: each kind names itself and what it checks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Outcome = Literal["article", "error", "either"]


@dataclass(frozen=True)
class Kind:
    name: str
    filename: str
    """Any character but "/" and NUL; bytes that are not UTF-8 appear as surrogates."""
    checks: str
    build: Callable[[], bytes]
    outcome: Outcome = "either"
    """What a correct reader does with it: show an article, refuse it, or either."""
    expect_words: tuple[str, ...] = ()
    """Words the article text must contain (encodings decoded right)."""
    forbid: tuple[str, ...] = ()
    """Strings the output must never contain (expanded entities, local file contents)."""
    literal: tuple[str, ...] = ()
    """Strings the article text must show exactly as written (markup shown as data)."""
    payload: bool = False
    """Carries terminal or markup payloads: the TUI test inspects every view of it (link
    list, link hints, sidebar, help), not only the first screen."""
    heavy: bool = False
    """Large on purpose: the time and memory limits are the point."""
    extra_files: dict[str, bytes] = field(default_factory=dict)
    """Files written beside it (targets of external entities, a ``_files`` folder)."""


KINDS: dict[str, Kind] = {}


def kind(name: str, filename: str, checks: str, **options: object) -> Callable:
    """Register the decorated ``() -> bytes`` function as a kind of hostile page."""

    def register(build: Callable[[], bytes]) -> Callable[[], bytes]:
        if name in KINDS:
            raise ValueError(f"kind {name!r} registered twice")
        if "/" in filename or "\0" in filename:
            raise ValueError(f"kind {name!r}: a file name cannot hold '/' or NUL")
        KINDS[name] = Kind(name, filename, checks, build, **options)  # type: ignore[arg-type]
        return build

    return register


@dataclass(frozen=True)
class Page:
    kind: Kind
    path: Path

    @property
    def name(self) -> str:
        return self.kind.name
