"""The Article model: one canonical plain text and spans over it.

Every feature addresses the article through character offsets into ``Article.text``
(half-open ``[start, end)``), so blocks, sections, entities, dates, search hits,
bookmarks and highlights all share one coordinate system. Markdown and the screen are
renderings of this model. Nothing here imports Textual or parses HTML.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, fields, is_dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, TypeVar

MODEL_VERSION = 3
"""Bumped whenever the serialised shape changes, so stored caches are rebuilt."""


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST = "list"
    QUOTE = "quote"
    CODE = "code"
    TABLE = "table"
    FIGURE = "figure"
    RULE = "rule"


class MarkKind(StrEnum):
    EMPHASIS = "em"
    STRONG = "strong"
    CODE = "code"
    LINK = "link"


class SectionKind(StrEnum):
    HEADING = "heading"
    """A heading and everything up to the next heading of the same or a higher level."""
    LINKS = "links"
    """One of the page's link groups ("Related", "Ranking", …), shown after the body."""
    ENUMERATION = "enumeration"
    """A passage that names the members of a counted group (filled by analysis)."""


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


@dataclass(frozen=True, slots=True)
class Mark:
    """Inline formatting over ``[start, end)`` of ``Article.text``."""

    kind: MarkKind
    start: int
    end: int
    href: str | None = None


@dataclass(frozen=True, slots=True)
class ListItem:
    """One item of a list block; its text is ``Article.text[start:end]`` (one line)."""

    start: int
    end: int
    depth: int = 0
    ordered: bool = False
    number: int | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """A top-level block of the body. Its text is ``Article.text[start:end]``.

    Inside the text, list items and table rows are separated by ``\\n``, table cells by
    ``\\t``; code keeps its own line breaks.
    """

    id: str
    kind: BlockKind
    start: int
    end: int
    level: int = 0
    """Heading level (1–6), or quote nesting depth."""
    marks: tuple[Mark, ...] = ()
    items: tuple[ListItem, ...] = ()
    rows: tuple[tuple[Span, ...], ...] = ()
    """Table cells as spans, row by row."""
    header_rows: int = 0
    language: str | None = None
    """Code language, when the page names it."""
    src: str | None = None
    """Figure image URL as the page gives it (never fetched)."""
    markdown: str = ""
    """This block rendered as Markdown."""
    alt: str = ""
    """Figure alt text: what stands in for a picture that cannot be drawn."""
    image: str | None = None
    """Figure: where the picture's bytes are on this machine, a reference of
    ``reader.images.sources`` (a path inside the page's folder, ``part:…`` for an
    archive part, ``inline:…`` for a data: URI), or None when the page only names a
    remote picture (never fetched: it is drawn as a placeholder)."""
    width: int | None = None
    """Figure: the picture's intrinsic size in pixels, when known."""
    height: int | None = None
    credit: Span | None = None
    """Figure: the part of the caption (the block's text) that credits the picture."""

    @property
    def caption(self) -> Span:
        """A figure's caption: all of the block's text (empty when there is none)."""
        return Span(self.start, self.end)


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    href: str | None = None


@dataclass(frozen=True, slots=True)
class LinkGroup:
    """A list of links the page shows beside the article ("Related", "Ranking", …).

    Link groups are not part of ``Article.text``: they are kept, not read.
    """

    id: str
    title: str
    links: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class Section:
    """A collapsible passage. Heading and enumeration sections are spans of the text;
    link sections point at a link group and have ``start == end == len(text)``."""

    id: str
    kind: SectionKind
    title: str
    start: int
    end: int
    level: int = 1
    block_ids: tuple[str, ...] = ()
    parent_id: str | None = None
    link_group_id: str | None = None
    summary: str = ""
    """One line shown while collapsed ("412 words", "9 links", …)."""
    lines: tuple[str, ...] = ()
    """Extra lines shown when expanded, before the spanned text (enumeration members)."""


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str = ""
    site: str | None = None
    byline: str | None = None
    published: datetime | None = None
    tags: tuple[str, ...] = ()
    language: str | None = None
    canonical_url: str | None = None
    description: str | None = None


class Incomplete(StrEnum):
    """Why an extraction looks like it missed part of the article."""

    RESCUED = "rescued"
    """readability found much less than the second opinion; its text was added."""
    SMALL_SHARE = "small-share"
    """The article is a small part of the page's readable text."""
    NOTHING_FOUND = "nothing-found"
    """No article text was found: this is the whole page as text instead."""


@dataclass(frozen=True, slots=True)
class Article:
    source: str
    metadata: Metadata
    text: str
    blocks: tuple[Block, ...]
    sections: tuple[Section, ...] = ()
    link_groups: tuple[LinkGroup, ...] = ()
    markdown: str = ""
    """The whole article as Markdown: title, metadata line, body, link groups."""
    truncated: bool = False
    """True when a size limit cut the page short."""
    incomplete: Incomplete | None = None
    """Set when the extraction looks incomplete (a reader should say so, and offer the
    whole page as text: ``reader.service.read_whole_page``)."""
    whole_page: bool = False
    """This is the whole page as text (every block of the page, reader view off), not
    the extracted article."""

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()

    @property
    def title(self) -> str:
        return self.metadata.title

    def block_at(self, offset: int) -> Block | None:
        """The block containing ``offset`` (or the next one, between blocks)."""
        lo, hi = 0, len(self.blocks)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.blocks[mid].end <= offset:
                lo = mid + 1
            else:
                hi = mid
        return self.blocks[lo] if lo < len(self.blocks) else None

    def block(self, block_id: str) -> Block:
        for block in self.blocks:
            if block.id == block_id:
                return block
        raise KeyError(block_id)

    def word_count(self) -> int:
        return len(self.text.split())

    def to_dict(self) -> dict[str, Any]:
        data = _to_jsonable(self)
        data["model_version"] = MODEL_VERSION
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return _from_jsonable(cls, data)


