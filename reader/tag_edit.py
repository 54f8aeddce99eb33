"""A typed list of tags ("news, long read, -todo") turned into what to add and what to
take off, against the tags an article has (plain Python, for the tag prompt)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reader.store.library import LibraryRepository, clean_tag


@dataclass(frozen=True, slots=True)
class TagChange:
    add: tuple[str, ...]
    remove: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not self.add and not self.remove

    @property
    def said(self) -> str:
        """The change in words: "Tagged news; untagged todo."."""
        parts = []
        if self.add:
            parts.append("tagged " + ", ".join(self.add))
        if self.remove:
            parts.append("untagged " + ", ".join(self.remove))
        return "; ".join(parts).capitalize() + "."

    def apply(self, library: LibraryRepository, article_id: int) -> None:
        """Make the change in the library (call it off the event loop)."""
        if self.remove:
            library.remove_tags(article_id, self.remove)
        if self.add:
            library.add_tags(article_id, self.add)


def split_tags(text: str) -> list[str]:
    """The comma-separated tags typed, cleaned, each once whatever its case (a leading
    ``-`` kept)."""
    seen: dict[str, str] = {}
    for part in text.split(","):
        minus = part.strip().startswith("-")
        name = clean_tag(part.strip().lstrip("-"))
        if name:
            written = f"-{name}" if minus else name
            seen.setdefault(written.lower(), written)
    return list(seen.values())


def tag_change(current: Sequence[str], typed: str) -> TagChange:
    """The prompt shows the article's tags; what was typed is the list wanted. A tag
    written ``-name`` is taken off even when it is still listed."""
    wanted: list[str] = []
    dropped: set[str] = set()
    for name in split_tags(typed):
        if name.startswith("-"):
            dropped.add(name[1:].lower())
        else:
            wanted.append(name)
    have = {name.lower(): name for name in current}
    keep = {name.lower() for name in wanted} - dropped
    add = tuple(name for name in wanted if name.lower() in keep and name.lower() not in have)
    remove = tuple(name for key, name in have.items() if key not in keep)
    return TagChange(add, remove)


def complete_last(typed: str, tags: Sequence[str]) -> str | None:
    """``typed`` with its last tag completed from ``tags`` not typed before it (None:
    nothing fits)."""
    head, sep, last = typed.rpartition(",")
    stem = last.lstrip()
    minus = stem.startswith("-")
    stem = stem.lstrip("-").lower()
    if not stem:
        return None
    typed_already = {name.lstrip("-").lower() for name in split_tags(head)}
    for tag in tags:
        if tag.lower() in typed_already:
            continue  # offer only tags not in the list yet
        if tag.lower().startswith(stem) and tag.lower() != stem:
            lead = last[: len(last) - len(last.lstrip())]
            return f"{head}{sep}{lead}{'-' if minus else ''}{tag}"
    return None