# --- analysis results (filled by reader.analysis, addressed by the same offsets) ---


class EntityGroup(StrEnum):
    PEOPLE = "people"
    ORGANISATIONS = "organisations"
    PLACES = "places"
    GROUPS = "groups"
    OTHER = "other"


class DateKind(StrEnum):
    POINT = "point"
    DURATION = "duration"
    AGE = "age"


@dataclass(frozen=True, slots=True)
class Entity:
    name: str
    group: EntityGroup
    mentions: tuple[Span, ...]
    label: str = ""
    """The NER label it came from (PERSON, ORG, GPE, …)."""

    @property
    def count(self) -> int:
        return len(self.mentions)


@dataclass(frozen=True, slots=True)
class DateMention:
    text: str
    start: int
    end: int
    kind: DateKind
    value: str | None = None
    """ISO date ("2025-04-13", "2025-04", "2024"), or None when unresolved."""
    range_end: str | None = None
    """For ranges: the ISO end; ``value`` is then the start."""
    granularity: str | None = None
    """"day", "month", "year", "range" or None."""


@dataclass(frozen=True, slots=True)
class Member:
    name: str
    start: int
    end: int
    facts: tuple[str, ...] = ()
    """"48", "Texas businessman", "imprisoned since 2012", …"""


@dataclass(frozen=True, slots=True)
class Enumeration:
    title: str
    start: int
    end: int
    count: int
    members: tuple[Member, ...]


@dataclass(frozen=True, slots=True)
class Analysis:
    entities: tuple[Entity, ...] = ()
    dates: tuple[DateMention, ...] = ()
    enumerations: tuple[Enumeration, ...] = ()
    reference_date: str | None = None
    """The ISO date relative dates were resolved against."""
    model: str | None = None
    """The NER model used, or None when it was unavailable."""
    notice: str | None = None
    """Why something is missing (e.g. how to install the model)."""

    def to_dict(self) -> dict[str, Any]:
        return _to_jsonable(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        return _from_jsonable(cls, data)


# --- JSON round trip ---------------------------------------------------------------

T = TypeVar("T")


_PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})


@functools.cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    """A dataclass's field names, or None for any other class (asked once per class:
    an Article has hundreds of thousands of values on a long page)."""
    return tuple(f.name for f in fields(cls)) if is_dataclass(cls) else None


def _to_jsonable(value: Any) -> Any:
    cls = type(value)
    if cls in _PLAIN_TYPES:
        return value
    names = _field_names(cls)
    if names is not None:
        return {name: _to_jsonable(getattr(value, name)) for name in names}
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return str(value)
    if isinstance(value, tuple | list):
        return [_to_jsonable(v) for v in value]
    return value


@functools.cache
def _type_hints(cls: type) -> dict[str, Any]:
    # Resolving hints is most of the cost of reading an Article back: once per class.
    import typing

    return typing.get_type_hints(cls)


def _from_jsonable(cls: type[T], data: Any) -> T:
    return _reader(cls)(data)


def _convert(tp: Any, value: Any) -> Any:
    return None if value is None else _reader(tp)(value)


def _same(value: Any) -> Any:
    return value


@functools.cache
def _reader(tp: Any) -> Any:
    """The function that turns JSON data (not None) into a ``tp``, worked out once per
    type: reopening a 5,000-block article from the library converts some 70,000
    values, and asking ``typing`` about each one's type took most of that time."""
    import types
    import typing

    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return _reader(next(a for a in typing.get_args(tp) if a is not type(None)))
    if origin is tuple:
        inner = _reader(typing.get_args(tp)[0])
        if inner is _same:
            return tuple
        return lambda value: tuple(None if v is None else inner(v) for v in value)
    if isinstance(tp, type) and is_dataclass(tp):
        hints = _type_hints(tp)
        readers = [(f.name, _reader(hints[f.name])) for f in fields(tp)]

        def read(data: Any) -> Any:
            kwargs: dict[str, Any] = {}
            for name, reader in readers:
                if name in data:
                    value = data[name]
                    kwargs[name] = None if value is None else reader(value)
            return tp(**kwargs)

        return read
    if tp is datetime:
        return datetime.fromisoformat
    if isinstance(tp, type) and issubclass(tp, StrEnum):
        return tp
    return _same


__all__ = [
    "MODEL_VERSION",
    "Analysis",
    "Article",
    "Block",
    "BlockKind",
    "DateKind",
    "DateMention",
    "Entity",
    "EntityGroup",
    "Enumeration",
    "Incomplete",
    "Link",
    "LinkGroup",
    "ListItem",
    "Mark",
    "MarkKind",
    "Member",
    "Metadata",
    "Section",
    "SectionKind",
    "Span",
]
